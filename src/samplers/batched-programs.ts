/**
 * Chains whose transitions need different numbers of gradients (nuts: one
 * tree of 2^depth leapfrogs per chain, a different depth per chain) as
 * per-chain programs evaluated together. Each chain's transition is a
 * generator that yields a position whenever it needs log π and ∇log π
 * there; the runner gathers the pending positions of all chains still
 * working into one block, calls the batched potential once, and resumes
 * each chain with its row. Chains that finished early simply stop
 * submitting, so every call evaluates only live chains and no work is
 * masked away. A chain's draws depend only on its own stream, never on
 * which other chains share its batch.
 */
import type { Potential } from '../model/types.js';

export interface Evaluation {
  logDensity: number;
  /** ∇log π, dim numbers owned by the receiver. */
  gradient: Float64Array;
}

/** A chain's program: yields positions (dim) to evaluate, returns its result. */
export type ChainProgram<R> = Generator<Float64Array, R, Evaluation>;

export interface BatchedRun<R> {
  results: R[];
  /** Batched potential calls made. */
  calls: number;
  /** Evaluations each chain's program asked for. */
  evaluations: Float64Array;
}

export function runBatched<R>(potential: Potential, programs: Array<ChainProgram<R>>): BatchedRun<R> {
  const dim = potential.dim;
  const n = programs.length;
  const results = new Array<R>(n);
  const pending: Array<Float64Array | undefined> = new Array(n);
  const live: number[] = [];
  for (let c = 0; c < n; c++) {
    const first = programs[c]!.next();
    if (first.done) results[c] = first.value;
    else {
      pending[c] = first.value;
      live.push(c);
    }
  }
  let calls = 0;
  const evaluations = new Float64Array(n);
  let block = new Float64Array(0);
  while (live.length > 0) {
    if (block.length !== live.length * dim) block = new Float64Array(live.length * dim);
    for (let j = 0; j < live.length; j++) block.set(pending[live[j]!]!, j * dim);
    const evaluated = potential.logDensityAndGradient(block, live.length);
    calls++;
    const still: number[] = [];
    for (let j = 0; j < live.length; j++) {
      const c = live[j]!;
      evaluations[c]++;
      const next = programs[c]!.next({
        logDensity: evaluated.logDensity[j]!,
        gradient: evaluated.gradient.slice(j * dim, (j + 1) * dim),
      });
      if (next.done) results[c] = next.value;
      else {
        pending[c] = next.value;
        still.push(c);
      }
    }
    live.length = 0;
    live.push(...still);
  }
  return { results, calls, evaluations };
}
