/**
 * The batched Langevin transition of lmc, lmc-beta and mala: draw noise,
 * propose with `langevinProposal`, evaluate the potential once, flag
 * divergences, compute the MALA acceptance probability, then move or stay
 * per chain. lmc keeps every finite proposal; mala = this proposal + the
 * Metropolis–Hastings step of metropolis.ts (as BlackJAX composes it);
 * lmc-beta is lmc at inverse temperature β. The row loop fuses the
 * proposal's bookkeeping with the ratio for speed.
 */
import { InternalError } from '../errors.js';
import type { Potential } from '../model/types.js';
import { fillNormalRows } from '../random/streams.js';
import { isUnitMetric, langevinProposal, metricLayout } from './langevin-step.js';
import { acceptanceProbability as probabilityOf, metropolisAccept } from './metropolis.js';
import type { Kernel, KernelParams, LangevinState, SamplerName, StepInfo, StepResult } from './types.js';
import type { Streams } from '../random/streams.js';

export interface TransitionConfig {
  name: SamplerName;
  /** Apply the Metropolis–Hastings correction (mala). */
  metropolis: boolean;
  /** β of x' = x + η M ∇log π + √(2η/β) M^{1/2} ξ. */
  inverseTemperature: number;
  /** Ignore the log density (a gradient-only source). */
  gradientOnly: boolean;
  /** Record per chain the lowest f = −log π seen and where (lmc-beta). */
  trackMinimum?: boolean;
}

interface MutableState {
  chains: number;
  dim: number;
  position: Float64Array;
  logDensity: Float64Array;
  gradient: Float64Array;
  lowestF?: Float64Array;
  argminF?: Float64Array;
}

function allocateState(chains: number, dim: number, trackMinimum: boolean): MutableState {
  const state: MutableState = {
    chains,
    dim,
    position: new Float64Array(chains * dim),
    logDensity: new Float64Array(chains),
    gradient: new Float64Array(chains * dim),
  };
  if (trackMinimum) {
    state.lowestF = new Float64Array(chains);
    state.argminF = new Float64Array(chains * dim);
  }
  return state;
}

/**
 * Chain c's record in `next`: the lower of the record in `previous` (if
 * any) and f = −log π at next's position.
 */
function trackMinimumRow(previous: LangevinState | undefined, next: MutableState, c: number, dim: number): void {
  const lowest = next.lowestF!;
  const argmin = next.argminF!;
  const f = -next.logDensity[c];
  const row = c * dim;
  const before = previous?.lowestF?.[c] ?? Infinity;
  if (f < before || (previous?.argminF === undefined && f === f)) {
    lowest[c] = f;
    copyRow(next.position, argmin, row, dim);
  } else if (previous?.argminF !== undefined) {
    lowest[c] = before;
    copyRow(previous.argminF, argmin, row, dim);
  } else {
    lowest[c] = Infinity;
    for (let i = row; i < row + dim; i++) argmin[i] = NaN;
  }
}

function copyRow(from: Float64Array, to: Float64Array, row: number, dim: number): void {
  for (let i = row, end = row + dim; i < end; i++) to[i] = from[i];
}

export function createTransition(potential: Potential, chains: number, config: TransitionConfig): Kernel {
  if (config.metropolis && config.gradientOnly) {
    throw new InternalError('the Metropolis correction needs a log density');
  }
  const dim = potential.dim;
  const beta = config.inverseTemperature;
  const track = config.trackMinimum === true;
  const buffers = [allocateState(chains, dim, track), allocateState(chains, dim, track)];
  const noise = new Float64Array(chains * dim);
  const info: StepInfo = {
    acceptProbability: new Float64Array(chains),
    accepted: new Uint8Array(chains),
    divergent: new Uint8Array(chains),
    stepSize: new Float64Array(chains),
  };

  const results: StepResult[] = [
    { state: buffers[0], info },
    { state: buffers[1], info },
  ];

  function init(position: Float64Array): LangevinState {
    if (position.length !== chains * dim) {
      throw new InternalError(`init position has length ${position.length}, expected ${chains * dim}`);
    }
    const state = buffers[0];
    state.position.set(position);
    const evaluated = potential.logDensityAndGradient(state.position, chains);
    state.logDensity.set(evaluated.logDensity);
    state.gradient.set(evaluated.gradient);
    if (config.gradientOnly) state.logDensity.fill(NaN);
    if (track) for (let c = 0; c < chains; c++) trackMinimumRow(undefined, state, c, dim);
    return state;
  }

  const gradientOnly = config.gradientOnly;
  const metropolis = config.metropolis;

  function step(state: LangevinState, streams: Streams, params: KernelParams): StepResult {
    const next = (state === buffers[0] ? buffers[1] : buffers[0]) as MutableState;
    const stepSize = params.stepSize;
    const invMetric = params.invMetric;
    const perChainMetric = metricLayout(invMetric, chains, dim);
    const unitMetric = !perChainMetric && isUnitMetric(invMetric, dim);
    fillNormalRows(streams, noise, chains, dim);
    // the proposal is written straight into the next state: accepted rows (most) need no copy
    const proposal = next.position;
    langevinProposal(state.position, state.gradient, stepSize, invMetric, noise, proposal, chains, dim, beta);
    const evaluated = potential.logDensityAndGradient(proposal, chains);
    const proposalLogDensity = evaluated.logDensity;
    const proposalGradient = evaluated.gradient;

    const position = state.position;
    const gradient = state.gradient;
    const logDensity = state.logDensity;
    const nextGradient = next.gradient;
    const nextLogDensity = next.logDensity;
    const probabilityOut = info.acceptProbability;
    const acceptedOut = info.accepted;
    const divergentOut = info.divergent;
    info.stepSize.set(stepSize.length === chains ? stepSize : stepSize.subarray(0, chains));
    // without the Metropolis test the probability is a diagnostic: the loop stores log α
    // and a second pass maps it to min(1, exp(log α)), keeping Math.exp out of the row loop
    const deferProbability = !metropolis && !gradientOnly;
    // chains usually share η: its square root is taken once per distinct value
    let lastEta = NaN;
    let half = NaN;
    let sqrtHalf = NaN;
    for (let c = 0; c < chains; c++) {
      const row = c * dim;
      const end = row + dim;
      const eta = stepSize[c];
      if (eta !== lastEta) {
        half = (eta * beta) / 2;
        sqrtHalf = Math.sqrt(half);
        lastEta = eta;
      }
      // one pass over the row: the proposal's gradient into the next state, the divergence
      // mark (NaN if anything is not finite) and the quadratic of the MALA ratio (the
      // arithmetic of malaLogRatio, term for term)
      let mark = gradientOnly ? 0 : proposalLogDensity[c] * 0;
      let quadratic = 0;
      if (unitMetric) {
        for (let k = row; k < end; k++) {
          const gp = proposalGradient[k];
          nextGradient[k] = gp;
          mark += gp * 0 + proposal[k] * 0;
          const d = sqrtHalf * (gradient[k] + gp);
          quadratic += d * (2 * noise[k] + d);
        }
      } else {
        const metricShift = perChainMetric ? 0 : -row;
        for (let k = row; k < end; k++) {
          const gp = proposalGradient[k];
          nextGradient[k] = gp;
          mark += gp * 0 + proposal[k] * 0;
          const m = invMetric[k + metricShift];
          const d = (m === 1 ? sqrtHalf : Math.sqrt(half * m)) * (gradient[k] + gp);
          quadratic += d * (2 * noise[k] + d);
        }
      }
      const divergent = mark !== 0;
      divergentOut[c] = divergent ? 1 : 0;

      let accept: boolean;
      if (divergent) {
        // NaN maps to probability 0 in the deferred pass
        probabilityOut[c] = deferProbability ? NaN : 0;
        accept = false;
      } else if (gradientOnly) {
        probabilityOut[c] = NaN;
        accept = true;
      } else {
        const logRatio = beta * (proposalLogDensity[c] - logDensity[c]) - 0.5 * quadratic;
        if (deferProbability) {
          probabilityOut[c] = logRatio;
          accept = true;
        } else {
          const probability = probabilityOf(logRatio);
          probabilityOut[c] = probability;
          accept = metropolisAccept(logRatio, probability, streams[c]);
        }
      }
      acceptedOut[c] = accept ? 1 : 0;

      if (accept) {
        nextLogDensity[c] = gradientOnly ? NaN : proposalLogDensity[c];
      } else {
        for (let k = row; k < end; k++) {
          proposal[k] = position[k];
          nextGradient[k] = gradient[k];
        }
        nextLogDensity[c] = logDensity[c];
      }
    }
    if (deferProbability) for (let c = 0; c < chains; c++) probabilityOut[c] = probabilityOf(probabilityOut[c]);
    if (track) for (let c = 0; c < chains; c++) trackMinimumRow(state, next, c, dim);
    return next === buffers[0] ? results[0] : results[1];
  }

  return { name: config.name, chains, dim, init, step };
}
