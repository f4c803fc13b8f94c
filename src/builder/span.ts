/**
 * The span every builder node carries. Builder models are compiled from
 * their printed Stan text (see model.ts), so diagnostics point into that
 * text; these spans only fill the AST field and say "no source position"
 * (line 0, column 0) to anyone reading `toAST()` directly.
 */
import type { Span } from '../language/ast.js';
import { LangevinError } from '../errors.js';

export const NO_SPAN: Span = Object.freeze({
  start: Object.freeze({ offset: 0, line: 0, column: 0 }),
  end: Object.freeze({ offset: 0, line: 0, column: 0 }),
}) as Span;

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A builder misuse found before the checker runs: a LangevinError without a span. */
export function builderError(message: string): LangevinError {
  return new LangevinError({ severity: 'error', message: `builder: ${message}` });
}

/** Throws unless `name` is spelled as a Stan identifier. */
export function checkIdentifier(name: string, what: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw builderError(
      `${what} ${JSON.stringify(name)} is not a Stan name (a letter, then letters, digits or '_')` +
        (typeof name === 'string' ? "; for Stan expression text use stanExpr('…')" : ''),
    );
  }
  return name;
}
