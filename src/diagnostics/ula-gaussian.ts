import { InternalError, LangevinError } from '../errors.js';
import { cholesky, choleskyInverse, identity, matMul } from './dense.js';
import type { Gaussian } from './gaussian-kl.js';

/**
 * The exact law of ULA on a Gaussian target N(m, Σ): if x₀ ~ N(μ₀, S₀) then
 * every iterate of x' = x − ηP(x − m) + √(2η)ξ (P = Σ⁻¹) is Gaussian with
 *
 *     μ' = m + (I − ηP)(μ − m),     S' = (I − ηP) S (I − ηP)ᵀ + 2η I.
 *
 * Returns the mean and covariance after k steps (k = 0 gives the start);
 * a point start has S₀ = 0. Used to check the samplers exactly and to show
 * the step-size bias in the docs.
 */
export function ulaGaussianMoments(target: Gaussian, eta: number, start: Gaussian, k: number): Gaussian {
  const d = target.mean.length;
  if (start.mean.length !== d || start.cov.length !== d * d || target.cov.length !== d * d)
    throw new InternalError('ulaGaussianMoments: dimensions differ');
  if (!(eta > 0) || !Number.isInteger(k) || k < 0) throw new LangevinError('need a positive step size and k ≥ 0 steps');
  const l = cholesky(target.cov, d);
  if (!l) throw new LangevinError('ulaGaussianMoments: the target covariance is not positive definite');
  const precision = choleskyInverse(l, d);
  const a = identity(d);
  for (let i = 0; i < d * d; i++) a[i] = a[i]! - eta * precision[i]!;
  // A = I − ηP is symmetric, so Aᵀ = A.
  let mean: Float64Array = Float64Array.from(start.mean);
  let cov: Float64Array = Float64Array.from(start.cov);
  for (let step = 0; step < k; step++) {
    const next = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += a[i * d + j]! * (mean[j]! - target.mean[j]!);
      next[i] = target.mean[i]! + s;
    }
    mean = next;
    cov = matMul(matMul(a, cov, d), a, d);
    for (let i = 0; i < d; i++) cov[i * d + i] = cov[i * d + i]! + 2 * eta;
  }
  return { mean, cov };
}

/**
 * Stationary variance of ULA on N(m, σ²) in one dimension (per eigen-
 * direction in general): σ²/(1 − η/(2σ²)), finite iff η < 2σ².
 */
export function ulaStationaryVariance(sigma2: number, eta: number): number {
  if (!(eta < 2 * sigma2)) return Infinity;
  return sigma2 / (1 - eta / (2 * sigma2));
}

/**
 * Given the variance v observed along a coordinate of an ULA run with step
 * η, the target variance σ² that explains it under the Gaussian law
 * v = σ²/(1 − a/2) with a = η/σ², and the inflation v/σ² = 1/(1 − a/2).
 * r = η/v = a(1 − a/2) has two roots a = 1 ∓ √(1 − 2r); the chain's lag-1
 * autocorrelation, 1 − a on a Gaussian, tells which (a < 1 when it is
 * clearly negative; without it the smaller root). r may exceed 1/2 by Monte Carlo
 * error near a = 1 (up to 0.55 is read as a = 1); beyond that no Gaussian
 * target explains the run (far from stationary, or η outright too large):
 * null.
 */
export function ulaVarianceInflation(
  observedVariance: number,
  eta: number,
  lag1Autocorrelation?: number,
): { targetVariance: number; inflation: number } | null {
  const v = observedVariance;
  if (!(v > 0) || !(eta > 0)) return null;
  const r = eta / v;
  if (!(r <= 0.55)) return null;
  const s = Math.sqrt(Math.max(0, 1 - 2 * r));
  // The larger root only when the autocorrelation clearly points to it (−s for a = 1 + s).
  const a = lag1Autocorrelation !== undefined && lag1Autocorrelation < -s / 2 ? 1 + s : 1 - s;
  return { targetVariance: eta / a, inflation: 1 / (1 - a / 2) };
}
