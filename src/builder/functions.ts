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
/**
 * `exp(x)`.
 * @example
 * ```ts
 * import { model, exp } from 'langevin/builder';
 * console.log(model('m').target(exp(1)).toStan());
 * // → model {
 * // →   target += exp(1);
 * // → }
 * ```
 */
export const exp: Unary = unary('exp');
/**
 * `log(x)`.
 * @example
 * ```ts
 * import { model, log } from 'langevin/builder';
 * console.log(model('m').target(log(2)).toStan());
 * // → model {
 * // →   target += log(2);
 * // → }
 * ```
 */
export const log: Unary = unary('log');
/**
 * `sqrt(x)`.
 * @example
 * ```ts
 * import { model, sqrt } from 'langevin/builder';
 * console.log(model('m').target(sqrt(2)).toStan());
 * // → model {
 * // →   target += sqrt(2);
 * // → }
 * ```
 */
export const sqrt: Unary = unary('sqrt');
/**
 * `square(x)`.
 * @example
 * ```ts
 * import { model, square } from 'langevin/builder';
 * console.log(model('m').target(square(3)).toStan());
 * // → model {
 * // →   target += square(3);
 * // → }
 * ```
 */
export const square: Unary = unary('square');
/**
 * `abs(x)`.
 * @example
 * ```ts
 * import { model, abs } from 'langevin/builder';
 * console.log(model('m').target(abs(-2)).toStan());
 * // → model {
 * // →   target += abs(-2);
 * // → }
 * ```
 */
export const abs: Unary = unary('abs');
/**
 * `log1p(x)` = log(1 + x).
 * @example
 * ```ts
 * import { model, log1p } from 'langevin/builder';
 * console.log(model('m').target(log1p(0.5)).toStan());
 * // → model {
 * // →   target += log1p(0.5);
 * // → }
 * ```
 */
export const log1p: Unary = unary('log1p');
/**
 * `expm1(x)` = exp(x) − 1.
 * @example
 * ```ts
 * import { model, expm1 } from 'langevin/builder';
 * console.log(model('m').target(expm1(0.5)).toStan());
 * // → model {
 * // →   target += expm1(0.5);
 * // → }
 * ```
 */
export const expm1: Unary = unary('expm1');
/**
 * `log1m(x)` = log(1 − x).
 * @example
 * ```ts
 * import { model, log1m } from 'langevin/builder';
 * console.log(model('m').target(log1m(0.25)).toStan());
 * // → model {
 * // →   target += log1m(0.25);
 * // → }
 * ```
 */
export const log1m: Unary = unary('log1m');
/**
 * `inv_logit(x)`.
 * @example
 * ```ts
 * import { model, invLogit } from 'langevin/builder';
 * console.log(model('m').target(invLogit(0)).toStan());
 * // → model {
 * // →   target += inv_logit(0);
 * // → }
 * ```
 */
export const invLogit: Unary = unary('inv_logit');
/**
 * `logit(x)`.
 * @example
 * ```ts
 * import { model, logit } from 'langevin/builder';
 * console.log(model('m').target(logit(0.5)).toStan());
 * // → model {
 * // →   target += logit(0.5);
 * // → }
 * ```
 */
export const logit: Unary = unary('logit');
/**
 * `log_inv_logit(x)`.
 * @example
 * ```ts
 * import { model, logInvLogit } from 'langevin/builder';
 * console.log(model('m').target(logInvLogit(0)).toStan());
 * // → model {
 * // →   target += log_inv_logit(0);
 * // → }
 * ```
 */
export const logInvLogit: Unary = unary('log_inv_logit');
/**
 * `lgamma(x)`.
 * @example
 * ```ts
 * import { model, lgamma } from 'langevin/builder';
 * console.log(model('m').target(lgamma(3.5)).toStan());
 * // → model {
 * // →   target += lgamma(3.5);
 * // → }
 * ```
 */
export const lgamma: Unary = unary('lgamma');
/**
 * `tanh(x)`.
 * @example
 * ```ts
 * import { model, tanh } from 'langevin/builder';
 * console.log(model('m').target(tanh(1)).toStan());
 * // → model {
 * // →   target += tanh(1);
 * // → }
 * ```
 */
export const tanh: Unary = unary('tanh');
/**
 * `sin(x)`.
 * @example
 * ```ts
 * import { model, sin } from 'langevin/builder';
 * console.log(model('m').target(sin(1)).toStan());
 * // → model {
 * // →   target += sin(1);
 * // → }
 * ```
 */
export const sin: Unary = unary('sin');
/**
 * `cos(x)`.
 * @example
 * ```ts
 * import { model, cos } from 'langevin/builder';
 * console.log(model('m').target(cos(1)).toStan());
 * // → model {
 * // →   target += cos(1);
 * // → }
 * ```
 */
export const cos: Unary = unary('cos');
/**
 * `pow(x, y)`.
 * @example
 * ```ts
 * import { model, pow } from 'langevin/builder';
 * console.log(model('m').target(pow(2, 3)).toStan());
 * // → model {
 * // →   target += pow(2, 3);
 * // → }
 * ```
 */
export const pow: Binary = binary('pow');
/**
 * `fmin(x, y)`.
 * @example
 * ```ts
 * import { model, fmin } from 'langevin/builder';
 * console.log(model('m').target(fmin(2, 3)).toStan());
 * // → model {
 * // →   target += fmin(2, 3);
 * // → }
 * ```
 */
export const fmin: Binary = binary('fmin');
/**
 * `fmax(x, y)`.
 * @example
 * ```ts
 * import { model, fmax } from 'langevin/builder';
 * console.log(model('m').target(fmax(2, 3)).toStan());
 * // → model {
 * // →   target += fmax(2, 3);
 * // → }
 * ```
 */
export const fmax: Binary = binary('fmax');

// reductions and containers
/**
 * `sum(x)` of a container.
 * @example
 * ```ts
 * import { model, vector, sum } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(sum('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += sum(x);
 * // → }
 * ```
 */
export const sum: Unary = unary('sum');
/**
 * `mean(x)` of a container.
 * @example
 * ```ts
 * import { model, vector, mean } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(mean('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += mean(x);
 * // → }
 * ```
 */
export const mean: Unary = unary('mean');
/**
 * `sd(x)`: the sample standard deviation.
 * @example
 * ```ts
 * import { model, vector, sd } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(sd('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += sd(x);
 * // → }
 * ```
 */
export const sd: Unary = unary('sd');
/**
 * `variance(x)`: the sample variance.
 * @example
 * ```ts
 * import { model, vector, variance } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(variance('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += variance(x);
 * // → }
 * ```
 */
export const variance: Unary = unary('variance');
/**
 * `prod(x)`.
 * @example
 * ```ts
 * import { model, vector, prod } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(prod('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += prod(x);
 * // → }
 * ```
 */
export const prod: Unary = unary('prod');
/**
 * `min(x)` of a container.
 * @example
 * ```ts
 * import { model, vector, min } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(min('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += min(x);
 * // → }
 * ```
 */
export const min: Unary = unary('min');
/**
 * `max(x)` of a container.
 * @example
 * ```ts
 * import { model, vector, max } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(max('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += max(x);
 * // → }
 * ```
 */
export const max: Unary = unary('max');
/**
 * `size(x)`: the number of elements.
 * @example
 * ```ts
 * import { model, vector, size } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(size('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += size(x);
 * // → }
 * ```
 */
export const size: Unary = unary('size');
/**
 * `rows(x)`.
 * @example
 * ```ts
 * import { model, matrix, rows } from 'langevin/builder';
 * console.log(model('m').data('X', matrix(2, 3)).target(rows('X')).toStan());
 * // → data {
 * // →   matrix[2, 3] X;
 * // → }
 * // → model {
 * // →   target += rows(X);
 * // → }
 * ```
 */
export const rows: Unary = unary('rows');
/**
 * `cols(x)`.
 * @example
 * ```ts
 * import { model, matrix, cols } from 'langevin/builder';
 * console.log(model('m').data('X', matrix(2, 3)).target(cols('X')).toStan());
 * // → data {
 * // →   matrix[2, 3] X;
 * // → }
 * // → model {
 * // →   target += cols(X);
 * // → }
 * ```
 */
export const cols: Unary = unary('cols');
/**
 * `to_vector(x)`.
 * @example
 * ```ts
 * import { model, matrix, sum, toVector } from 'langevin/builder';
 * console.log(model('m').data('X', matrix(2, 3)).target(sum(toVector('X'))).toStan());
 * // → data {
 * // →   matrix[2, 3] X;
 * // → }
 * // → model {
 * // →   target += sum(to_vector(X));
 * // → }
 * ```
 */
export const toVector: Unary = unary('to_vector');
/**
 * `cumulative_sum(x)`.
 * @example
 * ```ts
 * import { model, vector, cumulativeSum, sum } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(sum(cumulativeSum('x'))).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += sum(cumulative_sum(x));
 * // → }
 * ```
 */
export const cumulativeSum: Unary = unary('cumulative_sum');
/**
 * `dot_self(x)` = x · x.
 * @example
 * ```ts
 * import { model, vector, dotSelf } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(dotSelf('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += dot_self(x);
 * // → }
 * ```
 */
export const dotSelf: Unary = unary('dot_self');
/**
 * `dot_product(x, y)`.
 * @example
 * ```ts
 * import { model, vector, dotProduct } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(dotProduct('x', 'x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += dot_product(x, x);
 * // → }
 * ```
 */
export const dotProduct: Binary = binary('dot_product');
/**
 * `rep_vector(x, n)`.
 * @example
 * ```ts
 * import { model, vector, dotProduct, repVector } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(dotProduct('x', repVector(1, 3))).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += dot_product(x, rep_vector(1, 3));
 * // → }
 * ```
 */
export const repVector: Binary = binary('rep_vector');
/**
 * `log_sum_exp(x)` of a container, or `log_sum_exp(a, b)`.
 * @example
 * ```ts
 * import { model, vector, logSumExp } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(logSumExp('x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += log_sum_exp(x);
 * // → }
 * ```
 */
export const logSumExp = (a: ExprLike, b?: ExprLike): Expression =>
  b === undefined ? call('log_sum_exp', a) : call('log_sum_exp', a, b);
/**
 * `log_mix(theta, lp1, lp2)`.
 * @example
 * ```ts
 * import { model, real, logMix, normal } from 'langevin/builder';
 * const mix = logMix(0.3, normal(-1, 1).lpdf('x'), normal(1, 1).lpdf('x'));
 * console.log(model('m').parameter('x', real()).target(mix).toStan());
 * // → parameters {
 * // →   real x;
 * // → }
 * // → model {
 * // →   target += log_mix(0.3, normal_lpdf(x | -1, 1), normal_lpdf(x | 1, 1));
 * // → }
 * ```
 */
export const logMix = (theta: ExprLike, lp1: ExprLike, lp2: ExprLike): Expression => call('log_mix', theta, lp1, lp2);

/**
 * π.
 * @example
 * ```ts
 * import { model, pi } from 'langevin/builder';
 * console.log(model('m').target(pi()).toStan());
 * // → model {
 * // →   target += pi();
 * // → }
 * ```
 */
export const pi = (): Expression => call('pi');
