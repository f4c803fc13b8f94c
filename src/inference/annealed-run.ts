/**
 * `sampler: 'annealed'`: annealed Langevin dynamics on a batch of
 * particles (they play the role of chains, one draw each). The score at
 * noise σ comes from, in order: a score network (options or a ScoreModel),
 * the model itself when it reads the reserved `noise`, else the
 * self-normalised importance-sampling estimate of the Gaussian-smoothed
 * score with K draws per particle.
 */
import { mean, variance } from '../diagnostics/moments.js';
import { quantiles } from '../diagnostics/quantiles.js';
import { InternalError, LangevinError } from '../errors.js';
import type { PointTable } from '../io/points-csv.js';
import type { ParameterSummary, SummaryJson } from '../io/summary-json.js';
import type { LangevinModel } from '../model/types.js';
import { createRng, createStreams } from '../random/streams.js';
import { annealingSchedule, runAnnealedLangevin, type ScoreFunction } from '../samplers/annealed.js';
import { initialValues } from '../samplers/initial-values.js';
import type { ScoreNetwork } from '../score/network.js';
import { isScoreModel } from '../score/score-model.js';
import { smoothedScore } from '../score/smoothed-score.js';
import { addGroundTruth } from './ground-truth.js';
import { referenceEnergyDistance } from './reference-distance.js';
import type { Fit, SampleModelOptions } from './types.js';

/** Defaults when neither the options nor a score network give them. */
export const ANNEALING_DEFAULTS = {
  sigmaMax: 10,
  sigmaMin: 0.1,
  levels: 10,
  stepsPerLevel: 100,
  finalSteps: 0,
  smoothingSamples: 16,
  /** η at the last level, as a multiple of σ_L². */
  relativeStepSize: 0.05,
  particles: 1000,
} as const;

export type ScoreSourceKind = 'network' | 'noise' | 'smoothed';

export interface ScoreSource {
  kind: ScoreSourceKind;
  score: ScoreFunction;
}

/** The score at noise σ for `model`, following the precedence above. */
export function chooseScoreSource(
  model: LangevinModel,
  net: ScoreNetwork | undefined,
  sigmaFloor: number,
  smoothingSamples: number,
  particles: number,
  seed: number,
): ScoreSource {
  if (net) {
    // A network knows no σ = 0: the noise-free stage uses the smallest σ of the run.
    return { kind: 'network', score: (x, n, sigma, out) => void net.score(x, n, sigma > 0 ? sigma : sigmaFloor, out) };
  }
  if (model.readsNoise) {
    return {
      kind: 'noise',
      score: (x, n, sigma, out) => out.set(model.logDensityAndGradient(x, n, { noise: sigma }).gradient),
    };
  }
  const estimate = smoothedScore(model, smoothingSamples, createStreams(seed, particles, 'smoothing'));
  return { kind: 'smoothed', score: estimate };
}

/**
 * The network to use. The library does no file I/O (it also runs in
 * browsers): a caller with `scoreFile` reads it (readScoreFile) and passes
 * `score`.
 */
function scoreNetworkFor(model: LangevinModel, options: SampleModelOptions): ScoreNetwork | undefined {
  const annealing = options.annealing ?? {};
  if (annealing.scoreFile !== undefined && annealing.score === undefined) {
    throw new InternalError(
      `annealing.scoreFile '${annealing.scoreFile}' was not read: pass annealing.score (readScoreFile)`,
    );
  }
  let net = annealing.score;
  if (!net && isScoreModel(model)) net = model.scoreNetwork;
  if (net && net.dim !== model.dim) {
    throw new LangevinError(`the score network has dimension ${net.dim} but the model has ${model.dim} parameters`);
  }
  return net;
}

/**
 * Annealed Langevin on a model: particles through the noise levels (a score network, the model's noise family or a smoothed score), as `sampleModel` with `sampler: 'annealed'` runs it.
 * @example
 * examples/api/score-network.mjs (run by test/docs/examples.test.ts) trains a small network, saves and loads it, and samples from it:
 * `node examples/api/score-network.mjs` after `npm run build`.
 */
export async function runAnnealed(model: LangevinModel, options: SampleModelOptions): Promise<Fit> {
  const annealing = options.annealing ?? {};
  const seed = options.seed ?? 1;
  const particles = options.chains ?? ANNEALING_DEFAULTS.particles;
  if (!Number.isSafeInteger(particles) || particles < 2) {
    throw new LangevinError(`the annealed sampler needs at least 2 particles (--chains), got ${particles}`);
  }
  const reference = annealing.reference;
  const net = scoreNetworkFor(model, options);
  const sigmaMax = annealing.sigmaMax ?? net?.sigmaMax ?? ANNEALING_DEFAULTS.sigmaMax;
  const sigmaMin = annealing.sigmaMin ?? net?.sigmaMin ?? ANNEALING_DEFAULTS.sigmaMin;
  const levels = annealing.levels ?? net?.spec.sigmas.length ?? ANNEALING_DEFAULTS.levels;
  const schedule = annealingSchedule({
    sigmaMax,
    sigmaMin,
    levels,
    stepsPerLevel: annealing.stepsPerLevel ?? ANNEALING_DEFAULTS.stepsPerLevel,
    stepSize: options.stepSize ?? ANNEALING_DEFAULTS.relativeStepSize * sigmaMin * sigmaMin,
    finalSteps: annealing.finalSteps ?? ANNEALING_DEFAULTS.finalSteps,
  });
  const smoothingSamples = annealing.smoothingSamples ?? ANNEALING_DEFAULTS.smoothingSamples;
  if (!Number.isSafeInteger(smoothingSamples) || smoothingSamples < 1) {
    throw new LangevinError(`smoothing samples must be an integer ≥ 1, got ${smoothingSamples}`);
  }
  const source = chooseScoreSource(model, net, sigmaMin, smoothingSamples, particles, seed);
  const started = performance.now();
  const streams = createStreams(seed, particles);
  const init = initialValues(model, particles, streams, {
    initRadius: options.initRadius ?? 2,
    gradientOnly: isScoreModel(model),
  });
  let lastYield = performance.now();
  const result = await runAnnealedLangevin(source.score, init.position, particles, model.dim, schedule, streams, {
    signal: options.signal,
    onStep: async (done, total, level) => {
      options.onProgress?.(done, total, `level ${level + 1}/${schedule.length}`);
      // Let Ctrl-C and progress output through now and then.
      if (performance.now() - lastYield > 50) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  return particleFit(model, options, result, source.kind, seconds, reference);
}

function particleFit(
  model: LangevinModel,
  options: SampleModelOptions,
  result: Awaited<ReturnType<typeof runAnnealedLangevin>>,
  source: ScoreSourceKind,
  seconds: number,
  reference: PointTable | undefined,
): Fit {
  const n = options.chains ?? ANNEALING_DEFAULTS.particles;
  const seed = options.seed ?? 1;
  const names = model.outputNames;
  const P = names.length;
  const outputs = model.generate(result.position, n, createRng(seed, 0, 'generate'));
  const lp = isScoreModel(model) ? new Float64Array(n).fill(NaN) : model.logDensity(result.position, n);
  const last = result.levels[result.levels.length - 1];
  const finalStepSize = last?.stepSize ?? NaN;
  const summary: SummaryJson = {
    model: model.name,
    sampler: 'annealed',
    backend: model.backend,
    seed,
    chains: n,
    warmup: 0,
    draws: 1,
    thin: 1,
    parameters: particleSummaries(outputs, n, names),
    // The particles move as one batch: one entry describes them all.
    chain_info: [
      {
        chain: 1,
        acceptance_rate: 1,
        step_size: finalStepSize,
        divergences: result.nonFinite,
        gradient_evaluations: result.evaluations,
        seconds,
      },
    ],
    timing: { compile_seconds: options.compileSeconds ?? 0, warmup_seconds: 0, sampling_seconds: seconds },
    warnings: [],
    annealing: {
      levels: result.levels.map((l) => ({
        sigma: l.sigma,
        step_size: l.stepSize,
        mean_squared_score_norm: l.meanSquaredScoreNorm,
      })),
    },
  };
  if (source === 'smoothed') {
    const k = options.annealing?.smoothingSamples ?? ANNEALING_DEFAULTS.smoothingSamples;
    summary.warnings.push(
      `the model does not read 'noise': its smoothed score was estimated by importance sampling with ${k} draws per particle and step (--smoothing-samples)`,
    );
  }
  if (result.nonFinite > 0) {
    summary.warnings.push(
      `${result.nonFinite} particle steps had a non-finite score or position; those particles stayed put.`,
    );
  }
  if (result.interrupted) summary.interrupted = true;
  addGroundTruth(summary, outputs, n, 1, names, options);
  if (reference) summary.energy_distance = referenceEnergyDistance(outputs, n, names, reference);
  return {
    summary,
    outputNames: names,
    chains: n,
    draws: 1,
    outputs: outputs.length === n * P ? outputs : outputs.slice(0, n * P),
    lp,
    acceptStat: new Float64Array(n).fill(NaN),
    stepSize: new Float64Array(n).fill(finalStepSize),
    adaptation: new Array(n).fill(undefined),
    interrupted: result.interrupted,
  };
}

/** Mean, sd and quantiles over particles; R-hat, ESS and MCSE do not apply (null). */
export function particleSummaries(outputs: Float64Array, n: number, names: readonly string[]): ParameterSummary[] {
  const P = names.length;
  const column = new Float64Array(n);
  return names.map((name, j) => {
    for (let p = 0; p < n; p++) column[p] = outputs[p * P + j]!;
    const finite = column.every((v) => Number.isFinite(v));
    const [q5, q50, q95] = finite ? quantiles(column, [0.05, 0.5, 0.95]) : [null, null, null];
    return {
      name,
      mean: finite ? mean(column) : null,
      sd: finite && n > 1 ? Math.sqrt(variance(column)) : null,
      mcse_mean: null,
      mcse_sd: null,
      q5: q5 ?? null,
      q50: q50 ?? null,
      q95: q95 ?? null,
      ess_bulk: null,
      ess_tail: null,
      rhat: null,
    };
  });
}
