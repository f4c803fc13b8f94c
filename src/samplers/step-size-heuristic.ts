/**
 * Stan's initial step size heuristic (base_hmc::init_stepsize), per chain:
 * from the current position try one Langevin proposal; if its acceptance
 * probability exceeds 0.8 keep doubling η until it does not, otherwise
 * halve until it does. The chains do not move: the kernel is pure, so
 * trial steps from the same state are simply discarded.
 */
import { LangevinError } from '../errors.js';
import type { Streams } from '../random/streams.js';
import type { Kernel, KernelParams, LangevinState } from './types.js';

const THRESHOLD = 0.8;
const MAX_TRIES = 100;

/**
 * Adjust params.stepSize in place for every chain. Returns the trials each
 * chain needed (the batch runs until its slowest chain is done; a chain's
 * count does not depend on the others).
 */
export function initialStepSize(
  kernel: Kernel,
  state: LangevinState,
  streams: Streams,
  params: KernelParams,
): Float64Array {
  const chains = kernel.chains;
  const direction = new Int8Array(chains);
  const done = new Uint8Array(chains);
  const trials = new Float64Array(chains);
  let remaining = chains;
  let evaluations = 0;
  while (remaining > 0) {
    if (evaluations >= MAX_TRIES) break;
    const { info } = kernel.step(state, streams, params);
    evaluations++;
    for (let c = 0; c < chains; c++) {
      if (done[c]) continue;
      trials[c]++;
      const above = info.acceptProbability[c] > THRESHOLD;
      if (direction[c] === 0) {
        direction[c] = above ? 1 : -1;
      } else if ((direction[c] === 1 && !above) || (direction[c] === -1 && above)) {
        done[c] = 1;
        remaining--;
        continue;
      }
      params.stepSize[c] *= direction[c] === 1 ? 2 : 0.5;
      if (params.stepSize[c] > 1e7) {
        throw new LangevinError(
          `chain ${c + 1}: the step size grew beyond 1e7 while looking for an initial step size; ` +
            'the posterior may be improper. Please check your model.',
        );
      }
      if (params.stepSize[c] === 0) {
        throw new LangevinError(
          `chain ${c + 1}: no acceptable small step size could be found; ` + 'perhaps the posterior is not continuous?',
        );
      }
    }
  }
  return trials;
}
