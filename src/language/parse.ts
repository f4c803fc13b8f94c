/**
 * The parsing stage: model text → AST. One entry, `parse`, which returns the
 * Program or throws a LangevinError carrying every syntax diagnostic found
 * (lexer errors, parser errors after chevrotain's recovery, and the named
 * errors for unsupported Stan features).
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import type { Position, Program, Span } from './ast.js';
import { InternalError, LangevinError, type Diagnostic } from '../errors.js';
import { modelParser } from './parser.js';
import { UnterminatedComment, modelLexer } from './tokens.js';
import { UPGRADE_NOTE } from './upgrade-note.js';
import { AstBuilder } from './visitor.js';
import { tokenSpan } from './cst.js';
import { describeToken } from './syntax-messages.js';
import { nestingDiagnostic } from './nesting.js';
import { limits } from '../limits.js';

const builder = new AstBuilder();

/**
 * Parse a model; throws LangevinError with all syntax diagnostics (spans into `source`, file `file`).
 * @example
 * ```ts
 * import { parse } from 'langevin';
 * const program = parse('data { int N; } parameters { real mu; } model { mu ~ normal(0, 1); }');
 * console.log(program.blocks.map((b) => b.name)); // → [ 'data', 'parameters', 'model' ]
 * ```
 */
export function parse(source: string, file = 'model.stan'): Program {
  // named unsupported features (kept out of the token stream, so the parse goes on undisturbed)
  const diagnostics: Diagnostic[] = [];
  // lexer and parser errors: after these the tree is patched up by recovery
  const syntaxErrors: Diagnostic[] = [];
  // A UTF-8 byte-order mark is whitespace to us (editors on Windows write one).
  const lexed = modelLexer.tokenize(source.charCodeAt(0) === 0xfeff ? ' ' + source.slice(1) : source);

  for (const e of lexed.errors) {
    syntaxErrors.push({ severity: 'error', message: lexerMessage(source, e.offset), span: charSpan(e) });
  }
  for (const tok of (lexed.groups.unsupported ?? []) as IToken[]) {
    const message =
      tok.tokenType === UnterminatedComment
        ? "unterminated comment: '/*' without a closing '*/'"
        : /^#\s*include\b/.test(tok.image)
          ? "'#include' is not supported; paste the included file into the model"
          : "'#' comments are not supported (they were removed from Stan); use '//'";
    const hash = tok.tokenType !== UnterminatedComment && !/^#\s*include\b/.test(tok.image);
    diagnostics.push(
      hash
        ? { severity: 'error', message, span: tokenSpan(tok), notes: [UPGRADE_NOTE] }
        : { severity: 'error', message, span: tokenSpan(tok) },
    );
  }
  const tokens = lexed.tokens;
  // Past the nesting limit the parser would overflow its stack: stop here, located.
  const tooDeep = nestingDiagnostic(tokens, limits().nesting);
  if (tooDeep) throw new LangevinError({ ...tooDeep, file });

  modelParser.input = tokens;
  const cst = parseOrOverflow(file);
  // an unclosed `/*` swallows the rest of the file: the missing `}` that follows is no news
  const swallowed = lexed.groups.unsupported?.some((tok) => tok.tokenType === UnterminatedComment) ?? false;
  // after recovery, a second error on the same line is nearly always an echo of the first
  const linesWithErrors = new Set<number>();
  for (const e of modelParser.errors) {
    if (swallowed && e.token.tokenType.name === 'EOF') continue;
    const d = parserDiagnostic(e);
    const line = d.span!.start.line;
    if (linesWithErrors.has(line)) continue;
    linesWithErrors.add(line);
    syntaxErrors.push(d);
  }

  const syntaxFailed = lexed.errors.length > 0 || modelParser.errors.length > 0;
  // trust the visitor's findings only before the first syntax error
  const firstSyntaxError = Math.min(...syntaxErrors.map((d) => d.span?.start.offset ?? 0), source.length);
  diagnostics.push(...syntaxErrors);
  let program: Program | undefined;
  try {
    const built = builder.build(cst, source, syntaxFailed);
    program = built.program;
    diagnostics.push(...built.diagnostics.filter((d) => !syntaxFailed || d.span!.start.offset < firstSyntaxError));
  } catch (error) {
    // A CST patched up by error recovery can lack pieces the visitor needs;
    // the syntax errors already explain the problem.
    if (!syntaxFailed) throw new InternalError(`parser: ${error instanceof Error ? error.message : String(error)}`);
  }

  if (diagnostics.length > 0 || !program) {
    throw new LangevinError(sortAndDedupe(diagnostics).map((d) => ({ ...d, file })));
  }
  return program;
}

/** The CST; a stack overflow the nesting check did not foresee is still a user error, not a crash. */
function parseOrOverflow(file: string): ReturnType<typeof modelParser.program> {
  try {
    return modelParser.program();
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    throw new LangevinError({
      severity: 'error',
      file,
      message: 'nested too deeply for the parser (the nesting limit); introduce local variables to flatten it',
    });
  }
}

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function lexerMessage(source: string, offset: number): string {
  if (source.startsWith('/*', offset)) return "unterminated comment: '/*' without a closing '*/'";
  if (source[offset] === '"') return "unterminated string: a string must end with '\"' on the same line";
  return `unexpected character '${source[offset]}'`;
}

function charSpan(e: { offset: number; line?: number; column?: number }): Span {
  const start: Position = { offset: e.offset, line: e.line ?? 1, column: e.column ?? 1 };
  return { start, end: { offset: e.offset + 1, line: start.line, column: start.column + 1 } };
}

/**
 * A parser error at the offending token; when the token is on a later line
 * than the one before it (a missing `;` at the end of a line, or the end of
 * the file), point just after the previous token instead.
 */
function parserDiagnostic(e: IRecognitionException): Diagnostic {
  const tok = e.token;
  const previous = (e as IRecognitionException & { previousToken?: IToken }).previousToken;
  const atEnd = isNaN(tok.startOffset) || tok.tokenType.name === 'EOF';
  const previousValid = previous !== undefined && !isNaN(previous.startOffset) && previous.endLine !== undefined;
  if (previousValid && !atEnd && tok.startLine! > previous.endLine! && e.name === 'MismatchedTokenException') {
    const p: Position = { offset: previous.endOffset! + 1, line: previous.endLine!, column: previous.endColumn! + 1 };
    // "expected a distribution name after '~'" already says where: don't say it twice
    const where = ` after ${describeToken(previous)}`;
    const stripped = e.message.replace(/ but found .*$/, '');
    const message = stripped.endsWith(where) ? stripped : stripped + where;
    return {
      severity: 'error',
      message,
      span: { start: p, end: { ...p, offset: p.offset + 1, column: p.column + 1 } },
    };
  }
  if (atEnd) {
    const p = previousValid
      ? { offset: previous.endOffset! + 1, line: previous.endLine!, column: previous.endColumn! + 1 }
      : { offset: 0, line: 1, column: 1 };
    return {
      severity: 'error',
      message: e.message,
      span: { start: p, end: { ...p, offset: p.offset + 1, column: p.column + 1 } },
    };
  }
  return { severity: 'error', message: e.message, span: tokenSpan(tok) };
}

function sortAndDedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  const sorted = [...diagnostics].sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0));
  for (const d of sorted) {
    const key = `${d.span?.start.offset}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
