/**
 * The checker stage: names, scopes, types and block rules of a parsed
 * program. `check` is the stage's one entry; it throws a LangevinError with
 * every error it finds, or returns the program with what later stages need.
 */
import type { BlockName, Program, TypeDecl, VarDecl } from '../language/ast.js';
import { LangevinError } from '../errors.js';
import { distributions, functions } from '../../stdlib/index.js';
import { CheckContext } from './context.js';
import { makeLibrary, type Library } from './library.js';
import { checkStmt } from './statements.js';
import { checkFunctions } from './functions.js';
import type { StanType } from './types.js';
import type { TypedProgram } from './resolve.js';

/** A block-level variable (the model block's variables are local and not listed). */
export interface Declaration {
  name: string;
  type: StanType;
  decl: TypeDecl;
  block: BlockName;
  stmt: VarDecl;
}

export interface CheckedProgram extends TypedProgram {
  program: Program;
  file: string;
  /** Block-level variables of every block but model, in source order. */
  declarations: Declaration[];
  /** The same, by block. */
  blocks: Record<BlockName, Declaration[]>;
  /** Whether the model or transformed parameters read `noise`. */
  readsNoise: boolean;
}

export interface CheckOptions {
  /** The stdlib to check calls against (default: the project's stdlib). */
  library?: Library;
}

let defaultLibrary: Library | undefined;

/**
 * Type-check a parsed program; throws a LangevinError with every diagnostic.
 * @example
 * ```ts
 * import { check, parse, LangevinError } from 'langevin';
 * // parse accepts this; check finds the type error
 * const program = parse('parameters { real mu; } model { int k = mu; }');
 * try {
 *   check(program);
 * } catch (error) {
 *   if (error instanceof LangevinError) console.log(error.diagnostics[0].message); // → cannot initialise 'k' of type 'int' with a value of type 'real'
 * }
 * ```
 */
export function check(program: Program, file = 'model.stan', options: CheckOptions = {}): CheckedProgram {
  const library = options.library ?? (defaultLibrary ??= makeLibrary(distributions, functions));
  const ctx = new CheckContext(library, file);
  for (const block of program.blocks) {
    if (block.name === 'model') continue;
    for (const stmt of block.body) {
      if (stmt.kind === 'VarDecl' && !ctx.blockVariables.has(stmt.name)) {
        ctx.blockVariables.set(stmt.name, { block: block.name, line: stmt.nameSpan.start.line });
      }
    }
  }
  checkFunctions(program.functions ?? [], ctx);
  const declarations: Declaration[] = [];
  const blocks: Record<BlockName, Declaration[]> = {
    data: [],
    'transformed data': [],
    parameters: [],
    'transformed parameters': [],
    model: [],
    'generated quantities': [],
  };
  for (const block of program.blocks) {
    ctx.block = block.name;
    // The model block's declarations are local variables.
    const local = block.name === 'model';
    if (local) ctx.scope.push();
    for (const stmt of block.body) {
      checkStmt(stmt, ctx, true, (info, varDecl) => {
        const d: Declaration = {
          name: info.name,
          type: info.type,
          decl: varDecl.type,
          block: block.name,
          stmt: varDecl,
        };
        declarations.push(d);
        blocks[block.name].push(d);
      });
    }
    if (local) ctx.scope.pop();
  }
  if (ctx.diagnostics.length > 0) {
    const sorted = [...ctx.diagnostics].sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0));
    throw new LangevinError(sorted);
  }
  return {
    program,
    file,
    declarations,
    blocks,
    readsNoise: ctx.readsNoise,
    types: ctx.types,
    calls: ctx.calls,
    tildes: ctx.tildes,
    compound: ctx.compound,
  };
}
