/**
 * The shape of the stdlib table: every distribution and function of the
 * model language is declared once, as one entry that the checker
 * (signatures), the lowering (log densities and functions built from IR
 * primitives through `Ops`), the generated quantities (`rng`), the docs and
 * the tests all read.
 *
 * Argument type patterns (Stan's function-reference conventions):
 *  - 'int', 'real', 'vector', 'row_vector', 'matrix'
 *  - 'array[] int', 'array[] real', 'array[] vector', 'array[,] real', ...
 *  - 'ints'   int or array[] int (vectorised integer argument)
 *  - 'reals'  real, int, array[] real, array[] int, vector, row_vector
 *  - 'vectors' vector, row_vector, array[] vector, array[] row_vector
 *  - 'T'      any int/real/vector/row_vector/matrix or array of those; a
 *             return type 'T' means "the argument's type, int promoted to real"
 *  - 'any'    anything (size-like functions)
 * An 'int' argument accepts only int; 'real' accepts int or real
 * (promotion), as in Stan.
 */
import type { Ops, Val } from '../src/ir/ops.js';

export type ArgPattern = string;

export interface Signature {
  args: ArgPattern[];
  /** A concrete type ('real', 'vector', 'array[] real', ...) or 'T'. */
  returns: string;
}

/** Random numbers for `_rng` functions: one stream, deterministic by seed. */
export interface Rng {
  /** Uniform on (0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
}

/** A reference case: log density at given arguments from an independent source. */
export interface ReferenceCase {
  /** Variate then parameters, as plain numbers or arrays (vectors) or nested arrays (matrices). */
  args: Array<number | number[] | number[][]>;
  /** The expected log density (sum over elements), every constant kept. */
  logDensity: number;
  /** Where the number comes from (e.g. "closed form", "@stdlib/stats-base-dists-normal-logpdf"). */
  source: string;
}

export interface ParamSpec {
  name: string;
  type: ArgPattern;
  /** Support of the parameter, checked on data arguments and documented. */
  constraint?:
    'real' | 'positive' | 'nonnegative' | 'unit' | 'simplex' | 'cov' | 'cholesky' | 'positive_ordered' | 'int>=0';
}

export interface DistributionEntry {
  /** Stan name without suffix: 'normal', 'bernoulli_logit', ... */
  name: string;
  discrete: boolean;
  /** Type pattern of the variate y. */
  variate: ArgPattern;
  /** Support of the variate, e.g. 'real', 'positive', 'unit', 'int>=0', 'simplex'. */
  support: string;
  params: ParamSpec[];
  /** Sum of log densities over the (broadcast) elements, every constant kept. */
  /**
   * `dropped`, when given, receives the constant terms (those that depend
   * on no parameter) that Stan's `propto` leaves out of a `~` statement.
   */
  logDensity(ops: Ops, y: Val, params: Val[], dropped?: (constant: number) => void): Val;
  /** Sum of log CDFs (optional: `_lcdf`, truncation). */
  logCdf?(ops: Ops, y: Val, params: Val[]): Val;
  /** Sum of log complementary CDFs (optional: `_lccdf`, truncation). */
  logCcdf?(ops: Ops, y: Val, params: Val[]): Val;
  /**
   * One draw per call for `_rng`, params given as plain numbers or arrays
   * (already broadcast by the caller for univariate distributions: one call
   * per element). Returns a number or, for multivariate ones, an array.
   */
  rng?(rng: Rng, params: Array<number | Float64Array>, shapes: number[][]): number | Float64Array;
  /**
   * The arguments of `_rng` when they differ from `params` (Stan's
   * lkj_corr_cholesky_rng(int K, real eta), multinomial_rng(vector theta,
   * int N)); `rng` then receives them in this order.
   */
  rngParams?: ParamSpec[];
  cases: ReferenceCase[];
  /** One line for docs/stdlib.md. */
  doc: string;
}

export interface FunctionEntry {
  name: string;
  signatures: Signature[];
  /**
   * Build the result from traced arguments. `ops` folds constants, so the
   * same code runs at compile time on data and in the graph on parameters.
   * `argTypes` are the checked Stan types of the arguments ('vector',
   * 'row_vector', 'matrix', 'array[] real', ...): shapes alone cannot tell
   * a vector from a row vector or a matrix from an array of vectors, which
   * rows(), cols(), size(), to_vector() and a few others need.
   */
  apply(ops: Ops, args: Val[], argTypes?: string[]): Val;
  /** Whether the function may only be used where Stan allows `_rng`. */
  rng?: boolean;
  /**
   * For `_rng` functions: the draw, from constant arguments (row-major
   * values) and the Stan random stream; the result has shape `shape`.
   */
  sample?(rng: Rng, args: Float64Array[], shapes: number[][]): { value: Float64Array; shape: number[] };
  doc: string;
}
