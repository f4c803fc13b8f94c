/**
 * Constraint transforms (Stan reference manual, "Constraint transforms";
 * docs/math.md): each maps unconstrained coordinates y to a constrained value x.
 * `constrain` is traced through `Ops`, so the log |Jacobian| is part of the
 * density graph and bounds may be traced values (other parameters);
 * `unconstrain` is its plain Float64 inverse, for initial values and tests.
 */
import type { Ops, Val } from '../ir/ops.js';

/** Bounds of a declaration; each a scalar or a value of the constrained shape. */
export interface Bounds<T> {
  lower?: T;
  upper?: T;
  offset?: T;
  multiplier?: T;
}

/** A bound given as plain numbers: a scalar or one entry per element. */
export type NumericBound = number | Float64Array;

export interface Constrained {
  /** The constrained value, of the declared shape. */
  x: Val;
  /** Scalar log |det J| of y ↦ x (free coordinates), bounds held fixed. */
  logJacobian: Val;
}

export interface Transform {
  name: string;
  /** The constrained shape of one value declared with these sizes. */
  shape(sizes: readonly number[]): number[];
  /** Number of unconstrained coordinates for one value. */
  freeSize(sizes: readonly number[]): number;
  /** y has shape [freeSize(sizes)]. */
  constrain(ops: Ops, y: Val, sizes: readonly number[], bounds: Bounds<Val>): Constrained;
  /** x row-major of shape(sizes) → y of length freeSize(sizes). */
  unconstrain(x: Float64Array, sizes: readonly number[], bounds: Bounds<NumericBound>): Float64Array;
  /** Why x is not a valid constrained value (for data checks), or undefined. */
  violation(x: Float64Array, sizes: readonly number[], bounds: Bounds<NumericBound>): string | undefined;
}

/** Element i of a numeric bound (scalar broadcasts). */
export function boundAt(b: NumericBound, i: number): number {
  return typeof b === 'number' ? b : b[i]!;
}

/**
 * Sum over n elements of a term that is either a scalar (counted n times)
 * or a value with n elements.
 */
export function sumOver(ops: Ops, term: Val, n: number): Val {
  if (term.shape.length === 0) return ops.binary('mul', term, ops.constant(n));
  return ops.reduce('sum', term);
}

/** Whether a bound is a constant equal to `value` everywhere (e.g. ±∞: no bound). */
export function constantEverywhere(ops: Ops, v: Val | undefined, value: number): boolean {
  if (!v || !ops.isConstant(v)) return false;
  const c = v.constant!;
  for (let i = 0; i < c.length; i++) if (c[i] !== value) return false;
  return true;
}

/** A constant lower-triangular 0/1 matrix [rows, cols]: entry (i, j) is 1 when j <= i + shift. */
export function triangleOnes(rows: number, cols: number, shift: number): Float64Array {
  const m = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols && j <= i + shift; j++) m[i * cols + j] = 1;
  return m;
}
