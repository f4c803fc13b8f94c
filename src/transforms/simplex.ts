/**
 * simplex[K] by stick-breaking (docs/math.md): K − 1 free coordinates,
 * z_k = logit⁻¹(y_k − log(K − k)), x_k = (1 − Σ_{j<k} x_j) z_k, x_K = rest,
 * log |J| = Σ_k [log z_k + log(1 − z_k) + log(1 − Σ_{j<k} x_j)].
 * Worked on the log scale: log rest_k = Σ_{j<k} log(1 − z_j), a product of a
 * constant strictly-triangular matrix with log(1 − z).
 */
import { triangleOnes, type Constrained, type Transform } from './types.js';

/** Tolerance on Σ x = 1 for data declared simplex (as Stan's check_simplex). */
export const SIMPLEX_TOLERANCE = 1e-8;

export const simplexTransform: Transform = {
  name: 'simplex',
  shape: (sizes) => [sizes[0]!],
  freeSize: (sizes) => Math.max(0, sizes[0]! - 1),
  constrain(ops, y, sizes): Constrained {
    const k = sizes[0]!;
    if (k <= 1) return { x: ops.constant(new Float64Array(k).fill(1), [k]), logJacobian: ops.constant(0) };
    const centre = Float64Array.from({ length: k - 1 }, (_, i) => Math.log(k - 1 - i));
    const u = ops.binary('sub', ops.reshape(y, [k - 1]), ops.constant(centre, [k - 1]));
    const logZ = ops.unary('log_inv_logit', u);
    const log1mZ = ops.unary('log1m_inv_logit', u);
    // logRest[k] = Σ_{j<k} log(1 − z_j), for k = 0..K−1 (logRest[0] = 0).
    const logRest = ops.matmul(ops.constant(triangleOnes(k, k - 1, -1), [k, k - 1]), log1mZ);
    const logStick = ops.concat([logZ, ops.constant(0)], [k]);
    const x = ops.unary('exp', ops.binary('add', logRest, logStick));
    const restBefore = ops.gather(
      logRest,
      Int32Array.from({ length: k - 1 }, (_, i) => i),
      [k - 1],
    );
    const logJacobian = ops.reduce('sum', ops.binary('add', ops.binary('add', logZ, log1mZ), restBefore));
    return { x, logJacobian };
  },
  unconstrain(x) {
    const k = x.length;
    const y = new Float64Array(Math.max(0, k - 1));
    let rest = 1;
    for (let i = 0; i < k - 1; i++) {
      const z = x[i]! / rest;
      y[i] = Math.log(z) - Math.log1p(-z) + Math.log(k - 1 - i);
      rest -= x[i]!;
    }
    return y;
  },
  violation(x) {
    let sum = 0;
    for (let i = 0; i < x.length; i++) {
      if (!(x[i]! >= 0)) return `element ${i + 1} = ${x[i]} is negative`;
      sum += x[i]!;
    }
    if (!(Math.abs(sum - 1) <= SIMPLEX_TOLERANCE)) return `elements sum to ${sum}, not 1`;
    return undefined;
  },
};
