/**
 * Expressions of the builder: an immutable wrapper around an AST `Expr` with
 * chainable operators. Wherever an expression is expected, a plain number
 * (a literal) or a string (a variable name) is accepted too.
 */
import type { BinaryOperator, Expr, Index } from '../language/ast.js';
import { NO_SPAN, builderError, checkIdentifier } from './span.js';

/** An expression, a number (literal) or a variable name. */
export type ExprLike = Expression | number | string;

/** One position inside `x[...]`: an expression, `all` (`:`) or a `range(a, b)`. */
export type IndexLike = ExprLike | IndexSpec;

/** An index position that is not a single expression: `all` or a range. */
export class IndexSpec {
  constructor(readonly ast: Index) {}
}

/** The whole dimension: `x[:, j]` is `v('x').index(all, 'j')`. */
export const all: IndexSpec = new IndexSpec({ kind: 'All', span: NO_SPAN });

/**
 * `a:b`, `a:` (upper omitted) or `:b` (lower omitted, pass undefined).
 * @example
 * ```ts
 * import { model, int, vector, v, range, sum } from 'langevin/builder';
 * const m = model('m').data('N', int().lower(2)).data('y', vector('N'));
 * console.log(m.target(sum(v('y').index(range(2, 'N')))).toStan());
 * // → data {
 * // →   int<lower=2> N;
 * // →   vector[N] y;
 * // → }
 * // → model {
 * // →   target += sum(y[2:N]);
 * // → }
 * ```
 */
export function range(lower?: ExprLike, upper?: ExprLike): IndexSpec {
  if (lower === undefined && upper === undefined) return all;
  const ast: Index = { kind: 'Range', span: NO_SPAN };
  if (lower !== undefined) ast.lower = toExpr(lower);
  if (upper !== undefined) ast.upper = toExpr(upper);
  return new IndexSpec(ast);
}

export class Expression {
  constructor(readonly ast: Expr) {}

  add(other: ExprLike): Expression {
    return binary('+', this, other);
  }
  sub(other: ExprLike): Expression {
    return binary('-', this, other);
  }
  /** `*`: scalar, or matrix/vector product. */
  mul(other: ExprLike): Expression {
    return binary('*', this, other);
  }
  /** `/` (integer division when both sides are int, as in Stan). */
  div(other: ExprLike): Expression {
    return binary('/', this, other);
  }
  /** `%`: integer modulus. */
  mod(other: ExprLike): Expression {
    return binary('%', this, other);
  }
  /** `^` */
  pow(other: ExprLike): Expression {
    return binary('^', this, other);
  }
  /** `.*`: elementwise product. */
  emul(other: ExprLike): Expression {
    return binary('.*', this, other);
  }
  /** `./`: elementwise division. */
  ediv(other: ExprLike): Expression {
    return binary('./', this, other);
  }
  /** `.^`: elementwise power. */
  epow(other: ExprLike): Expression {
    return binary('.^', this, other);
  }
  neg(): Expression {
    return new Expression({ kind: 'Prefix', op: '-', operand: this.ast, span: NO_SPAN });
  }

  lt(other: ExprLike): Expression {
    return binary('<', this, other);
  }
  le(other: ExprLike): Expression {
    return binary('<=', this, other);
  }
  gt(other: ExprLike): Expression {
    return binary('>', this, other);
  }
  ge(other: ExprLike): Expression {
    return binary('>=', this, other);
  }
  eq(other: ExprLike): Expression {
    return binary('==', this, other);
  }
  ne(other: ExprLike): Expression {
    return binary('!=', this, other);
  }
  and(other: ExprLike): Expression {
    return binary('&&', this, other);
  }
  or(other: ExprLike): Expression {
    return binary('||', this, other);
  }
  not(): Expression {
    return new Expression({ kind: 'Prefix', op: '!', operand: this.ast, span: NO_SPAN });
  }

  /** Postfix `'`. */
  transpose(): Expression {
    return new Expression({ kind: 'Transpose', operand: this.ast, span: NO_SPAN });
  }

  /** `x[i, j]` with 1-based indices; positions may be `all` or `range(a, b)`. */
  index(...indices: IndexLike[]): Expression {
    if (indices.length === 0) throw builderError('index() needs at least one index');
    const ast: Index[] = indices.map((i) =>
      i instanceof IndexSpec ? i.ast : { kind: 'Single', expr: toExpr(i), span: NO_SPAN },
    );
    return new Expression({ kind: 'Index', target: this.ast, indices: ast, span: NO_SPAN });
  }
}

function binary(op: BinaryOperator, left: Expression, right: ExprLike): Expression {
  return new Expression({ kind: 'Binary', op, left: left.ast, right: toExpr(right), span: NO_SPAN });
}

/**
 * The AST of an expression-like value.
 * @example
 * ```ts
 * import { toExpr } from 'langevin/builder';
 * console.log(toExpr('mu').kind, toExpr(2).kind); // → Variable IntLiteral
 * ```
 */
export function toExpr(x: ExprLike): Expr {
  if (x instanceof Expression) return x.ast;
  if (typeof x === 'number') return literal(x);
  if (typeof x === 'string') return { kind: 'Variable', name: checkIdentifier(x, 'variable'), span: NO_SPAN };
  throw builderError(`expected an expression, a number or a variable name, got ${describe(x)}`);
}

/**
 * A variable reference.
 * @example
 * ```ts
 * import { model, real, v } from 'langevin/builder';
 * console.log(model('m').parameter('x', real()).target(v('x').mul('x').neg().div(2)).toStan());
 * // → parameters {
 * // →   real x;
 * // → }
 * // → model {
 * // →   target += -(x * x) / 2;
 * // → }
 * ```
 */
export function v(name: string): Expression {
  return new Expression(toExpr(checkIdentifier(name, 'variable')));
}

/**
 * A literal. Integral numbers become int literals (Stan's int arithmetic
 * then applies: `c(1).div(2)` is 0); pass `'real'` for a real literal
 * (`c(1, 'real')` prints `1.0`). Infinities and NaN become
 * `positive_infinity()`, `negative_infinity()`, `not_a_number()`.
 * @example
 * ```ts
 * import { model, c } from 'langevin/builder';
 * // 1 / 2 is int division in Stan (0); 1.0 / 2 is 0.5
 * console.log(model('m').target(c(1).div(2).add(c(1, 'real').div(2))).toStan());
 * // → model {
 * // →   target += 1 / 2 + 1.0 / 2;
 * // → }
 * ```
 */
export function c(value: number, kind?: 'int' | 'real'): Expression {
  if (kind === 'int' && !(Number.isInteger(value) && Math.abs(value) <= MAX_INT)) {
    throw builderError(`c(${value}, 'int'): not an int (a whole number of magnitude at most ${MAX_INT})`);
  }
  return new Expression(literal(value, kind === 'real'));
}

const MAX_INT = 2 ** 31 - 1;

function literal(value: number, real = false): Expr {
  if (Number.isNaN(value)) return constantCall('not_a_number');
  if (value === Infinity) return constantCall('positive_infinity');
  if (value === -Infinity) return constantCall('negative_infinity');
  // the grammar has no negative literals: `-2` is a prefix minus on `2`
  if (value < 0 || Object.is(value, -0)) {
    return { kind: 'Prefix', op: '-', operand: literal(-value, real), span: NO_SPAN };
  }
  if (!real && Number.isInteger(value) && value <= MAX_INT) return { kind: 'IntLiteral', value, span: NO_SPAN };
  const text = String(value);
  return { kind: 'RealLiteral', value, text: /[.e]/.test(text) ? text : `${text}.0`, span: NO_SPAN };
}

function constantCall(name: string): Expr {
  return { kind: 'Call', name, nameSpan: NO_SPAN, args: [], conditional: false, span: NO_SPAN };
}

/**
 * `name(args…)`: any stdlib function by its Stan name.
 * @example
 * ```ts
 * import { model, vector, call } from 'langevin/builder';
 * console.log(model('m').data('x', vector(3)).target(call('log_sum_exp', 'x')).toStan());
 * // → data {
 * // →   vector[3] x;
 * // → }
 * // → model {
 * // →   target += log_sum_exp(x);
 * // → }
 * ```
 */
export function call(name: string, ...args: ExprLike[]): Expression {
  checkIdentifier(name, 'function');
  return new Expression({
    kind: 'Call',
    name,
    nameSpan: NO_SPAN,
    args: args.map(toExpr),
    conditional: false,
    span: NO_SPAN,
  });
}

/**
 * `name(variate | params…)`: the conditional form of `_lpdf`, `_lpmf`, `_lcdf`, `_lccdf`.
 * @example
 * ```ts
 * import { model, callConditional } from 'langevin/builder';
 * console.log(model('m').target(callConditional('normal_lpdf', 0.5, 0, 1)).toStan());
 * // → model {
 * // →   target += normal_lpdf(0.5 | 0, 1);
 * // → }
 * ```
 */
export function callConditional(name: string, variate: ExprLike, ...params: ExprLike[]): Expression {
  checkIdentifier(name, 'function');
  return new Expression({
    kind: 'Call',
    name,
    nameSpan: NO_SPAN,
    args: [toExpr(variate), ...params.map(toExpr)],
    conditional: true,
    span: NO_SPAN,
  });
}

/**
 * `condition ? then : otherwise`.
 * @example
 * ```ts
 * import { model, real, v, ifElse } from 'langevin/builder';
 * console.log(model('m').parameter('x', real()).target(ifElse(v('x').gt(0), 'x', 0).neg()).toStan());
 * // → parameters {
 * // →   real x;
 * // → }
 * // → model {
 * // →   target += -(x > 0 ? x : 0);
 * // → }
 * ```
 */
export function ifElse(condition: ExprLike, then: ExprLike, otherwise: ExprLike): Expression {
  return new Expression({
    kind: 'Ternary',
    condition: toExpr(condition),
    then: toExpr(then),
    otherwise: toExpr(otherwise),
    span: NO_SPAN,
  });
}

/**
 * `{a, b, c}`: an array expression.
 * @example
 * ```ts
 * import { model, array, real, arrayOf } from 'langevin/builder';
 * console.log(model('m').transformedData('a', array(3, real()), arrayOf(1, 2.5, 4)).toStan());
 * // → transformed data {
 * // →   array[3] real a = {1, 2.5, 4};
 * // → }
 * ```
 */
export function arrayOf(...elements: ExprLike[]): Expression {
  if (elements.length === 0) throw builderError('arrayOf() needs at least one element');
  return new Expression({ kind: 'ArrayExpr', elements: elements.map(toExpr), span: NO_SPAN });
}

/**
 * `[a, b, c]`: a row vector (a matrix when the elements are row vectors).
 * @example
 * ```ts
 * import { model, rowVector, rowVectorOf } from 'langevin/builder';
 * console.log(model('m').transformedData('r', rowVector(2), rowVectorOf(1, 2)).toStan());
 * // → transformed data {
 * // →   row_vector[2] r = [1, 2];
 * // → }
 * ```
 */
export function rowVectorOf(...elements: ExprLike[]): Expression {
  if (elements.length === 0) throw builderError('rowVectorOf() needs at least one element');
  return new Expression({ kind: 'RowVectorExpr', elements: elements.map(toExpr), span: NO_SPAN });
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array (use arrayOf(…) or rowVectorOf(…))';
  return typeof x;
}
