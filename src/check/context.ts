/**
 * State shared by the expression and statement checkers while walking one
 * program: where we are, what is in scope, and what has been found.
 */
import type { AssignStmt, BlockName, CallExpr, Expr, Span, TildeStmt } from '../language/ast.js';
import type { Diagnostic } from '../errors.js';
import type { Library } from './library.js';
import type { Callee, TildeTarget } from './resolve.js';
import { Scope } from './scope.js';
import type { StanType } from './types.js';
import type { UserSignature } from './user-functions.js';

export class CheckContext {
  readonly scope = new Scope();
  readonly diagnostics: Diagnostic[] = [];
  readonly types = new Map<Expr, StanType>();
  readonly calls = new Map<CallExpr, Callee>();
  readonly tildes = new Map<TildeStmt, TildeTarget>();
  readonly compound = new Map<AssignStmt, StanType>();
  block: BlockName = 'data';
  /** Nesting depth of loops, for break / continue. */
  loopDepth = 0;
  readsNoise = false;
  /** Block variables of the whole program by name, to explain a use before the declaration. */
  readonly blockVariables = new Map<string, { block: BlockName; line: number }>();
  /** The functions block's signatures by name (overloads share a name). */
  readonly userFunctions = new Map<string, UserSignature[]>();
  /** The function whose body is being checked; undefined in the program's blocks. */
  fn: UserSignature | undefined;

  constructor(
    readonly library: Library,
    readonly file: string,
  ) {}

  error(message: string, span: Span | undefined, notes?: string[]): void {
    const d: Diagnostic = { severity: 'error', message, file: this.file };
    if (span) d.span = span;
    if (notes && notes.length > 0) d.notes = notes;
    this.diagnostics.push(d);
  }
}
