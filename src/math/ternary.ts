/**
 * Elementwise ternary kernels: one entry per primitive of TERNARY_OPS, the
 * value and the three partial derivatives from the inputs, and the batched
 * loops over them (operands addressed as select's, scalars broadcast).
 * Used by the f64 tape and by constant folding.
 */
import type { TernaryOp } from '../ir/ops.js';
import { incBeta } from './incomplete.js';
import type { Strided } from './structural.js';

export interface TernaryKernel {
  f: (a: number, b: number, c: number) => number;
  /** The three partials at (a, b, c), written into `out`. */
  partials: (a: number, b: number, c: number, out: Float64Array) => void;
}

export const TERNARY_KERNELS: Record<TernaryOp, TernaryKernel> = {
  inc_beta: {
    f: (a, b, x) => incBeta(a, b, x).value,
    partials: (a, b, x, out) => {
      const r = incBeta(a, b, x);
      out[0] = r.da;
      out[1] = r.db;
      out[2] = r.dx;
    },
  },
};

const at = (s: Strided, c: number, i: number): number => s.value[c * s.chainStride + i * s.elementStride]!;

export function ternaryForward(
  kernel: TernaryKernel,
  [a, b, x]: Strided[],
  out: Float64Array,
  c0: number,
  c1: number,
  n: number,
): void {
  for (let c = c0; c < c1; c++) {
    for (let i = 0; i < n; i++) out[c * n + i] = kernel.f(at(a!, c, i), at(b!, c, i), at(x!, c, i));
  }
}

export function ternaryBackward(
  kernel: TernaryKernel,
  ops: Strided[],
  _out: Float64Array,
  g: Float64Array,
  grads: Array<Float64Array | null>,
  c0: number,
  c1: number,
  n: number,
): void {
  const p = new Float64Array(3);
  const [a, b, x] = ops as [Strided, Strided, Strided];
  for (let c = c0; c < c1; c++) {
    for (let i = 0; i < n; i++) {
      const gi = g[c * n + i]!;
      if (gi === 0) continue;
      kernel.partials(at(a, c, i), at(b, c, i), at(x, c, i), p);
      for (let k = 0; k < 3; k++) {
        const gk = grads[k];
        if (gk) gk[c * ops[k]!.chainStride + i * ops[k]!.elementStride]! += gi * p[k]!;
      }
    }
  }
}
