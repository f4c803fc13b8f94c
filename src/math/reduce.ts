/**
 * Reduction kernels: one entry per primitive of REDUCE_OPS, on a slice
 * x[off .. off + n) of one chain. `backward` adds g · ∂y/∂x_i into
 * gx[goff + i]. Used by the f64 tape and by constant folding.
 */
import type { ReduceOp } from '../ir/ops.js';
import { logSumExp } from './special.js';

export interface ReduceKernel {
  forward(x: Float64Array, off: number, n: number): number;
  backward(x: Float64Array, off: number, n: number, y: number, g: number, gx: Float64Array, goff: number): void;
}

/** Index of the first extreme element (NaN wins, so NaN propagates with its gradient). */
function argExtreme(x: Float64Array, off: number, n: number, sign: 1 | -1): number {
  let best = off;
  for (let i = off + 1; i < off + n; i++) {
    const v = x[i];
    if (Number.isNaN(x[best])) break;
    if (Number.isNaN(v) || sign * (v - x[best]) > 0) best = i;
  }
  return best;
}

export const REDUCE_KERNELS: Record<ReduceOp, ReduceKernel> = {
  sum: {
    forward(x, off, n) {
      let s = 0;
      for (let i = off; i < off + n; i++) s += x[i];
      return s;
    },
    backward(_x, _off, n, _y, g, gx, goff) {
      for (let i = goff; i < goff + n; i++) gx[i] += g;
    },
  },
  prod: {
    forward(x, off, n) {
      let p = 1;
      for (let i = off; i < off + n; i++) p *= x[i];
      return p;
    },
    backward(x, off, n, _y, g, gx, goff) {
      // ∂/∂x_i = Π_{j<i} x_j · Π_{j>i} x_j (exact with zeros, unlike y / x_i)
      const suffix = scratch(n);
      let p = 1;
      for (let i = n - 1; i >= 0; i--) {
        suffix[i] = p;
        p *= x[off + i];
      }
      p = 1;
      for (let i = 0; i < n; i++) {
        gx[goff + i] += g * p * suffix[i];
        p *= x[off + i];
      }
    },
  },
  max: {
    forward(x, off, n) {
      return n === 0 ? -Infinity : x[argExtreme(x, off, n, 1)];
    },
    backward(x, off, n, _y, g, gx, goff) {
      if (n > 0) gx[goff + argExtreme(x, off, n, 1) - off] += g;
    },
  },
  min: {
    forward(x, off, n) {
      return n === 0 ? Infinity : x[argExtreme(x, off, n, -1)];
    },
    backward(x, off, n, _y, g, gx, goff) {
      if (n > 0) gx[goff + argExtreme(x, off, n, -1) - off] += g;
    },
  },
  log_sum_exp: {
    forward(x, off, n) {
      return logSumExp(x, off, off + n);
    },
    backward(x, off, n, y, g, gx, goff) {
      if (y === -Infinity) return; // every input −∞: no mass, no gradient
      for (let i = 0; i < n; i++) gx[goff + i] += g * Math.exp(x[off + i] - y);
    },
  },
};

let scratchBuffer = new Float64Array(64);
/** A reusable work array of at least n entries. */
function scratch(n: number): Float64Array {
  if (scratchBuffer.length < n) scratchBuffer = new Float64Array(Math.max(n, 2 * scratchBuffer.length));
  return scratchBuffer;
}
