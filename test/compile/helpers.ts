/** Shared helpers of the compile tests: loading examples and plain-JS densities. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelData } from '../../src/model/types.js';

export const EXAMPLES = join(import.meta.dirname, '../../examples/models');

export function example(name: string): { source: string; data: ModelData } {
  const source = readFileSync(join(EXAMPLES, `${name}.stan`), 'utf8');
  const dataPath = join(EXAMPLES, `${name}.data.json`);
  const data = existsSync(dataPath) ? (JSON.parse(readFileSync(dataPath, 'utf8')) as ModelData) : {};
  return { source, data };
}

const LOG_2PI = Math.log(2 * Math.PI);

export function normalLpdf(y: number, mu: number, sigma: number): number {
  const z = (y - mu) / sigma;
  return -0.5 * LOG_2PI - Math.log(sigma) - 0.5 * z * z;
}

export function cauchyLpdf(y: number, mu: number, sigma: number): number {
  const z = (y - mu) / sigma;
  return -Math.log(Math.PI) - Math.log(sigma) - Math.log1p(z * z);
}

export const invLogit = (u: number): number => 1 / (1 + Math.exp(-u));

/** Deterministic pseudo-random points in (-r, r). */
export function points(n: number, seed: number, r = 1.5): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 * r - r;
  });
}
