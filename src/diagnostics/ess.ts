import { isDegenerate, type ChainMatrix } from './draws.js';
import { MeanAutocovariance } from './mean-autocovariance.js';
import { mean, variance } from './moments.js';
import { quantileSorted, quantiles } from './quantiles.js';
import { rankNormalize } from './rank.js';
import { splitChains } from './split.js';

/**
 * Effective sample size of m chains × n draws by Geyer's initial monotone
 * sequence, a line-by-line port of posterior's `.ess` (R/convergence.R,
 * posterior 1.4.0), including its edge cases:
 * - null for fewer than 3 draws per chain or degenerate draws;
 * - ρ̂_t = 1 − (W − mean_j acov_j(t))/var⁺ with var⁺ = (n−1)/n·W + var(chain means);
 * - pairs ρ̂_{2k} + ρ̂_{2k+1} are summed while positive (up to lag n − 4) and
 *   made non-increasing;
 * - τ̂ = −1 + 2 Σ_{t<K} ρ̂_t + ρ̂_K, at least 1/log₁₀(mn); ESS = mn/τ̂.
 */
export function essGeyer(x: ChainMatrix): number | null {
  const m = x.chains;
  const n = x.draws;
  if (n < 3 || isDegenerate(x.values)) return null;
  // mean_j acov_j(t), computed only for the lags the sequence below reads
  const acovMeans = new MeanAutocovariance(x.values, m, n);
  const chainMeans = new Float64Array(m);
  for (let c = 0; c < m; c++) chainMeans[c] = mean(x.values, c * n, (c + 1) * n);

  const meanVar = (acovMeans.at(0) * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) varPlus += variance(chainMeans);

  const rho = new Float64Array(n);
  const autocorrelation = (t: number): number => 1 - (meanVar - acovMeans.at(t)) / varPlus;
  let t = 0;
  let rhoEven = 1;
  rho[0] = rhoEven;
  let rhoOdd = autocorrelation(1);
  rho[1] = rhoOdd;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = autocorrelation(t);
    rhoOdd = autocorrelation(t + 1);
    if (rhoEven + rhoOdd >= 0) {
      rho[t] = rhoEven;
      rho[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  // Use the last even autocorrelation when positive (Geyer's truncation).
  if (rhoEven > 0) rho[maxT] = rhoEven;

  // Initial monotone sequence: pair sums never increase.
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    if (rho[t]! + rho[t + 1]! > rho[t - 2]! + rho[t - 1]!) {
      rho[t] = (rho[t - 2]! + rho[t - 1]!) / 2;
      rho[t + 1] = rho[t]!;
    }
  }

  // R's sum(rho_hat_t[1:max_t]) reads 1:0 = c(1, 0) when max_t = 0, i.e. ρ̂₀ alone.
  let sum = 0;
  if (maxT === 0) sum = rho[0]!;
  else for (let i = 0; i < maxT; i++) sum += rho[i]!;
  const total = m * n;
  let tau = -1 + 2 * sum + rho[maxT]!;
  // Cap the ESS at mn·log₁₀(mn) against unstable estimates for antithetic chains.
  tau = Math.max(tau, 1 / Math.log10(total));
  return total / tau;
}

/** Bulk ESS: ESS of the rank-normalised split draws. */
export function essBulk(x: ChainMatrix): number | null {
  return essGeyer(rankNormalize(splitChains(x)));
}

/** ESS of split draws without rank normalisation (posterior's `ess_mean`, `ess_basic`); `work` may hold the split. */
export function essMean(x: ChainMatrix, work?: Float64Array): number | null {
  return essGeyer(splitChains(x, undefined, work));
}

/**
 * ESS of the quantile q_p: ESS of the split indicator I(x ≤ q_p), with q_p
 * the type-7 quantile of all draws (posterior's `.ess_quantile`). `sorted`
 * (x's values sorted) and `work` (for the split indicator) save allocations.
 */
export function essQuantile(x: ChainMatrix, p: number, sorted?: Float64Array, work?: Float64Array): number | null {
  if (isDegenerate(x.values)) return null;
  const len = x.values.length;
  const prob = p === 1 ? (len - 0.5) / len : p;
  const q = sorted ? quantileSorted(sorted, prob) : quantiles(x.values, [prob])[0]!;
  return essGeyer(splitChains(x, (v) => (v <= q ? 1 : 0), work));
}

/** Tail ESS: the smaller of the ESS of the 5% and 95% quantiles; null if either is. */
export function essTail(x: ChainMatrix, sorted?: Float64Array, work?: Float64Array): number | null {
  const low = essQuantile(x, 0.05, sorted, work);
  const high = essQuantile(x, 0.95, sorted, work);
  if (low === null || high === null) return null;
  return Math.min(low, high);
}
