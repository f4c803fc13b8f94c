/**
 * Types shared by the microcanonical kernels (mclmc.ts, mams.ts), their
 * tuning and their driver: per-chain parameters, per-transition info and
 * the in-place kernel interface.
 */
import type { Potential } from '../model/types.js';
import type { Streams } from '../random/streams.js';
import { randomDirection, type IsokineticState } from './isokinetic.js';

export interface MicroParams {
  /** ε per chain. */
  stepSize: Float64Array;
  /** L per chain: MCLMC's decoherence length, MAMS's mean trajectory length. */
  trajectoryLength: Float64Array;
  /** chains × dim standard deviations s (the preconditioner; 1 = none). */
  scale: Float64Array;
}

export interface MicroStepInfo {
  /** Energy error ΔE of the step (MCLMC) or trajectory (MAMS); 0 where divergent. */
  energyChange: Float64Array;
  /** min(1, e^{−ΔE}): MAMS's acceptance probability; MCLMC's diagnostic. */
  acceptProbability: Float64Array;
  accepted: Uint8Array;
  divergent: Uint8Array;
  /** Gradient evaluations of this transition, per chain. */
  gradients: Float64Array;
}

export function allocateMicroInfo(chains: number): MicroStepInfo {
  return {
    energyChange: new Float64Array(chains),
    acceptProbability: new Float64Array(chains),
    accepted: new Uint8Array(chains),
    divergent: new Uint8Array(chains),
    gradients: new Float64Array(chains),
  };
}

export function allocateMicroParams(chains: number, dim: number): MicroParams {
  return {
    stepSize: new Float64Array(chains),
    trajectoryLength: new Float64Array(chains),
    scale: new Float64Array(chains * dim).fill(1),
  };
}

/** A microcanonical kernel: MCLMC steps or MAMS trajectories, in place on one state. */
export interface MicroKernel {
  readonly chains: number;
  readonly dim: number;
  readonly state: IsokineticState;
  /** Evaluate the potential at `position` (chains × dim) and draw velocities. */
  init(position: Float64Array, streams: Streams): number;
  /** One transition in place; `info` is reused by the next call. */
  step(streams: Streams, params: MicroParams): MicroStepInfo;
}

export function initMicroState(
  potential: Potential,
  state: IsokineticState,
  position: Float64Array,
  streams: Streams,
): void {
  const { chains, dim } = state;
  state.position.set(position);
  const evaluated = potential.logDensityAndGradient(state.position, chains);
  state.logDensity.set(evaluated.logDensity);
  state.gradient.set(evaluated.gradient);
  for (let c = 0; c < chains; c++) randomDirection(state.velocity, c, dim, () => streams[c].normal());
}
