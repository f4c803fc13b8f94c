/**
 * Random number generators: sample moments against closed forms (within
 * 5 Monte Carlo standard errors), Kolmogorov–Smirnov distance against the
 * reference CDF for continuous laws, and outcome frequencies against the
 * reference pmf for discrete ones. Fixed seeds: deterministic.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { distributions, findDistribution } from '../../stdlib/index.js';
import { seededRng } from './helpers.js';
import { binomialVariate, poissonVariate } from '../../stdlib/distributions/samplers.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const d: any = require('@stdlib/stats-base-dists');

const N = 20000;

/** Distributions with their own rng test below (multivariate or with extra arguments). */
const DEDICATED = ['categorical', 'categorical_logit', 'multinomial', 'ordered_logistic'];

interface Law {
  params: number[];
  mean?: number;
  variance?: number;
  cdf?: (y: number) => number;
  pmf?: (k: number) => number;
}

const invLogit = (x: number) => 1 / (1 + Math.exp(-x));

const LAWS: Record<string, Law> = {
  normal: { params: [1, 2], mean: 1, variance: 4, cdf: (y) => d.normal.cdf(y, 1, 2) },
  std_normal: { params: [], mean: 0, variance: 1, cdf: (y) => d.normal.cdf(y, 0, 1) },
  student_t: { params: [5, 1, 2], mean: 1, variance: (4 * 5) / 3, cdf: (y) => d.t.cdf((y - 1) / 2, 5) },
  cauchy: { params: [-1, 0.5], cdf: (y) => d.cauchy.cdf(y, -1, 0.5) },
  double_exponential: { params: [1, 2], mean: 1, variance: 8, cdf: (y) => d.laplace.cdf(y, 1, 2) },
  logistic: { params: [1, 2], mean: 1, variance: (4 * Math.PI ** 2) / 3, cdf: (y) => d.logistic.cdf(y, 1, 2) },
  lognormal: {
    params: [0.2, 0.5],
    mean: Math.exp(0.2 + 0.125),
    variance: (Math.exp(0.25) - 1) * Math.exp(0.4 + 0.25),
    cdf: (y) => d.lognormal.cdf(y, 0.2, 0.5),
  },
  exponential: { params: [2.5], mean: 0.4, variance: 0.16, cdf: (y) => d.exponential.cdf(y, 2.5) },
  gamma: { params: [0.6, 2], mean: 0.3, variance: 0.15, cdf: (y) => d.gamma.cdf(y, 0.6, 2) },
  inv_gamma: { params: [5, 2], mean: 0.5, variance: 4 / (16 * 3), cdf: (y) => d.invgamma.cdf(y, 5, 2) },
  beta: { params: [0.5, 3], mean: 0.5 / 3.5, variance: 1.5 / (3.5 ** 2 * 4.5), cdf: (y) => d.beta.cdf(y, 0.5, 3) },
  uniform: { params: [-1, 3], mean: 1, variance: 16 / 12, cdf: (y) => d.uniform.cdf(y, -1, 3) },
  chi_square: { params: [3], mean: 3, variance: 6, cdf: (y) => d.chisquare.cdf(y, 3) },
  inv_chi_square: { params: [7], mean: 1 / 5, variance: 2 / (25 * 3), cdf: (y) => d.invgamma.cdf(y, 3.5, 0.5) },
  weibull: {
    params: [1.5, 2],
    mean: d.weibull.mean(1.5, 2),
    variance: d.weibull.variance(1.5, 2),
    cdf: (y) => d.weibull.cdf(y, 1.5, 2),
  },
  gumbel: {
    params: [1, 2],
    mean: d.gumbel.mean(1, 2),
    variance: d.gumbel.variance(1, 2),
    cdf: (y) => d.gumbel.cdf(y, 1, 2),
  },
  pareto: {
    params: [1, 4.5],
    mean: d.pareto1.mean(4.5, 1),
    variance: d.pareto1.variance(4.5, 1),
    cdf: (y) => d.pareto1.cdf(y, 4.5, 1),
  },
  rayleigh: {
    params: [1.5],
    mean: 1.5 * Math.sqrt(Math.PI / 2),
    variance: ((4 - Math.PI) / 2) * 2.25,
    cdf: (y) => d.rayleigh.cdf(y, 1.5),
  },
  frechet: {
    params: [4.5, 2],
    mean: d.frechet.mean(4.5, 2, 0),
    variance: d.frechet.variance(4.5, 2, 0),
    cdf: (y) => d.frechet.cdf(y, 4.5, 2, 0),
  },
  scaled_inv_chi_square: {
    params: [9, 1.5],
    mean: d.invgamma.mean(4.5, 9 * 1.125),
    variance: d.invgamma.variance(4.5, 9 * 1.125),
    cdf: (y) => d.invgamma.cdf(y, 4.5, 9 * 1.125),
  },
  skew_normal: {
    params: [1, 2, 3],
    mean: 1 + 2 * (3 / Math.sqrt(10)) * Math.sqrt(2 / Math.PI),
    variance: 4 * (1 - (2 * 0.9) / Math.PI),
  },
  exp_mod_normal: { params: [1, 0.5, 2], mean: 1.5, variance: 0.5 },
  bernoulli: { params: [0.3], mean: 0.3, variance: 0.21, pmf: (k) => d.bernoulli.pmf(k, 0.3) },
  bernoulli_logit: { params: [-0.5], mean: invLogit(-0.5), variance: invLogit(-0.5) * (1 - invLogit(-0.5)) },
  binomial: { params: [20, 0.3], mean: 6, variance: 4.2, pmf: (k) => d.binomial.pmf(k, 20, 0.3) },
  binomial_logit: {
    params: [1000, 0.4],
    mean: 1000 * invLogit(0.4),
    variance: 1000 * invLogit(0.4) * (1 - invLogit(0.4)),
  },
  beta_binomial: { params: [10, 2, 3], mean: 4, variance: (10 * 2 * 3 * 15) / (25 * 6) },
  poisson: { params: [3.5], mean: 3.5, variance: 3.5, pmf: (k) => d.poisson.pmf(k, 3.5) },
  poisson_log: { params: [Math.log(250)], mean: 250, variance: 250 },
  neg_binomial_2: {
    params: [4, 2.5],
    mean: 4,
    variance: 4 + 16 / 2.5,
    pmf: (k) => d.negativeBinomial.pmf(k, 2.5, 2.5 / 6.5),
  },
  neg_binomial: { params: [3, 0.5], mean: 6, variance: 18, pmf: (k) => d.negativeBinomial.pmf(k, 3, 0.5 / 1.5) },
  neg_binomial_2_log: { params: [Math.log(30), 5], mean: 30, variance: 30 + 900 / 5 },
};

function draws(name: string, params: number[], seed: string): Float64Array {
  const entry = findDistribution(name)!;
  const rng = seededRng(seed);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++)
    out[i] = entry.rng!(
      rng,
      params,
      params.map(() => []),
    ) as number;
  return out;
}

function moments(x: ArrayLike<number>): { mean: number; variance: number } {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i]!;
  m /= x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i]! - m) ** 2;
  return { mean: m, variance: v / (x.length - 1) };
}

function ksDistance(x: Float64Array, cdf: (y: number) => number): number {
  const s = Float64Array.from(x).sort();
  let dmax = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]!);
    dmax = Math.max(dmax, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  }
  return dmax;
}

describe('rng', () => {
  it('has a law to test for every univariate distribution', () => {
    const univariate = distributions.filter((e) => e.variate === 'reals' || e.variate === 'ints');
    for (const e of univariate) {
      if (DEDICATED.includes(e.name) || !e.rng) continue;
      expect(LAWS[e.name], e.name).toBeDefined();
    }
  });

  describe.each(Object.entries(LAWS))('%s', (name, law) => {
    const x = draws(name, law.params, `rng-${name}`);

    // Laws without a finite mean and variance (cauchy) are skipped, visibly; the KS test covers them.
    it.runIf(law.mean !== undefined && law.variance !== undefined)('has the right mean and variance', () => {
      const m = moments(x);
      expect(Math.abs(m.mean - law.mean!), `mean ${m.mean} vs ${law.mean}`).toBeLessThan(
        5 * Math.sqrt(law.variance! / N),
      );
      // variance: relative error within 10% (≥ 4 standard errors for kurtosis ≤ 30)
      expect(Math.abs(m.variance / law.variance! - 1), `variance ${m.variance} vs ${law.variance}`).toBeLessThan(0.1);
    });

    it.runIf(law.cdf !== undefined)('passes a Kolmogorov–Smirnov test (0.1% level: ~30 laws are tested)', () => {
      expect(ksDistance(x, law.cdf!)).toBeLessThan(1.95 / Math.sqrt(N));
    });

    it.runIf(law.pmf !== undefined)('has outcome frequencies matching the pmf', () => {
      for (let k = 0; k < 12; k++) {
        const p = law.pmf!(k);
        const freq = x.filter((v) => v === k).length / N;
        expect(Math.abs(freq - p), `P(${k})`).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / N) + 1e-12);
      }
    });
  });

  it('samples large Poisson and binomial counts exactly in mean and variance', () => {
    const rng = seededRng('large');
    const pois = Float64Array.from({ length: N }, () => poissonVariate(rng, 1e4));
    const bin = Float64Array.from({ length: N }, () => binomialVariate(rng, 1e6, 0.002));
    const mp = moments(pois);
    const mb = moments(bin);
    expect(Math.abs(mp.mean - 1e4)).toBeLessThan(5 * Math.sqrt(1e4 / N));
    expect(Math.abs(mp.variance / 1e4 - 1)).toBeLessThan(0.05);
    expect(Math.abs(mb.mean - 2000)).toBeLessThan(5 * Math.sqrt(1996 / N));
    expect(Math.abs(mb.variance / 1996 - 1)).toBeLessThan(0.05);
    expect(pois.every(Number.isInteger) && bin.every(Number.isInteger)).toBe(true);
  });

  it('samples categorical and categorical_logit by their probabilities', () => {
    const theta = Float64Array.of(0.2, 0.5, 0.3);
    for (const [name, arg] of [
      ['categorical', theta],
      ['categorical_logit', theta.map(Math.log)],
    ] as const) {
      const rng = seededRng(name);
      const counts = [0, 0, 0];
      for (let i = 0; i < N; i++) counts[(findDistribution(name)!.rng!(rng, [arg], [[3]]) as number) - 1]!++;
      theta.forEach((p, k) => expect(Math.abs(counts[k]! / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N)));
    }
  });

  it('samples dirichlet with mean alpha / sum(alpha), also for tiny alpha', () => {
    const rng = seededRng('dirichlet');
    const alpha = Float64Array.of(0.5, 2, 1.5);
    const sum = [0, 0, 0];
    for (let i = 0; i < N; i++) {
      const t = findDistribution('dirichlet')!.rng!(rng, [alpha], [[3]]) as Float64Array;
      expect(Math.abs(t.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
      t.forEach((v, k) => (sum[k]! += v));
    }
    alpha.forEach((a, k) => {
      const m = a / 4;
      const sd = Math.sqrt((m * (1 - m)) / 5);
      expect(Math.abs(sum[k]! / N - m)).toBeLessThan((5 * sd) / Math.sqrt(N));
    });
    const tiny = findDistribution('dirichlet')!.rng!(rng, [Float64Array.of(1e-3, 1e-3)], [[2]]) as Float64Array;
    expect(tiny.every(Number.isFinite)).toBe(true);
    expect(Math.abs(tiny[0]! + tiny[1]! - 1)).toBeLessThan(1e-12);
  });

  it('samples multi_normal and multi_normal_cholesky with the right mean and covariance', () => {
    const mu = Float64Array.of(1, -2);
    const sigma = Float64Array.of(2, 0.6, 0.6, 1);
    const l = Float64Array.of(Math.SQRT2, 0, 0.6 / Math.SQRT2, Math.sqrt(1 - 0.18));
    for (const [name, m] of [
      ['multi_normal', sigma],
      ['multi_normal_cholesky', l],
    ] as const) {
      const rng = seededRng(name);
      const xs: Float64Array[] = [];
      for (let i = 0; i < N; i++) xs.push(findDistribution(name)!.rng!(rng, [mu, m], [[2], [2, 2]]) as Float64Array);
      const mean = [0, 1].map((k) => xs.reduce((s, x) => s + x[k]!, 0) / N);
      const cov = (a: number, b: number) =>
        xs.reduce((s, x) => s + (x[a]! - mean[a]!) * (x[b]! - mean[b]!), 0) / (N - 1);
      expect(Math.abs(mean[0]! - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
      expect(Math.abs(mean[1]! + 2)).toBeLessThan(5 * Math.sqrt(1 / N));
      expect(Math.abs(cov(0, 0) - 2)).toBeLessThan(0.1);
      expect(Math.abs(cov(0, 1) - 0.6)).toBeLessThan(0.05);
      expect(Math.abs(cov(1, 1) - 1)).toBeLessThan(0.05);
    }
  });

  it('samples multi_student_t with the right mean and covariance nu/(nu - 2)·Sigma', () => {
    const rng = seededRng('mst');
    const mu = Float64Array.of(1, -2);
    const sigma = Float64Array.of(2, 0.6, 0.6, 1);
    const nu = 8;
    const xs: Float64Array[] = [];
    for (let i = 0; i < N; i++)
      xs.push(findDistribution('multi_student_t')!.rng!(rng, [nu, mu, sigma], [[], [2], [2, 2]]) as Float64Array);
    const mean = [0, 1].map((k) => xs.reduce((s, x) => s + x[k]!, 0) / N);
    const cov = (a: number, b: number) => xs.reduce((s, x) => s + (x[a]! - mean[a]!) * (x[b]! - mean[b]!), 0) / (N - 1);
    const f = nu / (nu - 2);
    expect(Math.abs(mean[0]! - 1)).toBeLessThan(5 * Math.sqrt((2 * f) / N));
    expect(Math.abs(cov(0, 0) / (2 * f) - 1)).toBeLessThan(0.1);
    expect(Math.abs(cov(0, 1) / (0.6 * f) - 1)).toBeLessThan(0.15);
  });

  it('samples LKJ correlation matrices with unit diagonal and marginal variance 1/(2 eta + K - 1)', () => {
    const k = 3;
    const eta = 2;
    for (const name of ['lkj_corr_cholesky', 'lkj_corr']) {
      const rng = seededRng(name);
      let sum = 0;
      let sumSq = 0;
      const m = 5000;
      for (let i = 0; i < m; i++) {
        const x = findDistribution(name)!.rng!(rng, [k, eta], [[], []]) as Float64Array;
        const omega = new Float64Array(k * k);
        for (let r = 0; r < k; r++)
          for (let c = 0; c < k; c++) {
            if (name === 'lkj_corr') omega[r * k + c] = x[r * k + c]!;
            else for (let t = 0; t < k; t++) omega[r * k + c] += x[r * k + t]! * x[c * k + t]!;
          }
        for (let r = 0; r < k; r++) expect(Math.abs(omega[r * k + r]! - 1)).toBeLessThan(1e-12);
        const r12 = omega[1]!;
        sum += r12;
        sumSq += r12 * r12;
      }
      const variance = 1 / (2 * eta + k - 1);
      expect(Math.abs(sum / m)).toBeLessThan(5 * Math.sqrt(variance / m));
      expect(Math.abs(sumSq / m / variance - 1)).toBeLessThan(0.1);
    }
  });

  it('samples multinomial counts that add up, with mean N·theta', () => {
    const rng = seededRng('multinomial');
    const theta = Float64Array.of(0.2, 0.5, 0.3);
    const sums = [0, 0, 0];
    const m = 5000;
    for (let i = 0; i < m; i++) {
      const y = findDistribution('multinomial')!.rng!(rng, [theta, 50], [[3], []]) as Float64Array;
      expect(y.reduce((s, v) => s + v, 0)).toBe(50);
      y.forEach((v, k) => (sums[k]! += v));
    }
    theta.forEach((p, k) =>
      expect(Math.abs(sums[k]! / m - 50 * p)).toBeLessThan(5 * Math.sqrt((50 * p * (1 - p)) / m)),
    );
  });

  it('samples ordered_logistic outcomes with the model probabilities', () => {
    const rng = seededRng('ordered');
    const cuts = Float64Array.of(-1, 0.5, 2);
    const eta = 0.3;
    const F = (j: number) => (j <= 0 ? 0 : j > 3 ? 1 : 1 / (1 + Math.exp(-(cuts[j - 1]! - eta))));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < N; i++)
      counts[(findDistribution('ordered_logistic')!.rng!(rng, [eta, cuts], [[], [3]]) as number) - 1]!++;
    counts.forEach((c, k) => {
      const p = F(k + 1) - F(k);
      expect(Math.abs(c / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    });
  });

  it('is deterministic for a seed', () => {
    expect(Array.from(draws('gamma', [2, 1], 'same').slice(0, 5))).toEqual(
      Array.from(draws('gamma', [2, 1], 'same').slice(0, 5)),
    );
  });
});
