/** Shared helpers of the builder tests: example models, span-free comparison, seeded randomness. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Rng } from '../../stdlib/types.js';
import type { LangevinModel, ModelData } from '../../src/model/types.js';

const EXAMPLES = join(import.meta.dirname, '../../examples/models');

/** An example model's text and its data (empty when it has no data file). */
export function example(name: string): { source: string; data: ModelData } {
  const source = readFileSync(join(EXAMPLES, `${name}.stan`), 'utf8');
  const dataPath = join(EXAMPLES, `${name}.data.json`);
  const data = existsSync(dataPath) ? (JSON.parse(readFileSync(dataPath, 'utf8')) as ModelData) : {};
  return { source, data };
}

/** A deep copy without spans, for structural comparison. */
export function withoutSpans<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSpans) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span' || k.endsWith('Span') || v === undefined) continue;
      out[k] = withoutSpans(v);
    }
    return out as T;
  }
  return value;
}

/** mulberry32: a small seeded uniform generator. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded Rng (uniform + Box–Muller normals) for generate(). */
export function seededRng(seed: number): Rng {
  const u = uniform(seed);
  return {
    uniform: () => u() || 0.5 / 4294967296,
    normal: () => Math.sqrt(-2 * Math.log(u() || 1e-300)) * Math.cos(2 * Math.PI * u()),
  };
}

/** `chains` positions uniform in (−radius, radius)^dim. */
export function randomPoints(chains: number, dim: number, seed: number, radius = 2): Float64Array {
  const u = uniform(seed);
  return Float64Array.from({ length: chains * dim }, () => (2 * u() - 1) * radius);
}

/** Both models agree on dim, names, log density and gradient at `chains` random points, within `rtol`. */
export function expectSameDensity(a: LangevinModel, b: LangevinModel, seed: number, rtol = 0, chains = 5): void {
  expect(b.dim).toBe(a.dim);
  expect(b.unconstrainedNames).toEqual(a.unconstrainedNames);
  const x = randomPoints(chains, a.dim, seed);
  const ra = a.logDensityAndGradient(x, chains);
  const rb = b.logDensityAndGradient(x, chains);
  expectClose(rb.logDensity, ra.logDensity, rtol);
  expectClose(rb.gradient, ra.gradient, rtol);
  expectClose(b.logDensity(x, chains), ra.logDensity, rtol);
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    expect(Number.isFinite(e)).toBe(true);
    expect(Math.abs(actual[i]! - e)).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(e)));
  }
}
