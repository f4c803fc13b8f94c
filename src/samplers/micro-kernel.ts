/**
 * A microcanonical transition as the registry's batched Kernel: two state
 * buffers used alternately (the input state stays valid), the diagonal
 * inverse metric of KernelParams turned into the preconditioner
 * s = √M⁻¹, and the velocities drawn at the first step (init has no
 * streams; MAMS redraws them every transition anyway). `init` first
 * climbs to each chain's nearest mode (mode-start.ts) and keeps the
 * inverse-Hessian diagonal there for the warm-up's first metric, unless
 * the climb found no mode (isModeLike).
 */
import { LangevinError } from '../errors.js';
import type { Potential } from '../model/types.js';
import { metricLayout } from './langevin-step.js';
import { findModes, laplaceCovariances } from './mode-start.js';
import { DENSE_DEFAULT_LIMIT } from './micro-tuning.js';
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
  const modeFound = new Uint8Array(chains);
  let startEvaluations = new Float64Array(chains);
  let velocityDrawn = false;

  function init(position: Float64Array): IsokineticState {
    const state = buffers[0];
    const modes = findModes(potential, position, chains);
    startVariances.set(modes.variances);
    startEvaluations = Float64Array.from(modes.evaluations);
    state.position.set(modes.position);
    let evaluated = potential.logDensityAndGradient(state.position, chains);
    // copied now: a potential may reuse its output buffers on the next call
    state.logDensity.set(evaluated.logDensity);
    state.gradient.set(evaluated.gradient);
    // a climb that ran off down an unbounded direction (a funnel's neck: log τ → −∞;
    // a beta-binomial's κ → ∞) is no start: that chain begins at its initial point
    // with a unit metric. Up to DENSE_DEFAULT_LIMIT parameters the Hessian there must
    // also be negative definite (2·dim evaluations).
    const curvature =
      dim <= DENSE_DEFAULT_LIMIT ? laplaceCovariances(potential, state.position, chains, startVariances) : undefined;
    if (curvature) for (let c = 0; c < chains; c++) startEvaluations[c]! += curvature.evaluations;
    let reset = false;
    for (let c = 0; c < chains; c++) {
      const found = isModeLike(state.gradient, startVariances, c, dim) && (!curvature || curvature.positive[c] === 1);
      modeFound[c] = found ? 1 : 0;
      if (found) continue;
      state.position.set(position.subarray(c * dim, (c + 1) * dim), c * dim);
      startVariances.fill(1, c * dim, (c + 1) * dim);
      // counted for the chains that moved only: a chain's count must not depend on its batch-mates
      startEvaluations[c]!++;
      reset = true;
    }
    if (reset) {
      evaluated = potential.logDensityAndGradient(state.position, chains);
      state.logDensity.set(evaluated.logDensity);
      state.gradient.set(evaluated.gradient);
    }
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
    modeFound,
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

/**
 * Whether the L-BFGS point of chain c looks like a mode: its gradient in
 * the L-BFGS metric, ∇ᵀD∇, at most 10·dim (at a typical draw of a Gaussian
 * it is dim on average; at earn_height's mode 10⁻⁸, in eight schools'
 * centred funnel, where the density is unbounded, 10¹⁸).
 */
export function isModeLike(gradient: Float64Array, variances: Float64Array, c: number, dim: number): boolean {
  let whitened = 0;
  for (let i = c * dim; i < (c + 1) * dim; i++) whitened += gradient[i] * gradient[i] * variances[i];
  return whitened <= 10 * dim;
}
