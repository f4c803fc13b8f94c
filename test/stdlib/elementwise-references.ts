/**
 * Plain-JavaScript references for the elementwise functions (Math, @stdlib,
 * closed forms) and the points they are checked at.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const gammaln: (x: number) => number = require('@stdlib/math-base-special-gammaln');
const gammafn: (x: number) => number = require('@stdlib/math-base-special-gamma');
const digammafn: (x: number) => number = require('@stdlib/math-base-special-digamma');
const erffn: (x: number) => number = require('@stdlib/math-base-special-erf');
const erfcfn: (x: number) => number = require('@stdlib/math-base-special-erfc');
const gammainc: (
  x: number,
  a: number,
  regularized?: boolean,
  upper?: boolean,
) => number = require('@stdlib/math-base-special-gammainc');
const betaln: (a: number, b: number) => number = require('@stdlib/math-base-special-betaln');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const dists: any = require('@stdlib/stats-base-dists');

const invLogit = (x: number) => 1 / (1 + Math.exp(-x));

/** Trigamma by the recurrence up to x + 50 and the asymptotic series there. */
function trigammaRef(x: number): number {
  let s = 0;
  while (x < 50) {
    s += 1 / (x * x);
    x += 1;
  }
  const x2 = x * x;
  return s + 1 / x + 1 / (2 * x2) + 1 / (6 * x2 * x) - 1 / (30 * x2 * x2 * x) + 1 / (42 * x2 * x2 * x2 * x);
}

const REAL = [-2.3, -0.7, 0.2, 1.5, 3.1];
const POS = [0.1, 0.7, 1.5, 3.2, 10];
const UNIT = [0.05, 0.3, 0.5, 0.8, 0.95];
const NEG = [-5, -1, -0.1, -0.01];
const ROUNDING = [-2.5, -1.2, -0.5, 0.4, 2.5, 3.7];

/** name → [reference, points, differentiable] */
export const UNARY: Record<string, [(x: number) => number, number[], boolean?]> = {
  exp: [Math.exp, REAL],
  exp2: [(x) => 2 ** x, REAL],
  log: [Math.log, POS],
  log2: [Math.log2, POS],
  log10: [Math.log10, POS],
  log1p: [Math.log1p, [-0.5, 1e-10, 0.3, 4]],
  expm1: [Math.expm1, [-3, 1e-10, 0.3, 4]],
  sqrt: [Math.sqrt, POS],
  cbrt: [Math.cbrt, [-8, -0.5, 0.3, 27]],
  square: [(x) => x * x, REAL],
  abs: [Math.abs, REAL],
  fabs: [Math.abs, REAL],
  inv: [(x) => 1 / x, [-2, -0.5, 0.3, 4]],
  inv_sqrt: [(x) => 1 / Math.sqrt(x), POS],
  inv_square: [(x) => 1 / (x * x), [-2, -0.5, 0.3, 4]],
  inv_logit: [invLogit, REAL],
  logit: [(x) => Math.log(x / (1 - x)), UNIT],
  log_inv_logit: [(x) => Math.log(invLogit(x)), REAL],
  log1m_inv_logit: [(x) => Math.log(1 - invLogit(x)), REAL],
  log1m: [(x) => Math.log(1 - x), [-2, 0.1, 0.5, 0.9]],
  log1p_exp: [(x) => Math.log(1 + Math.exp(x)), REAL],
  log1m_exp: [(x) => Math.log(1 - Math.exp(x)), NEG],
  inv_cloglog: [(x) => 1 - Math.exp(-Math.exp(x)), REAL],
  lgamma: [gammaln, [0.3, 1.5, 4.2, 7, 30]],
  digamma: [digammafn, [0.3, 1.5, 4.2, 7, 30]],
  trigamma: [trigammaRef, [0.3, 1.5, 4.2, 7, 30]],
  tgamma: [gammafn, [0.3, 1.5, 4.2, 7]],
  sin: [Math.sin, REAL],
  cos: [Math.cos, REAL],
  tan: [Math.tan, [-1.2, -0.4, 0.3, 1.1]],
  asin: [Math.asin, [-0.9, -0.2, 0.3, 0.8]],
  acos: [Math.acos, [-0.9, -0.2, 0.3, 0.8]],
  atan: [Math.atan, REAL],
  sinh: [Math.sinh, REAL],
  cosh: [Math.cosh, REAL],
  tanh: [Math.tanh, REAL],
  asinh: [Math.asinh, REAL],
  acosh: [Math.acosh, [1.1, 2, 5]],
  atanh: [Math.atanh, [-0.9, -0.2, 0.3, 0.8]],
  erf: [erffn, REAL],
  erfc: [erfcfn, [-2, -0.3, 0.5, 3, 8]],
  Phi: [(x) => 0.5 * erfcfn(-x / Math.SQRT2), [-6, -1, 0, 0.7, 3]],
  inv_Phi: [(p) => dists.normal.quantile(p, 0, 1), [1e-8, 0.05, 0.3, 0.5, 0.8, 0.975]],
  Phi_approx: [(x) => invLogit(0.07056 * x ** 3 + 1.5976 * x), REAL],
  floor: [Math.floor, ROUNDING, false],
  ceil: [Math.ceil, ROUNDING, false],
  round: [(x) => Math.sign(x) * Math.round(Math.abs(x)), ROUNDING, false],
  trunc: [Math.trunc, ROUNDING, false],
  step: [(x) => (x < 0 ? 0 : 1), [-2, -0.1, 0, 0.5], false],
  int_step: [(x) => (x > 0 ? 1 : 0), [-2, -0.1, 0, 0.5], false],
  is_nan: [(x) => (Number.isNaN(x) ? 1 : 0), [1, NaN, Infinity], false],
  is_inf: [(x) => (Number.isFinite(x) || Number.isNaN(x) ? 0 : 1), [1, NaN, -Infinity, Infinity], false],
};

/** name → [reference, pairs of points] */
export const BINARY: Record<string, [(a: number, b: number) => number, Array<[number, number]>]> = {
  pow: [
    Math.pow,
    [
      [2.5, 1.3],
      [0.7, -2],
      [3, 0.5],
    ],
  ],
  fmin: [
    Math.min,
    [
      [2.5, 1.3],
      [-0.7, 2],
    ],
  ],
  fmax: [
    Math.max,
    [
      [2.5, 1.3],
      [-0.7, 2],
    ],
  ],
  fdim: [
    (a, b) => Math.max(a - b, 0),
    [
      [2.5, 1.3],
      [-0.7, 2],
    ],
  ],
  fmod: [
    (a, b) => a % b,
    [
      [7.5, 2],
      [-7.5, 2],
      [5.3, -1.7],
    ],
  ],
  atan2: [
    Math.atan2,
    [
      [1, 2],
      [-1, -0.5],
      [0.3, -2],
    ],
  ],
  hypot: [
    Math.hypot,
    [
      [3, 4],
      [-1.5, 0.2],
    ],
  ],
  lbeta: [
    betaln,
    [
      [0.5, 2.5],
      [3, 7],
      [20, 0.1],
    ],
  ],
  gamma_p: [
    (a, x) => gammainc(x, a),
    [
      [0.5, 0.2],
      [3, 2.5],
      [2.5, 9],
      [40, 35],
    ],
  ],
  gamma_q: [
    (a, x) => gammainc(x, a, true, true),
    [
      [0.5, 0.2],
      [3, 2.5],
      [2.5, 9],
      [40, 35],
    ],
  ],
  lchoose: [
    (n, k) => gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1),
    [
      [10, 3],
      [7.5, 2.2],
      [50, 5],
    ],
  ],
  log_diff_exp: [
    (a, b) => Math.log(Math.exp(a) - Math.exp(b)),
    [
      [2, 1],
      [0.5, -3],
    ],
  ],
  multiply_log: [
    (a, b) => (a === 0 && b === 0 ? 0 : a * Math.log(b)),
    [
      [2, 3],
      [0.5, 0.1],
      [0, 0],
    ],
  ],
  lmultiply: [
    (a, b) => (a === 0 && b === 0 ? 0 : a * Math.log(b)),
    [
      [2, 3],
      [0.5, 0.1],
      [0, 0],
    ],
  ],
  binary_log_loss: [
    (y, p) => (y === 1 ? -Math.log(p) : -Math.log(1 - p)),
    [
      [1, 0.3],
      [0, 0.3],
      [1, 0.9],
    ],
  ],
  log_sum_exp: [
    (a, b) => Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b))),
    [
      [2, 1],
      [-800, -801],
      [0.5, 3],
    ],
  ],
  choose: [
    (n, k) => Math.round(Math.exp(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1))),
    [
      [10, 3],
      [30, 10],
      [15, 0],
    ],
  ],
};
