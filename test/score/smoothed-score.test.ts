import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/random/streams.js';
import { smoothedScore } from '../../src/score/smoothed-score.js';
import { gaussianModel } from './helpers.js';

describe('smoothed-score estimator', () => {
  // π = N(μ, diag(s²)) ⇒ π ∗ N(0, σ²I) = N(μ, diag(s² + σ²)): score −(x − μ)/(s² + σ²).
  const mu = [1, -2];
  const sd = [1, 0.5];
  const model = gaussianModel(mu, sd);
  const points = Float64Array.from([1, -2, 2.5, -1, -1, -3, 0, 0]);
  const n = points.length / 2;

  const normal = (x: number, m: number, v: number): number =>
    Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);

  /**
   * Standard error of the self-normalised estimate: the weights π(y_k)
   * under y_k ~ N(x, σ²I) have ESS/K = (E w)²/E w², in closed form per
   * coordinate, and ∇log π(y) has sd τ/s² under y's posterior, τ² = s²σ²/(s² + σ²).
   */
  function standardErrors(x: number[], sigma: number, K: number): number[] {
    let essFraction = 1;
    for (let i = 0; i < 2; i++) {
      const s2 = sd[i]! ** 2;
      const ew = normal(x[i]!, mu[i]!, s2 + sigma ** 2);
      const ew2 = normal(x[i]!, mu[i]!, s2 / 2 + sigma ** 2) / (2 * Math.sqrt(Math.PI) * sd[i]!);
      essFraction *= (ew * ew) / ew2;
    }
    const ess = K * essFraction;
    return sd.map((s) => Math.sqrt((s * s * sigma * sigma) / (s * s + sigma * sigma)) / (s * s) / Math.sqrt(ess));
  }

  it('matches the exact smoothed score of a Gaussian within 4 standard errors', () => {
    const K = 20000;
    for (const sigma of [0.3, 1, 3]) {
      const estimate = smoothedScore(model, K, createStreams(7, n, 'test'));
      const out = new Float64Array(2 * n);
      estimate(points, n, sigma, out);
      for (let p = 0; p < n; p++) {
        const x = [points[2 * p]!, points[2 * p + 1]!];
        const se = standardErrors(x, sigma, K);
        for (let i = 0; i < 2; i++) {
          const exact = -(x[i]! - mu[i]!) / (sd[i]! ** 2 + sigma ** 2);
          expect(Math.abs(out[2 * p + i]! - exact)).toBeLessThan(4 * se[i]!);
        }
      }
    }
  });

  it('is the exact gradient at σ = 0 and NaN where no draw has a finite density', () => {
    const estimate = smoothedScore(model, 4, createStreams(1, n));
    const out = new Float64Array(2 * n);
    estimate(points, n, 0, out);
    expect(Array.from(out)).toEqual(Array.from(model.logDensityAndGradient(points, n).gradient));

    const nowhere = {
      ...model,
      logDensityAndGradient: (_x: Float64Array, c: number) => ({
        logDensity: new Float64Array(c).fill(-Infinity),
        gradient: new Float64Array(2 * c),
      }),
    };
    smoothedScore(nowhere, 4, createStreams(1, n))(points, n, 1, out);
    expect(out.every((v) => Number.isNaN(v))).toBe(true);
  });
});
