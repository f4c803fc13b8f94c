/**
 * Ops for eager runs (transformed data, constrain, generate), where every
 * value is a constant: elementwise ops and reductions are computed
 * directly with the f64 backend's kernels, skipping the per-op setup of
 * GraphBuilder's general folding (which stays the fallback). Generated
 * quantities of models with many scalar statements run per draw, so this
 * matters.
 */
import { GraphBuilder } from '../ir/graph.js';
import type { BinaryOp, ReduceOp, UnaryOp, Val } from '../ir/ops.js';
import { BINARY_KERNELS } from '../math/binary.js';
import { UNARY_KERNELS } from '../math/unary.js';
import { REDUCE_KERNELS } from '../math/reduce.js';

export class EagerOps extends GraphBuilder {
  override unary(op: UnaryOp, x: Val): Val {
    const c = x.constant;
    const kernel = UNARY_KERNELS[op];
    if (!c || !kernel) return super.unary(op, x);
    const f = kernel.f;
    const out = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) out[i] = f(c[i]!);
    return { shape: x.shape, constant: out };
  }

  override binary(op: BinaryOp, a: Val, b: Val): Val {
    const ca = a.constant;
    const cb = b.constant;
    const kernel = BINARY_KERNELS[op];
    if (!ca || !cb || !kernel) return super.binary(op, a, b);
    const f = kernel.f;
    if (ca.length === 1 && a.shape.length === 0) {
      const x = ca[0]!;
      const out = new Float64Array(cb.length);
      for (let i = 0; i < cb.length; i++) out[i] = f(x, cb[i]!);
      return { shape: b.shape, constant: out };
    }
    if (cb.length === 1 && b.shape.length === 0) {
      const y = cb[0]!;
      const out = new Float64Array(ca.length);
      for (let i = 0; i < ca.length; i++) out[i] = f(ca[i]!, y);
      return { shape: a.shape, constant: out };
    }
    if (ca.length !== cb.length || a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
      return super.binary(op, a, b); // reports the shape error
    }
    const out = new Float64Array(ca.length);
    for (let i = 0; i < ca.length; i++) out[i] = f(ca[i]!, cb[i]!);
    return { shape: a.shape, constant: out };
  }

  override reduce(op: ReduceOp, x: Val): Val {
    const c = x.constant;
    const kernel = REDUCE_KERNELS[op];
    if (!c || !kernel) return super.reduce(op, x);
    return { shape: [], constant: Float64Array.of(kernel.forward(c, 0, c.length)) };
  }
}
