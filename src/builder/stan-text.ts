/**
 * The escape hatch: pieces of Stan text parsed into builder values, for
 * anything the fluent helpers do not cover. The text is parsed alone (inside
 * a wrapper), so a syntax error here reports positions in that wrapper; the
 * resulting nodes get synthetic spans like every other builder node.
 */
import type { Stmt } from '../language/ast.js';
import { parse } from '../language/parse.js';
import { Expression } from './expression.js';
import { NO_SPAN, builderError } from './span.js';

/**
 * One Stan expression, e.g. `stanExpr('beta[1] + beta[2] * x')`.
 * @example
 * ```ts
 * import { model, vector, stanExpr } from 'langevin/builder';
 * console.log(model('m').data('beta', vector(2)).target(stanExpr('beta[1] + beta[2] * 2')).toStan());
 * // → data {
 * // →   vector[2] beta;
 * // → }
 * // → model {
 * // →   target += beta[1] + beta[2] * 2;
 * // → }
 * ```
 */
export function stanExpr(text: string): Expression {
  const body = parseModelBody(`stan_expr__ = ${text};`, 'stanExpr');
  const stmt = body[0];
  if (body.length !== 1 || stmt?.kind !== 'Assign' || stmt.name !== 'stan_expr__') {
    throw builderError(`stanExpr(${JSON.stringify(text)}) is not a single expression`);
  }
  return new Expression(stmt.value);
}

/**
 * Stan statements, e.g. `stanStatements('for (n in 1:N) y[n] ~ normal(mu, 1);')`.
 * @example
 * ```ts
 * import { model, real, stanStatements } from 'langevin/builder';
 * const body = stanStatements('real s = x * x;\ntarget += -s / 2;');
 * console.log(model('m').parameter('x', real()).model(body).toStan());
 * // → parameters {
 * // →   real x;
 * // → }
 * // → model {
 * // →   real s = x * x;
 * // →   target += -s / 2;
 * // → }
 * ```
 */
export function stanStatements(text: string): Stmt[] {
  return parseModelBody(text, 'stanStatements');
}

function parseModelBody(text: string, what: string): Stmt[] {
  const program = parse(`model {\n${text}\n}\n`, `<${what}>`);
  const block = program.blocks[0];
  if (program.blocks.length !== 1 || block?.name !== 'model') {
    throw builderError(`${what}(${JSON.stringify(text)}) must hold statements only, not blocks`);
  }
  return block.body.map(withSyntheticSpans);
}

/** A copy with every span replaced by NO_SPAN, like the rest of a builder AST. */
function withSyntheticSpans<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withSyntheticSpans) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      out[key] = key === 'span' || key.endsWith('Span') ? NO_SPAN : withSyntheticSpans(field);
    }
    return out as T;
  }
  return value;
}
