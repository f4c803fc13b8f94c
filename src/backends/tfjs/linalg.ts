/**
 * Linear algebra on chain-batched values: matmul in the four shape cases,
 * transpose, Cholesky and lower-triangular solve. tfjs has neither Cholesky
 * nor a triangular solve, so both are unrolled over rows/columns into
 * slice/matMul/concat ops (O(n) ops each), which tf differentiates.
 *
 * A batched value carries a leading chain axis C; an unbatched one (a
 * constant, or a value that depends only on `noise`) does not and never
 * needs a gradient (it does not depend on x), so broadcasting it is free.
 */
import * as tf from '@tensorflow/tfjs';
import type { Shape } from '../../ir/ops.js';
import { InternalError } from '../../errors.js';

type T = tf.Tensor;

export interface Operand {
  /** Per-chain shape. */
  shape: Shape;
  batched: boolean;
}

/** Per-chain result shape of matmul, or an InternalError on mismatch. */
export function matmulShape(a: Shape, b: Shape): number[] {
  if (a.length < 1 || a.length > 2 || b.length < 1 || b.length > 2) {
    throw new InternalError(`matmul: operands must be vectors or matrices, got [${a}] and [${b}]`);
  }
  const k = a[a.length - 1];
  if (k !== b[0]) throw new InternalError(`matmul: inner sizes differ, [${a}] and [${b}]`);
  return [...(a.length === 2 ? [a[0]!] : []), ...(b.length === 2 ? [b[1]!] : [])];
}

/**
 * Kernel for matmul: vectors are taken as a [1, k] row on the left and a
 * [k, 1] column on the right, the product reshaped to the per-chain result.
 */
export function matmulKernel(a: Operand, b: Operand): (ta: T, tb: T, C: number) => T {
  const out = matmulShape(a.shape, b.shape);
  const r = a.shape.length === 2 ? a.shape[0]! : 1;
  const k = a.shape[a.shape.length - 1]!;
  const c = b.shape.length === 2 ? b.shape[1]! : 1;
  if (!a.batched && !b.batched) {
    return (ta, tb) => tf.reshape(tf.matMul(tf.reshape(ta, [r, k]), tf.reshape(tb, [k, c])), out);
  }
  if (a.batched && !b.batched) {
    // One 2-d product: [C·r, k] · [k, c].
    return (ta, tb, C) => tf.reshape(tf.matMul(tf.reshape(ta, [C * r, k]), tf.reshape(tb, [k, c])), [C, ...out]);
  }
  if (!a.batched && b.batched) {
    if (c === 1) {
      // Constant matrix times batched vector: [C, k] · [r, k]ᵀ = [C, r].
      return (ta, tb, C) =>
        tf.reshape(tf.matMul(tf.reshape(tb, [C, k]), tf.reshape(ta, [r, k]), false, true), [C, ...out]);
    }
    // (A B)ᵀ = Bᵀ Aᵀ: [C·c, k] · [r, k]ᵀ = [C·c, r], then back to [C, r, c].
    return (ta, tb, C) => {
      const bt = tf.reshape(tf.transpose(tf.reshape(tb, [C, k, c]), [0, 2, 1]), [C * c, k]);
      const prod = tf.reshape(tf.matMul(bt, tf.reshape(ta, [r, k]), false, true), [C, c, r]);
      return tf.reshape(tf.transpose(prod, [0, 2, 1]), [C, ...out]);
    };
  }
  if (r === 1 && c === 1) {
    // Batched dot product.
    return (ta, tb, C) => tf.sum(tf.mul(tf.reshape(ta, [C, k]), tf.reshape(tb, [C, k])), 1);
  }
  return (ta, tb, C) => tf.reshape(tf.matMul(tf.reshape(ta, [C, r, k]), tf.reshape(tb, [C, k, c])), [C, ...out]);
}

/** Transpose of a matrix ([r, c] → [c, r]); vectors and scalars are unchanged. */
export function transposeKernel(x: Operand): (t: T) => T {
  if (x.shape.length < 2) return (t) => t;
  if (x.shape.length > 2) throw new InternalError(`transpose: expected a matrix, got [${x.shape}]`);
  return x.batched ? (t) => tf.transpose(t, [0, 2, 1]) : (t) => tf.transpose(t, [1, 0]);
}

/** View as rank 3 with a leading batch axis (1 for an unbatched value). */
function asRank3(t: T, batched: boolean, rows: number, cols: number): T {
  return tf.reshape(t, [batched ? t.shape[0]! : 1, rows, cols]);
}

/**
 * Lower Cholesky factor, column by column (reads the lower triangle):
 * v = A[:, j] − L[:, :j] L[j, :j]ᵀ, L[:, j] = v / √v[j] on rows ≥ j.
 */
export function choleskyKernel(x: Operand): (t: T) => T {
  const shape = x.shape;
  if (shape.length !== 2 || shape[0] !== shape[1]) {
    throw new InternalError(`cholesky: expected a square matrix, got [${shape}]`);
  }
  const n = shape[0]!;
  // Row masks: column j of L is zero above the diagonal.
  const masks: number[][] = [];
  for (let j = 0; j < n; j++) masks.push(Array.from({ length: n }, (_, i) => (i >= j ? 1 : 0)));
  return (t) => {
    const A = asRank3(t, x.batched, n, n);
    let L: T | undefined;
    for (let j = 0; j < n; j++) {
      let v = tf.slice(A, [0, 0, j], [-1, n, 1]);
      if (L !== undefined) {
        const rowJ = tf.slice(L, [0, j, 0], [-1, 1, j]);
        v = tf.sub(v, tf.matMul(L, rowJ, false, true));
      }
      const pivot = tf.sqrt(tf.slice(v, [0, j, 0], [-1, 1, 1]));
      const column = tf.mul(tf.div(v, pivot), tf.tensor3d(masks[j]!, [1, n, 1]));
      L = L === undefined ? column : tf.concat([L, column], 2);
    }
    return x.batched ? L! : tf.reshape(L!, [n, n]);
  };
}

/**
 * Solve L z = b by forward substitution (reads the lower triangle of L),
 * b a vector [n] or a matrix [n, m]; one row of z per step.
 */
export function triangularSolveKernel(L: Operand, b: Operand): (tL: T, tb: T) => T {
  const n = L.shape[0]!;
  if (L.shape.length !== 2 || L.shape[1] !== n || b.shape[0] !== n || b.shape.length > 2 || b.shape.length < 1) {
    throw new InternalError(`triangular_solve_lower: shapes [${L.shape}] and [${b.shape}] do not fit`);
  }
  const m = b.shape.length === 2 ? b.shape[1]! : 1;
  const batched = L.batched || b.batched;
  return (tL, tb) => {
    const L3 = asRank3(tL, L.batched, n, n);
    const B3 = asRank3(tb, b.batched, n, m);
    let Z: T | undefined;
    for (let i = 0; i < n; i++) {
      let r = tf.slice(B3, [0, i, 0], [-1, 1, m]);
      if (Z !== undefined) r = tf.sub(r, tf.matMul(tf.slice(L3, [0, i, 0], [-1, 1, i]), Z));
      const zi = tf.div(r, tf.slice(L3, [0, i, i], [-1, 1, 1]));
      Z = Z === undefined ? zi : tf.concat([Z, zi], 1);
    }
    return batched ? tf.reshape(Z!, [Z!.shape[0]!, ...b.shape]) : tf.reshape(Z!, [...b.shape]);
  };
}
