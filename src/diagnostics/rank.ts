import type { ChainMatrix } from './draws.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Ranks 1..S of all pooled values, ties sharing their average rank (R's
 * `rank(ties.method = "average")`). Sorting a copy and counting by binary
 * search keeps it O(S log S) with the native numeric sort.
 */
export function averageRanks(values: Float64Array): Float64Array {
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const below = lowerBound(sorted, v);
    const atOrBelow = upperBound(sorted, v, below);
    // Positions below+1 … atOrBelow share the value: their mean rank.
    ranks[i] = (below + 1 + atOrBelow) / 2;
  }
  return ranks;
}

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
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
 */
export function rankNormalize(x: ChainMatrix): ChainMatrix {
  const ranks = averageRanks(x.values);
  const S = ranks.length;
  const z = new Float64Array(S);
  for (let i = 0; i < S; i++) z[i] = normalQuantile((ranks[i]! - 0.375) / (S - 0.75 + 1));
  return { values: z, chains: x.chains, draws: x.draws };
}
