/**
 * Run a sampler on a compiled model: draws on the unconstrained space from
 * the driver loop, mapped to parameters, transformed parameters and
 * generated quantities, then summarised (R-hat, ESS, MCSE, quantiles),
 * with per-chain facts, timing, warnings and the optional ground-truth
 * metrics (mode fractions, basin occupancy).
 */
import { summarize } from '../diagnostics/summary.js';
import { collectWarnings, findGeneratedFaults } from '../diagnostics/warnings.js';
import type { ChainInfoSummary, SummaryJson } from '../io/summary-json.js';
import type { LangevinModel } from '../model/types.js';
import { createRng } from '../random/streams.js';
import { DEFAULT_SAMPLER, findSampler } from '../samplers/registry.js';
import { sampleAsync } from '../samplers/run.js';
import type { SampleResult } from '../samplers/types.js';
import { isScoreModel } from '../score/score-model.js';
import { addGroundTruth } from './ground-truth.js';
import { scoreIdentity, scoreIdentityWarnings, UNADJUSTED_SAMPLERS } from '../diagnostics/score-identity.js';
import { fixedParamResult } from './fixed-param.js';
import { referenceEnergyDistance } from './reference-distance.js';
import type { Fit, SampleModelOptions } from './types.js';
import { LangevinError } from '../errors.js';
import { runThreaded, threadPlan } from '../parallel/threaded.js';

/**
 * Run one sampler on a compiled model: warm-up, draws, and the summary (R-hat, ESS, MCSE, warnings) in `fit.summary`.
 * @example
 * ```ts
 * import { compile, sampleModel } from 'langevin';
 * const model = await compile('parameters { real mu; } model { mu ~ normal(0, 1); }');
 * const fit = await sampleModel(model, { sampler: 'mala', chains: 2, warmup: 300, draws: 1000, seed: 1 });
 * const mu = fit.summary.parameters[0];
 * console.log(mu.name, Math.abs(mu.mean) < 0.2, Math.abs(mu.sd - 1) < 0.15); // → mu true true
 * ```
 */
export async function sampleModel(model: LangevinModel, options: SampleModelOptions = {}): Promise<Fit> {
  const sampler = options.sampler ?? DEFAULT_SAMPLER;
  if (sampler === 'annealed') {
    // Loaded on demand: the annealed path pulls in the score networks (tfjs).
    const { runAnnealed } = await import('./annealed-run.js');
    return runAnnealed(model, options);
  }
  const seed = options.seed ?? 1;
  const firstChain = options.firstChain ?? 1;
  if (!Number.isSafeInteger(firstChain) || firstChain < 1) {
    throw new LangevinError(`the first chain id must be an integer ≥ 1, got ${firstChain}`);
  }
  const chains = options.chains ?? 4;
  const chainIds = Array.from({ length: chains }, (_, c) => firstChain - 1 + c);
  if (model.dim === 0 && !isScoreModel(model)) {
    // Nothing to sample: run generated quantities only (Stan's fixed_param).
    // (driven as lmc: no acceptance to judge; the summary then names it fixed_param)
    const run = {
      sampler: 'lmc' as const,
      chains,
      draws: options.draws ?? 1000,
      thin: options.thin ?? 1,
      seed,
      signal: options.signal,
    };
    const fit = fitFromDraws(model, fixedParamResult(model, run), { ...options, warmup: 0 }, chainIds);
    fit.adaptation = fit.adaptation.map(() => undefined);
    fit.summary.sampler = 'fixed_param';
    return fit;
  }
  const sampleOptions = {
    sampler,
    chains,
    warmup: options.warmup ?? 1000,
    draws: options.draws ?? 1000,
    thin: options.thin ?? 1,
    seed,
    stepSize: options.stepSize,
    beta: options.beta,
    samplerOptions: options.samplerOptions,
    metric: options.metric,
    targetAcceptance: options.targetAcceptance,
    initRadius: options.initRadius ?? 2,
    init: options.init,
    // A score network has a gradient but no log density: plain Langevin steps only.
    gradientOnly: isScoreModel(model),
  };
  const plan = threadPlan(model, options, chains);
  if (plan.note) options.onNote?.(plan.note);
  if (plan.spawn && plan.threads > 1) {
    const threaded = await runThreaded(model, plan.spawn, sampleOptions, chainIds[0]!, plan.threads, {
      chains,
      signal: options.signal,
      onProgress: options.onProgress,
      onRows: options.onRows,
    });
    const fit = fitFromDraws(model, threaded.result, options, threaded.chainIds);
    fit.threads = plan.threads;
    if (threaded.failures.length > 0) {
      fit.failures = threaded.failures;
      fit.summary.failed_chains = threaded.failures.map((f) => ({ chains: f.chains, error: f.message }));
    }
    return fit;
  }
  const result = await sampleAsync(model, {
    ...sampleOptions,
    chainOffset: chainIds[0],
    signal: options.signal,
    onProgress: options.onProgress,
    onDraw: options.onDraw,
  });
  return fitFromDraws(model, result, options, chainIds);
}

/**
 * Turn unconstrained draws into outputs, summary and warnings. `chainIds`
 * (0-based, run-wide) say which chains of a run these are (default
 * 0 … chains − 1): chain k's generated quantities draw from its own stream.
 */
export function fitFromDraws(
  model: LangevinModel,
  result: SampleResult,
  options: SampleModelOptions,
  chainIds: readonly number[] = Array.from({ length: result.chains }, (_, c) => c),
): Fit {
  const { chains, keptDraws: draws, dim } = result;
  const P = model.outputNames.length;
  const outputs = new Float64Array(chains * draws * P);
  for (let c = 0; c < chains; c++) {
    if (draws === 0) break;
    const x = result.draws.subarray(c * draws * dim, (c + 1) * draws * dim);
    outputs.set(model.generate(x, draws, createRng(result.seed, chainIds[c]!, 'generate')), c * draws * P);
  }
  const parameters = draws > 0 ? summarize(outputs, chains, draws, model.outputNames) : [];
  const chainInfo: ChainInfoSummary[] = result.chainInfo.map((info, c) => ({
    chain: chainIds[c]! + 1,
    acceptance_rate: info.acceptanceRate,
    step_size: info.stepSize,
    divergences: info.divergences,
    gradient_evaluations: info.gradientEvaluations,
    warmup_gradient_evaluations: info.warmupGradientEvaluations,
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
      divergence: findSampler(result.sampler)?.divergence,
      chains,
      draws,
      parameters,
      chainInfo: chainInfo,
      beta: result.sampler === 'lmc-beta' ? (options.beta ?? 1) : 1,
      thin: result.thin,
      generatedFaults: model.generatedSources
        ? findGeneratedFaults(outputs, model.outputNames, model.generatedSources)
        : undefined,
      unconstrained: {
        names: model.unconstrainedNames,
        draws: result.draws,
        inverseMetric: result.chainInfo.map((c) => c.invMetric),
      },
    });
  }
  const depth = result.columns.treedepth__;
  if (depth && draws > 0) {
    const maxDepth = options.samplerOptions?.maxDepth ?? 10;
    const saturated = depth.reduce((n, d) => n + (d >= maxDepth ? 1 : 0), 0);
    if (saturated > 0) {
      summary.warnings.push(
        `${saturated} of ${depth.length} transitions hit the maximum tree depth ${maxDepth}: the trajectories were cut short, so raise --max-depth or reparameterise the model.`,
      );
    }
  }
  // Unadjusted samplers: the score identity shows a bias the curvature heuristic can miss.
  if (result.sampler in UNADJUSTED_SAMPLERS && draws > 0 && !isScoreModel(model)) {
    const beta = result.sampler === 'lmc-beta' ? (options.beta ?? 1) : 1;
    summary.warnings.push(
      ...scoreIdentityWarnings(result.sampler, scoreIdentity(model, result.draws, chains, draws, beta)),
    );
  }
  if (result.nonFinite > 0) {
    const what = findSampler(result.sampler)?.divergence;
    summary.warnings.push(
      what
        ? `${result.nonFinite} transitions over warm-up and sampling diverged (${what}).`
        : `${result.nonFinite} proposals had a non-finite log density or gradient; they were rejected and counted as divergences, never kept as draws.`,
    );
  }
  if (result.interrupted) summary.interrupted = true;
  if (chainIds.some((id, c) => id !== c)) summary.chain_ids = chainIds.map((id) => id + 1);
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
    columns: result.columns,
    adaptation: result.chainInfo.map((c) =>
      (options.warmup ?? 1000) > 0
        ? { stepSize: c.stepSize, invMetric: c.invMetric, metric: c.metric, dense: c.denseInvMetric }
        : undefined,
    ),
    interrupted: result.interrupted,
    chainIds: chainIds.map((id) => id + 1),
    threads: 1,
    sampled: options.keepSampled ? result : undefined,
  };
}

/**
 * Stan's lp__: the constant terms of `~` statements dropped. They are one
 * number for the model, the difference of the two densities at any point;
 * taken at the origin of the unconstrained space (the same point for every
 * split of a run's chains), else at the first draw.
 */
function stanLp(model: LangevinModel, lp: Float64Array, draws: Float64Array, dim: number): Float64Array {
  if (lp.length === 0) return lp;
  const constantAt = (x: Float64Array): number =>
    model.logDensity(x, 1)[0]! - model.logDensity(x, 1, { propto: true })[0]!;
  let offset = constantAt(new Float64Array(dim));
  if (!Number.isFinite(offset)) offset = constantAt(draws.subarray(0, dim));
  return Float64Array.from(lp, (v) => v - offset);
}
