/**
 * CST → AST for the `functions` block: definitions, forward declarations,
 * argument and return types. The AstBuilder's rule methods delegate here.
 */
import type { CstNode, IToken } from 'chevrotain';
import type { BlockStmt, FunctionArg, FunctionDef, Span, UnsizedType } from './ast.js';
import { join, node, nodes, token, tokens, tokenSpan, type Ctx } from './cst.js';
import { UPGRADE_NOTE } from './upgrade-note.js';

/** What the rule methods need of the builder. */
export interface VisitorHost {
  visit(n: CstNode): unknown;
  error(message: string, span: Span, notes?: string[]): void;
  /** Called around a function body, so `return` knows it is inside one. */
  enterFunction(def: { name: string; returnsVoid: boolean } | undefined): void;
}

const ARGUMENT_BASES = new Set(['int', 'real', 'vector', 'row_vector', 'matrix']);

export function buildFunctionsBlock(host: VisitorHost, ctx: Ctx): FunctionDef[] {
  return nodes(ctx, 'functionDef').map((n) => host.visit(n) as FunctionDef);
}

export function buildFunctionDef(host: VisitorHost, ctx: Ctx): FunctionDef {
  const nameTok = token(ctx, 'Identifier');
  const returns: UnsizedType | 'void' = ctx.Void ? 'void' : (host.visit(node(ctx, 'unsizedType')) as UnsizedType);
  const args = nodes(ctx, 'functionArg').map((n) => host.visit(n) as FunctionArg);
  const start = ctx.Void ? tokenSpan(token(ctx, 'Void')) : (returns as UnsizedType).span;
  const name = nameTok.image;
  const nameSpan = tokenSpan(nameTok);
  if (name.endsWith('__')) host.error(`names ending in '__' are reserved: '${name}'`, nameSpan);
  const seen = new Set<string>();
  for (const a of args) {
    if (seen.has(a.name)) host.error(`argument '${a.name}' of '${name}' is declared twice`, a.nameSpan);
    seen.add(a.name);
  }
  if (ctx.blockStatement) {
    host.enterFunction({ name, returnsVoid: returns === 'void' });
    const body = host.visit(node(ctx, 'blockStatement')) as BlockStmt;
    host.enterFunction(undefined);
    return { kind: 'FunctionDef', returns, name, nameSpan, args, body, span: join(start, body.span) };
  }
  return { kind: 'FunctionDef', returns, name, nameSpan, args, span: join(start, tokenSpan(token(ctx, 'Semi'))) };
}

export function buildFunctionArg(host: VisitorHost, ctx: Ctx): FunctionArg {
  const type = host.visit(node(ctx, 'unsizedType')) as UnsizedType;
  const nameTok = token(ctx, 'Identifier');
  const dataTok = tokens(ctx, 'Data')[0];
  if (dataTok) type.span = join(tokenSpan(dataTok), type.span);
  return { type, name: nameTok.image, nameSpan: tokenSpan(nameTok), dataOnly: dataTok !== undefined };
}

export function buildUnsizedType(host: VisitorHost, ctx: Ctx): UnsizedType {
  const typeTok = token(ctx, 'TypeKeyword');
  const squares = tokens(ctx, 'LSquare');
  const closes = tokens(ctx, 'RSquare');
  const commas = tokens(ctx, 'Comma');
  const arrayTok = tokens(ctx, 'Array')[0];
  let span = arrayTok ? join(tokenSpan(arrayTok), tokenSpan(typeTok)) : tokenSpan(typeTok);
  let arrayDims = 0;
  const base = typeTok.image;
  // Square brackets before the type keyword belong to `array[...]`, after it to the old syntax.
  const before = (tok: IToken) => tok.startOffset < typeTok.startOffset;
  if (arrayTok) arrayDims = commas.filter(before).length + 1;
  const old = squares.find((tok) => !before(tok));
  if (old) {
    const close = closes.find((tok) => !before(tok))!;
    const oldDims = commas.filter((tok) => !before(tok)).length + 1;
    const oldSpan = join(tokenSpan(old), tokenSpan(close));
    const total = arrayDims + oldDims;
    host.error(`old array syntax is not supported; write 'array[${','.repeat(total - 1)}] ${base}'`, oldSpan, [
      UPGRADE_NOTE,
    ]);
    arrayDims = total;
    span = join(span, oldSpan);
  }
  if (!ARGUMENT_BASES.has(base)) {
    const hint = base.startsWith('complex')
      ? 'complex numbers are not supported'
      : `constrained types cannot be function arguments or results; use '${storage(base)}'`;
    host.error(`'${base}' is not a function argument type: ${hint}`, tokenSpan(typeTok));
    return { base: storage(base), arrayDims, span };
  }
  return { base: base as UnsizedType['base'], arrayDims, span };
}

function storage(base: string): UnsizedType['base'] {
  return /vector|simplex|ordered/.test(base) && !base.includes('row')
    ? 'vector'
    : base.includes('row')
      ? 'row_vector'
      : 'matrix';
}
