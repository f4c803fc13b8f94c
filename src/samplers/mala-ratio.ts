/**
 * The MALA log acceptance ratio of one chain (docs/math.md), for the target
 * π^β with the proposal of `langevinProposal`:
 *
 *     log α = β(ℓ' − ℓ) − ½‖ξ + √(ηβ/2) M^{1/2}(∇ + ∇')‖² + ½‖ξ‖²
 *
 * where ℓ = log π, ∇ = ∇log π (β = 1: the textbook MALA ratio). Written
 * through the noise ξ it stays accurate for tiny η (no cancellation of two
 * large Gaussian exponents). A NaN result means rejection.
 */
export function malaLogRatio(
  logDensity: number,
  proposalLogDensity: number,
  gradient: Float64Array,
  proposalGradient: Float64Array,
  noise: Float64Array,
  invMetric: Float64Array,
  row: number,
  metricRow: number,
  dim: number,
  stepSize: number,
  inverseTemperature: number,
): number {
  const half = (stepSize * inverseTemperature) / 2;
  let quadratic = 0;
  for (let i = 0; i < dim; i++) {
    const k = row + i;
    const m = invMetric[metricRow + i];
    // the unit metric (no warm-up, or before the first metric window) skips the square root
    const d = (m === 1 ? Math.sqrt(half) : Math.sqrt(half * m)) * (gradient[k] + proposalGradient[k]);
    // (ξ + d)² − ξ² = d(2ξ + d)
    quadratic += d * (2 * noise[k] + d);
  }
  return inverseTemperature * (proposalLogDensity - logDensity) - 0.5 * quadratic;
}

/** min(1, exp(log α)), with NaN and −∞ giving 0. */
export function acceptProbability(logRatio: number): number {
  if (!(logRatio > -Infinity)) return 0;
  return logRatio >= 0 ? 1 : Math.exp(logRatio);
}
