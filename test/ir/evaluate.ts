/**
 * Test utilities: evaluate a function written against `Ops` at one point
 * with the f64 backend, and check gradients against finite differences.
 * Used by the stdlib's and the backends' gradient tests.
 */
import { compileF64, type F64Options } from '../../src/backends/f64/tape.js';
import { InternalError } from '../../src/errors.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import type { Ops, Shape, Val } from '../../src/ir/ops.js';
import { shapeSize } from '../../src/ir/ops.js';

export type TracedFunction = (ops: Ops, x: Val) => Val;

/**
 * Build a graph with one parameter `x` of `shape` (starting at offset 0),
 * apply `build`, which must return a scalar, and evaluate it and its
 * gradient at `x` (one chain). `options` go to the f64 backend.
 */
export function evaluateFunction(
  build: TracedFunction,
  x: ArrayLike<number>,
  shape: Shape,
  options: F64Options = {},
): { value: number; gradient: Float64Array } {
  const n = shapeSize(shape);
  if (x.length !== n) throw new InternalError(`evaluateFunction: ${x.length} values for shape [${shape.join(', ')}]`);
  const ops = new GraphBuilder();
  const out = build(ops, ops.param(0, shape));
  const graph = ops.finish(out, { dim: n });
  const { logDensity, gradient } = compileF64(graph, options).logDensityAndGradient(Float64Array.from(x), 1);
  return { value: logDensity[0], gradient };
}

/** The value of `build` at `x` (no gradient). */
export function evaluateValue(build: TracedFunction, x: ArrayLike<number>, shape: Shape): number {
  return evaluateFunction(build, x, shape).value;
}

/**
 * Central finite differences of a plain function with one Richardson
 * extrapolation step (error O(h⁴)), step h = relStep · max(1, |x_i|).
 */
export function finiteDifferenceGradient(
  f: (x: Float64Array) => number,
  x: ArrayLike<number>,
  relStep = 1e-3,
): Float64Array {
  const point = Float64Array.from(x);
  const grad = new Float64Array(point.length);
  const central = (i: number, h: number): number => {
    const xi = point[i];
    point[i] = xi + h;
    const up = f(point);
    point[i] = xi - h;
    const down = f(point);
    point[i] = xi;
    return (up - down) / (2 * h);
  };
  for (let i = 0; i < point.length; i++) {
    const h = relStep * Math.max(1, Math.abs(point[i]));
    grad[i] = (4 * central(i, h / 2) - central(i, h)) / 3;
  }
  return grad;
}

/** Finite-difference gradient of a traced function (values from the f64 backend). */
export function tracedFiniteDifferenceGradient(
  build: TracedFunction,
  x: ArrayLike<number>,
  shape: Shape,
  relStep = 1e-3,
): Float64Array {
  return finiteDifferenceGradient((p) => evaluateValue(build, p, shape), x, relStep);
}

/**
 * Largest discrepancy between the f64 gradient of `build` at `x` and finite
 * differences, each component measured as |a − b| / max(1, |b|).
 */
export function gradientError(
  build: TracedFunction,
  x: ArrayLike<number>,
  shape: Shape,
  relStep = 1e-3,
): { value: number; gradient: Float64Array; numeric: Float64Array; maxError: number } {
  const { value, gradient } = evaluateFunction(build, x, shape);
  const numeric = tracedFiniteDifferenceGradient(build, x, shape, relStep);
  let maxError = 0;
  for (let i = 0; i < gradient.length; i++) {
    const err = Math.abs(gradient[i] - numeric[i]) / Math.max(1, Math.abs(numeric[i]));
    if (!(err <= maxError)) maxError = err; // NaN propagates into maxError
  }
  return { value, gradient, numeric, maxError };
}
