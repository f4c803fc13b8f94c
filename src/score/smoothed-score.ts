/**
 * The Gaussian-smoothed score of a model, for annealing a model that does
 * not read `noise`: p_σ = π ∗ N(0, σ²I) has two expressions of its score,
 *
 *     ∇log p_σ(x) = E[∇log π(Y)] = (E[Y] − x)/σ²,   Y ~ π(y) N(y; x, σ²I) / p_σ(x),
 *
 * both estimated by self-normalised importance sampling with the proposal
 * N(x, σ²I): y_k = x + σ z_k, w_k ∝ π(y_k). The first (gradient) form is
 * accurate when π is wide compared with σ, the second (Tweedie) form when
 * it is narrow: with few effective draws the gradient form is off by a
 * factor of about σ²/s² (s the width of π), which throws particles far out
 * at large σ. We return the mix (1 − λ)·gradient + λ·Tweedie with
 * λ = σ²c/(1 + σ²c), c the curvature of −log π across the draws (the
 * least-squares slope of ∇log π(y_k) against y_k, unweighted, averaged over
 * coordinates; λ = 0 where c ≤ 0). For a Gaussian π, c = 1/s² and
 * λ = σ²/(s² + σ²) is the weight at which the errors of the two forms
 * cancel exactly, whatever the draws. Both forms are consistent in K, so
 * the mix is too (biased for finite K, as any ratio estimator). σ = 0
 * gives ∇log π(x) itself.
 */
import { InternalError } from '../errors.js';
import type { Potential } from '../model/types.js';
import type { Streams } from '../random/streams.js';

export interface SmoothedScoreEstimator {
  /** Write the estimate of ∇log p_σ at n points (n × d) into out (n × d). */
  (x: Float64Array, n: number, sigma: number, out: Float64Array): void;
}

/**
 * An estimator of the smoothed score of `potential` with K draws per
 * point; point p draws from streams[p] (so `streams` needs ≥ n entries).
 * One batched potential call of n·K points per estimate.
 * @example
 * ```js
 * // plain JavaScript: in TypeScript, the Rng type of createRng is not the Stream type taken here
 * import { compile, createRng, smoothedScore } from 'langevin';
 * const model = await compile('parameters { real x; } model { x ~ normal(0, 1); }');
 * // the score of N(0, 1) smoothed by N(0, σ²) is −x / (1 + σ²): −1 at x = 2, σ = 1
 * const estimate = smoothedScore(model, 20000, [createRng(1)]);
 * const out = new Float64Array(1);
 * estimate(new Float64Array([2]), 1, 1, out);
 * console.log(Math.abs(out[0] + 1) < 0.05); // → true
 * ```
 */
export function smoothedScore(potential: Potential, samples: number, streams: Streams): SmoothedScoreEstimator {
  if (!Number.isSafeInteger(samples) || samples < 1) throw new InternalError(`smoothedScore: samples = ${samples}`);
  const dim = potential.dim;
  const K = samples;
  let y = new Float64Array(0);
  const sum = new Float64Array(dim); // Σ w ∇log π(y)
  const first = new Float64Array(dim); // Σ w (y − x)
  const meanY = new Float64Array(dim); // Σ (y − x), unweighted
  const meanG = new Float64Array(dim); // Σ ∇log π(y), unweighted
  return (x, n, sigma, out) => {
    if (streams.length < n) throw new InternalError(`smoothedScore: ${streams.length} streams for ${n} points`);
    if (sigma === 0) {
      out.set(potential.logDensityAndGradient(x.subarray(0, n * dim), n).gradient);
      return;
    }
    if (y.length !== n * K * dim) y = new Float64Array(n * K * dim);
    for (let p = 0; p < n; p++) {
      const base = p * K * dim;
      streams[p]!.fillNormal(y, base, K * dim);
      for (let k = 0; k < K; k++) {
        for (let i = 0; i < dim; i++) y[base + k * dim + i] = x[p * dim + i]! + sigma * y[base + k * dim + i]!;
      }
    }
    const { logDensity, gradient } = potential.logDensityAndGradient(y, n * K);
    for (let p = 0; p < n; p++) {
      // Log-sum-exp weights; non-finite densities or gradients get weight 0.
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const lp = logDensity[p * K + k]!;
        if (lp > max && usable(gradient, (p * K + k) * dim, dim)) max = lp;
      }
      for (let i = 0; i < dim; i++) out[p * dim + i] = 0;
      if (max === -Infinity || !Number.isFinite(max)) {
        for (let i = 0; i < dim; i++) out[p * dim + i] = NaN;
        continue;
      }
      let total = 0;
      sum.fill(0);
      first.fill(0);
      meanY.fill(0);
      meanG.fill(0);
      let used = 0;
      for (let k = 0; k < K; k++) {
        const row = p * K + k;
        const lp = logDensity[row]!;
        if (!(lp > -Infinity) || !usable(gradient, row * dim, dim)) continue;
        const w = Math.exp(lp - max);
        total += w;
        used++;
        for (let i = 0; i < dim; i++) {
          const dy = y[row * dim + i]! - x[p * dim + i]!;
          const g = gradient[row * dim + i]!;
          sum[i] += w * g;
          first[i] += w * dy;
          meanY[i] += dy;
          meanG[i] += g;
        }
      }
      // Curvature c = −Σ(g − ḡ)·(y − ȳ) / Σ‖y − ȳ‖² over the usable draws.
      let cross = 0;
      let spread = 0;
      for (let k = 0; k < K && used > 1; k++) {
        const row = p * K + k;
        if (!(logDensity[row]! > -Infinity) || !usable(gradient, row * dim, dim)) continue;
        for (let i = 0; i < dim; i++) {
          const dy = y[row * dim + i]! - x[p * dim + i]! - meanY[i]! / used;
          cross += (gradient[row * dim + i]! - meanG[i]! / used) * dy;
          spread += dy * dy;
        }
      }
      const c = spread > 0 ? -cross / spread : 0;
      const lambda = c > 0 ? (sigma * sigma * c) / (1 + sigma * sigma * c) : 0;
      for (let i = 0; i < dim; i++) {
        const gradientForm = sum[i]! / total;
        const tweedieForm = first[i]! / total / (sigma * sigma);
        out[p * dim + i] = (1 - lambda) * gradientForm + lambda * tweedieForm;
      }
    }
  };
}

function usable(gradient: Float64Array, from: number, dim: number): boolean {
  let mark = 0;
  for (let i = from; i < from + dim; i++) mark += gradient[i]! * 0;
  return mark === 0;
}
