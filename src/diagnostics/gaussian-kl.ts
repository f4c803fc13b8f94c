import { InternalError, LangevinError } from '../errors.js';
import { cholesky, choleskyInverse, choleskySolve, logDetFromCholesky } from './dense.js';

/** A Gaussian N(mean, cov) in d dimensions; cov row-major d × d. */
export interface Gaussian {
  mean: Float64Array;
  cov: Float64Array;
}

/**
 * KL(N(μ, S) ‖ N(m, Σ)) = ½[tr(Σ⁻¹S) + (m − μ)ᵀΣ⁻¹(m − μ) − d + ln det Σ − ln det S]
 * (docs/math.md). Here `fit` = N(μ, S) is the approximation (e.g. fitted to
 * draws) and `target` = N(m, Σ) the truth. Null when S is singular (the KL
 * is then infinite: a sample confined to a subspace).
 */
export function gaussianKl(fit: Gaussian, target: Gaussian): number | null {
  const d = fit.mean.length;
  if (target.mean.length !== d || fit.cov.length !== d * d || target.cov.length !== d * d)
    throw new InternalError('gaussianKl: dimensions of the two Gaussians differ');
  const lTarget = cholesky(target.cov, d);
  if (!lTarget) throw new LangevinError('gaussianKl: the target covariance is not positive definite');
  const lFit = cholesky(fit.cov, d);
  if (!lFit) return null;
  const targetInv = choleskyInverse(lTarget, d);
  let trace = 0;
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) trace += targetInv[i * d + k]! * fit.cov[k * d + i]!;
  const diff = new Float64Array(d);
  for (let i = 0; i < d; i++) diff[i] = target.mean[i]! - fit.mean[i]!;
  const solved = choleskySolve(lTarget, d, diff);
  let quad = 0;
  for (let i = 0; i < d; i++) quad += diff[i]! * solved[i]!;
  return 0.5 * (trace + quad - d + logDetFromCholesky(lTarget, d) - logDetFromCholesky(lFit, d));
}

/**
 * Fit a Gaussian to n draws (row-major n × d): the sample mean and the
 * sample covariance with the n − 1 denominator.
 */
export function fitGaussian(draws: Float64Array, n: number, d: number): Gaussian {
  if (draws.length !== n * d) throw new InternalError(`fitGaussian: ${draws.length} values for ${n} × ${d}`);
  if (n < 2) throw new LangevinError('fitGaussian: need at least two draws');
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] = mean[j]! + draws[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j] = mean[j]! / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const a = draws[i * d + j]! - mean[j]!;
      for (let k = 0; k <= j; k++) cov[j * d + k] = cov[j * d + k]! + a * (draws[i * d + k]! - mean[k]!);
    }
  for (let j = 0; j < d; j++)
    for (let k = 0; k <= j; k++) {
      const v = cov[j * d + k]! / (n - 1);
      cov[j * d + k] = v;
      cov[k * d + j] = v;
    }
  return { mean, cov };
}

/**
 * KL divergence of the Gaussian fitted to the draws from a Gaussian target:
 * a ground-truth metric for samplers run on N(m, Σ) (exact for a Gaussian
 * law of the draws, up to the Monte Carlo error of the fit; the fit alone
 * adds a bias of about d(d + 3)/(4n) for n independent draws).
 */
export function gaussianFitKl(draws: Float64Array, n: number, target: Gaussian): number | null {
  return gaussianKl(fitGaussian(draws, n, target.mean.length), target);
}
