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

export const int = (): StanType => new StanType('int');
export const real = (): StanType => new StanType('real');
export const vector = (n: ExprLike): StanType => sized('vector', n);
export const rowVector = (n: ExprLike): StanType => sized('row_vector', n);
export const matrix = (rows: ExprLike, cols: ExprLike): StanType => sized('matrix', rows, cols);
export const simplex = (k: ExprLike): StanType => sized('simplex', k);
export const ordered = (k: ExprLike): StanType => sized('ordered', k);
export const positiveOrdered = (k: ExprLike): StanType => sized('positive_ordered', k);
export const unitVector = (k: ExprLike): StanType => sized('unit_vector', k);
export const choleskyFactorCorr = (k: ExprLike): StanType => sized('cholesky_factor_corr', k);
/** `cholesky_factor_cov[M]` or `cholesky_factor_cov[M, N]`. */
export const choleskyFactorCov = (m: ExprLike, n?: ExprLike): StanType =>
  n === undefined ? sized('cholesky_factor_cov', m) : sized('cholesky_factor_cov', m, n);
export const covMatrix = (k: ExprLike): StanType => sized('cov_matrix', k);
export const corrMatrix = (k: ExprLike): StanType => sized('corr_matrix', k);

/**
 * `array[dims] element`: `array('J', real())`, `array(['N', 'M'], int())`.
 * An array of arrays flattens (`array(N, array(M, real()))` is `array[N, M] real`).
 */
export function array(dims: ExprLike | readonly ExprLike[], element: StanType): StanType {
  const list = (Array.isArray(dims) ? dims : [dims]) as readonly ExprLike[];
  if (list.length === 0) throw builderError('array() needs at least one dimension');
  return new StanType(element.base, element.sizes, [...list.map(toExpr), ...element.arrayDims], element.constraint);
}

function sized(base: BaseTypeName, ...sizes: ExprLike[]): StanType {
  return new StanType(base, sizes.map(toExpr));
}
