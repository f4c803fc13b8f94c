/**
 * lmc: the unadjusted Langevin algorithm (ULA), x' = x + η M ∇log π(x) +
 * √(2η) M^{1/2} ξ. Every finite proposal is taken; the MALA acceptance
 * probability is still reported (the warm-up tunes η with it). A proposal
 * with a non-finite log density or gradient is a divergence: the chain
 * stays where it was.
 */
import type { Potential } from '../model/types.js';
import { createTransition } from './transition.js';
import type { SamplerSpec } from './registry.js';
import type { Kernel, KernelOptions } from './types.js';

export function lmcKernel(potential: Potential, chains: number, options: KernelOptions = {}): Kernel {
  return createTransition(potential, chains, {
    name: 'lmc',
    metropolis: options.metropolis ?? false,
    inverseTemperature: 1,
    gradientOnly: options.gradientOnly ?? false,
  });
}

export const lmcSampler: SamplerSpec = {
  name: 'lmc',
  description: 'unadjusted Langevin (ULA): fast, biased by the step size',
  exactness: 'unadjusted',
  options: [],
  metrics: ['diag-var', 'diag', 'unit'],
  needsLogDensity: false,
  targetAcceptance: 0.574,
  createKernel: (potential, chains, s) => lmcKernel(potential, chains, { gradientOnly: s.gradientOnly }),
  // warm-up with the Metropolis correction: dual averaging's exploratory step
  // sizes would otherwise throw an unadjusted chain far out
  createWarmupKernel: (potential, chains, s) =>
    s.gradientOnly
      ? lmcKernel(potential, chains, { gradientOnly: true })
      : lmcKernel(potential, chains, { metropolis: true }),
};
