/**
 * The Metropolis-adjusted microcanonical sampler (MAMS; Robnik,
 * Cohn-Gordon and Seljak 2025, arXiv 2503.01707; BlackJAX
 * `mcmc/adjusted_mclmc_dynamic.py`), batched over chains. One transition
 * per chain:
 *
 * 1. full refresh: u uniform on the unit sphere;
 * 2. n isokinetic steps of size ε, n = ⌈U · r(L/ε)⌉ with U ~ U(0, 1) and r
 *    chosen so that E[n] = L/ε (BlackJAX's `rescale`): jittered trajectory
 *    lengths with mean L, at most MAX_STEPS = 1024 steps;
 * 3. accept the end point with probability min(1, e^{−ΔE}), ΔE the
 *    trajectory's total energy error (kinetic change minus the change of
 *    log π). A non-finite or |ΔE| > 1000 trajectory is a divergence and is
 *    rejected. The velocity is discarded (fully refreshed next time), so no
 *    flip is needed on rejection.
 *
 * Chains run their own number of steps: each integrator step evaluates the
 * potential on the chains still moving only.
 */
import type { Potential } from '../model/types.js';
import {
  allocateIsokineticState,
  copyChain,
  finiteChain,
  IsokineticIntegrator,
  randomDirection,
  type IsokineticScheme,
} from './isokinetic.js';
import { MAMS_TARGET_ACCEPTANCE, MamsTuning } from './mams-tuning.js';
import { createMicroKernel } from './micro-kernel.js';
import { microDefaultMetric, microOrNuts, microOrNutsWarmup } from './micro-tuning.js';
import type { MicroKernel, MicroTransition } from './micro-types.js';
import type { SamplerSpec } from './registry.js';

/** |ΔE| above this is a divergence (as Stan's NUTS). */
const DIVERGENCE = 1000;

/** At most this many integrator steps per trajectory (NUTS's 2^10 at tree depth 10). */
export const MAX_STEPS = 1024;

/** r with E[⌈U r⌉] = mean for U ~ U(0, 1) (BlackJAX adjusted_mclmc `rescale`). */
export function rescaleSteps(mean: number): number {
  if (!(mean > 1)) return 1;
  const k = Math.floor(2 * mean - 1);
  const x = (k * (mean - 0.5 * (k + 1))) / (k + 1 - mean);
  return k + x;
}

export function mamsKernel(potential: Potential, chains: number, scheme: IsokineticScheme = 'mclachlan'): MicroKernel {
  const dim = potential.dim;
  const start = allocateIsokineticState(chains, dim);
  const integrator = new IsokineticIntegrator(potential, chains, scheme);
  const active = new Int32Array(chains);
  const steps = new Int32Array(chains);
  const kinetic = new Float64Array(chains);
  const alive = new Uint8Array(chains);
  const perStep = integrator.gradientsPerStep;

  const transition: MicroTransition = (state, streams, stepSize, scale, trajectoryLength, info, metric) => {
    let longest = 0;
    for (let c = 0; c < chains; c++) {
      copyChain(state, start, c);
      randomDirection(state.velocity, c, dim, () => streams[c].normal());
      const jittered = Math.ceil(streams[c].uniform() * rescaleSteps(trajectoryLength[c] / stepSize[c]));
      const n = jittered >= 1 ? Math.min(jittered, MAX_STEPS) : 1;
      steps[c] = n;
      longest = Math.max(longest, n);
      kinetic[c] = 0;
      alive[c] = 1;
      info.gradients[c] = n * perStep;
    }
    for (let t = 0; t < longest; t++) {
      let count = 0;
      for (let c = 0; c < chains; c++) if (alive[c] && steps[c] > t) active[count++] = c;
      if (count === 0) break;
      integrator.step(state, stepSize, scale, active, count, kinetic, metric);
      for (let j = 0; j < count; j++) {
        const c = active[j];
        // a trajectory that left the finite region stops here: it is rejected anyway
        if (!finiteChain(state, c)) {
          alive[c] = 0;
          info.gradients[c] = (t + 1) * perStep;
        }
      }
    }
    for (let c = 0; c < chains; c++) {
      const energy = kinetic[c] - (state.logDensity[c] - start.logDensity[c]);
      const divergent = !alive[c] || !(Math.abs(energy) <= DIVERGENCE);
      const probability = divergent ? 0 : energy <= 0 ? 1 : Math.exp(-energy);
      const accept = !divergent && (probability >= 1 || streams[c].uniform() < probability);
      info.divergent[c] = divergent ? 1 : 0;
      info.energyChange[c] = divergent ? 0 : energy;
      info.acceptProbability[c] = probability;
      info.accepted[c] = accept ? 1 : 0;
      if (!accept) copyChain(start, state, c);
    }
  };
  return createMicroKernel('mams', potential, chains, perStep, transition);
}

export const mamsSampler: SamplerSpec = {
  name: 'mams',
  description: 'Metropolis-adjusted microcanonical sampler (MAMS): exact, isokinetic trajectories with full refresh',
  exactness: 'adjusted',
  options: [],
  metrics: ['dense', 'diag-var', 'low-rank', 'diag', 'unit'],
  defaultMetric: microDefaultMetric,
  needsLogDensity: true,
  targetAcceptance: MAMS_TARGET_ACCEPTANCE,
  divergence: 'a trajectory with a non-finite state or an energy error above 1000',
  // a one-parameter model runs NUTS's transition (micro-tuning.ts, microOrNuts)
  createKernel: (potential, chains) => microOrNuts(potential, chains, () => mamsKernel(potential, chains)),
  createWarmup: (kernel, options) => microOrNutsWarmup(kernel, options, (micro) => new MamsTuning(micro, options)),
};
