/**
 * A score network where a LangevinModel is expected: parameters x[1]…x[d],
 * `generate` is the identity, log densities are NaN (a score has none) and
 * the gradient is s_θ(x, σ) at a fixed σ (by default the smallest trained
 * level), or at the reserved `noise` when a caller passes one. lmc runs
 * it with `gradientOnly: true` and a fixed step size; the annealed sampler
 * recognises it (`isScoreModel`) and uses the network at every level.
 */
import type { EvalOptions, LangevinModel, LogDensityAndGradient } from '../model/types.js';
import type { ScoreNetwork } from './network.js';

export interface ScoreModel extends LangevinModel {
  readonly scoreNetwork: ScoreNetwork;
  /** σ at which the gradient is evaluated when no `noise` is passed. */
  readonly sigma: number;
}

/**
 * Whether a model is a score network wrapped by `scoreModel`.
 * @example
 * examples/api/score-network.mjs (run by test/docs/examples.test.ts) trains a small network, saves and loads it, and samples from it:
 * `node examples/api/score-network.mjs` after `npm run build`.
 */
export function isScoreModel(model: LangevinModel): model is ScoreModel {
  return (model as Partial<ScoreModel>).scoreNetwork !== undefined;
}

/**
 * A model whose gradient is the score network at noise σ (default its smallest), for `sampleModel` and the annealed sampler.
 * @example
 * examples/api/score-network.mjs (run by test/docs/examples.test.ts) trains a small network, saves and loads it, and samples from it:
 * `node examples/api/score-network.mjs` after `npm run build`.
 */
export function scoreModel(net: ScoreNetwork, sigma = net.sigmaMin, name = 'score'): ScoreModel {
  const dim = net.dim;
  const names = Array.from({ length: dim }, (_, i) => `x[${i + 1}]`);
  const at = (options?: EvalOptions): number =>
    options?.noise !== undefined && options.noise > 0 ? options.noise : sigma;
  return {
    name,
    backend: 'tfjs',
    dim,
    unconstrainedNames: names,
    readsNoise: true,
    parameters: [{ name: 'x', block: 'parameters', type: `vector[${dim}]`, shape: [dim] }],
    outputNames: names,
    constrainedDim: dim,
    scoreNetwork: net,
    sigma,
    logDensity(_x: Float64Array, chains: number): Float64Array {
      return new Float64Array(chains).fill(NaN);
    },
    logDensityAndGradient(x: Float64Array, chains: number, options?: EvalOptions): LogDensityAndGradient {
      return { logDensity: new Float64Array(chains).fill(NaN), gradient: net.score(x, chains, at(options)) };
    },
    constrain(x: Float64Array, chains: number): Float64Array {
      return x.slice(0, chains * dim);
    },
    generate(x: Float64Array, chains: number): Float64Array {
      return x.slice(0, chains * dim);
    },
    dispose(): void {
      net.dispose();
    },
  };
}
