/**
 * The tfjs backend: a DensityGraph compiled to a batched log-density
 * evaluator on @tensorflow/tfjs (float32 inside, Float64Array in and out).
 *
 * One call evaluates C chains at once: x is one [C, dim] tensor, every
 * parameter node a [C, size] slice of it, and the gradient with respect to
 * x comes from tf.valueAndGrad over the whole graph. Constants are tensors
 * created at compile time and released by dispose(); everything a call
 * creates is released by tf.tidy before it returns.
 */
import * as tf from '@tensorflow/tfjs';
import { InternalError, LangevinError } from '../../errors.js';
import type { DensityGraph } from '../../ir/ops.js';
import type { LogDensityAndGradient } from '../../model/types.js';
import type { DensityEvaluator } from '../evaluator.js';
import { buildProgram, runProgram, type Program } from './program.js';
import { initTfjs, type TfjsBackendName } from './setup.js';

export interface TfjsOptions {
  /** The tfjs backend; default wasm in Node (cpu if wasm fails), webgpu/webgl in browsers. */
  backend?: TfjsBackendName;
}

export interface TfjsEvaluator extends DensityEvaluator {
  readonly dim: number;
  /** The tfjs backend active when the evaluator was compiled. */
  readonly backend: TfjsBackendName;
}

/** Compile a density graph for tfjs (initialising tfjs on first use). */
export async function compileTfjs(graph: DensityGraph, options: TfjsOptions = {}): Promise<TfjsEvaluator> {
  const backend = await initTfjs(options.backend);
  const program = buildProgram(graph);
  return makeEvaluator(program, graph.dim, backend);
}

function makeEvaluator(program: Program, dim: number, backend: TfjsBackendName): TfjsEvaluator {
  let disposed = false;

  function check(x: Float64Array, chains: number, what: string): void {
    if (disposed) throw new InternalError(`tfjs ${what}: the evaluator has been disposed`);
    if (!Number.isInteger(chains) || chains < 1) {
      throw new LangevinError(`${what}: chains must be a positive integer, got ${chains}`);
    }
    if (x.length !== chains * dim) {
      throw new LangevinError(`${what}: x has ${x.length} values, expected chains × dim = ${chains} × ${dim}`);
    }
  }

  /** The output as [C] for the given inputs (inside a tidy). */
  function outputFor(xt: tf.Tensor, chains: number, noise: number): tf.Tensor {
    const out = runProgram(program, { C: chains, x: xt, noise: tf.scalar(noise) });
    return program.outputBatched ? tf.reshape(out, [chains]) : tf.broadcastTo(tf.reshape(out, [1]), [chains]);
  }

  function positions(x: Float64Array, chains: number): tf.Tensor {
    return tf.tensor2d(new Float32Array(x), [chains, dim], 'float32');
  }

  /** Read a result tensor into a Float64Array and release it. */
  function take(t: tf.Tensor): Float64Array {
    const data = t.dataSync();
    t.dispose();
    return new Float64Array(data as Float32Array);
  }

  return {
    dim,
    backend,
    logDensity(x: Float64Array, chains: number, noise = 0): Float64Array {
      check(x, chains, 'logDensity');
      return take(tf.tidy(() => outputFor(positions(x, chains), chains, noise)));
    },
    logDensityAndGradient(x: Float64Array, chains: number, noise = 0): LogDensityAndGradient {
      check(x, chains, 'logDensityAndGradient');
      if (!program.outputBatched) {
        // The density does not depend on the parameters: zero gradient.
        const logDensity = take(tf.tidy(() => outputFor(positions(x, chains), chains, noise)));
        return { logDensity, gradient: new Float64Array(chains * dim) };
      }
      const [value, grad] = tf.tidy(() => {
        const { value, grad } = tf.valueAndGrad((xt: tf.Tensor) => outputFor(xt, chains, noise))(positions(x, chains));
        return [value, grad];
      });
      return { logDensity: take(value), gradient: take(grad) };
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      for (const t of program.owned) t.dispose();
      program.owned.length = 0;
      program.constants.clear();
    },
  };
}
