/**
 * The compiled model: the contract between `compile` (src/compile), the
 * samplers, the CLI and users. Positions are row-major Float64Arrays of
 * chains × dim on the unconstrained space.
 */
import type { Rng } from '../../stdlib/types.js';

export type BackendName = 'f64' | 'tfjs';
export type BackendChoice = BackendName | 'auto';

/** Stan JSON data: numbers, nested arrays of numbers. */
export type DataValue = number | DataValue[];
export type ModelData = Record<string, DataValue>;

export interface EvalOptions {
  /** The reserved `noise` (σ of the annealed sampler's current level); 0 by default. */
  noise?: number;
  /**
   * Include the log |Jacobian| of the constraining transforms (default
   * true: the density of the unconstrained coordinates, what samplers use).
   * As BridgeStan's `jacobian` flag.
   */
  jacobian?: boolean;
  /**
   * Drop the constant terms of `~` statements (default false: every
   * constant kept). With the Jacobian kept, the value is Stan's `lp__`.
   * As BridgeStan's `propto` flag; `target +=` terms (also `_lupdf`) are
   * always kept whole.
   */
  propto?: boolean;
}

export interface LogDensityAndGradient {
  /** chains log densities (every constant and Jacobian term included unless EvalOptions say otherwise). */
  logDensity: Float64Array;
  /** chains × dim gradient of the log density on the unconstrained space. */
  gradient: Float64Array;
}

export interface DensityHessian {
  logDensity: number;
  gradient: Float64Array;
  /** dim × dim, row-major, symmetric. */
  hessian: Float64Array;
}

/** A declared parameter, for tables and CSV headers. */
export interface ParameterInfo {
  name: string;
  /** 'parameters' | 'transformed parameters' | 'generated quantities' */
  block: 'parameters' | 'transformed parameters' | 'generated quantities';
  /** Stan type as written, e.g. 'vector<lower=0>[8]'. */
  type: string;
  /** Sizes, [] for a scalar. */
  shape: number[];
}

export interface Potential {
  /** Number of unconstrained coordinates. */
  readonly dim: number;
  /** Stan names of the unconstrained coordinates, e.g. `theta[1]`, `tau`. */
  readonly unconstrainedNames: string[];
  /** Whether the density reads the reserved `noise`. */
  readonly readsNoise: boolean;
  logDensity(x: Float64Array, chains: number, options?: EvalOptions): Float64Array;
  logDensityAndGradient(x: Float64Array, chains: number, options?: EvalOptions): LogDensityAndGradient;
}

/**
 * How to compile a model again, as plain data (worker threads recompile it
 * from this: functions cannot cross to another thread).
 */
export interface ModelRecipe {
  source: string;
  options: {
    data: ModelData;
    backend: BackendName;
    file?: string;
    dataFile?: string;
    name?: string;
    vectorise?: boolean;
  };
}

export interface LangevinModel extends Potential {
  /** Set by `compile` (text and builder models): what worker threads recompile; absent for score models. */
  readonly recipe?: ModelRecipe;
  /** The model name (file name without extension, or the builder's name). */
  readonly name: string;
  /** Which backend evaluates this model. */
  readonly backend: BackendName;
  /** The declared parameters, transformed parameters and generated quantities. */
  readonly parameters: ParameterInfo[];
  /**
   * Names of every scalar that `generate` returns, in order: parameters,
   * then transformed parameters, then generated quantities; Stan style,
   * 1-based, no spaces (`theta[1]`, `L[2,3]`).
   */
  readonly outputNames: string[];
  /** Number of scalars of the constrained parameters (the first outputs). */
  readonly constrainedDim: number;
  /** chains × constrainedDim: the parameters on their constrained scale. */
  constrain(x: Float64Array, chains: number): Float64Array;
  /**
   * chains × outputNames.length: parameters, transformed parameters and
   * generated quantities (which may draw from `rng`) for each position.
   */
  generate(x: Float64Array, chains: number, rng: Rng): Float64Array;
  /**
   * Generated quantity → "file:line:col" of the statement that assigns it,
   * so a NaN generated quantity is reported as the model's (Stan models only).
   */
  readonly generatedSources?: ReadonlyMap<string, string>;
  /** Release backend resources (tfjs tensors); the model is unusable afterwards. */
  dispose(): void;
}

/**
 * A model compiled from Stan-language text or the builder: the
 * LangevinModel plus BridgeStan's model API (unconstrain from Stan JSON,
 * constrain to Stan JSON, Hessian). `logDensity` and
 * `logDensityAndGradient` take BridgeStan's `jacobian` and `propto` flags.
 */
export interface StanModel extends LangevinModel {
  /**
   * Constrained parameter values in Stan JSON shape (`{ mu: 1, theta: [..] }`,
   * as an init file or `parseStanJson` gives) → the unconstrained vector
   * (dim numbers); BridgeStan's `param_unconstrain_json`. Every parameter
   * must be present with its declared shape and constraint.
   */
  unconstrain(values: ModelData): Float64Array;
  /**
   * One unconstrained position → Stan JSON-shaped values: the parameters,
   * and with `rng` also the transformed parameters and generated quantities.
   */
  constrainJson(x: Float64Array, rng?: Rng): ModelData;
  /**
   * Log density, gradient and Hessian (dim × dim, row-major) at one
   * position; the Hessian by central differences of the exact gradient.
   */
  logDensityHessian(x: Float64Array, options?: EvalOptions): DensityHessian;
}
