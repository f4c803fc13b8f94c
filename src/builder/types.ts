/**
 * Declared types of the builder: `real().lower(0)`, `vector('J')`,
 * `array('J', int().lower(0).upper(1))`. Immutable; each constraint method
 * returns a new type. Sizes and bounds take numbers, names or expressions.
 */
import type { BaseTypeName, Constraint, Expr, TypeDecl } from '../language/ast.js';
import { toExpr, type ExprLike } from './expression.js';
import { NO_SPAN, builderError } from './span.js';

/** Bases that take `<lower, upper>` and `<offset, multiplier>` (Stan's rules). */
const BOUNDABLE: ReadonlySet<BaseTypeName> = new Set(['int', 'real', 'vector', 'row_vector', 'matrix']);
const AFFINE: ReadonlySet<BaseTypeName> = new Set(['real', 'vector', 'row_vector', 'matrix']);

type ConstraintName = keyof Constraint;

export class StanType {
  constructor(
    readonly base: BaseTypeName,
    readonly sizes: readonly Expr[] = [],
    readonly arrayDims: readonly Expr[] = [],
    readonly constraint: Readonly<Constraint> = {},
  ) {}

  lower(bound: ExprLike): StanType {
    return this.with('lower', bound);
  }
  upper(bound: ExprLike): StanType {
    return this.with('upper', bound);
  }
  offset(value: ExprLike): StanType {
    return this.with('offset', value);
  }
  multiplier(value: ExprLike): StanType {
    return this.with('multiplier', value);
  }

  /** The AST type declaration. */
  toTypeDecl(): TypeDecl {
    const decl: TypeDecl = { base: this.base, sizes: [...this.sizes], arrayDims: [...this.arrayDims], span: NO_SPAN };
    if (Object.keys(this.constraint).length > 0) decl.constraint = { ...this.constraint };
    return decl;
  }

  private with(name: ConstraintName, value: ExprLike): StanType {
    const affine = name === 'offset' || name === 'multiplier';
    if (!(affine ? AFFINE : BOUNDABLE).has(this.base)) {
      throw builderError(
        `${this.base} cannot take <${name}=…> (only ${[...(affine ? AFFINE : BOUNDABLE)].join(', ')} can)`,
      );
    }
    const other: ConstraintName[] = affine ? ['lower', 'upper'] : ['offset', 'multiplier'];
    if (other.some((k) => this.constraint[k] !== undefined)) {
      throw builderError(`<${name}=…> cannot be combined with <${other.join('/')}=…> on one type`);
    }
    if (this.constraint[name] !== undefined) throw builderError(`<${name}=…> given twice`);
    return new StanType(this.base, this.sizes, this.arrayDims, { ...this.constraint, [name]: toExpr(value) });
  }
}

/**
 * `int`: an integer (data only); bound it with `.lower(…)` / `.upper(…)`.
 * @example
 * ```ts
 * import { model, int } from 'langevin/builder';
 * console.log(model('m').data('N', int().lower(0)).toStan());
 * // → data {
 * // →   int<lower=0> N;
 * // → }
 * ```
 */
export const int = (): StanType => new StanType('int');
/**
 * `real`; bound it with `.lower(…)` / `.upper(…)`.
 * @example
 * ```ts
 * import { model, real } from 'langevin/builder';
 * console.log(model('m').parameter('sigma', real().lower(0)).toStan());
 * // → parameters {
 * // →   real<lower=0> sigma;
 * // → }
 * ```
 */
export const real = (): StanType => new StanType('real');
/**
 * `vector[n]`.
 * @example
 * ```ts
 * import { model, int, vector } from 'langevin/builder';
 * console.log(model('m').data('N', int().lower(0)).data('y', vector('N')).toStan());
 * // → data {
 * // →   int<lower=0> N;
 * // →   vector[N] y;
 * // → }
 * ```
 */
export const vector = (n: ExprLike): StanType => sized('vector', n);
/**
 * `row_vector[n]`.
 * @example
 * ```ts
 * import { model, rowVector } from 'langevin/builder';
 * console.log(model('m').data('r', rowVector(3)).toStan());
 * // → data {
 * // →   row_vector[3] r;
 * // → }
 * ```
 */
export const rowVector = (n: ExprLike): StanType => sized('row_vector', n);
/**
 * `matrix[rows, cols]`.
 * @example
 * ```ts
 * import { model, matrix } from 'langevin/builder';
 * console.log(model('m').data('X', matrix(10, 3)).toStan());
 * // → data {
 * // →   matrix[10, 3] X;
 * // → }
 * ```
 */
export const matrix = (rows: ExprLike, cols: ExprLike): StanType => sized('matrix', rows, cols);
/**
 * `simplex[k]`: non-negative, sums to 1.
 * @example
 * ```ts
 * import { model, simplex } from 'langevin/builder';
 * console.log(model('m').parameter('theta', simplex(4)).toStan());
 * // → parameters {
 * // →   simplex[4] theta;
 * // → }
 * ```
 */
export const simplex = (k: ExprLike): StanType => sized('simplex', k);
/**
 * `ordered[k]`: increasing.
 * @example
 * ```ts
 * import { model, ordered } from 'langevin/builder';
 * console.log(model('m').parameter('cut', ordered(3)).toStan());
 * // → parameters {
 * // →   ordered[3] cut;
 * // → }
 * ```
 */
export const ordered = (k: ExprLike): StanType => sized('ordered', k);
/**
 * `positive_ordered[k]`.
 * @example
 * ```ts
 * import { model, positiveOrdered } from 'langevin/builder';
 * console.log(model('m').parameter('rates', positiveOrdered(2)).toStan());
 * // → parameters {
 * // →   positive_ordered[2] rates;
 * // → }
 * ```
 */
export const positiveOrdered = (k: ExprLike): StanType => sized('positive_ordered', k);
/**
 * `unit_vector[k]`: unit length.
 * @example
 * ```ts
 * import { model, unitVector } from 'langevin/builder';
 * console.log(model('m').parameter('u', unitVector(3)).toStan());
 * // → parameters {
 * // →   unit_vector[3] u;
 * // → }
 * ```
 */
export const unitVector = (k: ExprLike): StanType => sized('unit_vector', k);
/**
 * `cholesky_factor_corr[k]`.
 * @example
 * ```ts
 * import { model, choleskyFactorCorr } from 'langevin/builder';
 * console.log(model('m').parameter('L', choleskyFactorCorr(3)).toStan());
 * // → parameters {
 * // →   cholesky_factor_corr[3] L;
 * // → }
 * ```
 */
export const choleskyFactorCorr = (k: ExprLike): StanType => sized('cholesky_factor_corr', k);
/**
 * `cholesky_factor_cov[M]` or `cholesky_factor_cov[M, N]`.
 * @example
 * ```ts
 * import { model, choleskyFactorCov } from 'langevin/builder';
 * console.log(model('m').parameter('L', choleskyFactorCov(3)).toStan());
 * // → parameters {
 * // →   cholesky_factor_cov[3] L;
 * // → }
 * ```
 */
export const choleskyFactorCov = (m: ExprLike, n?: ExprLike): StanType =>
  n === undefined ? sized('cholesky_factor_cov', m) : sized('cholesky_factor_cov', m, n);
/**
 * `cov_matrix[k]`.
 * @example
 * ```ts
 * import { model, covMatrix } from 'langevin/builder';
 * console.log(model('m').parameter('Sigma', covMatrix(3)).toStan());
 * // → parameters {
 * // →   cov_matrix[3] Sigma;
 * // → }
 * ```
 */
export const covMatrix = (k: ExprLike): StanType => sized('cov_matrix', k);
/**
 * `corr_matrix[k]`.
 * @example
 * ```ts
 * import { model, corrMatrix } from 'langevin/builder';
 * console.log(model('m').parameter('Omega', corrMatrix(3)).toStan());
 * // → parameters {
 * // →   corr_matrix[3] Omega;
 * // → }
 * ```
 */
export const corrMatrix = (k: ExprLike): StanType => sized('corr_matrix', k);

/**
 * `array[dims] element`: `array('J', real())`, `array(['N', 'M'], int())`.
 * An array of arrays flattens (`array(N, array(M, real()))` is `array[N, M] real`).
 * @example
 * ```ts
 * import { model, int, array } from 'langevin/builder';
 * console.log(model('m').data('N', int()).data('y', array('N', int().lower(0))).toStan());
 * // → data {
 * // →   int N;
 * // →   array[N] int<lower=0> y;
 * // → }
 * ```
 */
export function array(dims: ExprLike | readonly ExprLike[], element: StanType): StanType {
  const list = (Array.isArray(dims) ? dims : [dims]) as readonly ExprLike[];
  if (list.length === 0) throw builderError('array() needs at least one dimension');
  return new StanType(element.base, element.sizes, [...list.map(toExpr), ...element.arrayDims], element.constraint);
}

function sized(base: BaseTypeName, ...sizes: ExprLike[]): StanType {
  return new StanType(base, sizes.map(toExpr));
}
