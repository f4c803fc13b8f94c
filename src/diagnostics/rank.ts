import type { ChainMatrix } from './draws.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Ranks 1..S of all pooled values, ties sharing their average rank (R's
 * `rank(ties.method = "average")`). Sorting a copy and counting by binary
 * search keeps it O(S log S) with the native numeric sort.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const fences = fencesOf(sorted);
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) ranks[i] = averageRank(sorted, fences, values[i]!);
  return ranks;
}

/** Every FENCE-th sorted value: a table small enough for the cache that narrows each search to one block. */
const FENCE = 64;

function fencesOf(sorted: Float64Array): Float64Array {
  const fences = new Float64Array(Math.ceil(sorted.length / FENCE));
  for (let j = 0; j < fences.length; j++) fences[j] = sorted[j * FENCE]!;
  return fences;
}

/** The average rank of v among the sorted values (positions below+1 … atOrBelow share v: their mean). */
function averageRank(sorted: Float64Array, fences: Float64Array, v: number): number {
  const S = sorted.length;
  // the first fence ≥ v bounds the first sorted value ≥ v from above, the fence before it from below
  const j = lowerBound(fences, v, 0, fences.length);
  const below = lowerBound(sorted, v, j === 0 ? 0 : (j - 1) * FENCE + 1, j === fences.length ? S : j * FENCE);
  let atOrBelow = below;
  // v is usually present once: look at the next entry before searching for the end of a run of ties
  if (below < S && sorted[below] === v) {
    atOrBelow = below + 1 < S && sorted[below + 1] === v ? upperBound(sorted, v, below + 2) : below + 1;
  }
  return (below + 1 + atOrBelow) / 2;
}

/** The first position in [lo, hi) whose value is not below v (hi if none); the answer must lie in [lo, hi]. */
function lowerBound(sorted: Float64Array, v: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rank normalisation (Vehtari et al. 2021): z = Φ⁻¹((r − 3/8)/(S + 1/4)) with
 * r the average rank over all S pooled draws. The layout is kept.
 * `sorted`, if given, must hold x's values sorted ascending (Float64Array
 * sort order) and saves sorting a copy; `out`, if given, receives z (it may
 * be x.values itself: each z only reads its own draw).
 */
export function rankNormalize(x: ChainMatrix, sorted?: Float64Array, out?: Float64Array): ChainMatrix {
  const values = x.values;
  const S = values.length;
  const order = sorted ?? Float64Array.from(values).sort();
  const fences = fencesOf(order);
  const z = out ? out.subarray(0, S) : new Float64Array(S);
  for (let i = 0; i < S; i++) z[i] = normalQuantile((averageRank(order, fences, values[i]!) - 0.375) / (S - 0.75 + 1));
  return { values: z, chains: x.chains, draws: x.draws };
}

/** The values sorted ascending, in `out` if given (long enough). */
export function sortedCopy(values: Float64Array, out?: Float64Array): Float64Array {
  const copy = out ? out.subarray(0, values.length) : new Float64Array(values.length);
  copy.set(values);
  return copy.sort();
}
