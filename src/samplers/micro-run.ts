/**
 * The driver of the microcanonical samplers (mclmc, mams): initial values,
 * the authors' warm-up (mclmc-tuning.ts, mams-tuning.ts), sampling with
 * thinning, recording into the SampleResult every sampler returns. One
 * iteration is one MCLMC step or one MAMS trajectory; gradient
 * evaluations are counted per chain. The same potential, seed and options
 * give identical draws.
 */
import { LangevinError } from '../errors.js';
import type { Potential } from '../model/types.js';
import { createStreams } from '../random/streams.js';
import { initialValues } from './initial-values.js';
import { mamsKernel } from './mams.js';
import { MamsTuning } from './mams-tuning.js';
import { mclmcKernel } from './mclmc.js';
import { MclmcTuning } from './mclmc-tuning.js';
import { allocateMicroParams, type MicroKernel, type MicroParams, type MicroStepInfo } from './micro-types.js';
import type { IsokineticState } from './isokinetic.js';
import type { ChainInfo, SampleOptions, SampleResult } from './types.js';

export type MicroSamplerName = 'mclmc' | 'mams';

/** A microcanonical run: the common result plus each chain's tuned L. */
export interface MicroSampleResult extends SampleResult {
  /** Per chain: MCLMC's decoherence length or MAMS's mean trajectory length. */
  trajectoryLength: number[];
}

export function isMicroSampler(name: string): name is MicroSamplerName {
  return name === 'mclmc' || name === 'mams';
}

interface Tuning {
  start(params: MicroParams): void;
  adapt(t: number, info: MicroStepInfo, state: IsokineticState, params: MicroParams): void;
}

function checkMicroOptions(potential: Potential, options: SampleOptions): void {
  if (potential.dim < 2) {
    throw new LangevinError(
      `${options.sampler} needs at least 2 unconstrained dimensions (its velocity lives on the unit sphere); this model has ${potential.dim}`,
    );
  }
  if (options.gradientOnly) throw new LangevinError(`${options.sampler} needs a log density, not only a score`);
}

/** The microcanonical run as a generator that yields after every iteration (see run.ts). */
export function* microSampleIterations(
  potential: Potential,
  options: SampleOptions,
): Generator<void, MicroSampleResult, void> {
  checkMicroOptions(potential, options);
  const name = options.sampler as string as MicroSamplerName;
  const { chains, warmup, draws, seed, signal } = options;
  const dim = potential.dim;
  const thin = options.thin ?? 1;
  const totalKept = Math.ceil(draws / thin);
  const totalIterations = warmup + draws;
  const streams = createStreams(seed, chains);
  const kernel: MicroKernel = name === 'mclmc' ? mclmcKernel(potential, chains) : mamsKernel(potential, chains);
  const tuning: Tuning =
    name === 'mclmc'
      ? new MclmcTuning(chains, dim, warmup, options.stepSize)
      : new MamsTuning(chains, dim, warmup, options.targetAcceptance, options.stepSize);

  const start = performance.now();
  const gradients = new Float64Array(chains);
  const init = initialValues(potential, chains, streams, {
    init: options.init,
    initRadius: options.initRadius ?? 2,
    gradientOnly: false,
  });
  gradients.fill(init.evaluations + kernel.init(init.position, streams));
  const params = allocateMicroParams(chains, dim);
  tuning.start(params);

  let interrupted = false;
  const warmupDivergences = new Float64Array(chains);
  for (let t = 0; t < warmup; t++) {
    if (signal?.aborted) {
      interrupted = true;
      break;
    }
    const info = kernel.step(streams, params);
    for (let c = 0; c < chains; c++) {
      gradients[c] += info.gradients[c];
      warmupDivergences[c] += info.divergent[c];
    }
    tuning.adapt(t, info, kernel.state, params);
    options.onProgress?.(t + 1, totalIterations, 'warmup');
    yield;
  }
  const warmupEnd = performance.now();

  const drawsOut = new Float64Array(chains * totalKept * dim);
  const logDensity = new Float64Array(chains * totalKept);
  const acceptStat = new Float64Array(chains * totalKept);
  const stepSize = new Float64Array(chains * totalKept);
  const divergent = new Uint8Array(chains * totalKept);
  const moved = new Float64Array(chains);
  const acceptSum = new Float64Array(chains);
  const divergences = new Float64Array(chains);
  let kept = 0;
  let sampled = 0;
  const state = kernel.state;
  for (let m = 0; m < draws && !interrupted; m++) {
    if (signal?.aborted) {
      interrupted = true;
      break;
    }
    const info = kernel.step(streams, params);
    sampled++;
    for (let c = 0; c < chains; c++) {
      gradients[c] += info.gradients[c];
      moved[c] += info.accepted[c];
      acceptSum[c] += info.acceptProbability[c];
      divergences[c] += info.divergent[c];
    }
    if (m % thin === 0) {
      for (let c = 0; c < chains; c++) {
        const slot = c * totalKept + kept;
        drawsOut.set(state.position.subarray(c * dim, (c + 1) * dim), slot * dim);
        logDensity[slot] = state.logDensity[c];
        acceptStat[slot] = info.acceptProbability[c];
        stepSize[slot] = params.stepSize[c];
        divergent[slot] = info.divergent[c];
      }
      kept++;
    }
    options.onProgress?.(warmup + m + 1, totalIterations, 'sampling');
    yield;
  }
  const end = performance.now();

  const chainInfo: ChainInfo[] = [];
  let nonFinite = 0;
  for (let c = 0; c < chains; c++) {
    nonFinite += warmupDivergences[c] + divergences[c];
    const invMetric = new Float64Array(dim);
    for (let i = 0; i < dim; i++) invMetric[i] = params.scale[c * dim + i] ** 2;
    chainInfo.push({
      acceptanceRate: sampled > 0 ? moved[c] / sampled : NaN,
      meanAcceptStat: sampled > 0 ? acceptSum[c] / sampled : NaN,
      stepSize: params.stepSize[c],
      divergences: divergences[c],
      warmupDivergences: warmupDivergences[c],
      gradientEvaluations: gradients[c],
      seconds: (end - start) / 1000,
      invMetric,
    });
  }
  const keep = <T extends Float64Array | Uint8Array>(values: T, width: number): T => {
    if (kept === totalKept) return values;
    const out = values.slice(0, chains * kept * width) as T;
    for (let c = 0; c < chains; c++) out.set(values.subarray(c * totalKept * width, (c * totalKept + kept) * width), c * kept * width);
    return out;
  };
  return {
    sampler: name,
    chains,
    dim,
    seed,
    thin,
    keptDraws: kept,
    draws: keep(drawsOut, dim),
    logDensity: keep(logDensity, 1),
    acceptStat: keep(acceptStat, 1),
    stepSize: keep(stepSize, 1),
    divergent: keep(divergent, 1),
    inits: init.position,
    chainInfo,
    warmupSeconds: (warmupEnd - start) / 1000,
    samplingSeconds: (end - warmupEnd) / 1000,
    nonFinite,
    interrupted,
    trajectoryLength: Array.from(params.trajectoryLength),
  };
}
