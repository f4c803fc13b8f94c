/**
 * Values inside a vectorised loop body: which expressions differ between
 * iterations, uniform subexpressions evaluated once by the ordinary
 * interpreter, laned values brought to a common shape, indexing with
 * per-iteration data indices (a gather with a constant index vector), and
 * per-element log densities.
 */
import type { Expr, Index, Span } from '../language/ast.js';
import type { BinaryOp, Ops, ReduceOp, Shape, TernaryOp, UnaryOp, Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import type { StanType } from '../check/types.js';
import { lookup, userError, type Context, type Value, type Variable } from './context.js';
import { evaluate } from './expressions.js';
import { evaluateSelectors, select, type Selector } from './indexing.js';
import { giveUp, type Frame } from './lanes.js';

/** The Variable nodes an AST fragment mentions (any node shape: new expression kinds are covered too). */
function mentioned(node: unknown, out: Set<string>, calls: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) mentioned(n, out, calls);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.kind === 'Variable' && typeof o.name === 'string') out.add(o.name);
  if (o.kind === 'Call' && typeof o.name === 'string') calls.add(o.name);
  for (const key in o)
    if (key !== 'span' && key !== 'nameSpan' && key !== 'variableSpan') mentioned(o[key], out, calls);
}

export interface Mentions {
  /** Whether the fragment depends on the iteration (a loop variable or body local, or target()). */
  laned: boolean;
  /** The assignable variables it reads (declared outside the loop). */
  writable: Variable[];
  calls: Set<string>;
}

export function mentions(ctx: Context, node: unknown): Mentions {
  const names = new Set<string>();
  const calls = new Set<string>();
  mentioned(node, names, calls);
  // target() and random draws differ per iteration whatever their arguments.
  let laned = calls.has('target') || [...calls].some((c) => c.endsWith('_rng'));
  const writable: Variable[] = [];
  for (const name of names) {
    const v = lookup(ctx, name);
    if (!v) continue;
    if (v.owner) laned = true;
    else if (!v.readOnly) writable.push(v);
  }
  return { laned, writable, calls };
}

/** Run ordinary (non-laned) interpretation inside a vectorised body. */
export function outsideLanes<T>(ctx: Context, run: () => T): T {
  const lane = ctx.lane;
  const attempt = ctx.attempt;
  const n = ctx.target.length;
  ctx.lane = undefined;
  ctx.attempt = undefined;
  try {
    return run();
  } finally {
    ctx.lane = lane;
    ctx.attempt = attempt;
    if (ctx.target.length !== n) giveUp('a call adds to target');
  }
}

/** A uniform expression: evaluated once; every loop sees it read the variables it mentions whole. */
export function uniform(ctx: Context, e: Expr, m: Mentions = mentions(ctx, e)): Value {
  for (const v of m.writable) for (const loop of ctx.lane!.loops()) loop.log!.readWhole(v);
  return outsideLanes(ctx, () => evaluate(ctx, e));
}

/** One iteration's shape of a value. */
export function inner(v: Value): number[] {
  return v.lane ? v.val.shape.slice(1) : [...v.val.shape];
}

export function lanedValue(ctx: Context, type: StanType, val: Val): Value {
  return { type, val, lane: ctx.lane };
}

/** A value as [lanes, ...shape]: uniform ones repeated, per-lane scalars expanded. */
export function materialise(ctx: Context, v: Value, shape: readonly number[]): Val {
  const ops = ctx.ops;
  const L = ctx.lane!.size;
  const own = inner(v);
  const same = own.length === shape.length && own.every((d, i) => d === shape[i]);
  if (v.lane) {
    if (same) return v.val;
    if (own.length === 0) return expandLanes(ops, v.val, shape);
    if (shapeSize(own) === shapeSize(shape)) return ops.reshape(v.val, [L, ...shape]);
    return giveUp('shapes differ');
  }
  if (own.length === 0) return ops.fill(v.val, [L, ...shape]);
  if (same) return repeatLanes(ops, v.val, L);
  return giveUp('shapes differ');
}

/** The one-iteration shape of an elementwise combination (equal shapes, or scalars broadcast). */
export function commonShape(values: Value[]): number[] {
  let shape: number[] = [];
  for (const v of values) {
    const s = inner(v);
    if (s.length === 0) continue;
    if (shape.length === 0) shape = s;
    else if (shapeSize(s) !== shapeSize(shape)) giveUp('sizes differ');
  }
  return shape;
}

/** Elementwise operands: uniform scalars stay scalars (the ops broadcast them), the rest become [lanes, ...shape]. */
export function operands(ctx: Context, values: Value[], shape: readonly number[]): Val[] {
  return values.map((v) => (!v.lane && v.val.shape.length === 0 ? v.val : materialise(ctx, v, shape)));
}

export function repeatLanes(ops: Ops, val: Val, size: number): Val {
  if (val.shape.length === 0) return ops.fill(val, [size]);
  const s = shapeSize(val.shape);
  const idx = new Int32Array(size * s);
  for (let l = 0; l < size; l++) for (let j = 0; j < s; j++) idx[l * s + j] = j;
  return ops.gather(val, idx, [size, ...val.shape]);
}

/** A laned value [L, ...inner] with each element repeated over `extra`: [L, ...inner, ...extra]. */
export function expandLanes(ops: Ops, val: Val, extra: readonly number[]): Val {
  const times = shapeSize(extra);
  const [size, ...rest] = val.shape as number[];
  if (times === 1) return ops.reshape(val, [size!, ...rest, ...extra]);
  const s = shapeSize(rest);
  const idx = new Int32Array(size! * s * times);
  let k = 0;
  for (let l = 0; l < size!; l++) for (let j = 0; j < s; j++) for (let t = 0; t < times; t++) idx[k++] = l * s + j;
  return ops.gather(val, idx, [size!, ...rest, ...extra]);
}

// ---------------------------------------------------------------- indexing

/** What is indexed: a value laned over `owner` (or uniform), its one-lane type and shape. */
export interface Source {
  val: Val;
  type: StanType;
  shape: number[];
  owner?: Frame;
  variable?: Variable;
}

export interface LaneSelection {
  /** Flat positions into the source's whole value, lane-major (lanes × m). */
  flat: Int32Array;
  /** One lane's selected shape (m elements). */
  shape: number[];
  type: StanType;
}

/**
 * `source[indices]` for every lane of the current frame. `evalLaned`
 * evaluates an index expression (laned or uniform).
 */
export function laneSelect(
  ctx: Context,
  source: Source,
  indices: Index[],
  span: Span,
  evalLaned: (e: Expr) => Value,
): LaneSelection {
  const frame = ctx.lane!;
  const L = frame.size;
  const shape = source.shape;
  if (indices.length > shape.length) giveUp('too many indexes');
  const uniformSel: Selector[] = [];
  const laned: Array<Float64Array | undefined> = [];
  indices.forEach((index, d) => {
    const m = mentions(ctx, index);
    if (!m.laned) {
      for (const v of m.writable) for (const loop of frame.loops()) loop.log!.readWhole(v);
      const [sel] = outsideLanes(ctx, () =>
        evaluateSelectors(ctx, [index], [shape[d]!], (x) => evaluate(ctx, x), span),
      );
      uniformSel.push(sel!);
      laned.push(undefined);
      return;
    }
    if (index.kind !== 'Single') giveUp('a range bound depends on the iteration');
    const v = evalLaned(index.expr);
    if (!v.lane || v.type.base !== 'int' || v.type.arrayDims !== 0 || !v.val.constant) giveUp('index');
    const c = v.val.constant;
    const size = shape[d]!;
    for (let l = 0; l < L; l++) {
      const i = c[l]!;
      if (!(i >= 1 && i <= size)) {
        throw userError(
          size === 0
            ? `index ${i} out of range: the dimension has size 0`
            : `index ${i} out of range; expecting index to be between 1 and ${size}`,
          index.expr.span,
          ctx.file,
        );
      }
    }
    uniformSel.push({ positions: [0], single: true, span: index.span });
    laned.push(c);
  });
  const base = select(source.type, shape, uniformSel);
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  const whole = s;
  const map = source.owner ? frame.mapTo(source.owner) : undefined;
  const m = base.flat.length;
  const flat = new Int32Array(L * m);
  for (let l = 0; l < L; l++) {
    let offset = source.owner ? (map ? map[l]! : l) * whole : 0;
    for (let d = 0; d < laned.length; d++) {
      const c = laned[d];
      if (c) offset += (c[l]! - 1) * strides[d]!;
    }
    for (let j = 0; j < m; j++) flat[l * m + j] = base.flat[j]! + offset;
  }
  return { flat, shape: base.shape, type: base.type };
}

/** Record reads (or writes) of positions of a variable declared outside the loops between here and its owner. */
export function logAccess(ctx: Context, v: Variable, flat: Int32Array, perLane: number, write: boolean): void {
  if (v.readOnly) return;
  const frame = ctx.lane!;
  const scratch = v.owner?.privates.find((p) => p.shadow === v);
  if (scratch) {
    // A private copy may only be read where its own iteration wrote it.
    if (write) {
      ctx.attempt?.touchMask(scratch.written);
      for (const k of flat) scratch.written[k] = 1;
    } else for (const k of flat) if (!scratch.written[k]) giveUp(`'${v.name}' is read before this iteration writes it`);
  }
  for (const loop of frame.loops(v.owner)) {
    const map = frame.mapTo(loop);
    const lane = (i: number): number => {
      const l = Math.floor(i / perLane);
      return map ? map[l]! : l;
    };
    if (write) loop.log!.write(v, flat, lane);
    else loop.log!.read(v, flat, lane);
  }
}

// ---------------------------------------------------------------- per-element log densities

/**
 * Ops whose `sum` keeps the elements: a univariate density (an elementwise
 * formula summed over its broadcast elements, stdlib/distributions/
 * univariate.ts) traced through it gives one log density per element.
 */
export class ElementOps implements Ops {
  constructor(private readonly base: Ops) {}
  constant(value: number | ArrayLike<number>, shape?: Shape): Val {
    return this.base.constant(value, shape);
  }
  isConstant(v: Val): boolean {
    return this.base.isConstant(v);
  }
  size(v: Val): number {
    return this.base.size(v);
  }
  unary(op: UnaryOp, x: Val): Val {
    return this.base.unary(op, x);
  }
  binary(op: BinaryOp, a: Val, b: Val): Val {
    return this.base.binary(op, a, b);
  }
  ternary(op: TernaryOp, a: Val, b: Val, c: Val): Val {
    return this.base.ternary(op, a, b, c);
  }
  reduce(op: ReduceOp, x: Val): Val {
    return op === 'sum' ? x : this.base.reduce(op, x);
  }
  select(cond: Val, a: Val, b: Val): Val {
    return this.base.select(cond, a, b);
  }
  matmul(a: Val, b: Val): Val {
    return this.base.matmul(a, b);
  }
  transpose(x: Val): Val {
    return this.base.transpose(x);
  }
  cholesky(x: Val): Val {
    return this.base.cholesky(x);
  }
  triangularSolveLower(L: Val, b: Val): Val {
    return this.base.triangularSolveLower(L, b);
  }
  gather(x: Val, indices: Int32Array, shape: Shape): Val {
    return this.base.gather(x, indices, shape);
  }
  concat(parts: Val[], shape: Shape): Val {
    return this.base.concat(parts, shape);
  }
  reshape(x: Val, shape: Shape): Val {
    return this.base.reshape(x, shape);
  }
  fill(x: Val, shape: Shape): Val {
    return this.base.fill(x, shape);
  }
}

const UNIVARIATE = new Set(['reals', 'ints', 'R', 'T']);

export function isUnivariate(dist: { variate: string; params: Array<{ type: string }> }): boolean {
  return UNIVARIATE.has(dist.variate) && dist.params.every((p) => UNIVARIATE.has(p.type));
}
