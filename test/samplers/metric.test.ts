/**
 * Metrics: the three row operations agree with each other (M⁻¹ L⁻ᵀ ξ = L ξ,
 * i.e. momentum has covariance M and noise covariance M⁻¹), and the window
 * estimators recover what they should: nutpie's √(var x / var ∇) is the
 * variance on a Gaussian, dense_e its covariance (with Stan's shrinkage),
 * low-rank its leading direction.
 */
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/random/streams.js';
import { createMetricEstimator } from '../../src/samplers/metric-estimator.js';
import { denseMetric, lowRankMetric, metricOps, type Metric } from '../../src/samplers/metric.js';
import type { KernelParams, LangevinState } from '../../src/samplers/types.js';

function consistent(ops: Pick<Metric, 'velocity' | 'momentum' | 'noise'>, dim: number, chain: number): void {
  const xi = Float64Array.from({ length: dim }, (_, i) => Math.sin(1 + 3 * i));
  const p = new Float64Array(dim);
  const v = new Float64Array(dim);
  const n = new Float64Array(dim);
  ops.momentum(chain, xi, 0, p, 0);
  ops.velocity(chain, p, 0, v, 0);
  ops.noise(chain, xi, 0, n, 0);
  for (let i = 0; i < dim; i++) expect(v[i]).toBeCloseTo(n[i]!, 10);
}

describe('metric operations', () => {
  it('diagonal, dense and low-rank satisfy M⁻¹ L⁻ᵀ ξ = L ξ', () => {
    consistent(metricOps({ invMetric: Float64Array.from([4, 0.25, 9]) }, 1, 3), 3, 0);
    // two chains, different dense metrics
    const cov = Float64Array.from([2, 0.5, 0.1, 0.5, 1, 0.3, 0.1, 0.3, 3, 1, 0, 0, 0, 2, 0.9, 0, 0.9, 1]);
    const dense = denseMetric(2, 3, cov);
    consistent(dense, 3, 0);
    consistent(dense, 3, 1);
    const u = Float64Array.from([1 / Math.SQRT2, 0, 1 / Math.SQRT2]); // one unit column (dim 3 × k 1)
    const lowRank = lowRankMetric(1, 3, 1, Float64Array.from([2, 1, 0.5]), u, Float64Array.from([9]));
    consistent(lowRank, 3, 0);
    // low-rank's matrix is S(I + U(λ − 1)Uᵀ)S
    const m = lowRank.matrix(0);
    expect(m[0]).toBeCloseTo(4 * (1 + 8 * 0.5), 10);
    expect(m[2]).toBeCloseTo(2 * 0.5 * 8 * 0.5, 10);
  });

  it('noiseTranspose is the transpose of noise: ⟨Lᵀv, w⟩ = ⟨v, Lw⟩ (dense and low-rank)', () => {
    const cov = Float64Array.from([2, 0.5, 0.1, 0.5, 1, 0.3, 0.1, 0.3, 3]);
    const u = Float64Array.from([1 / Math.SQRT2, 0, 1 / Math.SQRT2]);
    const metrics = [
      denseMetric(1, 3, cov),
      lowRankMetric(1, 3, 1, Float64Array.from([2, 1, 0.5]), u, Float64Array.from([9])),
    ];
    const v = Float64Array.from([0.3, -1.2, 2]);
    const w = Float64Array.from([1.5, 0.4, -0.7]);
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    for (const metric of metrics) {
      const ltv = new Float64Array(3);
      const lw = new Float64Array(3);
      metric.noiseTranspose(0, v, 0, ltv, 0);
      metric.noise(0, w, 0, lw, 0);
      expect(dot(ltv, w)).toBeCloseTo(dot(v, lw), 12);
    }
  });

  it('the scale-free dense estimate does not depend on the units of a coordinate', () => {
    // coordinate 2 in units 10⁴ times smaller: its estimate scales by 10⁻⁸, its correlation stays
    const streams = createStreams(9, 1);
    const make = () => createMetricEstimator('dense', 1, 2, true)!;
    const a = make();
    const b = make();
    for (let t = 0; t < 300; t++) {
      const x = streams[0]!.normal();
      const y = 0.99 * x + 0.1 * streams[0]!.normal();
      a.add({ position: Float64Array.from([x, y]) } as unknown as LangevinState);
      b.add({ position: Float64Array.from([x, 1e-4 * y]) } as unknown as LangevinState);
    }
    const pa: KernelParams = { stepSize: new Float64Array(1), invMetric: new Float64Array(2) };
    const pb: KernelParams = { stepSize: new Float64Array(1), invMetric: new Float64Array(2) };
    a.estimate(pa);
    b.estimate(pb);
    const ma = pa.metric!.matrix(0);
    const mb = pb.metric!.matrix(0);
    expect(mb[3]! / ma[3]!).toBeCloseTo(1e-8, 18);
    expect(mb[1]! / ma[1]!).toBeCloseTo(1e-4, 14);
    expect(mb[0]).toBeCloseTo(ma[0]!, 12);
  });
});

describe('metric estimators', () => {
  const dim = 2;
  const n = 4000;
  const streams = createStreams(3, 1);
  // x ~ N(0, Σ) with Σ = [[4, 1.8], [1.8, 1]], gradient −Σ⁻¹x
  const det = 4 - 1.8 * 1.8;
  const draws = Array.from({ length: n }, () => {
    const a = streams[0]!.normal();
    const b = streams[0]!.normal();
    const x = [2 * a, 0.9 * a + Math.sqrt(1 - 0.81) * b];
    const g = [-(1 * x[0]! - 1.8 * x[1]!) / det, -(-1.8 * x[0]! + 4 * x[1]!) / det];
    return { position: Float64Array.from(x), gradient: Float64Array.from(g) } as unknown as LangevinState;
  });
  const params = (): KernelParams => ({ stepSize: new Float64Array(1), invMetric: new Float64Array(dim) });

  it('diag (Fisher): √(var x / var ∇) on an independent Gaussian is its variance', () => {
    const e = createMetricEstimator('diag', 1, 2)!;
    const s = createStreams(4, 1)[0]!;
    for (let t = 0; t < n; t++) {
      const x = [3 * s.normal(), 0.1 * s.normal()];
      e.add({
        position: Float64Array.from(x),
        gradient: Float64Array.from([-x[0]! / 9, -x[1]! / 0.01]),
      } as unknown as LangevinState);
    }
    const p = params();
    e.estimate(p);
    // the Fisher fit is exact on a diagonal Gaussian (var x · σ⁴ / var x), up to Stan's shrinkage
    const shrink = (v: number) => (n / (n + 5)) * v + 1e-3 * (5 / (n + 5));
    expect(p.invMetric[0]).toBeCloseTo(shrink(9), 10);
    expect(p.invMetric[1]).toBeCloseTo(shrink(0.01), 10);
  });

  it('dense: the regularised covariance, within sampling error', () => {
    const e = createMetricEstimator('dense', 1, 2)!;
    for (const d of draws) e.add(d);
    const p = params();
    e.estimate(p);
    const m = p.metric!.matrix(0);
    // se of a covariance entry ≈ √((σ_ii σ_jj + σ_ij²)/n)
    expect(Math.abs(m[0]! - 4)).toBeLessThan(4 * Math.sqrt(32 / n));
    expect(Math.abs(m[1]! - 1.8)).toBeLessThan(4 * Math.sqrt((4 + 3.24) / n));
    expect(Math.abs(m[3]! - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(m[1]).toBe(m[2]);
  });

  it('low-rank: the correlated direction is captured (its matrix approaches Σ)', () => {
    const e = createMetricEstimator('low-rank', 1, 2)!;
    for (const d of draws) e.add(d);
    const p = params();
    e.estimate(p);
    expect(p.metric?.kind).toBe('low-rank');
    const m = p.metric!.matrix(0);
    // with k = 2 = dim the low-rank form is the whitened covariance, rescaled: close to Σ
    expect(m[1]! / Math.sqrt(m[0]! * m[3]!)).toBeGreaterThan(0.8);
  });
});
