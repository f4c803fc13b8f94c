/**
 * The float32 special functions against independent Float64 references
 * (@stdlib), including the tails where a naive float32 formula underflows
 * or cancels: erfc and Φ far out, log Φ at −30, Φ⁻¹ near 0 and 1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import gammaln from '@stdlib/math-base-special-gammaln';
import digammaRef from '@stdlib/math-base-special-digamma';
import { normal } from '@stdlib/stats-base-dists';
import { initTfjs } from '../../src/backends/tfjs/setup.js';
import {
  Phi,
  digamma,
  erfc,
  invPhi,
  lbeta,
  lgamma,
  log1mExp,
  log1pExp,
  logPhi,
} from '../../src/backends/tfjs/special.js';
import { lbeta as lbetaF64 } from '../../src/math/special.js';

function evaluate(f: (x: tf.Tensor) => tf.Tensor, xs: number[]): number[] {
  return tf.tidy(() => Array.from(f(tf.tensor1d(xs)).dataSync()));
}

/** Relative error, or absolute where the value is near 0. */
function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

beforeAll(async () => {
  await initTfjs();
});

describe('tfjs special functions vs @stdlib', () => {
  it('lgamma and digamma on (0, 100] and at negative non-integers', () => {
    const xs = [0.01, 0.3, 0.5, 1, 1.5, 2, 2.5, 7.9, 8, 12.3, 40, 100, -0.5, -1.3, -2.7].map(Math.fround);
    const lg = evaluate(lgamma, xs);
    const dg = evaluate(digamma, xs);
    xs.forEach((x, i) => {
      expect(relErr(lg[i]!, gammaln(x))).toBeLessThan(3e-6);
      expect(relErr(dg[i]!, digammaRef(x))).toBeLessThan(3e-6);
    });
  });
  it('erfc and Phi keep their relative precision in the tail', () => {
    // erfc(5) = 1.5374597944280349e-12, erfc(8) = 1.1224297172982928e-29.
    const [e5, e8] = evaluate(erfc, [5, 8]);
    expect(Math.abs(e5! / 1.5374597944280349e-12 - 1)).toBeLessThan(5e-6);
    expect(Math.abs(e8! / 1.1224297172982928e-29 - 1)).toBeLessThan(2e-5);
    const [p8] = evaluate(Phi, [-8]);
    expect(Math.abs(p8! / normal.cdf(-8, 0, 1) - 1)).toBeLessThan(2e-5);
  });
  it('log_Phi is finite and accurate far into the lower tail', () => {
    const xs = [-30, -12, -3, 0, 2, 6];
    const v = evaluate(logPhi, xs);
    xs.forEach((x, i) => expect(relErr(v[i]!, normal.logcdf(x, 0, 1))).toBeLessThan(5e-6));
  });
  it('inv_Phi near 0, 1/2 and 1', () => {
    const ps = [1e-6, 0.001, 0.02425, 0.3, 0.5, 0.9, 0.999].map(Math.fround);
    const v = evaluate(invPhi, ps);
    ps.forEach((p, i) => expect(relErr(v[i]!, normal.quantile(p, 0, 1))).toBeLessThan(5e-6));
    expect(evaluate(invPhi, [0, 1])).toEqual([-Infinity, Infinity]);
  });
  it('log1p_exp and log1m_exp do not lose small values', () => {
    const [a] = evaluate(log1pExp, [-20]);
    expect(Math.abs(a! / Math.log1p(Math.exp(-20)) - 1)).toBeLessThan(1e-6);
    const [b, c] = evaluate(log1mExp, [-1e-4, -30]);
    expect(relErr(b!, Math.log(-Math.expm1(Math.fround(-1e-4))))).toBeLessThan(1e-6);
    expect(Math.abs(c! / -Math.exp(-30) - 1)).toBeLessThan(1e-6);
  });
  it('lbeta does not cancel when an argument is large', () => {
    const a = [1000, 0.5, 30, 1e5, 2.5, 5e4];
    const b = [0.5, 1000, 40, 3, 7, 5e4];
    const v = tf.tidy(() => Array.from(lbeta(tf.tensor1d(a), tf.tensor1d(b)).dataSync()));
    a.forEach((x, i) => expect(Math.abs(v[i]! / lbetaF64(x, b[i]!) - 1)).toBeLessThan(1e-6));
  });
});
