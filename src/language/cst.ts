/**
 * Reading chevrotain's CST (children by key) and turning tokens into AST
 * spans; small helpers the CST→AST visitors share.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { BaseTypeName, Expr, Index, Position, Span } from './ast.js';

export type Ctx = Record<string, CstElement[] | undefined>;

// ---------------------------------------------------------------- CST access

export function nodes(ctx: Ctx, key: string): CstNode[] {
  return (ctx[key] ?? []) as CstNode[];
}
export function tokens(ctx: Ctx, key: string): IToken[] {
  return (ctx[key] ?? []) as IToken[];
}
export function node(ctx: Ctx, key: string, i = 0): CstNode {
  const n = nodes(ctx, key)[i];
  if (!n) throw new Error(`missing CST node ${key}`);
  return n;
}
export function token(ctx: Ctx, key: string, i = 0): IToken {
  const tok = tokens(ctx, key)[i];
  if (!tok) throw new Error(`missing token ${key}`);
  return tok;
}

// ---------------------------------------------------------------- spans

export function tokenSpan(tok: IToken): Span {
  return {
    start: { offset: tok.startOffset, line: tok.startLine!, column: tok.startColumn! },
    end: { offset: tok.endOffset! + 1, line: tok.endLine!, column: tok.endColumn! + 1 },
  };
}
export function join(a: Span, b: Span): Span {
  return { start: a.start, end: b.end };
}
/** The zero-width span just after a token (for an empty index position). */
export function after(tok: IToken): Span {
  const p: Position = { offset: tok.endOffset! + 1, line: tok.endLine!, column: tok.endColumn! + 1 };
  return { start: p, end: p };
}
/** Where a token or an indexing node (by its `[`) starts. */
export function startOf(e: CstElement): number {
  return 'image' in e ? e.startOffset : (e.children.LSquare![0] as IToken).startOffset;
}

// ---------------------------------------------------------------- helpers

export function lvalue(e: Expr): { name: string; nameSpan: Span; indices: Index[][] } | undefined {
  const groups: Index[][] = [];
  let cur = e;
  while (cur.kind === 'Index') {
    groups.unshift(cur.indices);
    cur = cur.target;
  }
  if (cur.kind !== 'Variable') return undefined;
  return { name: cur.name, nameSpan: cur.span, indices: groups };
}

export function sizeHint(base: BaseTypeName): string {
  switch (base) {
    case 'matrix':
      return "'matrix' takes two sizes: 'matrix[R, C]'";
    case 'cholesky_factor_cov':
      return "'cholesky_factor_cov' takes one or two sizes: 'cholesky_factor_cov[M]' or 'cholesky_factor_cov[M, N]'";
    default:
      return `'${base}' takes one size: '${base}[N]'`;
  }
}

export function endOf(source: string): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset: source.length, line, column: source.length - lineStart + 1 };
}
