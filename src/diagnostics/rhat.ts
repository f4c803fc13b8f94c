import { chainRow, isDegenerate, mapDraws, type ChainMatrix } from './draws.js';
import { mean, variance } from './moments.js';
import { rankNormalize } from './rank.js';
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
    const row = chainRow(x, c);
    chainMeans[c] = mean(row);
    within += variance(row);
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
  const bulk = basicRhat(rankNormalize(splitChains(x)));
  const med = median(x.values);
  const folded = mapDraws(x, (v) => Math.abs(v - med));
  const tail = basicRhat(rankNormalize(splitChains(folded)));
  if (bulk === null || tail === null) return null;
  return Math.max(bulk, tail);
}
