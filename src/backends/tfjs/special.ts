/**
 * Special functions tfjs lacks (or computes too coarsely), as float32 tf ops
 * with hand-written derivatives:
 *
 *  - lbeta, lchoose: Stirling parts combined analytically for large
 *    arguments, as the f64 backend (no cancellation of large lgammas).
 *  - lgamma, digamma, trigamma: shift the argument above 8 by the
 *    recurrence, then the asymptotic (Stirling / de Moivre) series, which is
 *    accurate to well below float32 resolution there; arguments below 1/2 use
 *    the reflection formula. Each one's derivative is the next polygamma.
 *  - erf, erfc: the Chebyshev fit of Numerical Recipes' erfcc (relative
 *    error < 1.2e-7 everywhere, so erfc keeps its precision in the tail),
 *    and the Taylor series of erf near 0.
 *  - log_Phi: the same fit taken in log space, finite far into the tail.
 *  - inv_Phi: Acklam's rational approximation, then one Newton step.
 *  - log1p (wasm's is inexact near 0), log1p_exp, log1m_exp, log_sum_exp of
 *    two: the numerically stable forms.
 */
import * as tf from '@tensorflow/tfjs';
import { withDerivative, withPartials, zeroGradUnary } from './grad.js';

type T = tf.Tensor;

const LOG_PI = Math.log(Math.PI);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT1_2 = Math.SQRT1_2;
const LN2 = Math.LN2;
/** Arguments below this are shifted up by SHIFT before the asymptotic series. */
const SHIFT = 8;

/** Horner evaluation; coefficients from the highest power down (at least two). */
function poly(t: T, coefficients: readonly number[]): T {
  let r: T = tf.add(tf.mul(t, coefficients[0]!), coefficients[1]!);
  for (let i = 2; i < coefficients.length; i++) r = tf.add(tf.mul(r, t), coefficients[i]!);
  return r;
}

/** sin(πx) and tan(πx) lose accuracy for large |x|; reduce to x − round(x) first (exact). */
function reducedPiX(x: T): T {
  return tf.mul(tf.sub(x, tf.round(x)), Math.PI);
}

/** Argument folded into [1/2, ∞) by reflection, and whether it was reflected. */
function reflectArgument(x: T): { z: T; reflected: T } {
  const reflected = tf.less(x, 0.5);
  return { z: tf.where(reflected, tf.sub(1, x), x), reflected };
}

/** The shift: where z < SHIFT, w = z + SHIFT and terms 1/(z+i)^p, i < SHIFT, are added back. */
function shiftTerms(z: T, power: number): T {
  let s: T | undefined;
  for (let i = 0; i < SHIFT; i++) {
    const zi = tf.add(z, i);
    const term = power === 1 ? tf.reciprocal(zi) : tf.reciprocal(tf.pow(zi, power));
    s = s === undefined ? term : tf.add(s, term);
  }
  return s!;
}

// ---------------------------------------------------------------- log1p

/**
 * log(1 + x), accurate near 0 on every backend: wasm's Log1p kernel computes
 * log(1 + x) directly and returns 0 for |x| below float32 epsilon. Goldberg's
 * trick: with u = 1 + x rounded, log1p(x) = log(u) · x / (u − 1).
 */
function log1pValue(x: T): T {
  const u = tf.add(x, 1);
  const d = tf.sub(u, 1);
  const ratio = tf.div(tf.mul(tf.log(u), x), d);
  return tf.where(tf.equal(d, 0), x, tf.where(tf.equal(u, Infinity), u, ratio));
}

export const log1p = withDerivative(log1pValue, (x) => tf.reciprocal(tf.add(x, 1)));

// ---------------------------------------------------------------- lgamma

function lgammaAsymptotic(w: T): T {
  const inv = tf.reciprocal(w);
  const inv2 = tf.square(inv);
  const series = tf.mul(inv, poly(inv2, [-1 / 1680, 1 / 1260, -1 / 360, 1 / 12]));
  // (w − 1/2) log w − w + ½ log 2π + 1/(12w) − 1/(360w³) + 1/(1260w⁵) − 1/(1680w⁷)
  return tf.add(tf.sub(tf.mul(tf.sub(w, 0.5), tf.log(w)), w), tf.add(series, HALF_LOG_2PI));
}

/** log Γ(z) for z ≥ 1/2. */
function lgammaPositive(z: T): T {
  const small = tf.less(z, SHIFT);
  const w = tf.where(small, tf.add(z, SHIFT), z);
  let product: T = z;
  for (let i = 1; i < SHIFT; i++) product = tf.mul(product, tf.add(z, i));
  const asym = lgammaAsymptotic(w);
  return tf.where(small, tf.sub(asym, tf.log(product)), asym);
}

function lgammaValue(x: T): T {
  const { z, reflected } = reflectArgument(x);
  const positive = lgammaPositive(z);
  // log Γ(x) = log π − log|sin πx| − log Γ(1 − x)
  const reflectedValue = tf.sub(tf.sub(LOG_PI, tf.log(tf.abs(tf.sin(reducedPiX(x))))), positive);
  const poles = tf.logicalAnd(tf.lessEqual(x, 0), tf.equal(x, tf.floor(x)));
  return tf.where(poles, tf.fill(x.shape, Infinity), tf.where(reflected, reflectedValue, positive));
}

// ---------------------------------------------------------------- digamma

function digammaAsymptotic(w: T): T {
  const inv = tf.reciprocal(w);
  const inv2 = tf.square(inv);
  // ψ(w) ≈ log w − 1/(2w) − 1/(12w²) + 1/(120w⁴) − 1/(252w⁶) + 1/(240w⁸) − 1/(132w¹⁰)
  const tail = tf.mul(inv2, poly(inv2, [-1 / 132, 1 / 240, -1 / 252, 1 / 120, -1 / 12]));
  return tf.add(tf.sub(tf.log(w), tf.mul(inv, 0.5)), tail);
}

function digammaPositive(z: T): T {
  const small = tf.less(z, SHIFT);
  const w = tf.where(small, tf.add(z, SHIFT), z);
  const asym = digammaAsymptotic(w);
  return tf.where(small, tf.sub(asym, shiftTerms(z, 1)), asym);
}

function digammaValue(x: T): T {
  const { z, reflected } = reflectArgument(x);
  const positive = digammaPositive(z);
  // ψ(x) = ψ(1 − x) − π / tan(πx)
  const reflectedValue = tf.sub(positive, tf.div(Math.PI, tf.tan(reducedPiX(x))));
  return tf.where(reflected, reflectedValue, positive);
}

// ---------------------------------------------------------------- trigamma

function trigammaAsymptotic(w: T): T {
  const inv = tf.reciprocal(w);
  const inv2 = tf.square(inv);
  // ψ₁(w) ≈ 1/w + 1/(2w²) + 1/(6w³) − 1/(30w⁵) + 1/(42w⁷) − 1/(30w⁹)
  const odd = tf.mul(tf.mul(inv2, inv), poly(inv2, [-1 / 30, 1 / 42, -1 / 30, 1 / 6]));
  return tf.add(tf.add(inv, tf.mul(inv2, 0.5)), odd);
}

function trigammaPositive(z: T): T {
  const small = tf.less(z, SHIFT);
  const w = tf.where(small, tf.add(z, SHIFT), z);
  const asym = trigammaAsymptotic(w);
  return tf.where(small, tf.add(asym, shiftTerms(z, 2)), asym);
}

function trigammaValue(x: T): T {
  const { z, reflected } = reflectArgument(x);
  const positive = trigammaPositive(z);
  // ψ₁(x) = π² / sin²(πx) − ψ₁(1 − x)
  const reflectedValue = tf.sub(tf.div(Math.PI * Math.PI, tf.square(tf.sin(reducedPiX(x)))), positive);
  return tf.where(reflected, reflectedValue, positive);
}

// ---------------------------------------------------------------- tetragamma (trigamma's derivative)

function tetragammaAsymptotic(w: T): T {
  const inv = tf.reciprocal(w);
  const inv2 = tf.square(inv);
  // ψ₂(w) ≈ −1/w² − 1/w³ − 1/(2w⁴) + 1/(6w⁶) − 1/(6w⁸) + 3/(10w¹⁰)
  const inner = poly(inv2, [-0.3, 1 / 6, -1 / 6, 0.5]);
  return tf.neg(tf.mul(inv2, tf.add(1, tf.mul(inv, tf.add(1, tf.mul(inv, inner))))));
}

function tetragammaPositive(z: T): T {
  const small = tf.less(z, SHIFT);
  const w = tf.where(small, tf.add(z, SHIFT), z);
  const asym = tetragammaAsymptotic(w);
  return tf.where(small, tf.sub(asym, tf.mul(shiftTerms(z, 3), 2)), asym);
}

function tetragammaValue(x: T): T {
  const { z, reflected } = reflectArgument(x);
  const positive = tetragammaPositive(z);
  // ψ₂(x) = ψ₂(1 − x) − 2π³ cos(πx) / sin³(πx)
  const angle = reducedPiX(x);
  const reflection = tf.div(tf.mul(tf.cos(angle), 2 * Math.PI ** 3), tf.pow(tf.sin(angle), 3));
  return tf.where(reflected, tf.sub(positive, reflection), positive);
}

export const lgamma = withDerivative(lgammaValue, (x) => digammaValue(x));
export const digamma = withDerivative(digammaValue, (x) => trigammaValue(x));
export const trigamma = withDerivative(trigammaValue, (x) => tetragammaValue(x));

/** Sign of Γ(x): positive for x > 0, alternating between the poles below 0. */
const gammaSign = zeroGradUnary((x) =>
  tf.where(tf.greater(x, 0), tf.onesLike(x), tf.sub(1, tf.mul(tf.mod(tf.floor(x), 2), 2))),
);

export function tgamma(x: T): T {
  return tf.mul(gammaSign(x), tf.exp(lgamma(x)));
}

// ---------------------------------------------------------------- lbeta, lchoose

/** lgamma(x) − Stirling(x) for x ≥ 10: 1/(12x) − 1/(360x³) + 1/(1260x⁵). */
function stirlingRemainder(x: T): T {
  const inv = tf.reciprocal(x);
  return tf.mul(inv, poly(tf.square(inv), [1 / 1260, -1 / 360, 1 / 12]));
}

/**
 * log B(a, b) without the cancellation of lgamma(a) + lgamma(b) − lgamma(a + b)
 * when an argument is large (as Stan and the f64 backend): the Stirling
 * parts are combined analytically and only their small remainders subtracted.
 */
function lbetaValue(a: T, b: T): T {
  const x = tf.minimum(a, b);
  const y = tf.maximum(a, b);
  const s = tf.add(x, y);
  const ratio = tf.div(x, s);
  const small = tf.sub(tf.add(lgammaValue(x), lgammaValue(y)), lgammaValue(s));
  const remainderYS = tf.sub(stirlingRemainder(y), stirlingRemainder(s));
  // x < 10 ≤ y: lgamma(x) + lgamma(y) − lgamma(x + y)
  const mid = tf.add(
    tf.add(lgammaValue(x), remainderYS),
    tf.add(tf.sub(x, tf.mul(x, tf.log(s))), tf.mul(tf.sub(y, 0.5), log1pValue(tf.neg(ratio)))),
  );
  const large = tf.add(
    tf.add(stirlingRemainder(x), remainderYS),
    tf.add(
      tf.add(tf.mul(tf.sub(x, 0.5), tf.log(ratio)), tf.mul(y, log1pValue(tf.neg(ratio)))),
      tf.sub(HALF_LOG_2PI, tf.mul(tf.log(y), 0.5)),
    ),
  );
  const value = tf.where(tf.less(y, 10), small, tf.where(tf.less(x, 10), mid, large));
  return tf.where(tf.less(x, 0), tf.fill(value.shape, NaN), value);
}

export const lbeta = withPartials(lbetaValue, (a, b) => {
  const both = digammaValue(tf.add(a, b));
  return [tf.sub(digammaValue(a), both), tf.sub(digammaValue(b), both)];
});

/** log C(n, k) = −log1p(n) − lbeta(n − k + 1, k + 1). */
export function lchoose(n: T, k: T): T {
  return tf.sub(tf.neg(log1p(n)), lbeta(tf.add(tf.sub(n, k), 1), tf.add(k, 1)));
}

// ---------------------------------------------------------------- erf, erfc, Phi

/** Numerical Recipes' erfcc polynomial P(t), erfc(z) = t exp(−z² + P(t)), t = 1/(1 + z/2), z ≥ 0. */
const ERFC_P = [
  0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368,
  -1.26551223,
];

function erfcParts(z: T): { t: T; p: T } {
  const t = tf.reciprocal(tf.add(1, tf.mul(z, 0.5)));
  return { t, p: poly(t, ERFC_P) };
}

/** erfc(z) for z ≥ 0. */
function erfcNonNegative(z: T): T {
  const { t, p } = erfcParts(z);
  return tf.mul(t, tf.exp(tf.sub(p, tf.square(z))));
}

function erfcValue(x: T): T {
  const r = erfcNonNegative(tf.abs(x));
  return tf.where(tf.greaterEqual(x, 0), r, tf.sub(2, r));
}

/** erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)), to n = 7: below 1e-9 relative for |x| < 1/2. */
const ERF_SERIES = [-1 / 75600, 1 / 9360, -1 / 1320, 1 / 216, -1 / 42, 1 / 10, -1 / 3, 1];

function erfValue(x: T): T {
  const series = tf.mul(tf.mul(x, TWO_OVER_SQRT_PI), poly(tf.square(x), ERF_SERIES));
  const fromErfc = tf.mul(tf.sign(x), tf.sub(1, erfcNonNegative(tf.abs(x))));
  return tf.where(tf.less(tf.abs(x), 0.5), series, fromErfc);
}

const gaussianBump = (x: T): T => tf.mul(tf.exp(tf.neg(tf.square(x))), TWO_OVER_SQRT_PI);

export const erf = withDerivative(erfValue, (x) => gaussianBump(x));
export const erfc = withDerivative(erfcValue, (x) => tf.neg(gaussianBump(x)));

/** Φ(x) = erfc(−x/√2)/2; erfc's derivative gives φ. */
export function Phi(x: T): T {
  return tf.mul(erfc(tf.mul(x, -SQRT1_2)), 0.5);
}

function logPhiValue(x: T): T {
  const z = tf.mul(tf.abs(x), SQRT1_2);
  const { t, p } = erfcParts(z);
  // x < 0: log Φ(x) = log(erfc(z)/2) = log(t/2) − z² + P(t), never underflows.
  const lower = tf.add(tf.sub(tf.log(tf.mul(t, 0.5)), tf.square(z)), p);
  // x ≥ 0: log(1 − erfc(z)/2).
  const upper = log1pValue(tf.mul(tf.mul(t, tf.exp(tf.sub(p, tf.square(z)))), -0.5));
  return tf.where(tf.less(x, 0), lower, upper);
}

/** d/dx log Φ(x) = φ(x)/Φ(x), in the same split so the lower tail stays finite. */
function logPhiDerivative(x: T): T {
  const z = tf.mul(tf.abs(x), SQRT1_2);
  const { t, p } = erfcParts(z);
  const lower = tf.div(SQRT_2_OVER_PI, tf.mul(t, tf.exp(p)));
  const density = tf.div(tf.exp(tf.neg(tf.square(z))), SQRT_2PI);
  const upper = tf.div(density, tf.sub(1, tf.mul(tf.mul(t, tf.exp(tf.sub(p, tf.square(z)))), 0.5)));
  return tf.where(tf.less(x, 0), lower, upper);
}

export const logPhi = withDerivative(logPhiValue, logPhiDerivative);

// Acklam's inverse normal CDF coefficients (highest power first).
const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
];
const ACKLAM_B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1, 1,
];
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416, 1];
const ACKLAM_LOW = 0.02425;

function invPhiValue(p: T): T {
  const q = tf.sub(p, 0.5);
  const r = tf.square(q);
  const central = tf.div(tf.mul(poly(r, ACKLAM_A), q), poly(r, ACKLAM_B));
  // Tails by symmetry from the smaller of p and 1 − p.
  const lowerHalf = tf.less(p, 0.5);
  const tailP = tf.where(lowerHalf, p, tf.sub(1, p));
  const s = tf.sqrt(tf.mul(tf.log(tailP), -2));
  const tail = tf.div(poly(s, ACKLAM_C), poly(s, ACKLAM_D));
  const signedTail = tf.where(lowerHalf, tail, tf.neg(tail));
  const inCentre = tf.logicalAnd(tf.greaterEqual(p, ACKLAM_LOW), tf.lessEqual(p, 1 - ACKLAM_LOW));
  const x0 = tf.where(inCentre, central, signedTail);
  // In float32 the central rational function cancels (errors up to 1e-4 near
  // its edges): one Newton step on Φ(x) = p with the precise erfc fixes it.
  // Above 1/2 the residual is taken as (1 − p) − Q(x), which is exact to form.
  const lowerResidual = tf.sub(tf.mul(erfcValue(tf.mul(x0, -SQRT1_2)), 0.5), p);
  const upperResidual = tf.sub(tf.sub(1, p), tf.mul(erfcValue(tf.mul(x0, SQRT1_2)), 0.5));
  const residual = tf.where(lowerHalf, lowerResidual, upperResidual);
  const density = tf.div(tf.exp(tf.mul(tf.square(x0), -0.5)), SQRT_2PI);
  const value = tf.where(tf.greater(density, 0), tf.sub(x0, tf.div(residual, density)), x0);
  const withEnds = tf.where(tf.equal(p, 0), tf.fill(p.shape, -Infinity), value);
  return tf.where(tf.equal(p, 1), tf.fill(p.shape, Infinity), withEnds);
}

/** d/dp Φ⁻¹(p) = 1/φ(Φ⁻¹(p)) = √(2π) exp(y²/2). */
export const invPhi = withDerivative(invPhiValue, (_p, y) => tf.mul(tf.exp(tf.mul(tf.square(y), 0.5)), SQRT_2PI));

// ---------------------------------------------------------------- stable logs of sums

/** log(1 + eˣ) = max(x, 0) + log1p(e^−|x|), derivative the logistic function. */
export const log1pExp = withDerivative(
  (x) => tf.add(tf.relu(x), log1pValue(tf.exp(tf.neg(tf.abs(x))))),
  (x) => tf.sigmoid(x),
);

/** log(1 − eˣ) for x < 0: log(−expm1(x)) near 0, log1p(−eˣ) further out. Derivative −1/expm1(−x). */
export const log1mExp = withDerivative(
  (x) => tf.where(tf.greater(x, -LN2), tf.log(tf.neg(tf.expm1(x))), log1pValue(tf.neg(tf.exp(x)))),
  (x) => tf.neg(tf.reciprocal(tf.expm1(tf.neg(x)))),
);

/** log(eᵃ + eᵇ) = max + log1p(e^−|a−b|); both −∞ gives −∞. Partials e^(a−y), e^(b−y). */
export const logSumExp2 = withPartials(
  (a, b) => {
    const m = tf.maximum(a, b);
    const y = tf.add(m, log1pValue(tf.exp(tf.neg(tf.abs(tf.sub(a, b))))));
    return tf.where(tf.equal(m, -Infinity), m, y);
  },
  (a, b, y) => [tf.exp(tf.sub(a, y)), tf.exp(tf.sub(b, y))],
);
