/**
 * The Hessian of the log density by central finite differences of the
 * exact gradient (BridgeStan does the same when built without exact
 * Hessians): all 2·dim perturbed points in one batched call, step
 * h = ε^(1/3)·max(1, |x_i|), then symmetrised.
 */
import type { DensityHessian, LogDensityAndGradient } from '../../model/types.js';

export function finiteDifferenceHessian(
  x: Float64Array,
  evaluate: (points: Float64Array, chains: number) => LogDensityAndGradient,
): DensityHessian {
  const dim = x.length;
  const points = new Float64Array((2 * dim + 1) * dim);
  const steps = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    steps[i] = Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(x[i]!));
    for (const [row, sign] of [
      [2 * i, 1],
      [2 * i + 1, -1],
    ] as const) {
      points.set(x, row * dim);
      points[row * dim + i] = x[i]! + sign * steps[i]!;
    }
  }
  points.set(x, 2 * dim * dim);
  const { logDensity, gradient } = evaluate(points, 2 * dim + 1);
  const hessian = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      const plus = gradient[2 * i * dim + j]!;
      const minus = gradient[(2 * i + 1) * dim + j]!;
      hessian[i * dim + j] = (plus - minus) / (2 * steps[i]!);
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i + 1; j < dim; j++) {
      const mean = (hessian[i * dim + j]! + hessian[j * dim + i]!) / 2;
      hessian[i * dim + j] = mean;
      hessian[j * dim + i] = mean;
    }
  }
  return {
    logDensity: logDensity[2 * dim]!,
    gradient: gradient.slice(2 * dim * dim, (2 * dim + 1) * dim),
    hessian,
  };
}
