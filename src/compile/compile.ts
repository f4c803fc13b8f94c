/**
 * The library entry: model text (+ data) → a LangevinModel.
 * parse → check → lower (density graph) → backend. No I/O: user errors are
 * thrown as LangevinError with diagnostics, bugs as InternalError.
 */
import type { DensityGraph } from '../ir/ops.js';
import { parse } from '../language/parse.js';
import { check } from '../check/check.js';
import { compileF64 } from '../backends/f64/tape.js';
import type { DensityEvaluator } from '../backends/evaluator.js';
import type {
  BackendChoice,
  BackendName,
  DensityHessian,
  EvalOptions,
  LogDensityAndGradient,
  ModelData,
  ModelRecipe,
  ParameterInfo,
  StanModel,
} from '../model/types.js';
import { DensityFlags } from './model-api/density-flags.js';
import { finiteDifferenceHessian } from './model-api/hessian.js';
import { outputsToJson } from './model-api/stan-values.js';
import { unconstrainValues } from './model-api/unconstrain.js';
import type { Rng } from '../../stdlib/types.js';
import { InternalError, LangevinError } from '../errors.js';
import { lower, type LoweredModel } from './lower.js';
import { chooseBackend } from '../backends/select.js';
import { withTfjs } from '../backends/optional-tfjs.js';

export interface CompileOptions {
  /** Stan JSON data for the data block. */
  data?: ModelData;
  /** 'f64' (Float64 tape), 'tfjs', or 'auto' (the faster for the graph and `chains`, src/backends/select.ts). */
  backend?: BackendChoice;
  /** How many chains will be evaluated at once: what `auto` decides by (default 4). */
  chains?: number;
  /** Model file name used in diagnostics (default 'model.stan'). */
  file?: string;
  /** Data file name used in diagnostics (default 'data.json'). */
  dataFile?: string;
  /** Model name (default: `file` without directory and extension). */
  name?: string;
  /** Receives print() output of transformed data and generate. */
  print?: (message: string) => void;
  /** Trace loops over data once for all iterations where possible (default true); false unrolls every loop. */
  vectorise?: boolean;
}

/**
 * Parse, check and lower: the density graph and the model's metadata.
 * @example
 * ```ts
 * import { lowerSource } from 'langevin';
 * const lowered = lowerSource('parameters { real<lower=0> sigma; } model { sigma ~ exponential(1); }');
 * // sigma is sampled as log(sigma): constrain maps the unconstrained point back
 * console.log(lowered.unconstrainedNames, Array.from(lowered.constrain(new Float64Array([0]), 1))); // → [ 'sigma' ] [ 1 ]
 * ```
 */
export function lowerSource(source: string, options: CompileOptions = {}): LoweredModel {
  const file = options.file ?? 'model.stan';
  const program = parse(source, file);
  const checked = check(program, file);
  return lower(checked, options.data ?? {}, {
    file,
    dataFile: options.dataFile,
    source,
    print: options.print,
    vectorise: options.vectorise,
  });
}

/**
 * The density graph of a model (for `--debug-ir` and tests).
 * @example
 * ```ts
 * import { lowerToGraph } from 'langevin';
 * const graph = lowerToGraph('data { real y; } parameters { real mu; } model { y ~ normal(mu, 1); }', { y: 0.5 });
 * console.log(graph.dim, graph.nodes.length > 0); // → 1 true
 * ```
 */
export function lowerToGraph(source: string, data: ModelData = {}, options: CompileOptions = {}): DensityGraph {
  return lowerSource(source, { ...options, data }).graph;
}

/**
 * Compile a model with the Float64 backend, synchronously.
 * @example
 * ```ts
 * import { compileSync } from 'langevin';
 * const source = 'data { int N; vector[N] y; } parameters { real mu; } model { y ~ normal(mu, 1); }';
 * const model = compileSync(source, { data: { N: 2, y: [1, 3] } });
 * const { gradient } = model.logDensityAndGradient(new Float64Array([2]), 1);
 * console.log(model.parameters.map((p) => p.name), gradient[0]); // → [ 'mu' ] 0
 * ```
 */
export function compileSync(source: string, options: CompileOptions = {}): StanModel {
  const backend = options.backend ?? 'auto';
  if (backend === 'tfjs') throw new LangevinError("compileSync supports the 'f64' backend only; use compile()");
  const lowered = lowerSource(source, options);
  return new CompiledModel(
    modelName(options),
    'f64',
    lowered,
    wrap(() => compileF64(lowered.graph)),
    recipeOf(source, options, 'f64'),
  );
}

/**
 * Compile a model: the entry point of the library.
 * @example
 * ```ts
 * import { compile } from 'langevin';
 * const source = 'parameters { real mu; } model { mu ~ normal(1, 2); }';
 * const model = await compile(source);
 * // log density and gradient at mu = 0 and mu = 3 (a batch of two points, one row each)
 * const { logDensity, gradient } = model.logDensityAndGradient(new Float64Array([0, 3]), 2);
 * console.log(model.dim, Array.from(logDensity, (l) => l.toFixed(4)), Array.from(gradient)); // → 1 [ '-1.7371', '-2.1121' ] [ 0.25, -0.5 ]
 * ```
 */
export async function compile(source: string, options: CompileOptions = {}): Promise<StanModel> {
  const lowered = lowerSource(source, options);
  const choice = options.backend ?? 'auto';
  const backend: BackendName = choice === 'auto' ? chooseBackend(lowered.graph, options.chains ?? 4) : choice;
  let evaluator: DensityEvaluator;
  if (backend === 'tfjs') {
    const { compileTfjs } = await withTfjs("the 'tfjs' backend", () => import('../backends/tfjs/index.js'));
    evaluator = await compileTfjs(lowered.graph);
  } else {
    evaluator = wrap(() => compileF64(lowered.graph));
  }
  return new CompiledModel(modelName(options), backend, lowered, evaluator, recipeOf(source, options, backend));
}

/** The text and plain options to compile this model again (in a worker thread). */
function recipeOf(source: string, options: CompileOptions, backend: BackendName): ModelRecipe {
  const { data = {}, file, dataFile, name, vectorise } = options;
  return { source, options: { data, backend, file, dataFile, name, vectorise } };
}

function modelName(options: CompileOptions): string {
  if (options.name) return options.name;
  const file = options.file ?? 'model';
  return file.replace(/^.*[\\/]/, '').replace(/\.stan$/, '');
}

function wrap<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof LangevinError || error instanceof InternalError) throw error;
    throw new InternalError(`backend compilation failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

class CompiledModel implements StanModel {
  readonly dim: number;
  readonly unconstrainedNames: string[];
  readonly readsNoise: boolean;
  readonly parameters: ParameterInfo[];
  readonly outputNames: string[];
  readonly generatedSources: ReadonlyMap<string, string>;
  readonly constrainedDim: number;
  /** BridgeStan's jacobian and propto flags (src/model/density-flags.ts). */
  private readonly flags: DensityFlags;

  constructor(
    readonly name: string,
    readonly backend: BackendName,
    private readonly lowered: LoweredModel,
    private readonly evaluator: DensityEvaluator,
    readonly recipe?: ModelRecipe,
  ) {
    this.dim = lowered.dim;
    this.unconstrainedNames = lowered.unconstrainedNames;
    this.readsNoise = lowered.readsNoise;
    this.parameters = lowered.parameters;
    this.outputNames = lowered.outputNames;
    this.generatedSources = lowered.generatedSources;
    this.constrainedDim = lowered.constrainedDim;
    this.flags = new DensityFlags(lowered.prepared, lowered.droppedConstant);
  }

  private checkPositions(x: Float64Array, chains: number): void {
    if (!Number.isInteger(chains) || chains < 1 || x.length !== chains * this.dim) {
      throw new LangevinError(
        `expected ${chains} chains × ${this.dim} unconstrained values, got an array of ${x.length}`,
      );
    }
  }

  logDensity(x: Float64Array, chains: number, options?: EvalOptions): Float64Array {
    this.checkPositions(x, chains);
    return this.flags.value(this.evaluator.logDensity(x, chains, options?.noise ?? 0), x, chains, options);
  }

  logDensityAndGradient(x: Float64Array, chains: number, options?: EvalOptions): LogDensityAndGradient {
    this.checkPositions(x, chains);
    return this.flags.withGradient(
      this.evaluator.logDensityAndGradient(x, chains, options?.noise ?? 0),
      x,
      chains,
      options,
    );
  }

  unconstrain(values: ModelData): Float64Array {
    return unconstrainValues(this.lowered.prepared, values);
  }

  constrainJson(x: Float64Array, rng?: Rng): ModelData {
    this.checkPositions(x, 1);
    return outputsToJson(this.parameters, rng ? this.generate(x, 1, rng) : this.constrain(x, 1));
  }

  logDensityHessian(x: Float64Array, options?: EvalOptions): DensityHessian {
    this.checkPositions(x, 1);
    return finiteDifferenceHessian(x, (points, chains) => this.logDensityAndGradient(points, chains, options));
  }

  constrain(x: Float64Array, chains: number): Float64Array {
    this.checkPositions(x, chains);
    return this.lowered.constrain(x, chains);
  }

  generate(x: Float64Array, chains: number, rng: Rng): Float64Array {
    this.checkPositions(x, chains);
    return this.lowered.generate(x, chains, rng);
  }

  dispose(): void {
    this.evaluator.dispose();
    this.flags.dispose();
    this.lowered.dispose();
  }
}
