/** Ground-truth metrics: energy distance, mode fractions, basins, Gaussian KL and the exact ULA recursion. */
import dists from '@stdlib/stats-base-dists';
import { describe, expect, it } from 'vitest';
import { basinOccupancy, parseBasins } from '../../src/diagnostics/basins.js';
import { energyDistance, erf, gaussianEnergyDistance1d } from '../../src/diagnostics/energy-distance.js';
import { fitGaussian, gaussianFitKl, gaussianKl } from '../../src/diagnostics/gaussian-kl.js';
import { modeFractions, parseModes } from '../../src/diagnostics/mode-fractions.js';
import { ulaGaussianMoments, ulaStationaryVariance, ulaVarianceInflation } from '../../src/diagnostics/ula-gaussian.js';
import { LangevinError } from '../../src/errors.js';
import { gaussians } from './helpers.js';

const normalCdf = (dists as unknown as { normal: { cdf: (x: number, m: number, s: number) => number } }).normal.cdf;

function shifted(seed: string, n: number, mu: number, sigma: number): Float64Array {
  return gaussians(seed, n).map((z) => mu + sigma * z);
}

describe('energy distance', () => {
  it('erf agrees with 1 − 2Φ(−x√2)', () => {
    for (const x of [0.01, 0.3, 1, 2.4, 2.6, 4, 6])
      expect(Math.abs(erf(x) - (1 - 2 * normalCdf(-x * Math.SQRT2, 0, 1)))).toBeLessThan(2e-15);
  });

  it('the 1-d closed form matches a direct numerical integral of E|X − Y|', () => {
    // E|D| for D ~ N(δ, s²) by the trapezoid rule.
    const delta = 0.7;
    const s = Math.hypot(1, 2);
    let integral = 0;
    const h = 1e-3;
    for (let u = -12 * s; u <= 12 * s; u += h)
      integral += (h * Math.abs(u) * Math.exp(-0.5 * ((u - delta) / s) ** 2)) / (s * Math.sqrt(2 * Math.PI));
    const expected = 2 * integral - 2 / Math.sqrt(Math.PI) - 4 / Math.sqrt(Math.PI);
    expect(gaussianEnergyDistance1d(delta, 1, 0, 2)).toBeCloseTo(expected, 6);
    expect(gaussianEnergyDistance1d(0.3, 1.2, 0.3, 1.2)).toBeCloseTo(0, 14);
  });

  it('is near 0 for two samples of the same law (within Monte Carlo error)', () => {
    const n = 4000;
    const d = energyDistance(gaussians('a', n), n, gaussians('b', n), n, 1);
    // The U-statistic has mean 0; its sd over seeds is 5e-4 here.
    expect(Math.abs(d)).toBeLessThan(2.5e-3);
  });

  it('matches the closed form for shifted and scaled Gaussians', () => {
    const n = 20000;
    // Tolerances are 5 Monte Carlo sd (sd measured over 20 replicate seeds: 0.004, 0.009, 0.018).
    for (const [mu, sigma, tolerance] of [
      [0.5, 1, 0.02],
      [1, 2, 0.05],
      [-2, 0.5, 0.09],
    ] as const) {
      const d = energyDistance(shifted(`x${mu}`, n, 0, 1), n, shifted(`y${mu}`, n, mu, sigma), n, 1);
      expect(Math.abs(d - gaussianEnergyDistance1d(0, 1, mu, sigma))).toBeLessThan(tolerance);
    }
  });

  it('the pairwise (d > 1) path equals the sorted 1-d path', () => {
    const n = 300;
    const x = shifted('px', n, 0, 1);
    const y = shifted('py', n + 7, 0.4, 1.5);
    const embed = (v: Float64Array) => {
      const out = new Float64Array(2 * v.length);
      v.forEach((value, i) => (out[2 * i] = value));
      return out;
    };
    const oneD = energyDistance(x, n, y, n + 7, 1);
    const twoD = energyDistance(embed(x), n, embed(y), n + 7, 2);
    expect(Math.abs(oneD - twoD)).toBeLessThan(1e-12);
  });

  it('is invariant to a rotation in 2-d and grows with a shift', () => {
    const n = 500;
    const x = gaussians('rx', 2 * n);
    const y = gaussians('ry', 2 * n).map((v, i) => (i % 2 === 0 ? v + 1 : v));
    const rotate = (v: Float64Array) => {
      const out = new Float64Array(v.length);
      const c = Math.cos(0.7);
      const s = Math.sin(0.7);
      for (let i = 0; i < v.length; i += 2) {
        out[i] = c * v[i]! - s * v[i + 1]!;
        out[i + 1] = s * v[i]! + c * v[i + 1]!;
      }
      return out;
    };
    const d = energyDistance(x, n, y, n, 2);
    expect(energyDistance(rotate(x), n, rotate(y), n, 2)).toBeCloseTo(d, 10);
    expect(d).toBeGreaterThan(0.2);
  });
});

describe('mode fractions', () => {
  it('counts the nearest centre over the first coordinates', () => {
    // Draws in 2-d; centres give only the first coordinate.
    const draws = Float64Array.from([-1.2, 5, -0.1, 0, 0.9, -3, 1.1, 0, 0.2, 1, 3, 3]);
    const result = modeFractions(draws, 6, 2, [[-1], [1]]);
    expect(result.map((r) => r.fraction)).toEqual([2 / 6, 4 / 6]);
    expect(result[0]!.center).toEqual([-1]);
  });
  it('recovers the weights of a two-component mixture', () => {
    const n = 10000;
    const z = gaussians('mix', n);
    const u = gaussians('mixu', n);
    const draws = z.map((v, i) => (u[i]! < normalQuantile30 ? -3 + 0.5 * v : 3 + 0.5 * v));
    const f = modeFractions(draws, n, 1, parseModes('-3; 3'));
    // P(u < Φ⁻¹(0.3)) = 0.3; binomial sd √(0.21/n) ≈ 0.0046.
    expect(Math.abs(f[0]!.fraction - 0.3)).toBeLessThan(0.02);
  });
  it('parses --modes and rejects bad input', () => {
    expect(parseModes('-1,0; 1,0')).toEqual([
      [-1, 0],
      [1, 0],
    ]);
    expect(() => parseModes('1,a')).toThrow(LangevinError);
    expect(() => parseModes('1,2;3')).toThrow(/same number/);
  });
});
const normalQuantile30 = -0.524400512708041;

describe('basins', () => {
  it('parses names with brackets and commas', () => {
    expect(parseBasins('x=-1; x=1')).toEqual([{ x: -1 }, { x: 1 }]);
    expect(parseBasins('L[2,3]=1, mu = 0.5; L[2,3]=-1,mu=0')).toEqual([
      { 'L[2,3]': 1, mu: 0.5 },
      { 'L[2,3]': -1, mu: 0 },
    ]);
    expect(() => parseBasins('x:1')).toThrow(LangevinError);
  });
  it('measures occupancy and counts transitions per chain, skipping draws between basins', () => {
    // Two chains of 8 draws, two columns (x, y); basins on x only.
    const xs = [
      [-1, -0.9, 0, 1.1, 0.2, 1, -1, -1],
      [1, 1, 1, 1, 1, 1, 1, 0.95],
    ];
    const out = new Float64Array(2 * 8 * 2);
    xs.forEach((chain, c) => chain.forEach((x, t) => (out[(c * 8 + t) * 2] = x)));
    const r = basinOccupancy(out, 2, 8, ['x', 'y'], parseBasins('x=-1; x=1'), 0.25);
    // Chain 1: −1 −1 · +1 · +1 −1 −1 → 2 transitions; chain 2 stays.
    expect(r.transitions_per_chain).toEqual([2, 0]);
    expect(r.occupancy.map((o) => o.fraction)).toEqual([4 / 16, 10 / 16]);
    expect(() => basinOccupancy(out, 2, 8, ['x', 'y'], [{ z: 1 }], 0.25)).toThrow(/no parameter named 'z'/);
    expect(() => basinOccupancy(out, 2, 8, ['xx', 'y'], [{ x: 1 }], 0.25)).toThrow(/did you mean 'xx'/);
  });
});

describe('Gaussian KL', () => {
  const target = { mean: Float64Array.from([1, -1]), cov: Float64Array.from([2, 0.6, 0.6, 1]) };
  it('is zero for equal Gaussians and matches the 1-d formula', () => {
    expect(gaussianKl(target, target)).toBeCloseTo(0, 14);
    const [mu, s2, m, sigma2] = [0.3, 0.5, -0.2, 2];
    const expected = 0.5 * Math.log(sigma2 / s2) + (s2 + (mu - m) ** 2) / (2 * sigma2) - 0.5;
    const kl = gaussianKl(
      { mean: Float64Array.of(mu), cov: Float64Array.of(s2) },
      { mean: Float64Array.of(m), cov: Float64Array.of(sigma2) },
    );
    expect(kl).toBeCloseTo(expected, 14);
  });
  it('of a product of 1-d Gaussians is the sum of the 1-d KLs', () => {
    const fit = { mean: Float64Array.from([0.5, 2]), cov: Float64Array.from([0.3, 0, 0, 4]) };
    const tgt = { mean: Float64Array.from([0, 1]), cov: Float64Array.from([1, 0, 0, 2]) };
    const one = (mu: number, s2: number, m: number, v: number) =>
      0.5 * Math.log(v / s2) + (s2 + (mu - m) ** 2) / (2 * v) - 0.5;
    expect(gaussianKl(fit, tgt)).toBeCloseTo(one(0.5, 0.3, 0, 1) + one(2, 4, 1, 2), 13);
  });
  it('is null for a singular fit', () => {
    expect(gaussianKl({ mean: Float64Array.from([0, 0]), cov: Float64Array.from([1, 1, 1, 1]) }, target)).toBeNull();
  });
  it('of a fit to exact draws is small (about d(d + 3)/(4n))', () => {
    const n = 20000;
    const z = gaussians('fit', 2 * n);
    // Draws of N(m, Σ) via the Cholesky factor of [[2, .6], [.6, 1]].
    const l11 = Math.sqrt(2);
    const l21 = 0.6 / l11;
    const l22 = Math.sqrt(1 - l21 * l21);
    const draws = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      draws[2 * i] = 1 + l11 * z[2 * i]!;
      draws[2 * i + 1] = -1 + l21 * z[2 * i]! + l22 * z[2 * i + 1]!;
    }
    const g = fitGaussian(draws, n, 2);
    expect(g.cov[1]).toBeCloseTo(0.6, 1);
    const kl = gaussianFitKl(draws, n, target)!;
    expect(kl).toBeGreaterThan(0);
    expect(kl).toBeLessThan((10 * (2 * 5)) / (4 * n));
  });
});

describe('exact ULA on a Gaussian', () => {
  it('converges to σ²/(1 − η/(2σ²)) in one dimension', () => {
    const target = { mean: Float64Array.of(2), cov: Float64Array.of(1.5) };
    const eta = 0.3;
    const m = ulaGaussianMoments(target, eta, { mean: Float64Array.of(-4), cov: Float64Array.of(0) }, 400);
    expect(m.mean[0]).toBeCloseTo(2, 12);
    expect(m.cov[0]).toBeCloseTo(ulaStationaryVariance(1.5, eta), 12);
    expect(ulaStationaryVariance(1.5, eta)).toBeCloseTo(1.5 / (1 - 0.1), 14);
    expect(ulaStationaryVariance(1, 2)).toBe(Infinity);
  });
  it('one step follows μ′ = m + (I − ηP)(μ − m), S′ = (I − ηP)S(I − ηP) + 2ηI', () => {
    const target = { mean: Float64Array.from([0, 0]), cov: Float64Array.from([1, 0, 0, 4]) };
    const start = { mean: Float64Array.from([1, 1]), cov: Float64Array.from([1, 0, 0, 1]) };
    const r = ulaGaussianMoments(target, 0.1, start, 1);
    expect([...r.mean]).toEqual([0.9, 1 - 0.1 / 4]);
    expect(r.cov[0]).toBeCloseTo(0.81 + 0.2, 15);
    expect(r.cov[3]).toBeCloseTo((1 - 0.025) ** 2 + 0.2, 15);
    expect(r.cov[1]).toBe(0);
  });
  it('agrees with a simulation of 20 000 ULA chains (correlated 2-d target)', () => {
    const target = { mean: Float64Array.from([1, -1]), cov: Float64Array.from([2, 0.6, 0.6, 1]) };
    const det = 2 - 0.36;
    const P = [1 / det, -0.6 / det, -0.6 / det, 2 / det];
    const eta = 0.2;
    const k = 15;
    const n = 20000;
    const z = gaussians('ula', 2 * n * k);
    const x = new Float64Array(2 * n); // start at 0
    for (let step = 0; step < k; step++)
      for (let i = 0; i < n; i++) {
        const d0 = x[2 * i]! - 1;
        const d1 = x[2 * i + 1]! + 1;
        const g0 = P[0]! * d0 + P[1]! * d1;
        const g1 = P[2]! * d0 + P[3]! * d1;
        x[2 * i] = x[2 * i]! - eta * g0 + Math.sqrt(2 * eta) * z[(step * n + i) * 2]!;
        x[2 * i + 1] = x[2 * i + 1]! - eta * g1 + Math.sqrt(2 * eta) * z[(step * n + i) * 2 + 1]!;
      }
    const exact = ulaGaussianMoments(target, eta, { mean: new Float64Array(2), cov: new Float64Array(4) }, k);
    const sim = fitGaussian(x, n, 2);
    for (let j = 0; j < 2; j++) {
      const se = Math.sqrt(exact.cov[j * 3]! / n);
      expect(Math.abs(sim.mean[j]! - exact.mean[j]!)).toBeLessThan(4 * se);
    }
    for (let j = 0; j < 4; j++) expect(Math.abs(sim.cov[j]! - exact.cov[j]!)).toBeLessThan(0.05);
  });
  it('inverts the variance law', () => {
    const sigma2 = 0.8;
    const eta = 0.2;
    const v = ulaStationaryVariance(sigma2, eta);
    const r = ulaVarianceInflation(v, eta)!;
    expect(r.targetVariance).toBeCloseTo(sigma2, 14);
    expect(r.inflation).toBeCloseTo(v / sigma2, 14);
    // η/var = 0.1 ⇒ about 5.6% inflation.
    expect(ulaVarianceInflation(1, 0.1)!.inflation).toBeCloseTo(2 / (1 + Math.sqrt(0.8)), 14);
    expect(ulaVarianceInflation(1, 0.6)).toBeNull();
  });
});
