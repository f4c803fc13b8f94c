/**
 * Elementwise binary kernels: one entry per primitive of BINARY_OPS, the
 * value `f(a, b)` and the partial derivatives `da(a, b, y)`, `db(a, b, y)`
 * given the inputs and the output. A missing partial is identically zero.
 * Used by the f64 tape and by constant folding.
 */
import type { BinaryOp } from '../ir/ops.js';
import { incGamma } from './incomplete.js';
import * as S from './special.js';

export interface BinaryKernel {
  f: (a: number, b: number) => number;
  da?: (a: number, b: number, y: number) => number;
  db?: (a: number, b: number, y: number) => number;
}

const bool = (t: boolean): number => (t ? 1 : 0);

export const BINARY_KERNELS: Record<BinaryOp, BinaryKernel> = {
  add: { f: (a, b) => a + b, da: () => 1, db: () => 1 },
  sub: { f: (a, b) => a - b, da: () => 1, db: () => -1 },
  mul: { f: (a, b) => a * b, da: (_a, b) => b, db: (a) => a },
  div: { f: (a, b) => a / b, da: (_a, b) => 1 / b, db: (_a, b, y) => -y / b },
  pow: {
    f: Math.pow,
    da: (a, b) => (b === 0 ? 0 : b * Math.pow(a, b - 1)),
    // d/db a^b = a^b log a; zero at a = 0 (as Stan, avoiding 0·log 0)
    db: (a, _b, y) => (a === 0 ? 0 : y * Math.log(a)),
  },
  fmin: {
    f: S.fmin,
    da: (a, b) => (Number.isNaN(b) || a <= b ? 1 : 0),
    db: (a, b) => (Number.isNaN(b) || a <= b ? 0 : 1),
  },
  fmax: {
    f: S.fmax,
    da: (a, b) => (Number.isNaN(b) || a >= b ? 1 : 0),
    db: (a, b) => (Number.isNaN(b) || a >= b ? 0 : 1),
  },
  fmod: { f: (a, b) => a % b, da: () => 1, db: (a, b) => -Math.trunc(a / b) },
  atan2: { f: Math.atan2, da: (a, b) => b / (a * a + b * b), db: (a, b) => -a / (a * a + b * b) },
  hypot: { f: Math.hypot, da: (a, _b, y) => a / y, db: (_a, b, y) => b / y },
  log_sum_exp2: { f: S.logSumExp2, da: (a, _b, y) => Math.exp(a - y), db: (_a, b, y) => Math.exp(b - y) },
  log_diff_exp: { f: S.logDiffExp, da: (a, b) => -1 / Math.expm1(b - a), db: (a, b) => -1 / Math.expm1(a - b) },
  lbeta: {
    f: S.lbeta,
    da: (a, b) => S.digamma(a) - S.digamma(a + b),
    db: (a, b) => S.digamma(b) - S.digamma(a + b),
  },
  lchoose: {
    f: S.lchoose,
    da: (n, k) => S.digamma(n + 1) - S.digamma(n - k + 1),
    db: (n, k) => S.digamma(n - k + 1) - S.digamma(k + 1),
  },
  binary_log_loss: {
    f: S.binaryLogLoss,
    da: (_y, p) => Math.log1p(-p) - Math.log(p),
    db: (y, p) => -y / p + (1 - y) / (1 - p),
  },
  multiply_log: { f: S.multiplyLog, da: (_a, b) => Math.log(b), db: (a, b) => a / b },
  lmultiply: { f: S.multiplyLog, da: (_a, b) => Math.log(b), db: (a, b) => a / b },
  fdim: {
    f: (a, b) => (a > b ? a - b : a <= b ? 0 : NaN),
    da: (a, b) => (a > b ? 1 : 0),
    db: (a, b) => (a > b ? -1 : 0),
  },
  gamma_p: {
    f: (a, x) => incGamma(a, x).p,
    da: (a, x) => incGamma(a, x).dpda,
    db: (a, x) => incGamma(a, x).dpdx,
  },
  gamma_q: {
    f: (a, x) => incGamma(a, x).q,
    da: (a, x) => -incGamma(a, x).dpda,
    db: (a, x) => -incGamma(a, x).dpdx,
  },
  lt: { f: (a, b) => bool(a < b) },
  le: { f: (a, b) => bool(a <= b) },
  gt: { f: (a, b) => bool(a > b) },
  ge: { f: (a, b) => bool(a >= b) },
  eq: { f: (a, b) => bool(a === b) },
  ne: { f: (a, b) => bool(a !== b) },
  logical_and: { f: (a, b) => bool(a !== 0 && b !== 0) },
  logical_or: { f: (a, b) => bool(a !== 0 || b !== 0) },
};
