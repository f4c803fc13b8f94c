/**
 * Unadjusted microcanonical Langevin Monte Carlo (MCLMC; Robnik, De Luca,
 * Silverstein and Seljak 2023, arXiv 2212.08549; BlackJAX `mcmc/mclmc.py`),
 * batched over chains. One step: an isokinetic integrator step of size ε,
 * then a partial refresh of the velocity with decoherence length L,
 *
 *     u ← normalize(c₁ u + c₂ z/√d),  c₁ = e^{−ε/L}, c₂ = √(1 − c₁²), z ~ N(0, I).
 *
 * No Metropolis test: the draws carry a step-size bias, kept small by the
 * tuning's energy-variance target (mclmc-tuning.ts). A step whose state
 * is not finite is undone (the chain stays, the draw is flagged divergent).
 * The energy error ΔE of each step is reported; min(1, e^{−ΔE}) is given as
 * the acceptance statistic a Metropolis test would use (diagnostic only).
 */
import type { Potential } from '../model/types.js';
import {
  copyChain,
  finiteChain,
  IsokineticIntegrator,
  allocateIsokineticState,
  type IsokineticScheme,
} from './isokinetic.js';
import { MclmcTuning } from './mclmc-tuning.js';
import { createMicroKernel } from './micro-kernel.js';
import { microDefaultMetric, microOrNuts, microOrNutsWarmup } from './micro-tuning.js';
import type { MicroKernel, MicroTransition } from './micro-types.js';
import type { SamplerSpec } from './registry.js';

export function mclmcKernel(potential: Potential, chains: number, scheme: IsokineticScheme = 'mclachlan'): MicroKernel {
  const dim = potential.dim;
  const integrator = new IsokineticIntegrator(potential, chains, scheme);
  const previous = allocateIsokineticState(chains, dim);
  const all = Int32Array.from({ length: chains }, (_, c) => c);
  const kinetic = new Float64Array(chains);
  const noise = new Float64Array(dim);
  const perStep = integrator.gradientsPerStep;

  const transition: MicroTransition = (state, streams, stepSize, scale, trajectoryLength, info, metric) => {
    previous.position.set(state.position);
    previous.velocity.set(state.velocity);
    previous.gradient.set(state.gradient);
    previous.logDensity.set(state.logDensity);
    kinetic.fill(0);
    integrator.step(state, stepSize, scale, all, chains, kinetic, metric);
    const u = state.velocity;
    for (let c = 0; c < chains; c++) {
      info.gradients[c] = perStep;
      if (!finiteChain(state, c)) {
        copyChain(previous, state, c);
        info.divergent[c] = 1;
        info.accepted[c] = 0;
        info.energyChange[c] = 0;
        info.acceptProbability[c] = 0;
        continue;
      }
      const energy = kinetic[c] - (state.logDensity[c] - previous.logDensity[c]);
      info.divergent[c] = 0;
      info.accepted[c] = 1;
      info.energyChange[c] = energy;
      info.acceptProbability[c] = energy <= 0 ? 1 : Math.exp(-energy);
      // partial refresh of the direction
      const c1 = Math.exp(-stepSize[c] / trajectoryLength[c]);
      const c2 = Math.sqrt(1 - c1 * c1) / Math.sqrt(dim);
      streams[c].fillNormal(noise, 0, dim);
      const row = c * dim;
      let norm = 0;
      for (let i = 0; i < dim; i++) {
        const value = c1 * u[row + i] + c2 * noise[i];
        u[row + i] = value;
        norm += value * value;
      }
      const inverse = 1 / Math.sqrt(norm);
      for (let i = 0; i < dim; i++) u[row + i] *= inverse;
    }
  };
  return createMicroKernel('mclmc', potential, chains, perStep, transition);
}

export const mclmcSampler: SamplerSpec = {
  name: 'mclmc',
  description: 'unadjusted microcanonical Langevin (MCLMC): isokinetic steps, partial refresh; biased by the step size',
  exactness: 'unadjusted',
  options: [],
  metrics: ['dense', 'diag-var', 'low-rank', 'diag', 'unit'],
  defaultMetric: microDefaultMetric,
  needsLogDensity: true,
  // a one-parameter model runs NUTS's transition (micro-tuning.ts, microOrNuts)
  createKernel: (potential, chains) => microOrNuts(potential, chains, () => mclmcKernel(potential, chains)),
  createWarmup: (kernel, options) => microOrNutsWarmup(kernel, options, (micro) => new MclmcTuning(micro, options)),
};
