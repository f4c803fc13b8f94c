/**
 * Elementwise unary kernels: one entry per primitive of UNARY_OPS, the value
 * `f(x)` and the derivative `df(x, y)` given the input and the output
 * (`y = f(x)`, reused where it saves work). Ops without `df` have zero
 * derivative. Used by the f64 tape and by constant folding.
 */
import type { UnaryOp } from '../ir/ops.js';
import * as S from './special.js';

export interface UnaryKernel {
  f: (x: number) => number;
  /** dy/dx given x and y = f(x); absent means identically zero. */
  df?: (x: number, y: number) => number;
}

const LN2 = Math.LN2;
const LN10 = Math.LN10;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const UNARY_KERNELS: Record<UnaryOp, UnaryKernel> = {
  neg: { f: (x) => -x, df: () => -1 },
  exp: { f: Math.exp, df: (_x, y) => y },
  log: { f: Math.log, df: (x) => 1 / x },
  log1p: { f: Math.log1p, df: (x) => 1 / (1 + x) },
  expm1: { f: Math.expm1, df: (_x, y) => y + 1 },
  sqrt: { f: Math.sqrt, df: (_x, y) => 0.5 / y },
  cbrt: { f: Math.cbrt, df: (_x, y) => 1 / (3 * y * y) },
  square: { f: (x) => x * x, df: (x) => 2 * x },
  abs: { f: Math.abs, df: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN) },
  inv: { f: (x) => 1 / x, df: (_x, y) => -y * y },
  inv_sqrt: { f: (x) => 1 / Math.sqrt(x), df: (x, y) => (-0.5 * y) / x },
  inv_square: { f: (x) => 1 / (x * x), df: (x, y) => (-2 * y) / x },
  inv_logit: { f: S.invLogit, df: (_x, y) => y * (1 - y) },
  logit: { f: S.logit, df: (x) => 1 / (x * (1 - x)) },
  log_inv_logit: { f: S.logInvLogit, df: (x) => S.invLogit(-x) },
  log1m_inv_logit: { f: S.log1mInvLogit, df: (x) => -S.invLogit(x) },
  log1m: { f: S.log1m, df: (x) => -1 / (1 - x) },
  log1p_exp: { f: S.log1pExp, df: (x) => S.invLogit(x) },
  log1m_exp: { f: S.log1mExp, df: (x) => -1 / Math.expm1(-x) },
  lgamma: { f: S.lgamma, df: (x) => S.digamma(x) },
  digamma: { f: S.digamma, df: (x) => S.trigamma(x) },
  trigamma: { f: S.trigamma, df: (x) => S.tetragamma(x) },
  tgamma: { f: S.tgamma, df: (x, y) => y * S.digamma(x) },
  sin: { f: Math.sin, df: Math.cos },
  cos: { f: Math.cos, df: (x) => -Math.sin(x) },
  tan: { f: Math.tan, df: (_x, y) => 1 + y * y },
  asin: { f: Math.asin, df: (x) => 1 / Math.sqrt(1 - x * x) },
  acos: { f: Math.acos, df: (x) => -1 / Math.sqrt(1 - x * x) },
  atan: { f: Math.atan, df: (x) => 1 / (1 + x * x) },
  sinh: { f: Math.sinh, df: Math.cosh },
  cosh: { f: Math.cosh, df: Math.sinh },
  tanh: { f: Math.tanh, df: (_x, y) => 1 - y * y },
  asinh: { f: Math.asinh, df: (x) => 1 / Math.sqrt(x * x + 1) },
  acosh: { f: Math.acosh, df: (x) => 1 / Math.sqrt(x * x - 1) },
  atanh: { f: Math.atanh, df: (x) => 1 / (1 - x * x) },
  log2: { f: Math.log2, df: (x) => 1 / (x * LN2) },
  log10: { f: Math.log10, df: (x) => 1 / (x * LN10) },
  exp2: { f: (x) => Math.pow(2, x), df: (_x, y) => y * LN2 },
  erf: { f: S.erf, df: (x) => TWO_OVER_SQRT_PI * Math.exp(-x * x) },
  erfc: { f: S.erfc, df: (x) => -TWO_OVER_SQRT_PI * Math.exp(-x * x) },
  Phi: { f: S.Phi, df: S.normalPdf },
  inv_Phi: { f: S.invPhi, df: (_x, y) => S.SQRT_TWO_PI * Math.exp(0.5 * y * y) },
  Phi_approx: { f: S.PhiApprox, df: (x, y) => y * (1 - y) * (3 * 0.07056 * x * x + 1.5976) },
  inv_cloglog: { f: S.invCloglog, df: (x) => Math.exp(x - Math.exp(x)) },
  log_Phi: { f: S.logPhi, df: S.dlogPhi },
  floor: { f: Math.floor },
  ceil: { f: Math.ceil },
  round: { f: S.roundHalfAway },
  trunc: { f: Math.trunc },
  sign: { f: (x) => (x > 0 ? 1 : x < 0 ? -1 : x) },
  step: { f: (x) => (x < 0 ? 0 : x >= 0 ? 1 : NaN) },
  logical_not: { f: (x) => (x === 0 ? 1 : 0) },
  is_nan: { f: (x) => (Number.isNaN(x) ? 1 : 0) },
  is_inf: { f: (x) => (x === Infinity || x === -Infinity ? 1 : 0) },
};
