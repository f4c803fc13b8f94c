/**
 * The model builder: `model('name').data(…).parameter(…).sample(…)` collects
 * statements per block and yields the same AST the parser would
 * (`toAST`), its Stan text (`toStan`) or a compiled model (`compile`).
 *
 * Compilation goes through the printed text (compile(toStan())), so a
 * builder model takes exactly the path of a model file, and diagnostics from
 * the checker or data validation point at lines of `toStan()`, under the file
 * name `<name>.stan`; `renderError` shows them with that text.
 *
 * Builders are immutable: every method returns a new builder, so a base
 * model can be extended in several ways.
 */
import { BLOCK_ORDER, type BlockName, type Program, type Stmt } from '../language/ast.js';
import { printProgram } from '../language/print.js';
import { compile, compileSync, type CompileOptions } from '../compile/compile.js';
import { LangevinError, renderDiagnostics } from '../errors.js';
import type { LangevinModel } from '../model/types.js';
import type { ExprLike } from './expression.js';
import type { Distribution } from './distribution.js';
import type { StanType } from './types.js';
import { decl, potential, sample, target } from './statements.js';
import { NO_SPAN, builderError } from './span.js';

type Blocks = Readonly<Record<BlockName, readonly Stmt[]>>;

const EMPTY: Blocks = Object.fromEntries(BLOCK_ORDER.map((b) => [b, []])) as unknown as Blocks;

/**
 * Start a model; `name` names the compiled model and its generated file `<name>.stan`.
 * @example
 * ```ts
 * import { model, real, normal } from 'langevin/builder';
 * const m = model('normal_mean').parameter('mu', real()).sample('mu', normal(0, 1));
 * console.log(m.toStan());
 * // → parameters {
 * // →   real mu;
 * // → }
 * // → model {
 * // →   mu ~ normal(0, 1);
 * // → }
 * const mu = (await m.compile()).parameters[0];
 * console.log(mu.name); // → mu
 * ```
 */
export function model(name: string): ModelBuilder {
  if (typeof name !== 'string' || name.length === 0) throw builderError('model() needs a name');
  return new ModelBuilder(name, EMPTY);
}

export class ModelBuilder {
  /** @internal use model(name) */
  constructor(
    readonly name: string,
    private readonly blocks: Blocks,
  ) {}

  /** The file name diagnostics use: `<name>.stan`. */
  get file(): string {
    return `${this.name}.stan`;
  }

  /** `type name;` in the data block. */
  data(name: string, type: StanType): ModelBuilder {
    return this.append('data', [decl(name, type)]);
  }

  /** A declaration (with optional value) or statements in `transformed data`. */
  transformedData(name: string, type: StanType, value?: ExprLike): ModelBuilder;
  transformedData(...statements: Statements[]): ModelBuilder;
  transformedData(...args: DeclOrStatements): ModelBuilder {
    return this.append('transformed data', declOrStatements(args));
  }

  /** `type name;` in the parameters block. */
  parameter(name: string, type: StanType): ModelBuilder {
    return this.append('parameters', [decl(name, type)]);
  }

  /** A declaration (with optional value) or statements in `transformed parameters`. */
  transformedParameter(name: string, type: StanType, value?: ExprLike): ModelBuilder;
  transformedParameter(...statements: Statements[]): ModelBuilder;
  transformedParameter(...args: DeclOrStatements): ModelBuilder {
    return this.append('transformed parameters', declOrStatements(args));
  }

  /** Any statements in the model block (local declarations, loops, …). */
  model(...statements: Statements[]): ModelBuilder {
    return this.append('model', declOrStatements(statements));
  }

  /** `lhs ~ distribution(args)` in the model block. */
  sample(lhs: ExprLike, distribution: Distribution): ModelBuilder {
    return this.append('model', [sample(lhs, distribution)]);
  }

  /** `target += value` in the model block. */
  target(value: ExprLike): ModelBuilder {
    return this.append('model', [target(value)]);
  }

  /** `potential += value` in the model block: adds value to f = −log p. */
  potential(value: ExprLike): ModelBuilder {
    return this.append('model', [potential(value)]);
  }

  /** A declaration (with optional value) or statements in `generated quantities`. */
  generated(name: string, type: StanType, value?: ExprLike): ModelBuilder;
  generated(...statements: Statements[]): ModelBuilder;
  generated(...args: DeclOrStatements): ModelBuilder {
    return this.append('generated quantities', declOrStatements(args));
  }

  /** The program, as the parser would produce it from `toStan()` (synthetic spans). */
  toAST(): Program {
    const blocks = BLOCK_ORDER.filter((b) => this.blocks[b].length > 0).map((name) => ({
      name,
      body: [...this.blocks[name]],
      span: NO_SPAN,
    }));
    return { kind: 'Program', blocks, span: NO_SPAN };
  }

  /** The model as canonical Stan text. */
  toStan(): string {
    return printProgram(this.toAST());
  }

  /** Compile (parse → check → lower → backend) from `toStan()`. */
  compile(options: CompileOptions = {}): Promise<LangevinModel> {
    return compile(this.toStan(), this.compileOptions(options));
  }

  /** Compile synchronously with the f64 backend. */
  compileSync(options: CompileOptions = {}): LangevinModel {
    return compileSync(this.toStan(), this.compileOptions(options));
  }

  /**
   * A LangevinError from compiling this model, rendered with lines of
   * `toStan()` (under `file`, unless compile was given another); other
   * errors as their message.
   */
  renderError(error: unknown): string {
    if (error instanceof LangevinError)
      return renderDiagnostics(error.diagnostics, this.file, { [this.file]: this.toStan() });
    return error instanceof Error ? error.message : String(error);
  }

  private compileOptions(options: CompileOptions): CompileOptions {
    return { file: this.file, name: this.name, ...options };
  }

  private append(block: BlockName, statements: readonly Stmt[]): ModelBuilder {
    return new ModelBuilder(this.name, { ...this.blocks, [block]: [...this.blocks[block], ...statements] });
  }
}

/** A statement or a list of them (as stanStatements returns). */
type Statements = Stmt | readonly Stmt[];
type DeclOrStatements = [string, StanType, ExprLike?] | Statements[];

function declOrStatements(args: DeclOrStatements): Stmt[] {
  const [first, type, value] = args;
  if (typeof first === 'string') return [decl(first, type as StanType, value as ExprLike | undefined)];
  const statements = (args as Statements[]).flat();
  for (const s of statements) {
    if (typeof s !== 'object' || s === null || typeof s.kind !== 'string') {
      throw builderError('expected (name, type, value?) or statements built with decl(), assign(), forRange(), …');
    }
  }
  return statements;
}
