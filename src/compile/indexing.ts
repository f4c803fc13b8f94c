/**
 * Stan indexing on typed values: single indices drop a dimension, ranges,
 * `:` and int-array multi-indices keep it. Array dimensions come first, then
 * the vector/matrix ones. Indices are constants (data or loop variables),
 * so every index becomes a flat row-major position known at compile time.
 */
import type { Index, Span } from '../language/ast.js';
import type { StanType } from '../check/types.js';
import { userError, type Context, type Value } from './context.js';

/** One evaluated index position: 0-based positions, and whether it drops the dimension. */
export interface Selector {
  positions: number[];
  single: boolean;
  span: Span;
}

export interface Selection {
  flat: Int32Array;
  shape: number[];
  type: StanType;
}

export type Evaluate = (expr: import('../language/ast.js').Expr) => Value;

/** Number of dimensions a type has beyond its array dims. */
export function baseRank(t: StanType): number {
  return t.base === 'matrix' ? 2 : t.base === 'vector' || t.base === 'row_vector' ? 1 : 0;
}

/** Evaluate the index positions of `x[...]` against `shape`. */
export function evaluateSelectors(
  ctx: Context,
  indices: Index[],
  shape: readonly number[],
  evaluate: Evaluate,
  span: Span,
): Selector[] {
  if (indices.length > shape.length) {
    throw userError(
      `too many indexes: ${indices.length} given for a value with ${shape.length} dimension${shape.length === 1 ? '' : 's'}`,
      span,
      ctx.file,
    );
  }
  return indices.map((index, d) => {
    const size = shape[d]!;
    switch (index.kind) {
      case 'All':
        return { positions: range(0, size - 1), single: false, span: index.span };
      case 'Range': {
        const lo = index.lower ? constantInt(ctx, evaluate(index.lower), index.lower.span) : 1;
        const hi = index.upper ? constantInt(ctx, evaluate(index.upper), index.upper.span) : size;
        if (hi >= lo) {
          checkRange(ctx, lo, size, index.lower?.span ?? index.span);
          checkRange(ctx, hi, size, index.upper?.span ?? index.span);
        }
        return { positions: range(lo - 1, hi - 1), single: false, span: index.span };
      }
      case 'Single': {
        const v = evaluate(index.expr);
        if (v.type.arrayDims === 0 && v.type.base === 'int') {
          const i = constantInt(ctx, v, index.expr.span);
          checkRange(ctx, i, size, index.expr.span);
          return { positions: [i - 1], single: true, span: index.span };
        }
        if (v.type.arrayDims === 1 && v.type.base === 'int') {
          if (!v.val.constant)
            throw userError('a multi-index must be data, not depend on parameters', index.expr.span, ctx.file);
          const positions = Array.from(v.val.constant, (i) => {
            checkRange(ctx, i, size, index.expr.span);
            return i - 1;
          });
          return { positions, single: false, span: index.span };
        }
        throw userError('an index must be an int or an array of int', index.expr.span, ctx.file);
      }
    }
  });
}

/** Flat positions, shape and type of `value[selectors]`. */
export function select(type: StanType, shape: readonly number[], selectors: Selector[]): Selection {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  const full: Selector[] = shape.map(
    (size, d) => selectors[d] ?? { positions: range(0, size - 1), single: false, span: undefined as unknown as Span },
  );
  const kept = full.filter((sel) => !sel.single).map((sel) => sel.positions.length);
  const count = kept.reduce((a, b) => a * b, 1);
  const flat = new Int32Array(count);
  // Odometer over the kept dimensions, row-major.
  const counters = new Array<number>(full.length).fill(0);
  for (let k = 0; k < count; k++) {
    let offset = 0;
    for (let d = 0; d < full.length; d++) offset += full[d]!.positions[counters[d]!]! * strides[d]!;
    flat[k] = offset;
    for (let d = full.length - 1; d >= 0; d--) {
      if (full[d]!.single) continue;
      if (++counters[d]! < full[d]!.positions.length) break;
      counters[d] = 0;
    }
  }
  return {
    flat,
    shape: kept,
    type: selectedType(
      type,
      full.map((sel) => sel.single),
    ),
  };
}

function selectedType(type: StanType, single: boolean[]): StanType {
  let arrayDims = 0;
  for (let d = 0; d < type.arrayDims; d++) if (!single[d]) arrayDims++;
  const a = type.arrayDims;
  switch (type.base) {
    case 'int':
    case 'real':
      return { base: type.base, arrayDims };
    case 'vector':
    case 'row_vector':
      return { base: single[a] ? 'real' : type.base, arrayDims };
    case 'matrix': {
      const row = single[a]!;
      const col = single[a + 1]!;
      const base = row && col ? 'real' : row ? 'row_vector' : col ? 'vector' : 'matrix';
      return { base, arrayDims };
    }
  }
}

function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}

function checkRange(ctx: Context, i: number, size: number, span: Span): void {
  if (!(i >= 1 && i <= size)) {
    throw userError(
      size === 0
        ? `index ${i} out of range: the dimension has size 0`
        : `index ${i} out of range; expecting index to be between 1 and ${size}`,
      span,
      ctx.file,
    );
  }
}

/** An int known at compile time (data, literals, loop variables). */
export function constantInt(ctx: Context, v: Value, span: Span): number {
  const c = v.val.constant;
  if (c === undefined)
    throw userError('this must be data (known before sampling), not depend on parameters', span, ctx.file);
  if (c.length !== 1) throw userError('expected a single int', span, ctx.file);
  const n = c[0]!;
  if (!Number.isInteger(n)) throw userError(`expected an int, found ${n}`, span, ctx.file);
  return n;
}
