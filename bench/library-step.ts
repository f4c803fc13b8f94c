/**
 * The library's full sampler step on a compiled model: the kernel the
 * driver loop runs (src/samplers), with a fixed step size and the unit
 * metric, stepping `steps` times.
 */
import type { LangevinModel } from '../src/model/types.js';
import { createStreams } from '../src/random/streams.js';
import { createKernel } from '../src/samplers/run.js';
import type { KernelParams, LangevinState } from '../src/samplers/types.js';

export interface LibrarySampler {
  run(steps: number): void;
  acceptance(): number;
}

export function librarySampler(
  model: LangevinModel,
  chains: number,
  sampler: 'lmc' | 'mala',
  stepSize: number,
  init: Float64Array,
  seed: number,
): LibrarySampler {
  const kernel = createKernel(model, { sampler, chains, warmup: 0, draws: 0, seed, stepSize });
  const streams = createStreams(seed, chains);
  const params: KernelParams = {
    stepSize: new Float64Array(chains).fill(stepSize),
    invMetric: new Float64Array(model.dim).fill(1),
  };
  let state: LangevinState = kernel.init(init);
  let accepted = 0;
  let proposed = 0;
  return {
    run(steps: number) {
      for (let s = 0; s < steps; s++) {
        const result = kernel.step(state, streams, params);
        state = result.state;
        const moved = result.info.accepted;
        for (let c = 0; c < chains; c++) accepted += moved[c];
        proposed += chains;
      }
    },
    acceptance: () => accepted / Math.max(1, proposed),
  };
}
