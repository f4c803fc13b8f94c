/**
 * ordered[K]: x₁ = y₁, x_k = x_{k−1} + e^{y_k}, log |J| = Σ_{k≥2} y_k.
 * positive_ordered[K]: x₁ = e^{y₁}, x_k = x_{k−1} + e^{y_k}, log |J| = Σ y_k.
 * The cumulative sum is a product with a constant triangular matrix.
 */
import type { Ops, Val } from '../ir/ops.js';
import { triangleOnes, type Constrained, type Transform } from './types.js';

function cumulativeSum(ops: Ops, v: Val, k: number): Val {
  return ops.matmul(ops.constant(triangleOnes(k, k, 0), [k, k]), v);
}

function orderedViolation(x: Float64Array, positive: boolean): string | undefined {
  if (positive && x.length > 0 && !(x[0]! > 0)) return `element 1 = ${x[0]} is not positive`;
  for (let i = 1; i < x.length; i++) {
    if (!(x[i]! > x[i - 1]!))
      return `elements are not strictly increasing (element ${i + 1} = ${x[i]} after ${x[i - 1]})`;
  }
  return undefined;
}

export const orderedTransform: Transform = {
  name: 'ordered',
  shape: (sizes) => [sizes[0]!],
  freeSize: (sizes) => sizes[0]!,
  constrain(ops, y, sizes): Constrained {
    const k = sizes[0]!;
    if (k === 0) return { x: y, logJacobian: ops.constant(0) };
    const head = ops.gather(y, Int32Array.of(0), [1]);
    if (k === 1) return { x: ops.reshape(head, [1]), logJacobian: ops.constant(0) };
    const tail = ops.gather(
      y,
      Int32Array.from({ length: k - 1 }, (_, i) => i + 1),
      [k - 1],
    );
    const steps = ops.concat([head, ops.unary('exp', tail)], [k]);
    return { x: cumulativeSum(ops, steps, k), logJacobian: ops.reduce('sum', tail) };
  },
  unconstrain(x) {
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) y[i] = i === 0 ? x[0]! : Math.log(x[i]! - x[i - 1]!);
    return y;
  },
  violation: (x) => orderedViolation(x, false),
};

export const positiveOrderedTransform: Transform = {
  name: 'positive_ordered',
  shape: (sizes) => [sizes[0]!],
  freeSize: (sizes) => sizes[0]!,
  constrain(ops, y, sizes): Constrained {
    const k = sizes[0]!;
    if (k === 0) return { x: y, logJacobian: ops.constant(0) };
    return { x: cumulativeSum(ops, ops.unary('exp', y), k), logJacobian: ops.reduce('sum', y) };
  },
  unconstrain(x) {
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) y[i] = Math.log(i === 0 ? x[0]! : x[i]! - x[i - 1]!);
    return y;
  },
  violation: (x) => orderedViolation(x, true),
};
