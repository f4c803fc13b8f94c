/**
 * lmc-beta: Langevin at inverse temperature β (the seed's LMC-β),
 * x' = x + η M ∇log π(x) + √(2η/β) M^{1/2} ξ, whose stationary law (η → 0)
 * is ∝ π^β = exp(−βf). Large β turns it into a noisy gradient descent on f,
 * so each chain also records the lowest f = −log π it has seen and where
 * (state.lowestF, state.argminF). The reported acceptance probability is
 * MALA's for the target π^β.
 */
import { LangevinError } from '../errors.js';
import type { Potential } from '../model/types.js';
import { createTransition } from './transition.js';
import type { SamplerSpec } from './registry.js';
import type { Kernel, KernelOptions } from './types.js';

export function lmcBetaKernel(potential: Potential, chains: number, beta: number, options: KernelOptions = {}): Kernel {
  if (!(beta > 0) || !Number.isFinite(beta)) {
    throw new LangevinError(`beta must be a positive finite number, got ${beta}`);
  }
  return createTransition(potential, chains, {
    name: 'lmc-beta',
    metropolis: options.metropolis ?? false,
    inverseTemperature: beta,
    gradientOnly: options.gradientOnly ?? false,
    trackMinimum: true,
  });
}

export const lmcBetaSampler: SamplerSpec = {
  name: 'lmc-beta',
  description: "Langevin at inverse temperature β (the seed's LMC-β), tracking the lowest f seen",
  exactness: 'unadjusted',
  options: [{ key: 'beta', value: '<x>', description: 'inverse temperature β', type: 'positive-number', default: 1 }],
  metrics: ['diag-var', 'diag', 'unit'],
  needsLogDensity: true,
  targetAcceptance: 0.574,
  createKernel: (potential, chains, s) =>
    lmcBetaKernel(potential, chains, s.options.beta ?? 1, { gradientOnly: s.gradientOnly }),
  createWarmupKernel: (potential, chains, s) =>
    lmcBetaKernel(
      potential,
      chains,
      s.options.beta ?? 1,
      s.gradientOnly ? { gradientOnly: true } : { metropolis: true },
    ),
};
