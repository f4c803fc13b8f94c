/**
 * Log CDFs and log complementary CDFs against @stdlib/stats-base-dists,
 * including far tails (where a naive log(1 - F) would lose everything),
 * and their gradients against finite differences.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { distributions, findDistribution } from '../../stdlib/index.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import { gradientError } from '../ir/evaluate.js';
import type { Val } from '../../src/ir/ops.js';
import { close, constantOf, scalarOf, tracedDensity, type Plain } from './helpers.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const d: any = require('@stdlib/stats-base-dists');

/** CDF reference, parameters in Stan's order, and test points. */
const REFERENCE: Record<string, { cdf: (y: number, ...p: number[]) => number; params: number[]; points: number[] }> = {
  normal: { cdf: (y, mu, s) => d.normal.cdf(y, mu, s), params: [0.5, 2], points: [-3, 0, 0.5, 2, 7] },
  std_normal: { cdf: (y) => d.normal.cdf(y, 0, 1), params: [], points: [-2, -0.1, 0, 1.5, 5] },
  cauchy: { cdf: (y, mu, s) => d.cauchy.cdf(y, mu, s), params: [-1, 2], points: [-50, -1, 0, 3, 50] },
  double_exponential: { cdf: (y, mu, s) => d.laplace.cdf(y, mu, s), params: [0.5, 1.5], points: [-10, -1, 0.5, 1, 10] },
  logistic: { cdf: (y, mu, s) => d.logistic.cdf(y, mu, s), params: [0.5, 1.5], points: [-10, -1, 0.5, 1, 10] },
  lognormal: { cdf: (y, mu, s) => d.lognormal.cdf(y, mu, s), params: [0.2, 0.7], points: [0.1, 0.5, 1, 2, 8] },
  exponential: { cdf: (y, b) => d.exponential.cdf(y, b), params: [1.7], points: [0.01, 0.5, 1, 3] },
  uniform: { cdf: (y, a, b) => d.uniform.cdf(y, a, b), params: [-1, 3], points: [-0.5, 0, 1, 2.9] },
  weibull: { cdf: (y, a, s) => d.weibull.cdf(y, a, s), params: [1.5, 2], points: [0.1, 1, 2, 5] },
  gumbel: { cdf: (y, mu, b) => d.gumbel.cdf(y, mu, b), params: [0.5, 2], points: [-2, 0, 1, 6] },
  pareto: { cdf: (y, ymin, a) => d.pareto1.cdf(y, a, ymin), params: [1, 2.5], points: [1.1, 2, 5] },
  rayleigh: { cdf: (y, s) => d.rayleigh.cdf(y, s), params: [1.5], points: [0.1, 1, 2, 6] },
  frechet: { cdf: (y, a, s) => d.frechet.cdf(y, a, s, 0), params: [2.5, 1.5], points: [0.5, 1, 2, 6] },
  // regularised incomplete gamma and beta (src/math/incomplete.ts)
  gamma: { cdf: (y, a, b) => d.gamma.cdf(y, a, b), params: [2.5, 1.5], points: [0.05, 1, 1.6, 4, 9] },
  inv_gamma: { cdf: (y, a, b) => d.invgamma.cdf(y, a, b), params: [3.5, 2], points: [0.1, 0.5, 0.8, 2, 6] },
  chi_square: { cdf: (y, nu) => d.chisquare.cdf(y, nu), params: [4.5], points: [0.2, 2, 4, 9, 20] },
  beta: { cdf: (y, a, b) => d.beta.cdf(y, a, b), params: [2.5, 0.8], points: [0.01, 0.3, 0.6, 0.9, 0.999] },
  student_t: {
    cdf: (y, nu, mu, s) => d.t.cdf((y - mu) / s, nu),
    params: [3.5, 0.5, 2],
    points: [-40, -2, 0.1, 1, 3, 25],
  },
};

const lgammaRef: (x: number) => number = require('@stdlib/math-base-special-gammaln');
const gammainc: (
  x: number,
  a: number,
  regularized: boolean,
  upper: boolean,
) => number = require('@stdlib/math-base-special-gammainc');

/** log Q(a, x) from @stdlib's upper regularised incomplete gamma. */
function gammaUpperTail(a: number, x: number): number {
  return Math.log(gammainc(x, a, true, true));
}

function lcdf(name: string, which: 'logCdf' | 'logCcdf', y: Plain, params: number[]): number {
  const entry = findDistribution(name)!;
  const ops = new GraphBuilder();
  const vals = params.map((p) => ops.constant(p));
  return scalarOf(entry[which]!(ops, constantOf(ops, y), vals as Val[]));
}

describe('log CDFs', () => {
  it('exist for every univariate continuous distribution with a closed form CDF', () => {
    for (const name of Object.keys(REFERENCE)) {
      const entry = findDistribution(name)!;
      expect(entry.logCdf, name).toBeDefined();
      expect(entry.logCcdf, name).toBeDefined();
    }
    const withCdf = distributions.filter((e) => e.logCdf).map((e) => e.name);
    expect(withCdf.sort()).toEqual(Object.keys(REFERENCE).sort());
  });

  describe.each(Object.entries(REFERENCE))('%s', (name, ref) => {
    it('matches the reference CDF and complementary CDF', () => {
      for (const y of ref.points) {
        const F = ref.cdf(y, ...ref.params);
        expect(close(lcdf(name, 'logCdf', y, ref.params), Math.log(F), 1e-9), `lcdf at ${y}`).toBe(true);
        expect(close(lcdf(name, 'logCcdf', y, ref.params), Math.log1p(-F), 1e-9), `lccdf at ${y}`).toBe(true);
      }
    });

    it('sums over a vectorised variate', () => {
      const total = ref.points.reduce((s, y) => s + Math.log(ref.cdf(y, ...ref.params)), 0);
      expect(close(lcdf(name, 'logCdf', ref.points, ref.params), total, 1e-9)).toBe(true);
    });

    it('has gradients matching finite differences', () => {
      const entry = findDistribution(name)!;
      for (const which of ['logCdf', 'logCcdf'] as const) {
        const y = ref.points[1]!;
        const { build, x } = tracedDensity(entry, [y, ...ref.params], which);
        const r = gradientError(build, x, [x.length], 1e-4);
        expect(r.maxError, `${which}: ${Array.from(r.gradient)} vs ${Array.from(r.numeric)}`).toBeLessThan(1e-5);
      }
    });
  });

  it('stays accurate in the far tails', () => {
    // normal: log Phi(-30) and its mirror; a naive log(1 - Phi(30)) would be -Infinity.
    expect(close(lcdf('normal', 'logCdf', -30, [0, 1]), d.normal.logcdf(-30, 0, 1), 1e-9)).toBe(true);
    expect(close(lcdf('normal', 'logCcdf', 30, [0, 1]), d.normal.logcdf(-30, 0, 1), 1e-9)).toBe(true);
    expect(close(lcdf('std_normal', 'logCcdf', 12, []), d.normal.logcdf(-12, 0, 1), 1e-9)).toBe(true);
    // logistic: log(1 - inv_logit(40)) = -40 - log1p(exp(-40))
    expect(close(lcdf('logistic', 'logCcdf', 40, [0, 1]), -40 - Math.log1p(Math.exp(-40)), 1e-12)).toBe(true);
    // exponential: log(1 - exp(-1e-12)) ≈ log(1e-12)
    expect(close(lcdf('exponential', 'logCdf', 1e-12, [1]), Math.log(-Math.expm1(-1e-12)), 1e-9)).toBe(true);
    // double exponential: upper tail is log(1/2) - z exactly
    expect(close(lcdf('double_exponential', 'logCcdf', 800, [0, 1]), Math.log(0.5) - 800, 1e-12)).toBe(true);
  });

  it('keeps the tails of the incomplete gamma and beta CDFs', () => {
    // gamma upper tail: Q(2.5, 1.5·60) ≈ 1e-37, far below the resolution of 1 − P
    const q = Math.log(1 - d.gamma.cdf(8, 2.5, 1.5));
    expect(close(lcdf('gamma', 'logCcdf', 8, [2.5, 1.5]), q, 1e-9)).toBe(true);
    expect(close(lcdf('gamma', 'logCcdf', 60, [2.5, 1.5]), gammaUpperTail(2.5, 90), 1e-9)).toBe(true);
    // gamma lower tail: log P(2.5, 1e-9) = log(x^a / Γ(a + 1)) to first order
    expect(close(lcdf('gamma', 'logCdf', 1e-9, [2.5, 1]), 2.5 * Math.log(1e-9) - lgammaRef(3.5), 1e-8)).toBe(true);
    // student_t far left tail against @stdlib's own log CDF
    expect(close(lcdf('student_t', 'logCdf', -1e4, [3, 0, 1]), d.t.logcdf(-1e4, 3), 1e-9)).toBe(true);
    expect(close(lcdf('student_t', 'logCcdf', 1e4, [3, 0, 1]), d.t.logcdf(-1e4, 3), 1e-9)).toBe(true);
    // beta upper tail: 1 − I_x(2, 3) near x = 1 is (1 − x)^3 (4 − 3(1 − x))… exactly (1−x)^3(1+3x)
    const x = 1 - 1e-7;
    expect(close(lcdf('beta', 'logCcdf', x, [2, 3]), 3 * Math.log(1e-7) + Math.log(1 + 3 * x), 1e-8)).toBe(true);
  });

  it('is -Infinity / 0 outside a bounded support', () => {
    expect(lcdf('exponential', 'logCdf', -1, [2])).toBe(-Infinity);
    expect(lcdf('exponential', 'logCcdf', -1, [2]) === 0).toBe(true);
    expect(lcdf('uniform', 'logCdf', 5, [0, 1]) === 0).toBe(true);
    expect(lcdf('uniform', 'logCcdf', 5, [0, 1])).toBe(-Infinity);
    expect(lcdf('uniform', 'logCdf', -5, [0, 1])).toBe(-Infinity);
  });
});
