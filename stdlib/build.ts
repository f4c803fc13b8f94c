/**
 * Small helpers that every stdlib entry builds its IR with: a fluent wrapper
 * over `Ops` that accepts plain numbers as constants, Stan's vectorisation
 * rule (every non-scalar argument has the same size), sums over broadcast
 * elements, and support guards that turn an out-of-support value into a
 * log density of -Infinity (folded away when the value is a constant).
 */
import { LangevinError } from '../src/errors.js';
import type { BinaryOp, Ops, ReduceOp, Shape, UnaryOp, Val } from '../src/ir/ops.js';

export type Arg = Val | number;

export const LOG_2PI = Math.log(2 * Math.PI);
export const LOG_PI = Math.log(Math.PI);
export const LOG_2 = Math.LN2;

/** Fluent IR building: `b.add(x, 1)`, `b.log(sigma)`, numbers become scalar constants. */
export class Build {
  constructor(readonly ops: Ops) {}

  k(x: number): Val {
    return this.ops.constant(x);
  }
  v(a: Arg): Val {
    return typeof a === 'number' ? this.ops.constant(a) : a;
  }
  u(op: UnaryOp, a: Arg): Val {
    return this.ops.unary(op, this.v(a));
  }
  b(op: BinaryOp, a: Arg, c: Arg): Val {
    return this.ops.binary(op, this.v(a), this.v(c));
  }
  r(op: ReduceOp, a: Val): Val {
    return this.ops.reduce(op, a);
  }
  add(a: Arg, c: Arg): Val {
    return this.summed(this.b('add', a, c), [
      [this.v(a), 1],
      [this.v(c), 1],
    ]);
  }
  sub(a: Arg, c: Arg): Val {
    return this.summed(this.b('sub', a, c), [
      [this.v(a), 1],
      [this.v(c), -1],
    ]);
  }
  mul(a: Arg, c: Arg): Val {
    return this.b('mul', a, c);
  }
  div(a: Arg, c: Arg): Val {
    return this.b('div', a, c);
  }
  pow(a: Arg, c: Arg): Val {
    return this.b('pow', a, c);
  }
  neg(a: Arg): Val {
    return this.u('neg', a);
  }
  log(a: Arg): Val {
    return this.u('log', a);
  }
  exp(a: Arg): Val {
    return this.u('exp', a);
  }
  square(a: Arg): Val {
    return this.u('square', a);
  }
  sqrt(a: Arg): Val {
    return this.u('sqrt', a);
  }
  log1p(a: Arg): Val {
    return this.u('log1p', a);
  }
  log1m(a: Arg): Val {
    return this.u('log1m', a);
  }
  lgamma(a: Arg): Val {
    return this.u('lgamma', a);
  }
  abs(a: Arg): Val {
    return this.u('abs', a);
  }
  sum(a: Val): Val {
    return this.r('sum', a);
  }
  lt(a: Arg, c: Arg): Val {
    return this.b('lt', a, c);
  }
  le(a: Arg, c: Arg): Val {
    return this.b('le', a, c);
  }
  gt(a: Arg, c: Arg): Val {
    return this.b('gt', a, c);
  }
  ge(a: Arg, c: Arg): Val {
    return this.b('ge', a, c);
  }
  eq(a: Arg, c: Arg): Val {
    return this.b('eq', a, c);
  }
  or(a: Arg, c: Arg): Val {
    return this.b('logical_or', a, c);
  }
  select(cond: Arg, a: Arg, c: Arg): Val {
    return this.ops.select(this.v(cond), this.v(a), this.v(c));
  }
  /** Sum of the terms, added together (each a Val or number). */
  plus(...terms: Arg[]): Val {
    let acc = this.v(terms[0]!);
    for (let i = 1; i < terms.length; i++) acc = this.add(acc, terms[i]!);
    return acc;
  }

  private summed(result: Val, terms: Array<[Val, number]>): Val {
    SUMMANDS.set(result, terms);
    return result;
  }

  /**
   * The part of an elementwise log density, summed over `n` elements, that
   * Stan drops under `propto`: its summands (the terms of `add`, `sub`
   * and `plus`, nested sums flattened) that do not depend on any
   * parameter, i.e. constants. 0 when `lp` is not a sum and not constant.
   */
  constantPart(lp: Val, n: number): number {
    if (lp.constant) return sumConstant(lp.constant, n);
    const terms = SUMMANDS.get(lp);
    if (!terms) return 0;
    let total = 0;
    for (const [t, sign] of terms) total += sign * this.constantPart(t, n);
    return total;
  }

  /**
   * Sum of an elementwise log density over `n` broadcast elements: a
   * scalar term counts n times (all arguments were scalars but the size
   * came from elsewhere), otherwise the elements are summed.
   */
  total(lp: Val, n: number): Val {
    if (this.ops.size(lp) === 1) {
      const scalar = lp.shape.length === 0 ? lp : this.ops.reshape(lp, []);
      return n === 1 ? scalar : this.mul(scalar, n);
    }
    return this.sum(lp);
  }

  /**
   * `value` wherever any element of `cond` holds, else `lp` (scalar). With
   * a constant condition this resolves now and adds nothing to the graph.
   */
  unless(cond: Val, value: number, lp: Val): Val {
    const any = this.ops.size(cond) === 1 ? this.ops.reshape(cond, []) : this.r('max', cond);
    if (any.constant) return any.constant[0] !== 0 ? this.k(value) : lp;
    return this.select(any, value, lp);
  }

  /** -Infinity unless every element of x is > 0. */
  positive(lp: Val, x: Val): Val {
    return this.unless(this.le(x, 0), -Infinity, lp);
  }
  /** -Infinity unless every element of x is >= 0. */
  nonnegative(lp: Val, x: Val): Val {
    return this.unless(this.lt(x, 0), -Infinity, lp);
  }
  /** -Infinity unless every element of x is in [0, 1]. */
  unit(lp: Val, x: Val): Val {
    return this.unless(this.or(this.lt(x, 0), this.gt(x, 1)), -Infinity, lp);
  }
}

/** The signed summands of each value made by `Build.add`, `sub` and `plus` (for `constantPart`). */
const SUMMANDS = new WeakMap<Val, Array<[Val, number]>>();

/** A constant summand over n elements: a scalar counts n times. */
function sumConstant(c: Float64Array, n: number): number {
  if (c.length === 1) return c[0]! * n;
  let total = 0;
  for (let i = 0; i < c.length; i++) total += c[i]!;
  return total;
}

/**
 * Stan's vectorisation rule: every argument is a scalar or a container of
 * one common size n. Returns the arguments with containers reshaped to one
 * common shape (so elementwise ops apply) and n (1 when all are scalars).
 */
export function broadcast(ops: Ops, name: string, args: Val[]): { args: Val[]; n: number } {
  let shape: Shape | undefined;
  for (const a of args) {
    if (a.shape.length === 0) continue;
    const size = shapeSizeOf(a.shape);
    if (shape === undefined) shape = a.shape;
    else if (shapeSizeOf(shape) !== size) {
      throw new LangevinError(
        `${name}: vectorised arguments must have the same size (got sizes ${shapeSizeOf(shape)} and ${size})`,
      );
    }
  }
  if (shape === undefined) return { args, n: 1 };
  const target = shape;
  const n = shapeSizeOf(target);
  return {
    args: args.map((a) => (a.shape.length === 0 || sameShape(a.shape, target) ? a : ops.reshape(a, target))),
    n,
  };
}

function shapeSizeOf(s: Shape): number {
  let n = 1;
  for (const d of s) n *= d;
  return n;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The numeric value of a constant (sizes, counts, indices); a LangevinError if it is not known at compile time. */
export function constantNumbers(v: Val, what: string): Float64Array {
  if (!v.constant) throw new LangevinError(`${what} must be known before sampling (data or a constant)`);
  return v.constant;
}

/** A constant integer scalar argument such as the size of rep_vector(x, n). */
export function constantInt(v: Val, what: string): number {
  const c = constantNumbers(v, what);
  if (c.length !== 1 || !Number.isInteger(c[0])) throw new LangevinError(`${what} must be an integer`);
  return c[0]!;
}

/** The diagonal of a square [n, n] value as [n]. */
export function diagonalOf(ops: Ops, x: Val): Val {
  const n = x.shape[0]!;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i * n + i;
  return ops.gather(x, idx, [n]);
}
