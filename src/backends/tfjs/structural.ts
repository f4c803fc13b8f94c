/**
 * Shape-moving kernels on chain-batched values (gather, concat, reshape,
 * fill) and the alignment that lets elementwise ops and select broadcast a
 * per-chain scalar against a per-chain array.
 */
import * as tf from '@tensorflow/tfjs';
import { shapeSize, type Shape } from '../../ir/ops.js';
import { InternalError } from '../../errors.js';
import type { Operand } from './linalg.js';
import { asCondition, customOp } from './grad.js';

type T = tf.Tensor;

/** Per-chain shape of an elementwise result: the operands' common shape, scalars broadcasting. */
export function elementwiseShape(what: string, shapes: Shape[]): Shape {
  let out: Shape = [];
  for (const s of shapes) {
    if (s.length === 0) continue;
    if (out.length === 0) out = s;
    else if (out.length !== s.length || out.some((d, i) => d !== s[i])) {
      throw new InternalError(`${what}: shapes [${out}] and [${s}] do not broadcast`);
    }
  }
  return out;
}

/**
 * A batched per-chain scalar has shape [C]; against a per-chain array of
 * rank r it must be [C, 1, …, 1]. Unbatched operands already broadcast
 * (tf aligns shapes from the right).
 */
export function alignKernel(x: Operand, outRank: number): (t: T, C: number) => T {
  if (!x.batched || x.shape.length === outRank) return (t) => t;
  const ones = new Array<number>(outRank).fill(1);
  return (t, C) => tf.reshape(t, [C, ...ones]);
}

/** Elementwise `cond ? a : b` with scalar broadcasting; cond nonzero is true. */
export function selectKernel(cond: Operand, a: Operand, b: Operand): (tc: T, ta: T, tb: T, C: number) => T {
  const out = elementwiseShape('select', [cond.shape, a.shape, b.shape]);
  const [alignC, alignA, alignB] = [cond, a, b].map((x) => alignKernel(x, out.length)) as [
    ReturnType<typeof alignKernel>,
    ReturnType<typeof alignKernel>,
    ReturnType<typeof alignKernel>,
  ];
  // tf.where broadcasts all three to the common shape (differentiably).
  return (tc, ta, tb, C) => tf.where(asCondition(alignC(tc, C)), alignA(ta, C), alignB(tb, C));
}

/** Flattened per-chain view: [C, n] for a batched value, [n] otherwise. */
function flatten(t: T, x: Operand, C: number): T {
  return tf.reshape(t, x.batched ? [C, shapeSize(x.shape)] : [shapeSize(x.shape)]);
}

/** Indices i, i+1, …, i+m−1? Then a slice does the gather. */
function contiguousStart(indices: Int32Array): number | undefined {
  if (indices.length === 0) return undefined;
  for (let j = 1; j < indices.length; j++) if (indices[j] !== indices[0]! + j) return undefined;
  return indices[0]!;
}

/**
 * tf.gather along axis 1 of [C, n] whose gradient scatters with scatterND
 * (tf's own gather gradient needs UnsortedSegmentSum, which wasm lacks).
 */
function gatherColumns(n: number, idx: T, idxColumn: T): (x: T) => T {
  const op = customOp(([x]) => ({
    value: tf.gather(x!, idx, 1),
    gradFunc: (dy) => {
      // dyᵀ rows are summed into the rows named by idx (duplicates add up).
      const scattered = tf.scatterND(idxColumn, tf.transpose(dy), [n, dy.shape[0]!]);
      return tf.transpose(scattered);
    },
  }));
  return (x) => op(x);
}

/**
 * Gather by flat indices. Returns the kernel and the int32 index tensors it
 * needs (created once; the caller disposes them).
 */
export function gatherKernel(
  x: Operand,
  indices: Int32Array,
  shape: Shape,
): { kernel: (t: T, C: number) => T; tensors: T[] } {
  const n = shapeSize(x.shape);
  if (indices.length !== shapeSize(shape)) {
    throw new InternalError(`gather: ${indices.length} indices for result shape [${shape}]`);
  }
  for (const i of indices) {
    if (!(i >= 0 && i < n)) throw new InternalError(`gather: index ${i} out of range for size ${n}`);
  }
  const m = indices.length;
  const start = contiguousStart(indices);
  if (start !== undefined) {
    const kernel = x.batched
      ? (t: T, C: number) => tf.reshape(tf.slice(flatten(t, x, C), [0, start], [C, m]), [C, ...shape])
      : (t: T, C: number) => tf.reshape(tf.slice(flatten(t, x, C), [start], [m]), [...shape]);
    return { kernel, tensors: [] };
  }
  const idx = tf.tensor1d(indices, 'int32');
  if (!x.batched) {
    return { kernel: (t, C) => tf.reshape(tf.gather(flatten(t, x, C), idx), [...shape]), tensors: [idx] };
  }
  const idxColumn = tf.tensor2d(indices, [m, 1], 'int32');
  const gather = gatherColumns(n, idx, idxColumn);
  return {
    kernel: (t, C) => tf.reshape(gather(flatten(t, x, C)), [C, ...shape]),
    tensors: [idx, idxColumn],
  };
}

/** Concatenate flattened parts; unbatched parts are broadcast over chains when any part is batched. */
export function concatKernel(parts: Operand[], shape: Shape): (ts: T[], C: number) => T {
  const total = parts.reduce((s, p) => s + shapeSize(p.shape), 0);
  if (total !== shapeSize(shape)) {
    throw new InternalError(`concat: parts have ${total} elements, result shape [${shape}] needs ${shapeSize(shape)}`);
  }
  const batched = parts.some((p) => p.batched);
  if (!batched) {
    return (ts, C) =>
      tf.reshape(
        tf.concat(
          ts.map((t, i) => flatten(t, parts[i]!, C)),
          0,
        ),
        [...shape],
      );
  }
  return (ts, C) => {
    const flat = ts.map((t, i) => {
      const p = parts[i]!;
      const size = shapeSize(p.shape);
      return p.batched ? flatten(t, p, C) : tf.broadcastTo(tf.reshape(t, [1, size]), [C, size]);
    });
    return tf.reshape(flat.length === 1 ? flat[0]! : tf.concat(flat, 1), [C, ...shape]);
  };
}

export function reshapeKernel(x: Operand, shape: Shape): (t: T, C: number) => T {
  if (shapeSize(x.shape) !== shapeSize(shape)) {
    throw new InternalError(`reshape: [${x.shape}] and [${shape}] differ in size`);
  }
  return x.batched ? (t, C) => tf.reshape(t, [C, ...shape]) : (t) => tf.reshape(t, [...shape]);
}

export function fillKernel(x: Operand, shape: Shape): (t: T, C: number) => T {
  if (x.shape.length !== 0) throw new InternalError(`fill: expected a scalar, got [${x.shape}]`);
  const ones = new Array<number>(shape.length).fill(1);
  return x.batched
    ? (t, C) => tf.broadcastTo(tf.reshape(t, [C, ...ones]), [C, ...shape])
    : (t) => tf.broadcastTo(tf.reshape(t, ones), [...shape]);
}
