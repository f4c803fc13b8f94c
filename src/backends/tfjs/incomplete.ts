/**
 * The regularised incomplete gamma and beta functions on tfjs. They are
 * continued fractions and series iterated to convergence, which tf has no
 * loop for; they run on the host in Float64 (src/math/incomplete.ts, the
 * f64 backend's code) on the downloaded inputs, and their partials too.
 * Each evaluation costs one synchronous read of the inputs.
 */
import * as tf from '@tensorflow/tfjs';
import { incBeta, incGamma } from '../../math/incomplete.js';
import { customOp, reduceToShape } from './grad.js';

type T = tf.Tensor;

/** Every input broadcast to the common shape, read to the host. */
function hostInputs(inputs: T[]): { shape: number[]; values: Float32Array[] } {
  let shape: number[] = [];
  for (const t of inputs) shape = tf.backend_util.assertAndGetBroadcastShape(shape, t.shape);
  const values = inputs.map((t) => tf.tidy(() => tf.broadcastTo(t, shape).dataSync() as Float32Array));
  return { shape, values };
}

/**
 * An elementwise function of k arguments computed on the host: `parts`
 * returns the value and the k partials at one point.
 */
function hostElementwise(k: number, parts: (args: number[]) => number[]): (...inputs: T[]) => T {
  return customOp((inputs, save) => {
    const { shape, values } = hostInputs(inputs);
    const n = values[0]!.length;
    const value = new Float32Array(n);
    const partials = Array.from({ length: k }, () => new Float32Array(n));
    const args = new Array<number>(k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) args[j] = values[j]![i]!;
      const r = parts(args);
      value[i] = r[0]!;
      for (let j = 0; j < k; j++) partials[j]![i] = r[j + 1]!;
    }
    const grads = partials.map((p) => tf.tensor(p, shape));
    save(grads);
    const shapes = inputs.map((t) => t.shape);
    return {
      value: tf.tensor(value, shape),
      gradFunc: (dy, saved) => saved.map((g, j) => reduceToShape(tf.mul(dy, g), shapes[j]!)),
    };
  });
}

export const gammaP = hostElementwise(2, ([a, x]) => {
  const r = incGamma(a!, x!);
  return [r.p, r.dpda, r.dpdx];
});

export const gammaQ = hostElementwise(2, ([a, x]) => {
  const r = incGamma(a!, x!);
  return [r.q, -r.dpda, -r.dpdx];
});

export const incBetaOp = hostElementwise(3, ([a, b, x]) => {
  const r = incBeta(a!, b!, x!);
  return [r.value, r.da, r.db, r.dx];
});
