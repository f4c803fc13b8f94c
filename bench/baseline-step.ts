/**
 * The hand-written Float64 sampler step the library is compared with: the
 * same batching (chains × dim), the same noise generator (one seeded
 * stream per chain, ziggurat normals) and the same arithmetic as the
 * library's transition (unit metric), with the gradient coded by hand.
 * No abstraction, no per-step allocation: what a careful programmer would
 * write for one model.
 */
import { createStreams, fillNormalRows } from '../src/random/streams.js';
import type { Baseline } from './baselines.js';

export interface BaselineSampler {
  /** Run `steps` steps. */
  run(steps: number): void;
  /** Fraction of accepted proposals so far (1 for lmc). */
  acceptance(): number;
}

export function baselineSampler(
  baseline: Baseline,
  chains: number,
  metropolis: boolean,
  stepSize: number,
  init: Float64Array,
  seed: number,
): BaselineSampler {
  const dim = baseline.dim;
  const n = chains * dim;
  const streams = createStreams(seed, chains);
  let position = Float64Array.from(init);
  let gradient = new Float64Array(n);
  let logDensity = new Float64Array(chains);
  let proposal = new Float64Array(n);
  let proposalGradient = new Float64Array(n);
  let proposalLogDensity = new Float64Array(chains);
  const noise = new Float64Array(n);
  baseline.evaluate(position, chains, logDensity, gradient);
  const noiseScale = Math.sqrt(2 * stepSize);
  const half = Math.sqrt(stepSize / 2);
  let accepted = 0;
  let proposed = 0;

  function step(): void {
    fillNormalRows(streams, noise, chains, dim);
    for (let i = 0; i < n; i++) proposal[i] = position[i] + stepSize * gradient[i] + noiseScale * noise[i];
    baseline.evaluate(proposal, chains, proposalLogDensity, proposalGradient);
    if (!metropolis) {
      // ULA: every proposal is taken; swap the buffers.
      [position, proposal] = [proposal, position];
      [gradient, proposalGradient] = [proposalGradient, gradient];
      [logDensity, proposalLogDensity] = [proposalLogDensity, logDensity];
      return;
    }
    for (let c = 0; c < chains; c++) {
      const row = c * dim;
      let quadratic = 0;
      for (let i = row; i < row + dim; i++) {
        const d = half * (gradient[i] + proposalGradient[i]);
        quadratic += d * (2 * noise[i] + d);
      }
      const logRatio = proposalLogDensity[c] - logDensity[c] - 0.5 * quadratic;
      proposed++;
      if (logRatio >= 0 || Math.log(streams[c].uniform()) < logRatio) {
        accepted++;
        for (let i = row; i < row + dim; i++) {
          position[i] = proposal[i];
          gradient[i] = proposalGradient[i];
        }
        logDensity[c] = proposalLogDensity[c];
      }
    }
  }

  return {
    run(steps: number) {
      for (let s = 0; s < steps; s++) step();
    },
    acceptance: () => (metropolis ? accepted / Math.max(1, proposed) : 1),
  };
}
