/**
 * Names in scope while checking: the block-level variables of every block
 * seen so far, and a stack of local frames (nested statement blocks, loop
 * variables). Stan forbids shadowing, so a name is declared at most once
 * among everything visible.
 */
import type { BlockName, Span, TypeDecl } from '../language/ast.js';
import type { StanType } from './types.js';

export type VariableKind =
  /** Declared at the top level of a block (a block variable). */
  | 'block'
  /** Declared inside statements, or at the top of the model block. */
  | 'local'
  /** A for / foreach loop variable: read-only. */
  | 'loop'
  /** An argument of a user-defined function: read-only. */
  | 'argument';

export interface VariableInfo {
  name: string;
  type: StanType;
  kind: VariableKind;
  /** The block the declaration is in. */
  block: BlockName;
  /** Known when the program is compiled (data, transformed data, or a local there). */
  isData: boolean;
  span: Span;
  decl?: TypeDecl;
}

/**
 * Words a variable cannot be called: Stan's keywords and type names, the
 * language's extensions (`noise`, `potential`), and `target`. The contextual
 * words `lower`, `upper`, `offset` and `multiplier` stay usable as names.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  // Extensions and target.
  'noise',
  'potential',
  'target',
  // Stan keywords.
  'for',
  'in',
  'while',
  'repeat',
  'until',
  'if',
  'then',
  'else',
  'true',
  'false',
  'functions',
  'model',
  'data',
  'parameters',
  'quantities',
  'transformed',
  'generated',
  'return',
  'break',
  'continue',
  'print',
  'reject',
  'fatal_error',
  'profile',
  'void',
  'array',
  'tuple',
  'get_lp',
  // Type names.
  'int',
  'real',
  'complex',
  'vector',
  'row_vector',
  'matrix',
  'complex_vector',
  'complex_row_vector',
  'complex_matrix',
  'simplex',
  'ordered',
  'positive_ordered',
  'unit_vector',
  'sum_to_zero_vector',
  'cholesky_factor_corr',
  'cholesky_factor_cov',
  'cov_matrix',
  'corr_matrix',
]);

export class Scope {
  private readonly globals = new Map<string, VariableInfo>();
  private readonly frames: Map<string, VariableInfo>[] = [];

  lookup(name: string): VariableInfo | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const v = this.frames[i]!.get(name);
      if (v) return v;
    }
    return this.globals.get(name);
  }

  /** Declare a variable; returns the earlier declaration instead when the name is taken. */
  declare(info: VariableInfo): VariableInfo | undefined {
    const existing = this.lookup(info.name);
    if (existing) return existing;
    const frame = this.frames[this.frames.length - 1];
    if (frame) frame.set(info.name, info);
    else this.globals.set(info.name, info);
    return undefined;
  }

  /** Names visible now, for "did you mean" suggestions. */
  visibleNames(): string[] {
    const names = new Set(this.globals.keys());
    for (const f of this.frames) for (const k of f.keys()) names.add(k);
    return [...names];
  }

  push(): void {
    this.frames.push(new Map());
  }

  pop(): void {
    this.frames.pop();
  }

  /** Whether declarations now go to the block level (no local frame open). */
  atBlockLevel(): boolean {
    return this.frames.length === 0;
  }
}
