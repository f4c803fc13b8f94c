/**
 * Run a sampler on a compiled model: draws on the unconstrained space from
 * the driver loop, mapped to parameters, transformed parameters and
 * generated quantities, then summarised (R-hat, ESS, MCSE, quantiles),
 * with per-chain facts, timing, warnings and the optional ground-truth
 * metrics (mode fractions, basin occupancy).
 */
import { summarize } from '../diagnostics/summary.js';
import { collectWarnings } from '../diagnostics/warnings.js';
import type { ChainInfoSummary, SummaryJson } from '../io/summary-json.js';
import type { LangevinModel } from '../model/types.js';
import { createRng } from '../random/streams.js';
import { sampleAsync } from '../samplers/run.js';
import type { SampleResult } from '../samplers/types.js';
import { isScoreModel } from '../score/score-model.js';
import { addGroundTruth } from './ground-truth.js';
import { referenceEnergyDistance } from './reference-distance.js';
import type { Fit, SampleModelOptions } from './types.js';

export async function sampleModel(model: LangevinModel, options: SampleModelOptions = {}): Promise<Fit> {
  const sampler = options.sampler ?? 'mala';
  if (sampler === 'annealed') {
    // Loaded on demand: the annealed path pulls in the score networks (tfjs).
    const { runAnnealed } = await import('./annealed-run.js');
    return runAnnealed(model, options);
  }
  const seed = options.seed ?? 1;
  const result = await sampleAsync(model, {
    sampler,
    chains: options.chains ?? 4,
    warmup: options.warmup ?? 1000,
    draws: options.draws ?? 1000,
    thin: options.thin ?? 1,
    seed,
    stepSize: options.stepSize,
    beta: options.beta,
    initRadius: options.initRadius ?? 2,
    init: options.init,
    // A score network has a gradient but no log density: plain Langevin steps only.
    gradientOnly: isScoreModel(model),
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return fitFromDraws(model, result, options);
}

/** Turn unconstrained draws into outputs, summary and warnings. */
export function fitFromDraws(model: LangevinModel, result: SampleResult, options: SampleModelOptions): Fit {
  const { chains, keptDraws: draws, dim } = result;
  const P = model.outputNames.length;
  const outputs = new Float64Array(chains * draws * P);
  for (let c = 0; c < chains; c++) {
    if (draws === 0) break;
    const x = result.draws.subarray(c * draws * dim, (c + 1) * draws * dim);
    outputs.set(model.generate(x, draws, createRng(result.seed, c, 'generate')), c * draws * P);
  }
  const parameters = draws > 0 ? summarize(outputs, chains, draws, model.outputNames) : [];
  const chainInfo: ChainInfoSummary[] = result.chainInfo.map((info, c) => ({
    chain: c + 1,
    acceptance_rate: info.acceptanceRate,
    step_size: info.stepSize,
    divergences: info.divergences,
    gradient_evaluations: info.gradientEvaluations,
    seconds: info.seconds,
  }));
  const summary: SummaryJson = {
    model: model.name,
    sampler: result.sampler,
    backend: model.backend,
    seed: result.seed,
    chains,
    warmup: options.warmup ?? 1000,
    draws,
    thin: result.thin,
    parameters,
    chain_info: chainInfo,
    timing: {
      compile_seconds: options.compileSeconds ?? 0,
      warmup_seconds: result.warmupSeconds,
      sampling_seconds: result.samplingSeconds,
    },
    warnings: [],
  };
  if (draws > 0) {
    summary.warnings = collectWarnings({
      sampler: result.sampler,
      chains,
      draws,
      parameters,
      chainInfo: chainInfo,
      beta: result.sampler === 'lmc-beta' ? (options.beta ?? 1) : 1,
      thin: result.thin,
      unconstrained: {
        names: model.unconstrainedNames,
        draws: result.draws,
        inverseMetric: result.chainInfo.map((c) => c.invMetric),
      },
    });
  }
  if (result.nonFinite > 0) {
    summary.warnings.push(
      `${result.nonFinite} proposals had a non-finite log density or gradient; they were rejected and counted as divergences, never kept as draws.`,
    );
  }
  if (result.interrupted) summary.interrupted = true;
  addGroundTruth(summary, outputs, chains, draws, model.outputNames, options);
  const reference = options.annealing?.reference;
  if (reference && draws > 0) {
    summary.energy_distance = referenceEnergyDistance(outputs, chains * draws, model.outputNames, reference);
  }
  if (result.lowestF && result.argminF) {
    let best = 0;
    for (let c = 1; c < chains; c++) if (result.lowestF[c]! < result.lowestF[best]!) best = c;
    const position: Record<string, number> = {};
    model.unconstrainedNames.forEach((name, i) => (position[name] = result.argminF![best * dim + i]!));
    summary.lowest = { f: result.lowestF[best]!, position };
  }
  return {
    summary,
    outputNames: model.outputNames,
    chains,
    draws,
    outputs,
    lp: options.lp === 'stan' ? stanLp(model, result.logDensity, result.draws, dim) : result.logDensity,
    acceptStat: result.acceptStat,
    stepSize: result.stepSize,
    divergent: result.divergent,
    adaptation: result.chainInfo.map((c) =>
      (options.warmup ?? 1000) > 0 ? { stepSize: c.stepSize, invMetric: c.invMetric } : undefined,
    ),
    interrupted: result.interrupted,
  };
}

/**
 * Stan's lp__: the constant terms of `~` statements dropped. They are one
 * number for the model, the difference of the two densities at any point.
 */
function stanLp(model: LangevinModel, lp: Float64Array, draws: Float64Array, dim: number): Float64Array {
  if (lp.length === 0) return lp;
  const x = draws.subarray(0, dim);
  const offset = model.logDensity(x, 1)[0]! - model.logDensity(x, 1, { propto: true })[0]!;
  return Float64Array.from(lp, (v) => v - offset);
}
