/**
 * unit_vector[K] as Stan: K free coordinates y, x = y / ‖y‖. The map is not
 * one-to-one; Stan adds −½‖y‖² (a standard normal on y) so the radius has a
 * proper distribution, and so do we.
 */
import { shapeSize } from '../ir/ops.js';
import type { Constrained, Transform } from './types.js';

/** Tolerance on ‖x‖ = 1 for data declared unit_vector (as Stan's check_unit_vector). */
export const UNIT_VECTOR_TOLERANCE = 1e-8;

export const unitVectorTransform: Transform = {
  name: 'unit_vector',
  shape: (sizes) => [sizes[0]!],
  freeSize: (sizes) => sizes[0]!,
  constrain(ops, y, sizes): Constrained {
    const k = sizes[0]!;
    const v = shapeSize(y.shape) === k && y.shape.length === 1 ? y : ops.reshape(y, [k]);
    const squaredNorm = ops.reduce('sum', ops.unary('square', v));
    return {
      x: ops.binary('mul', v, ops.unary('inv_sqrt', squaredNorm)),
      logJacobian: ops.binary('mul', ops.constant(-0.5), squaredNorm),
    };
  },
  unconstrain: (x) => Float64Array.from(x),
  violation(x) {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
    if (!(Math.abs(s - 1) <= UNIT_VECTOR_TOLERANCE)) return `its squared norm is ${s}, not 1`;
    return undefined;
  },
};
