/**
 * Shortcuts for common stdlib functions, named in camelCase
 * (`invLogit(x)` is `inv_logit(x)`). Any other function: `call('name', …)`.
 */
import { call, type Expression, type ExprLike } from './expression.js';

type Unary = (x: ExprLike) => Expression;
type Binary = (a: ExprLike, b: ExprLike) => Expression;

const unary =
  (name: string): Unary =>
  (x) =>
    call(name, x);
const binary =
  (name: string): Binary =>
  (a, b) =>
    call(name, a, b);

// elementwise
export const exp: Unary = unary('exp');
export const log: Unary = unary('log');
export const sqrt: Unary = unary('sqrt');
export const square: Unary = unary('square');
export const abs: Unary = unary('abs');
export const log1p: Unary = unary('log1p');
export const expm1: Unary = unary('expm1');
export const log1m: Unary = unary('log1m');
export const invLogit: Unary = unary('inv_logit');
export const logit: Unary = unary('logit');
export const logInvLogit: Unary = unary('log_inv_logit');
export const lgamma: Unary = unary('lgamma');
export const tanh: Unary = unary('tanh');
export const sin: Unary = unary('sin');
export const cos: Unary = unary('cos');
export const pow: Binary = binary('pow');
export const fmin: Binary = binary('fmin');
export const fmax: Binary = binary('fmax');

// reductions and containers
export const sum: Unary = unary('sum');
export const mean: Unary = unary('mean');
export const sd: Unary = unary('sd');
export const variance: Unary = unary('variance');
export const prod: Unary = unary('prod');
export const min: Unary = unary('min');
export const max: Unary = unary('max');
export const size: Unary = unary('size');
export const rows: Unary = unary('rows');
export const cols: Unary = unary('cols');
export const toVector: Unary = unary('to_vector');
export const cumulativeSum: Unary = unary('cumulative_sum');
export const dotSelf: Unary = unary('dot_self');
export const dotProduct: Binary = binary('dot_product');
export const repVector: Binary = binary('rep_vector');
/** `log_sum_exp(x)` of a container, or `log_sum_exp(a, b)`. */
export const logSumExp = (a: ExprLike, b?: ExprLike): Expression =>
  b === undefined ? call('log_sum_exp', a) : call('log_sum_exp', a, b);
/** `log_mix(theta, lp1, lp2)`. */
export const logMix = (theta: ExprLike, lp1: ExprLike, lp2: ExprLike): Expression => call('log_mix', theta, lp1, lp2);

/** π. */
export const pi = (): Expression => call('pi');
