/**
 * Shared test harness: evaluate a graph with tfjs for C chains and compare
 * each chain's log density and gradient with the Float64 reference.
 */
import { expect } from 'vitest';
import seedrandom from 'seedrandom';
import type { DensityGraph } from '../../src/ir/ops.js';
import { compileTfjs } from '../../src/backends/tfjs/compile.js';
import type { TfjsBackendName } from '../../src/backends/tfjs/setup.js';
import { referenceGradient, referenceLogDensity } from './reference.js';

export type Interval = readonly [number, number];
/** Where test inputs come from: random points in intervals, or a list of exact points. */
export type Domain = { intervals: readonly Interval[] } | { points: readonly number[] };

export function makeRng(seed: string): () => number {
  return seedrandom(seed);
}

/** n float32-representable values from a domain. */
export function sample(domain: Domain, n: number, rng: () => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if ('points' in domain) out.push(domain.points[Math.floor(rng() * domain.points.length)]!);
    else {
      const [lo, hi] = domain.intervals[Math.floor(rng() * domain.intervals.length)]!;
      out.push(Math.fround(lo + (hi - lo) * rng()));
    }
  }
  return out;
}

export interface Tolerance {
  /** |tfjs − ref| ≤ abs + rel·|ref| for the log density. */
  value: { abs: number; rel: number };
  /** Same, per gradient component. */
  gradient: { abs: number; rel: number };
}

/** Float32 evaluation: the worst errors measured over the op tables are about 2e-6. */
export const FLOAT32: Tolerance = {
  value: { abs: 1e-5, rel: 1e-5 },
  gradient: { abs: 5e-5, rel: 5e-5 },
};

export function close(actual: number, expected: number, tol: { abs: number; rel: number }): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= tol.abs + tol.rel * Math.abs(expected);
}

export interface CheckOptions {
  /** tfjs backend to compile for (default: the process default, wasm in Node). */
  backend?: TfjsBackendName;
  chains: number;
  /** chains × dim positions (float32-representable). */
  x: number[];
  noise?: number;
  /** The gradient is known to be identically zero (piecewise-constant ops). */
  zeroGradient?: boolean;
  tolerance?: Tolerance;
}

/** Compare tfjs with the reference on every chain; returns the worst errors seen. */
export async function checkAgainstReference(
  graph: DensityGraph,
  opts: CheckOptions,
): Promise<{ value: number; gradient: number }> {
  const { chains, x, noise = 0 } = opts;
  const tol = opts.tolerance ?? FLOAT32;
  const ev = await compileTfjs(graph, opts.backend ? { backend: opts.backend } : {});
  try {
    const xs = Float64Array.from(x);
    const { logDensity, gradient } = ev.logDensityAndGradient(xs, chains, noise);
    const valueOnly = ev.logDensity(xs, chains, noise);
    const dim = graph.dim;
    let worstValue = 0;
    let worstGradient = 0;
    for (let c = 0; c < chains; c++) {
      const xc = x.slice(c * dim, (c + 1) * dim);
      const ref = referenceLogDensity(graph, xc, noise);
      expect(valueOnly[c]).toBe(logDensity[c]);
      if (!close(logDensity[c]!, ref, tol.value)) {
        throw new Error(`chain ${c}: log density ${logDensity[c]} vs reference ${ref} at x = [${xc}]`);
      }
      if (Number.isFinite(ref)) worstValue = Math.max(worstValue, Math.abs(logDensity[c]! - ref) / (1 + Math.abs(ref)));
      const gref = opts.zeroGradient ? new Float64Array(dim) : referenceGradient(graph, xc, noise);
      for (let i = 0; i < dim; i++) {
        // No finite difference at an infinite coordinate.
        if (!Number.isFinite(xc[i]!)) continue;
        const g = gradient[c * dim + i]!;
        if (!close(g, gref[i]!, tol.gradient)) {
          throw new Error(`chain ${c}: gradient[${i}] ${g} vs reference ${gref[i]} at x = [${xc}]`);
        }
        if (Number.isFinite(gref[i]!))
          worstGradient = Math.max(worstGradient, Math.abs(g - gref[i]!) / (1 + Math.abs(gref[i]!)));
      }
    }
    return { value: worstValue, gradient: worstGradient };
  } finally {
    ev.dispose();
  }
}
