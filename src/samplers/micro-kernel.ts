/**
 * A microcanonical transition as the registry's batched Kernel: two state
 * buffers used alternately (the input state stays valid), the diagonal
 * inverse metric of KernelParams turned into the preconditioner
 * s = √M⁻¹, and the velocities drawn at the first step (init has no
 * streams; MAMS redraws them every transition anyway). `init` first
 * climbs to each chain's nearest mode (mode-start.ts) and keeps the
 * inverse-Hessian diagonal there for the warm-up's first metric.
 */
import { LangevinError } from '../errors.js';
import type { Potential } from '../model/types.js';
import { metricLayout } from './langevin-step.js';
import { findModes } from './mode-start.js';
import { allocateIsokineticState, copyIsokineticState, randomDirection, type IsokineticState } from './isokinetic.js';
import { allocateMicroInfo, type MicroKernel, type MicroTransition } from './micro-types.js';

export function createMicroKernel(
  name: string,
  potential: Potential,
  chains: number,
  gradientsPerStep: number,
  transition: MicroTransition,
): MicroKernel {
  const dim = potential.dim;
  if (dim < 2) {
    throw new LangevinError(
      `${name} needs at least 2 unconstrained dimensions (its velocity lives on the unit sphere); this model has ${dim}`,
    );
  }
  const buffers = [allocateIsokineticState(chains, dim), allocateIsokineticState(chains, dim)];
  const info = allocateMicroInfo(chains);
  const scale = new Float64Array(chains * dim);
  const trajectoryLength = new Float64Array(chains).fill(Math.sqrt(dim));
  const startVariances = new Float64Array(chains * dim).fill(1);
  let startEvaluations = new Float64Array(chains);
  let velocityDrawn = false;

  function init(position: Float64Array): IsokineticState {
    const state = buffers[0];
    const modes = findModes(potential, position, chains);
    startVariances.set(modes.variances);
    startEvaluations = Float64Array.from(modes.evaluations);
    state.position.set(modes.position);
    const evaluated = potential.logDensityAndGradient(state.position, chains);
    state.logDensity.set(evaluated.logDensity);
    state.gradient.set(evaluated.gradient);
    velocityDrawn = false;
    return state;
  }

  return {
    name,
    chains,
    dim,
    potential,
    trajectoryLength,
    gradientsPerStep,
    startVariances,
    get startEvaluations() {
      return startEvaluations;
    },
    init,
    step(input, streams, params) {
      const state = input === buffers[0] ? buffers[1] : buffers[0];
      copyIsokineticState(input, state);
      if (!velocityDrawn) {
        for (let c = 0; c < chains; c++) randomDirection(state.velocity, c, dim, () => streams[c].normal());
        velocityDrawn = true;
      }
      const metric = params.invMetric;
      const perChain = metricLayout(metric, chains, dim);
      for (let k = 0; k < chains * dim; k++) scale[k] = Math.sqrt(metric[perChain ? k : k % dim]);
      info.stepSize.set(params.stepSize.subarray(0, chains));
      transition(state, streams, params.stepSize, scale, trajectoryLength, info, params.metric);
      return { state, info };
    },
  };
}
