/**
 * The single driver loop of every Langevin kernel: initial values, warm-up
 * (Stan's adaptation), sampling with thinning, recording, timing. Progress
 * and streaming output hang off callbacks; the kernels know nothing of them.
 * The same potential, seed and options give identical draws.
 */
import { LangevinError } from '../errors.js';
import type { Potential } from '../model/types.js';
import { createStreams } from '../random/streams.js';
import { initialValues } from './initial-values.js';
import { checkMetricFits, type MetricKind } from './metric.js';
import { resolveSamplerOptions, samplerSpec, type SamplerSpec } from './registry.js';
import type { ChainInfo, Evaluations, Kernel, SampleOptions, SampleResult } from './types.js';
import { Warmup } from './warmup.js';
import { yieldToEventLoop } from './yield.js';

/** The sampler's options: samplerOptions, with the legacy `beta` field for lmc-beta. */
function samplerOptionsOf(spec: SamplerSpec, options: SampleOptions): Record<string, number | undefined> {
  const given = { ...options.samplerOptions };
  if (options.beta !== undefined && spec.name === 'lmc-beta') given.beta = options.beta;
  return resolveSamplerOptions(spec, given);
}

/** The kernel of options.sampler (with `metropolis`, its warm-up kernel). */
export function createKernel(potential: Potential, options: SampleOptions, metropolis = false): Kernel {
  const spec = samplerSpec(options.sampler);
  if (!spec.createKernel) {
    throw new LangevinError(
      `${spec.name} runs particles, not chains: use sampleModel (or langevin sample --sampler ${spec.name})`,
    );
  }
  const settings = { options: samplerOptionsOf(spec, options), gradientOnly: options.gradientOnly ?? false };
  if (metropolis && spec.createWarmupKernel) return spec.createWarmupKernel(potential, options.chains, settings);
  return spec.createKernel(potential, options.chains, settings);
}

/** The metric the warm-up adapts: the option, else the sampler's default; checked against the sampler. */
export function chooseMetric(spec: SamplerSpec, dim: number, metric: MetricKind | undefined): MetricKind {
  if (metric !== undefined && !spec.metrics.includes(metric)) {
    throw new LangevinError(
      spec.metrics.length === 0
        ? `--metric does not apply to ${spec.name} (it takes no metric)`
        : `--metric ${metric} does not apply to ${spec.name} (one of ${spec.metrics.join(', ')})`,
    );
  }
  const kind = metric ?? spec.defaultMetric?.(dim) ?? spec.metrics[0] ?? 'unit';
  checkMetricFits(kind, dim);
  return kind;
}

function checkOptions(options: SampleOptions): void {
  const count = (name: string, value: number, least: number): void => {
    if (!Number.isSafeInteger(value) || value < least) {
      throw new LangevinError(`${name} must be an integer ≥ ${least}, got ${value}`);
    }
  };
  count('chains', options.chains, 1);
  count('warmup', options.warmup, 0);
  count('draws', options.draws, 0);
  count('thin', options.thin ?? 1, 1);
  if (!Number.isSafeInteger(options.seed)) throw new LangevinError(`seed must be an integer, got ${options.seed}`);
  if (options.stepSize !== undefined && !(options.stepSize > 0 && Number.isFinite(options.stepSize))) {
    throw new LangevinError(`step size must be a positive number, got ${options.stepSize}`);
  }
  const radius = options.initRadius ?? 2;
  if (!(radius >= 0 && Number.isFinite(radius))) {
    throw new LangevinError(`init radius must be a non-negative number, got ${radius}`);
  }
  const target = options.targetAcceptance;
  if (target !== undefined && !(target > 0 && target < 1)) {
    throw new LangevinError(`target acceptance must be in (0, 1), got ${target}`);
  }
  if (options.gradientOnly && options.stepSize === undefined) {
    throw new LangevinError('a gradient-only source gives no acceptance signal: give a step size');
  }
}

/** Run to completion synchronously. */
export function sample(potential: Potential, options: SampleOptions): SampleResult {
  const iterations = sampleIterations(potential, options);
  for (;;) {
    const next = iterations.next();
    if (next.done) return next.value;
  }
}

/**
 * The same run, yielding to the event loop every ~50 ms so that Ctrl-C
 * (an AbortSignal fired from a SIGINT handler) and progress output get
 * through. Draws are identical to `sample`.
 */
export async function sampleAsync(potential: Potential, options: SampleOptions): Promise<SampleResult> {
  const iterations = sampleIterations(potential, options);
  let lastYield = performance.now();
  for (;;) {
    const next = iterations.next();
    if (next.done) return next.value;
    if (performance.now() - lastYield > 50) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
}

/** The driver loop as a generator: it yields after every iteration. */
function* sampleIterations(potential: Potential, options: SampleOptions): Generator<void, SampleResult, void> {
  checkOptions(options);
  const { chains, warmup, draws, seed, signal } = options;
  const dim = potential.dim;
  const thin = options.thin ?? 1;
  const totalKept = Math.ceil(draws / thin);
  const totalIterations = warmup + draws;
  const gradientOnly = options.gradientOnly ?? false;
  const spec = samplerSpec(options.sampler);
  if (gradientOnly && spec.needsLogDensity) {
    throw new LangevinError(`${spec.name} needs a log density: use lmc or lmc-beta with a gradient-only source`);
  }
  const metric = chooseMetric(spec, dim, options.metric);
  const kernel = createKernel(potential, options);
  // the spec may warm up with another kernel (lmc: Metropolis-adjusted)
  const warmupKernel = spec.createWarmupKernel ? createKernel(potential, options, true) : kernel;
  const streams = createStreams(seed, chains, undefined, options.chainOffset ?? 0);
  const columnNames = spec.columns ?? [];
  // per-chain gradient evaluations (nuts's chains do different amounts of work)
  const gradients = new Float64Array(chains);
  const count = (info: { gradients?: Float64Array }): void => {
    if (info.gradients) for (let c = 0; c < chains; c++) gradients[c] += info.gradients[c];
    else for (let c = 0; c < chains; c++) gradients[c]++;
  };
  // one count for every chain, or each chain's own (step-size heuristics, mode finding)
  const countAll = (n: Evaluations): void => {
    for (let c = 0; c < chains; c++) gradients[c] += typeof n === 'number' ? n : n[c]!;
  };

  const start = performance.now();
  let interrupted = false;

  const init = initialValues(potential, chains, streams, {
    init: options.init,
    initRadius: options.initRadius ?? 2,
    gradientOnly,
    chainOffset: options.chainOffset,
  });
  // each chain's own tries, not the batch's: a chain's count must not depend on its batch-mates
  for (let c = 0; c < chains; c++) gradients[c] += init.attempts[c];
  let state = warmupKernel.init(init.position);
  countAll(1);

  // Warm-up.
  const warmupDivergences = new Float64Array(chains);
  let nonFinite = 0;
  const warmupOptions = {
    warmup,
    stepSize: options.stepSize,
    targetAcceptance: options.targetAcceptance ?? spec.targetAcceptance,
    seed,
    chainOffset: options.chainOffset ?? 0,
    metric,
  };
  const adaptation = spec.createWarmup
    ? spec.createWarmup(warmupKernel, warmupOptions)
    : new Warmup(warmupKernel, warmupOptions);
  const started = adaptation.start(state);
  const params = started.params;
  countAll(started.evaluations);
  for (let t = 0; t < warmup; t++) {
    if (signal?.aborted) {
      interrupted = true;
      break;
    }
    const result = warmupKernel.step(state, streams, params);
    state = result.state;
    count(result.info);
    for (let c = 0; c < chains; c++) warmupDivergences[c] += result.info.divergent[c];
    // onDraw first: a metric update's step-size heuristic reuses the info buffers.
    options.onDraw?.({ phase: 'warmup', iteration: t, kept: false, state, info: result.info, params });
    countAll(adaptation.adapt(t, state, result.info, params));
    options.onProgress?.(t + 1, totalIterations, 'warmup');
    yield;
  }
  if (!interrupted) adaptation.finish(params);
  const warmupEnd = performance.now();
  const warmupGradients = gradients.slice();

  // Sampling.
  const drawsOut = new Float64Array(chains * totalKept * dim);
  const logDensity = new Float64Array(chains * totalKept);
  const acceptStat = new Float64Array(chains * totalKept);
  const stepSize = new Float64Array(chains * totalKept);
  const divergent = new Uint8Array(chains * totalKept);
  const columns: Record<string, Float64Array> = {};
  for (const name of columnNames) columns[name] = new Float64Array(chains * totalKept).fill(NaN);
  const moved = new Float64Array(chains);
  const acceptSum = new Float64Array(chains);
  const divergences = new Float64Array(chains);
  let kept = 0;
  let sampled = 0;
  for (let m = 0; m < draws && !interrupted; m++) {
    if (signal?.aborted) {
      interrupted = true;
      break;
    }
    const result = kernel.step(state, streams, params);
    state = result.state;
    const info = result.info;
    count(info);
    sampled++;
    const keep = m % thin === 0;
    const accepted = info.accepted;
    const probability = info.acceptProbability;
    const divergentNow = info.divergent;
    for (let c = 0; c < chains; c++) {
      moved[c] += accepted[c];
      acceptSum[c] += probability[c];
      divergences[c] += divergentNow[c];
    }
    if (keep) {
      const position = state.position;
      const stateLogDensity = state.logDensity;
      const stepSizeNow = info.stepSize;
      for (let c = 0; c < chains; c++) {
        const slot = c * totalKept + kept;
        const from = c * dim;
        const to = slot * dim;
        for (let i = 0; i < dim; i++) drawsOut[to + i] = position[from + i];
        logDensity[slot] = stateLogDensity[c];
        acceptStat[slot] = probability[c];
        stepSize[slot] = stepSizeNow[c];
        divergent[slot] = divergentNow[c];
      }
      for (const name of columnNames) {
        const from = info.columns?.[name];
        if (from) for (let c = 0; c < chains; c++) columns[name][c * totalKept + kept] = from[c];
      }
      kept++;
    }
    options.onDraw?.({ phase: 'sampling', iteration: m, kept: keep, state, info, params });
    options.onProgress?.(warmup + m + 1, totalIterations, 'sampling');
    yield;
  }
  const end = performance.now();

  const perChainMetric = params.invMetric.length === chains * dim;
  const chainInfo: ChainInfo[] = [];
  for (let c = 0; c < chains; c++) {
    nonFinite += warmupDivergences[c] + divergences[c];
    chainInfo.push({
      acceptanceRate: sampled > 0 ? moved[c] / sampled : NaN,
      meanAcceptStat: sampled > 0 ? acceptSum[c] / sampled : NaN,
      stepSize: params.stepSize[c],
      divergences: divergences[c],
      warmupDivergences: warmupDivergences[c],
      gradientEvaluations: gradients[c],
      warmupGradientEvaluations: warmupGradients[c],
      seconds: (end - start) / 1000,
      invMetric: perChainMetric ? params.invMetric.slice(c * dim, (c + 1) * dim) : params.invMetric.slice(0, dim),
      metric: warmup > 0 ? metric : 'unit',
      denseInvMetric: params.metric?.matrix(c),
    });
  }

  const result: SampleResult = {
    sampler: options.sampler,
    chains,
    dim,
    seed,
    thin,
    keptDraws: kept,
    draws: compact(drawsOut, chains, totalKept, kept, dim),
    logDensity: compact(logDensity, chains, totalKept, kept, 1),
    acceptStat: compact(acceptStat, chains, totalKept, kept, 1),
    stepSize: compact(stepSize, chains, totalKept, kept, 1),
    divergent: compact(divergent, chains, totalKept, kept, 1),
    columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, compact(v, chains, totalKept, kept, 1)])),
    inits: init.position,
    chainInfo,
    warmupSeconds: (warmupEnd - start) / 1000,
    samplingSeconds: (end - warmupEnd) / 1000,
    nonFinite,
    interrupted,
  };
  if (state.lowestF && state.argminF) {
    result.lowestF = state.lowestF.slice();
    result.argminF = state.argminF.slice();
  }
  return result;
}

/** chains × capacity × width → chains × kept × width (after an interruption). */
function compact<T extends Float64Array | Uint8Array>(
  values: T,
  chains: number,
  capacity: number,
  kept: number,
  width: number,
): T {
  if (kept === capacity) return values;
  for (let c = 0; c < chains; c++) {
    values.copyWithin(c * kept * width, c * capacity * width, (c * capacity + kept) * width);
  }
  return values.slice(0, chains * kept * width) as T;
}
