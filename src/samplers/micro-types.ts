/**
 * Types shared by the microcanonical samplers (mclmc.ts, mams.ts), their
 * kernel adapter (micro-kernel.ts) and their warm-ups: the state with its
 * velocity, the step info with the energy error, and the kernel with its
 * per-chain L (KernelParams carries ε and the diagonal metric; L is the
 * microcanonical samplers' own and their warm-up sets it on the kernel).
 */
import type { Potential } from '../model/types.js';
import type { Kernel, StepInfo } from './types.js';
import type { IsokineticState } from './isokinetic.js';
import type { Metric } from './metric.js';

export interface MicroStepInfo extends StepInfo {
  /** Energy error ΔE of the step (MCLMC) or trajectory (MAMS); 0 where divergent. */
  readonly energyChange: Float64Array;
  /** Gradient evaluations of this transition, per chain. */
  readonly gradients: Float64Array;
}

export interface MicroKernel extends Kernel<IsokineticState> {
  /** The target (the dense metric's start evaluates its Hessian). */
  readonly potential: Potential;
  /** L per chain: MCLMC's decoherence length, MAMS's mean trajectory length. */
  readonly trajectoryLength: Float64Array;
  /** Gradient evaluations per integrator step (2 for McLachlan's scheme). */
  readonly gradientsPerStep: number;
  /** chains × dim: the inverse-Hessian diagonal at the start (mode-start.ts), the warm-up's first metric. */
  readonly startVariances: Float64Array;
  /** Per chain, 1 where `init`'s climb ended at a mode (else the chain starts where it was given, unit metric). */
  readonly modeFound: Uint8Array;
  /** Gradient evaluations `init` spent finding the start, per chain. */
  readonly startEvaluations: Float64Array;
  step(
    state: IsokineticState,
    streams: Parameters<Kernel['step']>[1],
    params: Parameters<Kernel['step']>[2],
  ): {
    state: IsokineticState;
    info: MicroStepInfo;
  };
}

/**
 * One in-place transition of every chain: `state` is the kernel's own
 * buffer, already a copy of the input; `scale` holds s = √(inverse metric)
 * per chain × dim; `metric`, when set (dense, low-rank), replaces it.
 */
export type MicroTransition = (
  state: IsokineticState,
  streams: Parameters<Kernel['step']>[1],
  stepSize: Float64Array,
  scale: Float64Array,
  trajectoryLength: Float64Array,
  info: MicroStepInfo,
  metric: Metric | undefined,
) => void;

export function allocateMicroInfo(chains: number): MicroStepInfo {
  return {
    energyChange: new Float64Array(chains),
    acceptProbability: new Float64Array(chains),
    accepted: new Uint8Array(chains),
    divergent: new Uint8Array(chains),
    stepSize: new Float64Array(chains),
    gradients: new Float64Array(chains),
  };
}
