/**
 * malt: Metropolis-adjusted Langevin trajectories (Riou-Durand and Vogrinc
 * 2022, arXiv 2202.13230): a full momentum refresh, then L OBABO steps of
 * kinetic Langevin with friction γ, and one accept/reject of the whole
 * trajectory on the sum of its leapfrog energy errors (kinetic.ts). Exact;
 * γ = 0 would be HMC with L leapfrogs, large γ approaches MALA chains.
 *
 * Automatic choices: h and the metric from a nuts warm-up (below), with
 * dual averaging toward acceptance 0.65 as HMC's optimum;
 * L = round(τ/h) per chain and draw with trajectory length τ = 1.5 in the
 * metric's units (about a quarter period of the preconditioned target,
 * where HMC's autocorrelation is lowest), unless --steps fixes L; γ = 1.
 */
import { adjustedTrajectory, kineticKernel } from './kinetic.js';
import { nutsKernel } from './nuts.js';
import type { SamplerSpec } from './registry.js';

export const MALT_TRAJECTORY_LENGTH = 1.5;
export const MALT_DEFAULT_FRICTION = 1;
/** Cap on automatic L (a tiny step size would otherwise make one draw cost thousands of gradients). */
export const MALT_MAX_STEPS = 1024;

export function maltSteps(h: number, fixed: number | undefined, trajectoryLength = MALT_TRAJECTORY_LENGTH): number {
  if (fixed !== undefined) return fixed;
  return Math.max(1, Math.min(MALT_MAX_STEPS, Math.round(trajectoryLength / h)));
}

export const maltSampler: SamplerSpec = {
  name: 'malt',
  description: 'Metropolis-adjusted Langevin trajectories (kinetic Langevin, one MH test per trajectory): exact',
  exactness: 'adjusted',
  options: [
    {
      key: 'gamma',
      value: '<x>',
      description: "friction γ > 0 (in the metric's time units)",
      type: 'positive-number',
      default: MALT_DEFAULT_FRICTION,
    },
    {
      key: 'steps',
      value: '<L>',
      description: 'steps per trajectory (default round(1.5/h), at most 1024)',
      type: 'positive-int',
    },
  ],
  metrics: ['diag', 'diag-var', 'dense', 'low-rank', 'unit'],
  needsLogDensity: true,
  targetAcceptance: 0.65,
  divergence: 'energy error above 1000 or a non-finite density',
  createKernel: (potential, chains, s) =>
    kineticKernel(
      potential,
      chains,
      'malt',
      s.options.gamma ?? MALT_DEFAULT_FRICTION,
      (start, h, gamma, ops, c, stream) =>
        adjustedTrajectory(start, h, gamma, maltSteps(h, s.options.steps), true, ops, c, stream),
    ),
  // Warm-up runs nuts: before the metric is learnt the posterior's scales are
  // unknown and a fixed trajectory length τ cannot cross them (on
  // earnings/earn_height, sds 1 to 10⁴, malt's own warm-up leaves R-hat 2.5);
  // nuts's adaptive trajectories explore, and its step size (δ = 0.8) and
  // metric carry over. malt refreshes the momentum fully, so nothing else does.
  createWarmupKernel: (potential, chains) => nutsKernel(potential, chains, 10),
};
