/**
 * Statements of the builder. Each helper returns a plain AST statement, so
 * statements compose freely (a loop body is a statement or a list of them)
 * and `stanStatements('…')` output mixes in.
 */
import type { AssignOperator, Expr, Index, Stmt } from '../language/ast.js';
import { RESERVED_WORDS } from '../check/scope.js';
import { Expression, toExpr, type ExprLike } from './expression.js';
import type { Distribution } from './distribution.js';
import type { StanType } from './types.js';
import { NO_SPAN, builderError, checkIdentifier } from './span.js';

export type { Stmt };

/** A loop or branch body: one statement, or a list of statements (printed as a `{ }` block). */
export type Body = Stmt | readonly Stmt[];

/**
 * `type name;` or `type name = init;`.
 * @example
 * ```ts
 * import { model, real, decl, assign, target } from 'langevin/builder';
 * console.log(model('m').model(decl('s', real(), 0), assign('s', 1, '+='), target('s')).toStan());
 * // → model {
 * // →   real s = 0;
 * // →   s += 1;
 * // →   target += s;
 * // → }
 * ```
 */
export function decl(name: string, type: StanType, init?: ExprLike): Stmt {
  const stmt: Stmt = {
    kind: 'VarDecl',
    type: type.toTypeDecl(),
    name: declaredName(name),
    nameSpan: NO_SPAN,
    span: NO_SPAN,
  };
  if (init !== undefined) stmt.init = toExpr(init);
  return stmt;
}

/**
 * `lhs op value`: the left side is a name or an indexed name,
 * e.g. `assign(v('X_std').index(all, 'k'), …)` or `assign('mu', 0, '+=')`.
 * @example
 * ```ts
 * import { model, vector, v, decl, assign } from 'langevin/builder';
 * console.log(model('m').transformedData(decl('x', vector(2)), assign(v('x').index(1), 3), assign(v('x').index(2), 4)).toStan());
 * // → transformed data {
 * // →   vector[2] x;
 * // →   x[1] = 3;
 * // →   x[2] = 4;
 * // → }
 * ```
 */
export function assign(lhs: string | Expression, value: ExprLike, op: AssignOperator = '='): Stmt {
  const { name, indices } = lvalue(typeof lhs === 'string' ? new Expression(toExpr(lhs)) : lhs);
  return { kind: 'Assign', name, nameSpan: NO_SPAN, indices, op, value: toExpr(value), span: NO_SPAN };
}

/**
 * `lhs ~ distribution(args) T[…]`.
 * @example
 * ```ts
 * import { model, real, sample, normal } from 'langevin/builder';
 * console.log(model('m').parameter('mu', real()).model(sample('mu', normal(0, 1).truncate(-2, 2))).toStan());
 * // → parameters {
 * // →   real mu;
 * // → }
 * // → model {
 * // →   mu ~ normal(0, 1) T[-2, 2];
 * // → }
 * ```
 */
export function sample(lhs: ExprLike, distribution: Distribution): Stmt {
  const stmt: Stmt = {
    kind: 'Tilde',
    lhs: toExpr(lhs),
    distribution: distribution.name,
    distributionSpan: NO_SPAN,
    args: [...distribution.args],
    span: NO_SPAN,
  };
  if (distribution.truncation) stmt.truncation = { ...distribution.truncation, span: NO_SPAN };
  return stmt;
}

/**
 * `target += value`.
 * @example
 * ```ts
 * import { model, real, v, target } from 'langevin/builder';
 * console.log(model('m').parameter('x', real()).model(target(v('x').mul('x').neg())).toStan());
 * // → parameters {
 * // →   real x;
 * // → }
 * // → model {
 * // →   target += -(x * x);
 * // → }
 * ```
 */
export function target(value: ExprLike): Stmt {
  return { kind: 'TargetPlus', value: toExpr(value), span: NO_SPAN };
}

/**
 * `potential += value` (extension: subtracts value from the log density).
 * @example
 * ```ts
 * import { model, real, v, potential, pow } from 'langevin/builder';
 * // the double well f(x) = (x² − 1)²: target -= f
 * console.log(model('m').parameter('x', real()).model(potential(pow(v('x').mul('x').sub(1), 2))).toStan());
 * // → parameters {
 * // →   real x;
 * // → }
 * // → model {
 * // →   potential += pow(x * x - 1, 2);
 * // → }
 * ```
 */
export function potential(value: ExprLike): Stmt {
  return { kind: 'PotentialPlus', value: toExpr(value), span: NO_SPAN };
}

/**
 * `for (variable in lower:upper) body`. The body may be a function of the
 * loop variable: `forRange('n', 1, 'N', (n) => sample(v('y').index(n), normal(0, 1)))`.
 * @example
 * ```ts
 * import { model, int, vector, real, v, forRange, sample, normal } from 'langevin/builder';
 * const m = model('m').data('N', int().lower(0)).data('y', vector('N')).parameter('mu', real());
 * console.log(m.model(forRange('n', 1, 'N', (n) => sample(v('y').index(n), normal('mu', 1)))).toStan());
 * // → data {
 * // →   int<lower=0> N;
 * // →   vector[N] y;
 * // → }
 * // → parameters {
 * // →   real mu;
 * // → }
 * // → model {
 * // →   for (n in 1:N)
 * // →     y[n] ~ normal(mu, 1);
 * // → }
 * ```
 */
export function forRange(
  variable: string,
  lower: ExprLike,
  upper: ExprLike,
  body: Body | ((variable: Expression) => Body),
): Stmt {
  const name = declaredName(variable);
  return {
    kind: 'For',
    variable: name,
    variableSpan: NO_SPAN,
    lower: toExpr(lower),
    upper: toExpr(upper),
    body: bodyOf(body, name),
    span: NO_SPAN,
  };
}

/**
 * `for (variable in collection) body`; the body may be a function of the element.
 * @example
 * ```ts
 * import { model, int, array, real, v, forEach, target } from 'langevin/builder';
 * const m = model('m').data('N', int()).data('y', array('N', real()));
 * console.log(m.model(forEach('yn', 'y', (yn) => target(yn.mul(yn).neg()))).toStan());
 * // → data {
 * // →   int N;
 * // →   array[N] real y;
 * // → }
 * // → model {
 * // →   for (yn in y)
 * // →     target += -(yn * yn);
 * // → }
 * ```
 */
export function forEach(variable: string, collection: ExprLike, body: Body | ((element: Expression) => Body)): Stmt {
  const name = declaredName(variable);
  return {
    kind: 'ForEach',
    variable: name,
    variableSpan: NO_SPAN,
    collection: toExpr(collection),
    body: bodyOf(body, name),
    span: NO_SPAN,
  };
}

/**
 * `if (condition) then else otherwise`.
 * @example
 * ```ts
 * import { model, real, v, ifThen, target } from 'langevin/builder';
 * const m = model('m').parameter('x', real());
 * console.log(m.model(ifThen(v('x').gt(0), target(v('x').neg()), target('x'))).toStan());
 * // → parameters {
 * // →   real x;
 * // → }
 * // → model {
 * // →   if (x > 0)
 * // →     target += -x;
 * // →   else
 * // →     target += x;
 * // → }
 * ```
 */
export function ifThen(condition: ExprLike, then: Body, otherwise?: Body): Stmt {
  const stmt: Stmt = { kind: 'If', condition: toExpr(condition), then: statementOf(then), span: NO_SPAN };
  if (otherwise !== undefined) stmt.otherwise = statementOf(otherwise);
  return stmt;
}

function bodyOf(body: Body | ((variable: Expression) => Body), variable: string): Stmt {
  return statementOf(typeof body === 'function' ? body(new Expression(toExpr(variable))) : body);
}

function statementOf(body: Body): Stmt {
  if (!isStatementList(body)) return body;
  return { kind: 'Block', body: [...body], span: NO_SPAN };
}

function isStatementList(body: Body): body is readonly Stmt[] {
  return Array.isArray(body);
}

/** A name being declared: an identifier that is not a reserved word. */
export function declaredName(name: string): string {
  checkIdentifier(name, 'name');
  if (RESERVED_WORDS.has(name)) throw builderError(`'${name}' is a reserved word and cannot be declared`);
  if (name.endsWith('__')) throw builderError(`names ending in '__' are reserved ('${name}')`);
  return name;
}

/** Split `x[i][j, k]` into the name and the index groups an assignment holds. */
function lvalue(e: Expression): { name: string; indices: Index[][] } {
  const groups: Index[][] = [];
  let node: Expr = e.ast;
  while (node.kind === 'Index') {
    groups.unshift(node.indices);
    node = node.target;
  }
  if (node.kind !== 'Variable') {
    throw builderError('the left side of an assignment must be a variable, possibly indexed');
  }
  return { name: node.name, indices: groups };
}
