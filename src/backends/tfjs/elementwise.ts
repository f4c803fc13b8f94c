/**
 * The elementwise and reduction primitives of the density IR as tf ops.
 * Each table is a Record over the op list in src/ir/ops.ts, so adding a
 * primitive there is a type error here until it is implemented.
 *
 * Elementwise kernels receive tensors that already broadcast (same shape,
 * or one side of lower rank with ones where the other has chains), and tf's
 * own gradients (or ours, in grad.ts and special.ts) sum broadcast axes.
 */
import * as tf from '@tensorflow/tfjs';
import type { BinaryOp, ReduceOp, TernaryOp, UnaryOp } from '../../ir/ops.js';
import { gammaP, gammaQ, incBetaOp } from './incomplete.js';
import { asCondition, customOp, withDerivative, withPartials, zeroGradBinary, zeroGradUnary } from './grad.js';
import {
  Phi,
  digamma,
  erf,
  erfc,
  invPhi,
  lbeta,
  lchoose,
  lgamma,
  log1mExp,
  log1p,
  log1pExp,
  logPhi,
  logSumExp2,
  tgamma,
  trigamma,
} from './special.js';

type T = tf.Tensor;

const LN2 = Math.LN2;
const LN10 = Math.LN10;

/** 0/1 float from a boolean tensor, with zero derivative. */
function indicator(test: (x: T) => T): (x: T) => T {
  return zeroGradUnary((x) => tf.cast(test(x), 'float32'));
}
function indicator2(test: (a: T, b: T) => T): (a: T, b: T) => T {
  return zeroGradBinary((a, b) => tf.cast(test(a, b), 'float32'));
}

/** Stan's round: halves away from zero (tf.round rounds halves to even). */
const roundHalfAway = zeroGradUnary((x) => tf.mul(tf.sign(x), tf.floor(tf.add(tf.abs(x), 0.5))));
const truncate = zeroGradUnary((x) => tf.mul(tf.sign(x), tf.floor(tf.abs(x))));

/** Real cube root for either sign; derivative 1/(3 y²). */
const cubeRoot = withDerivative(
  (x) => tf.mul(tf.sign(x), tf.pow(tf.abs(x), 1 / 3)),
  (_x, y) => tf.reciprocal(tf.mul(tf.square(y), 3)),
);

export const UNARY_KERNELS: Record<UnaryOp, (x: T) => T> = {
  neg: (x) => tf.neg(x),
  exp: (x) => tf.exp(x),
  log: (x) => tf.log(x),
  log1p: (x) => log1p(x),
  expm1: (x) => tf.expm1(x),
  sqrt: (x) => tf.sqrt(x),
  cbrt: (x) => cubeRoot(x),
  square: (x) => tf.square(x),
  // tf's abs has derivative −1 at 0; the subgradient 0 is what f64 uses.
  abs: withDerivative(
    (x) => tf.abs(x),
    (x) => tf.sign(x),
  ),
  inv: (x) => tf.reciprocal(x),
  inv_sqrt: (x) => tf.rsqrt(x),
  inv_square: (x) => tf.reciprocal(tf.square(x)),
  inv_logit: (x) => tf.sigmoid(x),
  logit: (x) => tf.sub(tf.log(x), log1p(tf.neg(x))),
  log_inv_logit: (x) => tf.neg(log1pExp(tf.neg(x))),
  log1m_inv_logit: (x) => tf.neg(log1pExp(x)),
  log1m: (x) => log1p(tf.neg(x)),
  log1p_exp: (x) => log1pExp(x),
  log1m_exp: (x) => log1mExp(x),
  lgamma: (x) => lgamma(x),
  digamma: (x) => digamma(x),
  trigamma: (x) => trigamma(x),
  tgamma: (x) => tgamma(x),
  sin: (x) => tf.sin(x),
  cos: (x) => tf.cos(x),
  tan: (x) => tf.tan(x),
  asin: (x) => tf.asin(x),
  acos: (x) => tf.acos(x),
  atan: (x) => tf.atan(x),
  sinh: (x) => tf.sinh(x),
  cosh: (x) => tf.cosh(x),
  tanh: (x) => tf.tanh(x),
  asinh: (x) => tf.asinh(x),
  acosh: (x) => tf.acosh(x),
  atanh: (x) => tf.atanh(x),
  log2: (x) => tf.div(tf.log(x), LN2),
  log10: (x) => tf.div(tf.log(x), LN10),
  exp2: (x) => tf.exp(tf.mul(x, LN2)),
  erf: (x) => erf(x),
  erfc: (x) => erfc(x),
  Phi: (x) => Phi(x),
  inv_Phi: (x) => invPhi(x),
  // Stan's Phi_approx: logistic(0.07056 x³ + 1.5976 x).
  Phi_approx: (x) => tf.sigmoid(tf.add(tf.mul(tf.pow(x, 3), 0.07056), tf.mul(x, 1.5976))),
  // 1 − exp(−exp(x)) = −expm1(−exp(x)).
  inv_cloglog: (x) => tf.neg(tf.expm1(tf.neg(tf.exp(x)))),
  log_Phi: (x) => logPhi(x),
  floor: zeroGradUnary((x) => tf.floor(x)),
  ceil: zeroGradUnary((x) => tf.ceil(x)),
  round: roundHalfAway,
  trunc: truncate,
  sign: zeroGradUnary((x) => tf.sign(x)),
  // Stan's step: 0 for x < 0, 1 otherwise (so step(0) = 1).
  step: zeroGradUnary((x) => tf.where(tf.isNaN(x), x, tf.cast(tf.greaterEqual(x, 0), 'float32'))),
  logical_not: indicator((x) => tf.equal(x, 0)),
  is_nan: indicator((x) => tf.isNaN(x)),
  is_inf: indicator((x) => tf.isInf(x)),
};

/** a·log(b), with 0·log(0) = 0 (Stan's multiply_log / lmultiply). */
const bothZero = indicator2((a, b) => tf.logicalAnd(tf.equal(a, 0), tf.equal(b, 0)));
function multiplyLog(a: T, b: T): T {
  return tf.where(asCondition(bothZero(a, b)), tf.scalar(0), tf.mul(a, tf.log(b)));
}

/** Both operands broadcast to their common shape (tf's Minimum/Maximum gradients do not reduce). */
function broadcastPair(a: T, b: T): [T, T] {
  const shape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  return [tf.broadcastTo(a, shape), tf.broadcastTo(b, shape)];
}

/** C's fmin/fmax: a NaN argument is ignored. */
function ignoringNaN(pick: (a: T, b: T) => T): (a: T, b: T) => T {
  return (a0, b0) => {
    const [a, b] = broadcastPair(a0, b0);
    return tf.where(tf.isNaN(a), b, tf.where(tf.isNaN(b), a, pick(a, b)));
  };
}

/**
 * Stan's binary_log_loss(y, ŷ): −log ŷ for y = 1, −log(1 − ŷ) for y = 0,
 * −(y log ŷ + (1 − y) log(1 − ŷ)) between; partials of the last form.
 */
const binaryLogLoss = withPartials(
  (y, p) => {
    const mixed = tf.neg(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), log1p(tf.neg(p)))));
    return tf.where(tf.equal(y, 1), tf.neg(tf.log(p)), tf.where(tf.equal(y, 0), tf.neg(log1p(tf.neg(p))), mixed));
  },
  (y, p) => [tf.sub(log1p(tf.neg(p)), tf.log(p)), tf.add(tf.div(tf.neg(y), p), tf.div(tf.sub(1, y), tf.sub(1, p)))],
);

export const BINARY_KERNELS: Record<BinaryOp, (a: T, b: T) => T> = {
  add: (a, b) => tf.add(a, b),
  sub: (a, b) => tf.sub(a, b),
  mul: (a, b) => tf.mul(a, b),
  div: (a, b) => tf.div(a, b),
  pow: (a, b) => tf.pow(a, b),
  fmin: ignoringNaN((a, b) => tf.minimum(a, b)),
  fmax: ignoringNaN((a, b) => tf.maximum(a, b)),
  // C's fmod: the remainder takes the dividend's sign (tf.mod floors instead).
  fmod: (a, b) => tf.sub(a, tf.mul(b, truncate(tf.div(a, b)))),
  atan2: (a, b) => tf.atan2(a, b),
  hypot: (a, b) => tf.sqrt(tf.add(tf.square(a), tf.square(b))),
  log_sum_exp2: (a, b) => logSumExp2(a, b),
  // log(eᵃ − eᵇ) = a + log1m_exp(b − a).
  log_diff_exp: (a, b) => tf.add(a, log1mExp(tf.sub(b, a))),
  lbeta: (a, b) => lbeta(a, b),
  lchoose: (n, k) => lchoose(n, k),
  binary_log_loss: binaryLogLoss,
  multiply_log: multiplyLog,
  lmultiply: multiplyLog,
  // Positive difference max(a − b, 0).
  fdim: (a, b) => tf.relu(tf.sub(a, b)),
  gamma_p: (a, x) => gammaP(a, x),
  gamma_q: (a, x) => gammaQ(a, x),
  lt: indicator2((a, b) => tf.less(a, b)),
  le: indicator2((a, b) => tf.lessEqual(a, b)),
  gt: indicator2((a, b) => tf.greater(a, b)),
  ge: indicator2((a, b) => tf.greaterEqual(a, b)),
  eq: indicator2((a, b) => tf.equal(a, b)),
  ne: indicator2((a, b) => tf.notEqual(a, b)),
  logical_and: indicator2((a, b) => tf.logicalAnd(tf.notEqual(a, 0), tf.notEqual(b, 0))),
  logical_or: indicator2((a, b) => tf.logicalOr(tf.notEqual(a, 0), tf.notEqual(b, 0))),
};

/**
 * max/min whose gradient goes to the first extreme element only. tf's own
 * sends it to every tied element, which double counts when a value appears
 * twice (max of a gather with repeated indices is that value: derivative 1).
 */
function extreme(which: 'max' | 'min'): (x: T, axis: number) => T {
  const op = (axis: number) =>
    customOp(([x], save) => {
      // Inputs are released before backprop unless saved.
      save([x!]);
      return {
        value: which === 'max' ? tf.max(x!, axis) : tf.min(x!, axis),
        gradFunc: (dy, [saved]) => {
          const first = which === 'max' ? tf.argMax(saved!, axis) : tf.argMin(saved!, axis);
          return tf.mul(tf.expandDims(dy, axis), tf.oneHot(first, saved!.shape[axis]!));
        },
      };
    });
  const byAxis = [op(0), op(1)];
  return (x, axis) => byAxis[axis]!(x);
}

/**
 * Sum whose gradient multiplies dy by a Fill-kernel tensor of ones: tf's own
 * gradient builds tf.ones(x.shape) in JavaScript on every call, and
 * broadcastTo runs wasm's slow Tile kernel.
 */
const sumByAxis = [0, 1].map((axis) =>
  customOp(([x]) => {
    const shape = x!.shape;
    return { value: tf.sum(x!, axis), gradFunc: (dy) => tf.mul(tf.expandDims(dy, axis), tf.fill(shape, 1)) };
  }),
);

/** Reductions over axis 1 of a [C, n] tensor (or axis 0 of an unbatched [n]). */
export const TERNARY_KERNELS: Record<TernaryOp, (a: T, b: T, c: T) => T> = {
  inc_beta: (a, b, x) => incBetaOp(a, b, x),
};

export const REDUCE_KERNELS: Record<ReduceOp, (x: T, axis: number) => T> = {
  sum: (x, axis) => sumByAxis[axis]!(x),
  prod: (x, axis) => tf.prod(x, axis),
  max: extreme('max'),
  min: extreme('min'),
  log_sum_exp: (x, axis) => tf.logSumExp(x, axis),
};
