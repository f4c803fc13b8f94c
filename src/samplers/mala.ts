/**
 * mala: the Metropolis-adjusted Langevin algorithm: the lmc proposal, kept
 * with probability min(1, α) (docs/math.md); a NaN or −∞ log α, or a proposal
 * with a non-finite log density or gradient, is a rejection.
 */
import { LangevinError } from '../errors.js';
import type { Potential } from '../model/types.js';
import { createTransition } from './transition.js';
import type { SamplerSpec } from './registry.js';
import type { Kernel, KernelOptions } from './types.js';

export function malaKernel(potential: Potential, chains: number, options: KernelOptions = {}): Kernel {
  if (options.gradientOnly) {
    throw new LangevinError('mala needs a log density: use lmc or lmc-beta with a gradient-only source');
  }
  return createTransition(potential, chains, {
    name: 'mala',
    metropolis: true,
    inverseTemperature: 1,
    gradientOnly: false,
  });
}

export const malaSampler: SamplerSpec = {
  name: 'mala',
  description: 'Metropolis-adjusted Langevin: exact, one gradient per step',
  exactness: 'adjusted',
  options: [],
  metrics: ['diag-var', 'diag', 'unit'],
  needsLogDensity: true,
  targetAcceptance: 0.574,
  createKernel: (potential, chains, s) => malaKernel(potential, chains, { gradientOnly: s.gradientOnly }),
};
