/**
 * The lowering stage: a checked program and its data → a density graph
 * plus everything the model API needs (names, constrain, generate).
 *
 * It is a tracing interpreter over the AST (see context.ts, expressions.ts,
 * statements.ts): data and transformed data are evaluated at compile time,
 * loops over data unroll, parameters are slices of the unconstrained vector
 * followed by their transforms, and the log density (every constant and
 * Jacobian kept) is the graph's output.
 */
import type { Program, VarDecl } from '../language/ast.js';
import { findBlock } from '../language/ast.js';
import type { DensityGraph, Val } from '../ir/ops.js';
import { GraphBuilder } from '../ir/graph.js';
import { EagerOps } from './eager-ops.js';
import type { ModelData, ParameterInfo } from '../model/types.js';
import type { Rng } from '../../stdlib/types.js';
import { deriveStream } from '../random/index.js';
import { InternalError, LangevinError } from '../errors.js';
import { check, type CheckedProgram } from '../check/check.js';
import { Variable, type Context, type LoopReport } from './context.js';
import { bindData, describeDecl } from './data.js';
import { concreteType, type ConcreteType } from './declarations.js';
import { Generator, valuesGraph } from './generate.js';
import { outputNames } from './names.js';
import { layoutParameters } from './parameters.js';
import { makeContext, runBlock, traceDensity, type Prepared } from './run.js';
import { boundsViolation } from '../transforms/bounds.js';
import { evaluate } from './expressions.js';
import { userFunctionHooks } from './user-functions.js';

export interface LowerOptions {
  /** Model file name for diagnostics (default 'model.stan'). */
  file?: string;
  /** Data file name for diagnostics (default 'data.json'). */
  dataFile?: string;
  /** The model text, quoted in data error messages. */
  source?: string;
  /** Receives print() output of transformed data and generate (ignored while tracing). */
  print?: (message: string) => void;
  /** Trace loops over data once for all iterations where possible (default true); false unrolls every loop. */
  vectorise?: boolean;
}

export interface LoweredModel {
  graph: DensityGraph;
  dim: number;
  unconstrainedNames: string[];
  readsNoise: boolean;
  parameters: ParameterInfo[];
  outputNames: string[];
  constrainedDim: number;
  constrain(x: Float64Array, chains: number): Float64Array;
  generate(x: Float64Array, chains: number, rng: Rng): Float64Array;
  /** Generated quantity → the statement that assigns it ("file:line:col"). */
  generatedSources: ReadonlyMap<string, string>;
  /** Release the values tape. */
  dispose(): void;
  /** The prepared program (data, layouts), for debugging and tools. */
  prepared: Prepared;
  /** How each loop over data of the log density was traced (vectorised or unrolled). */
  loops: LoopReport[];
  /** The constant terms of `~` statements in the log density (dropped under `propto`). */
  droppedConstant: number;
}

/** What `check` returns, or a bare program (checked here). */
export type LowerInput = Program | CheckedProgram;

/**
 * The lowering stage: a checked program (or a bare `Program`) and data to the density graph and the model metadata.
 * @example
 * ```ts
 * import { check, lower, parse } from 'langevin';
 * const checked = check(parse('parameters { vector[3] z; } model { z ~ normal(0, 1); }'));
 * const lowered = lower(checked);
 * console.log(lowered.dim, lowered.outputNames); // → 3 [ 'z[1]', 'z[2]', 'z[3]' ]
 * ```
 */
export function lower(input: LowerInput, data: ModelData = {}, options: LowerOptions = {}): LoweredModel {
  const checked = 'program' in input ? input : check(input, options.file ?? 'model.stan');
  try {
    return lowerProgram(checked, data, options);
  } catch (error) {
    if (error instanceof LangevinError || error instanceof InternalError) throw error;
    const detail = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    throw new InternalError(`lowering failed unexpectedly: ${detail}`);
  }
}

function lowerProgram(checked: CheckedProgram, data: ModelData, options: LowerOptions): LoweredModel {
  const file = options.file ?? 'model.stan';
  const prepared = prepare(checked, data, options, file);

  const builder = new GraphBuilder();
  let readsNoise = false;
  let noiseVal: Val | undefined;
  const noise = (): Val => {
    readsNoise = true;
    return (noiseVal ??= builder.noise());
  };
  const loops: LoopReport[] = [];
  const traced = traceDensity(prepared, builder, noise, loops);
  const graph = builder.finish(traced.logDensity, { dim: prepared.dim });
  const values = valuesGraph(builder, prepared.dim, [...traced.values.values()]);
  const generator = new Generator(prepared, values.graph, values.width);

  const parameters: ParameterInfo[] = [
    ...prepared.layouts.map((l) => info(l.decl, l.concrete, 'parameters', options.source)),
    ...prepared.transformed.map((t) => info(t.decl, t.concrete, 'transformed parameters', options.source)),
    ...prepared.generated.map((t) => info(t.decl, t.concrete, 'generated quantities', options.source)),
  ];
  const names = parameters.flatMap((p) => outputNames(p.name, p.shape));
  if (names.length !== generator.outputDim) throw new InternalError('output names and generate disagree');
  const constrainedDim = generator.constrainedDim;
  return {
    graph,
    dim: prepared.dim,
    unconstrainedNames: prepared.layouts.flatMap((l) => l.unconstrainedNames),
    readsNoise: readsNoise || graph.readsNoise,
    parameters,
    outputNames: names,
    constrainedDim,
    constrain: (x, chains) => generator.constrain(x, chains),
    generate: (x, chains, rng) => generator.generate(x, chains, rng),
    generatedSources: generator.sources,
    dispose: () => generator.dispose(),
    prepared,
    loops,
    droppedConstant: traced.droppedConstant,
  };
}

function info(
  decl: VarDecl,
  concrete: ConcreteType,
  block: ParameterInfo['block'],
  source: string | undefined,
): ParameterInfo {
  return { name: decl.name, block, type: describeDecl(decl, source), shape: [...concrete.shape] };
}

/** Data, transformed data and the parameter layout: everything computed once. */
export function prepare(checked: CheckedProgram, data: ModelData, options: LowerOptions, file: string): Prepared {
  const program = checked.program;
  const ops = new EagerOps();
  const dataScope = new Map<string, Variable>();
  const typed = { types: checked.types, calls: checked.calls, tildes: checked.tildes, compound: checked.compound };
  const ctx = makeContext(
    ops,
    'eager',
    'data',
    file,
    typed,
    [dataScope],
    () => ops.constant(0),
    deriveStream(0, 'transformed data'),
    options.print,
  );
  ctx.vectorise = options.vectorise ?? true;
  ctx.userFunctions = userFunctionHooks(program);
  bindData(ctx, program, data, { dataFile: options.dataFile ?? 'data.json', source: options.source });
  ctx.scopes.push(new Map());
  runBlock(ctx, program, 'transformed data');
  checkTransformedData(ctx, program);
  // Transformed data become read-only constants beside the data.
  for (const [name, v] of ctx.scopes[1]!) {
    dataScope.set(name, new Variable(name, v.type, v.shape, v.span, v.read(ops), true));
  }
  ctx.scopes.pop();
  ctx.block = 'parameters';
  const layouts = layoutParameters(ctx, program);
  const dim = layouts.reduce((n, l) => n + l.freeSize, 0);
  const declared = (name: 'transformed parameters' | 'generated quantities') =>
    (findBlock(program, name)?.body ?? [])
      .filter((s): s is VarDecl => s.kind === 'VarDecl')
      .map((decl) => ({ decl, concrete: concreteType(ctx, decl.type, decl.name) }));
  return {
    program,
    typed,
    file,
    dataScope,
    layouts,
    dim,
    transformed: declared('transformed parameters'),
    generated: declared('generated quantities'),
    print: options.print,
    vectorise: options.vectorise ?? true,
  };
}

/** Stan checks the declared bounds of transformed data at the end of the block. */
function checkTransformedData(ctx: Context, program: Program): void {
  for (const s of findBlock(program, 'transformed data')?.body ?? []) {
    if (s.kind !== 'VarDecl' || !s.type.constraint) continue;
    const c = s.type.constraint;
    if (!c.lower && !c.upper) continue;
    const v = ctx.scopes[1]!.get(s.name);
    const x = v?.read(ctx.ops).constant;
    if (!x) continue;
    const bound = (e: typeof c.lower) => {
      if (!e) return undefined;
      const b = evaluate(ctx, e).val.constant!;
      return b.length === 1 ? b[0]! : b;
    };
    const problem = boundsViolation(x, bound(c.lower), bound(c.upper));
    if (problem) {
      throw new LangevinError({
        severity: 'error',
        message: `transformed data '${s.name}' violates its declared bounds: ${problem}`,
        span: s.nameSpan,
        file: ctx.file,
      });
    }
  }
}
