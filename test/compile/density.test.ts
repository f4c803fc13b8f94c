/**
 * Log densities of posteriordb models at given unconstrained points,
 * against the same density written out independently in plain JS (every
 * constant kept, Jacobians included).
 */
import { describe, expect, test } from 'vitest';
import { compileSync } from '../../src/compile/compile.js';
import { cauchyLpdf, example, invLogit, normalLpdf, points } from './helpers.js';

function logDensityAt(name: string, x: Float64Array): number {
  const { source, data } = example(name);
  const model = compileSync(source, { data, file: `${name}.stan` });
  expect(model.dim).toBe(x.length);
  return model.logDensity(x, 1)[0]!;
}

function eightSchoolsData(): { y: number[]; sigma: number[] } {
  return example('eight_schools_noncentered').data as unknown as { y: number[]; sigma: number[] };
}

describe('hand-computed log densities', () => {
  test('eight schools, non-centred', () => {
    const { y, sigma } = eightSchoolsData();
    for (const seed of [1, 2]) {
      const x = points(10, seed);
      const mu = x[0]!;
      const tau = Math.exp(x[1]!);
      let lp = normalLpdf(mu, 0, 5) + cauchyLpdf(tau, 0, 5) + x[1]!;
      for (let j = 0; j < 8; j++) {
        const t = x[2 + j]!;
        lp += normalLpdf(t, 0, 1) + normalLpdf(y[j]!, mu + tau * t, sigma[j]!);
      }
      expect(logDensityAt('eight_schools_noncentered', x)).toBeCloseTo(lp, 9);
    }
  });

  test('eight schools, centred', () => {
    const { y, sigma } = eightSchoolsData();
    for (const seed of [3, 4]) {
      const x = points(10, seed);
      const mu = x[0]!;
      const tau = Math.exp(x[1]!);
      let lp = normalLpdf(mu, 0, 5) + cauchyLpdf(tau, 0, 5) + x[1]!;
      for (let j = 0; j < 8; j++) lp += normalLpdf(x[2 + j]!, mu, tau) + normalLpdf(y[j]!, x[2 + j]!, sigma[j]!);
      expect(logDensityAt('eight_schools_centered', x)).toBeCloseTo(lp, 9);
    }
  });

  test('eight schools with offset/multiplier equals the non-centred density', () => {
    // theta = mu + tau * y: the Jacobian log(tau) turns normal(theta | mu, tau) into normal(y | 0, 1).
    for (const seed of [5, 6]) {
      const x = points(10, seed);
      expect(logDensityAt('eight_schools_offset', x)).toBeCloseTo(logDensityAt('eight_schools_noncentered', x), 9);
    }
  });

  test('kidiq', () => {
    const { data } = example('kidiq');
    const kid = data.kid_score as number[];
    const mom = data.mom_iq as number[];
    const x = Float64Array.of(26, 0.6, Math.log(18));
    const sigma = Math.exp(x[2]!);
    let lp = cauchyLpdf(sigma, 0, 2.5) + x[2]!;
    for (let n = 0; n < kid.length; n++) lp += normalLpdf(kid[n]!, x[0]! + x[1]! * mom[n]!, sigma);
    expect(logDensityAt('kidiq', x)).toBeCloseTo(lp, 7);
  });

  test('arK', () => {
    const { data } = example('arK');
    const K = data.K as number;
    const T = data.T as number;
    const y = data.y as number[];
    const x = points(K + 2, 7, 0.5);
    const alpha = x[0]!;
    const beta = Array.from(x.subarray(1, K + 1));
    const sigma = Math.exp(x[K + 1]!);
    let lp = normalLpdf(alpha, 0, 10) + cauchyLpdf(sigma, 0, 2.5) + x[K + 1]!;
    for (const b of beta) lp += normalLpdf(b, 0, 10);
    for (let t = K; t < T; t++) {
      let mu = alpha;
      for (let k = 0; k < K; k++) mu += beta[k]! * y[t - k - 1]!;
      lp += normalLpdf(y[t]!, mu, sigma);
    }
    expect(logDensityAt('arK', x)).toBeCloseTo(lp, 8);
  });

  test('garch(1,1), with a bound that depends on another parameter', () => {
    const { data } = example('garch');
    const T = data.T as number;
    const y = data.y as number[];
    const sigma1 = data.sigma1 as number;
    const x = Float64Array.of(5, Math.log(0.5), 0.3, -0.4);
    const mu = x[0]!;
    const alpha0 = Math.exp(x[1]!);
    const alpha1 = invLogit(x[2]!);
    const beta1 = (1 - alpha1) * invLogit(x[3]!);
    const logitJacobian = (u: number) => Math.log(invLogit(u)) + Math.log(1 - invLogit(u));
    let lp = x[1]! + logitJacobian(x[2]!) + Math.log(1 - alpha1) + logitJacobian(x[3]!);
    let sigma = sigma1;
    lp += normalLpdf(y[0]!, mu, sigma);
    for (let t = 1; t < T; t++) {
      sigma = Math.sqrt(alpha0 + alpha1 * (y[t - 1]! - mu) ** 2 + beta1 * sigma ** 2);
      lp += normalLpdf(y[t]!, mu, sigma);
    }
    expect(logDensityAt('garch', x)).toBeCloseTo(lp, 8);
  });
});
