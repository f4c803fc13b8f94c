/** `<offset=μ, multiplier=s>`: x = μ + s·y, log |J| = Σ log s. */
import type { Ops, Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import { boundAt, sumOver, type Bounds, type Constrained, type Transform } from './types.js';

export const affineTransform: Transform = {
  name: 'offset_multiplier',
  shape: (sizes) => [...sizes],
  freeSize: (sizes) => shapeSize(sizes),
  constrain(ops: Ops, y: Val, sizes, bounds: Bounds<Val>): Constrained {
    let x = y.shape.length === sizes.length ? y : ops.reshape(y, sizes);
    let logJacobian = ops.constant(0);
    if (bounds.multiplier) {
      x = ops.binary('mul', bounds.multiplier, x);
      logJacobian = sumOver(ops, ops.unary('log', bounds.multiplier), shapeSize(sizes));
    }
    if (bounds.offset) x = ops.binary('add', bounds.offset, x);
    return { x, logJacobian };
  },
  unconstrain(x, _sizes, bounds) {
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const mu = bounds.offset === undefined ? 0 : boundAt(bounds.offset, i);
      const s = bounds.multiplier === undefined ? 1 : boundAt(bounds.multiplier, i);
      y[i] = (x[i]! - mu) / s;
    }
    return y;
  },
  violation(x) {
    for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) return `element ${i + 1} is not finite`;
    return undefined;
  },
};
