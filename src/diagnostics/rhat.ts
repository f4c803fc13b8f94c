import { isDegenerate, type ChainMatrix } from './draws.js';
import { mean, variance } from './moments.js';
import { rankNormalize, sortedCopy } from './rank.js';
import { splitChains } from './split.js';
import { median } from './quantiles.js';

/**
 * Basic R-hat of m chains × n draws (posterior's `.rhat`):
 * B = n·var(chain means), W = mean of chain variances,
 * R̂ = √((B/W + n − 1)/n). Null when the draws are degenerate (non-finite or
 * constant) or a variance is undefined; +∞ when every chain is constant but
 * the chains disagree.
 */
export function basicRhat(x: ChainMatrix): number | null {
  if (isDegenerate(x.values)) return null;
  const n = x.draws;
  const m = x.chains;
  const chainMeans = new Float64Array(m);
  let within = 0;
  for (let c = 0; c < m; c++) {
    chainMeans[c] = mean(x.values, c * n, (c + 1) * n);
    within += variance(x.values, c * n, (c + 1) * n);
  }
  within /= m;
  const between = n * variance(chainMeans);
  const r = Math.sqrt((between / within + n - 1) / n);
  return Number.isNaN(r) ? null : r;
}

/**
 * Rank-normalised split R-hat (Vehtari et al. 2021): the larger of the R-hat
 * of the rank-normalised split draws (location) and of the rank-normalised
 * split |x − median(x)| (scale). Null if either is undefined, as in posterior.
 */
export function rhat(x: ChainMatrix): number | null {
  return rhatFrom(x, basicRhat(rankNormalize(splitChains(x))), median(x.values));
}

/**
 * R-hat given the location part `bulkRhat` (basicRhat of the rank-normalised
 * split draws) and the median, which the summary shares with the bulk ESS and
 * the quantiles; `work`, if given, is two buffers of chains × draws: the
 * folded split draws (then their normal scores, in place) and their sorted copy.
 */
export function rhatFrom(
  x: ChainMatrix,
  bulkRhat: number | null,
  med: number,
  work?: [Float64Array, Float64Array],
): number | null {
  const folded = splitChains(x, (v) => Math.abs(v - med), work?.[0]);
  const tail = basicRhat(rankNormalize(folded, sortedCopy(folded.values, work?.[1]), work ? folded.values : undefined));
  if (bulkRhat === null || tail === null) return null;
  return Math.max(bulkRhat, tail);
}
