/**
 * The density IR's primitive operations and the tracing interface (`Ops`)
 * that the lowering and every stdlib entry build log densities with.
 *
 * Contract shared by: src/compile (lowering), stdlib/ (distributions and
 * functions), src/backends/f64 (batched Float64 tape) and src/backends/tfjs.
 *
 * Values. Every value has a per-chain `shape` (row-major, [] scalar, [n]
 * vector or row vector or 1-d array, [r, c] matrix or array of vectors, ...).
 * A value is either a *constant* (known at compile time: data, transformed
 * data, literals, loop indices; folded eagerly) or a *node* of the density
 * graph (depends on the parameters or on `noise`); nodes are evaluated for C
 * chains at once by a backend. Integers are stored as float64.
 *
 * Broadcasting. Elementwise binary ops take two values of the same shape, or
 * one scalar and one value of any shape. Nothing else broadcasts.
 *
 * Gradients. Every op has a defined derivative; comparison, logical, floor,
 * ceil, round, trunc, sign and step have zero derivative.
 */

import { InternalError } from '../errors.js';
import type { Shape } from '../math/shape.js';

export { shapeSize, type Shape } from '../math/shape.js';

/** Elementwise unary primitives. Names are Stan's where Stan has one. */
export const UNARY_OPS = [
  'neg',
  'exp',
  'log',
  'log1p',
  'expm1',
  'sqrt',
  'cbrt',
  'square',
  'abs',
  'inv',
  'inv_sqrt',
  'inv_square',
  'inv_logit',
  'logit',
  'log_inv_logit',
  'log1m_inv_logit',
  'log1m',
  'log1p_exp',
  'log1m_exp',
  'lgamma',
  'digamma',
  'trigamma',
  'tgamma',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'asinh',
  'acosh',
  'atanh',
  'log2',
  'log10',
  'exp2',
  'erf',
  'erfc',
  'Phi',
  'inv_Phi',
  'Phi_approx',
  'inv_cloglog',
  'log_Phi',
  // zero-derivative (piecewise constant) ops
  'floor',
  'ceil',
  'round',
  'trunc',
  'sign',
  'step',
  'logical_not',
  'is_nan',
  'is_inf',
] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];

/** Elementwise binary primitives (with scalar broadcasting). */
export const BINARY_OPS = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'fmin',
  'fmax',
  'fmod',
  'atan2',
  'hypot',
  'log_sum_exp2',
  'log_diff_exp',
  'lbeta',
  'lchoose',
  'binary_log_loss',
  'multiply_log',
  'lmultiply',
  'fdim',
  'gamma_p',
  'gamma_q',
  // zero-derivative ops
  'lt',
  'le',
  'gt',
  'ge',
  'eq',
  'ne',
  'logical_and',
  'logical_or',
] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];

/** Elementwise ternary primitives (with scalar broadcasting). */
export const TERNARY_OPS = ['inc_beta'] as const;
export type TernaryOp = (typeof TERNARY_OPS)[number];

/** Reductions over all elements of a value, returning a scalar. */
export const REDUCE_OPS = ['sum', 'prod', 'max', 'min', 'log_sum_exp'] as const;
export type ReduceOp = (typeof REDUCE_OPS)[number];

/**
 * A traced value: `constant` is set when the value is known at compile time
 * (row-major, shapeSize(shape) entries), otherwise `node` names a node of the
 * graph being built. Treat as immutable.
 */
export interface Val {
  readonly shape: Shape;
  readonly constant?: Float64Array;
  readonly node?: number;
}

/**
 * Builds the density graph. Each method folds eagerly when every input is a
 * constant (using the same Float64 kernels as the f64 backend) and otherwise
 * adds a node. Methods throw `InternalError` on shape misuse: callers (the
 * lowering, stdlib entries) check user-facing shapes first and report them
 * as diagnostics.
 */
export interface Ops {
  /** A constant; `shape` defaults to [] for a number and [n] for an array. */
  constant(value: number | ArrayLike<number>, shape?: Shape): Val;
  isConstant(v: Val): boolean;
  /** Size of a value (number of scalars). */
  size(v: Val): number;

  unary(op: UnaryOp, x: Val): Val;
  binary(op: BinaryOp, a: Val, b: Val): Val;
  reduce(op: ReduceOp, x: Val): Val;
  /** Elementwise op(a, b, c), broadcasting scalars. */
  ternary(op: TernaryOp, a: Val, b: Val, c: Val): Val;
  /** Elementwise `cond ? a : b` (cond nonzero is true), broadcasting scalars. */
  select(cond: Val, a: Val, b: Val): Val;

  /**
   * Matrix product on the last/first axes: [r,k]·[k,c] → [r,c];
   * [r,k]·[k] → [r] (matrix times vector); [k]·[k,c] → [c] (row vector
   * times matrix); [k]·[k] → [] (dot product).
   */
  matmul(a: Val, b: Val): Val;
  /** [r, c] → [c, r]; a rank-1 value is returned unchanged (vectors are shape [n] either way). */
  transpose(x: Val): Val;
  /** Lower Cholesky factor of a symmetric positive-definite [n, n] value. */
  cholesky(x: Val): Val;
  /** Solve L z = b for lower-triangular L [n, n], b [n] or [n, m]. */
  triangularSolveLower(L: Val, b: Val): Val;

  /** Pick elements by flat 0-based indices into x (row-major), result has `shape`. */
  gather(x: Val, indices: Int32Array, shape: Shape): Val;
  /** Concatenate the flattened parts and give the result `shape` (sizes must add up). */
  concat(parts: Val[], shape: Shape): Val;
  /** Same data, new shape of equal size. */
  reshape(x: Val, shape: Shape): Val;
  /** Broadcast a scalar to `shape`. */
  fill(x: Val, shape: Shape): Val;
  /**
   * A loop-carried recurrence (see ScanNode), when the ops can build one
   * (the graph builder can; constant-only and wrapping ops need not).
   */
  scan?(spec: ScanSpec): Val;
}

/**
 * What `Ops.scan` builds: carry_t = body(carry_{t−1}, sequences[t], closures)
 * for t = 0 … length−1 from carry_{−1} = init; the result stacks the
 * carries, shape [length, ...init.shape]. `body` reads one packed parameter
 * vector: the carry at offset 0, then one slice of each sequence, then each
 * closure, in order; its output (shape of init) is the next carry.
 */
export interface ScanSpec {
  body: DensityGraph;
  length: number;
  init: Val;
  /** Values of shape [length, ...slice]. */
  sequences: Val[];
  /** Values every step reads whole (parameters, values traced before the loop). */
  closures: Val[];
}

/**
 * A node of the density graph: a discriminated union on `kind`, one member
 * per kind with exactly the attributes that kind has. `inputs` are node ids
 * (constants a node uses are themselves nodes of kind 'constant').
 *
 *  - 'constant'  value: Float64Array (row-major, shapeSize(shape) entries)
 *  - 'param'     offset: first index into the unconstrained vector
 *                (a slice of length shapeSize(shape))
 *  - 'noise'     the reserved scalar `noise` (annealed sampler's σ, else 0)
 *  - 'unary' / 'binary' / 'ternary' / 'reduce'   op: the primitive name
 *  - 'gather'    indices: Int32Array (flat positions into the input)
 *  - 'select', 'matmul', 'transpose', 'cholesky', 'triangular_solve_lower',
 *    'concat', 'reshape', 'fill': inputs and shape only
 *  - 'scan'      a recurrence (ScanSpec): inputs are [init, ...sequences,
 *                ...closures], `sequences` their count, `body` the step
 *                graph, `length` the steps; shape [length, ...init shape]
 *
 * Every consumer switches on `kind` with a `never` default
 * (`unknownNodeKind`), so a new kind is a compile error in each backend,
 * the printer and constant folding until each handles it. To add one: a
 * member here (its own interface if it has attributes, else a name in
 * `PlainKind`), a `GraphBuilder` method, then follow the compile errors.
 */
interface NodeBase {
  id: number;
  inputs: number[];
  shape: Shape;
}
export interface ConstantNode extends NodeBase {
  kind: 'constant';
  value: Float64Array;
}
export interface ParamNode extends NodeBase {
  kind: 'param';
  offset: number;
}
export interface UnaryNode extends NodeBase {
  kind: 'unary';
  op: UnaryOp;
}
export interface BinaryNode extends NodeBase {
  kind: 'binary';
  op: BinaryOp;
}
export interface TernaryNode extends NodeBase {
  kind: 'ternary';
  op: TernaryOp;
}
export interface ReduceNode extends NodeBase {
  kind: 'reduce';
  op: ReduceOp;
}
export interface GatherNode extends NodeBase {
  kind: 'gather';
  indices: Int32Array;
}
export interface ScanNode extends NodeBase {
  kind: 'scan';
  body: DensityGraph;
  length: number;
  sequences: number;
}
/** Kinds with no attributes beyond inputs and shape. */
export type PlainKind =
  'noise' | 'select' | 'matmul' | 'transpose' | 'cholesky' | 'triangular_solve_lower' | 'concat' | 'reshape' | 'fill';
export interface PlainNode extends NodeBase {
  kind: PlainKind;
}

export type IRNode =
  ConstantNode | ParamNode | UnaryNode | BinaryNode | TernaryNode | ReduceNode | GatherNode | ScanNode | PlainNode;
export type NodeKind = IRNode['kind'];
/** A node before it has an id (what `GraphBuilder` builds nodes from), kind by kind. */
export type NodeSpec = IRNode extends infer N ? (N extends IRNode ? Omit<N, 'id'> : never) : never;

/** Every node kind, once (a Record over NodeKind, so the list cannot miss or invent one). */
const KINDS: Record<NodeKind, true> = {
  constant: true,
  param: true,
  noise: true,
  unary: true,
  binary: true,
  ternary: true,
  reduce: true,
  select: true,
  matmul: true,
  transpose: true,
  cholesky: true,
  triangular_solve_lower: true,
  gather: true,
  concat: true,
  reshape: true,
  fill: true,
  scan: true,
};
export const NODE_KINDS = Object.keys(KINDS) as NodeKind[];

/** The `default` of an exhaustive switch on a node's kind: a compile error while a kind is unhandled. */
export function unknownNodeKind(node: never, where: string): never {
  throw new InternalError(`${where}: node kind '${(node as { kind?: string }).kind}' is not handled`);
}

/**
 * A density graph: nodes in topological order (inputs before users),
 * `dim` unconstrained parameters, and the scalar log-density output
 * (every constant and Jacobian included). A scan's body is a graph too,
 * whose output is its next carry (any shape). Extra named outputs
 * (constrained parameters, transformed parameters) may be listed for
 * `constrain`.
 */
export interface DensityGraph {
  nodes: IRNode[];
  dim: number;
  output: number;
  readsNoise: boolean;
}
