/**
 * uld: unadjusted underdamped (kinetic) Langevin, BAOAB splitting with the
 * momentum kept from draw to draw (kinetic.ts). One gradient per draw; the
 * step size biases it like ULA, but on a Gaussian the position marginal of
 * BAOAB is exact and only the momentum variance shrinks, to 1 − h²/(4σ²)
 * (docs/theory.md derives it; test/samplers/kinetic.test.ts checks it).
 *
 * Automatic choices: γ = 1 in the metric's units (after warm-up the
 * preconditioned target has scale ≈ 1, so this is under critical damping
 * γ = 2 of its widest direction: momentum travels, then decorrelates in
 * about one time unit); h from warm-up, where the Metropolis-adjusted
 * one-step version (GHMC) adapts it toward acceptance 0.8, as lmc warms up
 * with MALA.
 */
import { adjustedTrajectory, baoabStep, kineticKernel } from './kinetic.js';
import type { SamplerSpec } from './registry.js';

export const ULD_DEFAULT_FRICTION = 1;

export const uldSampler: SamplerSpec = {
  name: 'uld',
  description:
    'unadjusted underdamped Langevin (BAOAB, persistent momentum): one gradient per draw, small step-size bias',
  exactness: 'unadjusted',
  options: [
    {
      key: 'gamma',
      value: '<x>',
      description: "friction γ > 0 (in the metric's time units)",
      type: 'positive-number',
      default: ULD_DEFAULT_FRICTION,
    },
  ],
  metrics: ['diag', 'diag-var', 'dense', 'low-rank', 'unit'],
  needsLogDensity: true,
  targetAcceptance: 0.8,
  createKernel: (potential, chains, s) =>
    kineticKernel(potential, chains, 'uld', s.options.gamma ?? ULD_DEFAULT_FRICTION, baoabStep),
  // warm-up adapts h on the adjusted one-step scheme (GHMC) with the same γ
  createWarmupKernel: (potential, chains, s) =>
    kineticKernel(
      potential,
      chains,
      'uld',
      s.options.gamma ?? ULD_DEFAULT_FRICTION,
      (start, h, gamma, ops, c, stream) => adjustedTrajectory(start, h, gamma, 1, false, ops, c, stream),
    ),
};
