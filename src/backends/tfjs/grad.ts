/**
 * Custom-gradient building blocks. tfjs has no gradient for comparisons and
 * logical ops (backprop throws when one lies between x and y), and some of
 * our functions need a gradient that is more accurate or more robust than
 * differentiating their approximation.
 */
import * as tf from '@tensorflow/tfjs';

type Unary = (x: tf.Tensor) => tf.Tensor;
type Binary = (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

interface CustomResult {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/**
 * tf.customGrad with the inputs as an array and the save function apart
 * (tf's own signature mixes them in one rest parameter).
 */
export function customOp(
  f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => CustomResult,
): (...inputs: tf.Tensor[]) => tf.Tensor {
  type Func = Parameters<typeof tf.customGrad>[0];
  const wrapped = (...args: (tf.Tensor | tf.GradSaveFunc)[]): CustomResult =>
    f(args.slice(0, -1) as tf.Tensor[], args[args.length - 1] as tf.GradSaveFunc);
  return tf.customGrad(wrapped as unknown as Func);
}

/** Sum a broadcast gradient back down to the shape of the input it flows to. */
export function reduceToShape(grad: tf.Tensor, shape: readonly number[]): tf.Tensor {
  if (grad.shape.length === shape.length && grad.shape.every((d, i) => d === shape[i])) return grad;
  const axes = tf.backend_util.getReductionAxes(shape as number[], grad.shape);
  const summed = axes.length > 0 ? tf.sum(grad, axes, true) : grad;
  return tf.reshape(summed, shape as number[]);
}

/**
 * An elementwise function with a hand-written derivative:
 * `derivative(x, y)` returns dy/dx given the input and the value.
 */
export function withDerivative(value: Unary, derivative: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor): Unary {
  const op = customOp(([x], save) => {
    const y = value(x!);
    save([x!, y]);
    return {
      value: y,
      gradFunc: (dy, saved) => tf.mul(dy, derivative(saved[0]!, saved[1]!)),
    };
  });
  return (x) => op(x);
}

/**
 * A broadcasting binary function with hand-written partial derivatives
 * `partials(a, b, y) = [dy/da, dy/db]` (at the broadcast shape).
 */
export function withPartials(
  value: Binary,
  partials: (a: tf.Tensor, b: tf.Tensor, y: tf.Tensor) => [tf.Tensor, tf.Tensor],
): Binary {
  const op = customOp(([a, b], save) => {
    const y = value(a!, b!);
    save([a!, b!, y]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [sa, sb, sy] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const [da, db] = partials(sa, sb, sy);
        return [reduceToShape(tf.mul(dy, da), sa.shape), reduceToShape(tf.mul(dy, db), sb.shape)];
      },
    };
  });
  return (a, b) => op(a, b);
}

/** A piecewise-constant unary function: zero derivative everywhere. */
export function zeroGradUnary(value: Unary): Unary {
  // Only the shape is kept: inputs are released before backprop unless saved.
  const op = customOp(([x]) => {
    const shape = x!.shape;
    return { value: value(x!), gradFunc: () => tf.zeros(shape) };
  });
  return (x) => op(x);
}

/** A piecewise-constant binary function: zero derivative everywhere. */
export function zeroGradBinary(value: Binary): Binary {
  const op = customOp(([a, b]) => {
    const [sa, sb] = [a!.shape, b!.shape];
    return { value: value(a!, b!), gradFunc: () => [tf.zeros(sa), tf.zeros(sb)] };
  });
  return (a, b) => op(a, b);
}

/**
 * A float mask (nonzero is true) as a boolean condition for tf.where, with
 * zero derivative (tf's NotEqual has no gradient, and wasm's float→bool cast
 * truncates, so cast(0.5, 'bool') would be false).
 */
export const asCondition: Unary = zeroGradUnary((mask) => tf.notEqual(mask, 0));
