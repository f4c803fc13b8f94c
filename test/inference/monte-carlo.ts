/**
 * How the statistical tests compare a Monte Carlo estimate with the truth.
 *
 * - ESS floor: an estimate counts only with ess_bulk and ess_tail of at
 *   least ESS_FLOOR (400: 100 per chain for 4 chains, where MCSE and R-hat
 *   are reliable, Vehtari et al. 2021) and R-hat below 1.01. Below that the
 *   MCSE itself is noise and the test fails as "not enough draws", not as
 *   "wrong answer".
 * - Tolerance: Z = 4 Monte Carlo standard errors (a correct sampler fails a
 *   comparison with probability 6e-5, so a file of ~10 comparisons at fixed
 *   seeds passes by chance failure far less than once in 1000 seed changes)
 *   plus the rounding of the reference value (given as written, e.g.
 *   '4.41': ± 0.005).
 */
import { expect } from 'vitest';
import type { ParameterSummary } from '../../src/io/summary-json.js';

export const ESS_FLOOR = 400;
export const RHAT_CEILING = 1.01;
export const Z = 4;

/**
 * A reference value written as text ('4.41', '0.059', '18.28') and half a
 * unit in its last written place, the most its rounding can be off by.
 */
export function reference(text: string): { value: number; rounding: number } {
  const decimals = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return { value: Number(text), rounding: 0.5 * 10 ** -decimals };
}

/** The ESS floor and R-hat ceiling for one parameter's summary row. */
export function expectEnoughDraws(row: ParameterSummary): void {
  expect(row.ess_bulk, `${row.name} ess_bulk`).toBeGreaterThanOrEqual(ESS_FLOOR);
  expect(row.ess_tail, `${row.name} ess_tail`).toBeGreaterThanOrEqual(ESS_FLOOR);
  expect(row.rhat, `${row.name} R-hat`).toBeLessThan(RHAT_CEILING);
}

/**
 * The posterior mean and sd of `row` agree with references given as text
 * (see `reference`): within Z MCSEs plus the references' rounding.
 */
export function expectPosterior(row: ParameterSummary | undefined, meanText: string, sdText: string): void {
  expect(row, 'parameter in the summary').toBeDefined();
  const r = row!;
  expectEnoughDraws(r);
  const mean = reference(meanText);
  const sd = reference(sdText);
  const meanTolerance = Z * r.mcse_mean! + mean.rounding;
  const sdTolerance = Z * r.mcse_sd! + sd.rounding;
  expect(Math.abs(r.mean! - mean.value), `${r.name} mean ${r.mean} vs ${meanText} (MCSE ${r.mcse_mean})`).toBeLessThan(
    meanTolerance,
  );
  expect(Math.abs(r.sd! - sd.value), `${r.name} sd ${r.sd} vs ${sdText} (MCSE ${r.mcse_sd})`).toBeLessThan(sdTolerance);
}

/**
 * An estimate averaged over independent chains, with its MCSE from the
 * spread of the per-chain estimates (no model of the autocorrelation
 * needed) and its ESS relative to `iidVariance`, the variance of one iid
 * draw's contribution (so ESS = iidVariance / MCSE²).
 */
export function acrossChains(perChain: number[], iidVariance: number): { estimate: number; mcse: number; ess: number } {
  const k = perChain.length;
  const estimate = perChain.reduce((a, b) => a + b, 0) / k;
  const spread = perChain.reduce((a, b) => a + (b - estimate) ** 2, 0) / (k - 1);
  const mcse = Math.sqrt(spread / k);
  return { estimate, mcse, ess: iidVariance / (mcse * mcse) };
}
