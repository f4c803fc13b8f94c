/**
 * The sampling options shared by `sample` and `compare`: declared once on
 * the commander command, validated once into SampleModelOptions.
 */
import type { Command } from 'commander';
import { LangevinError } from '../errors.js';
import { SAMPLER_NAMES, type SampleModelOptions, type SamplerName } from '../inference/types.js';
import type { BackendChoice } from '../model/types.js';
import { METRIC_KINDS, type MetricKind } from '../samplers/metric.js';
import {
  allSamplerOptions,
  DEFAULT_SAMPLER,
  notForSampler,
  optionFlag,
  samplerSpec,
  type OptionSpec,
  type SamplerSpec,
} from '../samplers/registry.js';
import {
  finiteNumber,
  nonNegativeInt,
  oneOf,
  parseNamedPoints,
  parsePoints,
  positiveInt,
  positiveNumber,
} from './options.js';
import { addLimitOptions, applyLimitOptions, checkRunMemory } from './limit-options.js';
import { isInitRadius } from './init-file.js';
import { availableCores } from '../parallel/cores.js';

export interface RawRunOptions {
  data?: string;
  chains?: string;
  warmup?: string;
  draws?: string;
  thin?: string;
  seed?: string;
  stepSize?: string;
  beta?: string;
  init?: string;
  lp?: string;
  backend?: string;
  modes?: string;
  basins?: string;
  basinRadius?: string;
  out?: string;
  json?: boolean;
  progress?: boolean;
  score?: string;
  sigmaMax?: string;
  sigmaMin?: string;
  levels?: string;
  stepsPerLevel?: string;
  finalSteps?: string;
  smoothingSamples?: string;
  reference?: string;
  metric?: string;
  targetAcceptance?: string;
  /** Any sampler's own option (registry.ts), by its camelCase key. */
  [samplerOption: string]: string | boolean | undefined;
  overwrite?: boolean;
  threads?: string;
  chainIds?: string;
  maxMemoryMb?: string;
  maxInputMb?: string;
  maxIterations?: string;
}

/** `compare` writes and prints other things than `sample` for --out and --json. */
export type RunCommand = 'sample' | 'compare';

export function addRunOptions(command: Command, kind: RunCommand = 'sample'): Command {
  command
    .option('--data <file>', 'Stan JSON data file (needed when the model declares data)')
    .option('--chains <n>', 'number of chains (default 4; particles for annealed, default 1000)', undefined)
    .option('--warmup <n>', 'warm-up iterations (adaptation; not kept) (default 1000)')
    .option('--draws <n>', 'sampling iterations per chain (default 1000)')
    .option('--thin <k>', 'keep every k-th draw (default 1)')
    .option('--seed <n>', 'random seed (same seed, same draws) (default: random, printed)')
    .option('--step-size <x>', 'fix the step size η (skips step-size adaptation) (default: adapted)')
    .option(
      '--init <r|file>',
      'initial values uniform in (-r, r) on the unconstrained space (default 2), or a Stan JSON file of constrained values (shared, an array per chain, or FILE_1.json…)',
    )
    .option(
      '--lp <kind>',
      "lp__ column: 'full' (every constant) or 'stan' (constants of ~ dropped, as Stan's lp__) (default full)",
    )
    .option('--backend <name>', 'auto, f64 or tfjs (default auto)')
    .option('--modes <points>', 'mode centres "a,b;c,d": report the fraction of draws nearest each')
    .option('--basins <points>', 'basin centres "x=-1; x=1": report occupancy and transitions')
    .option('--basin-radius <r>', 'radius of each basin (default 0.5)')
    .option(
      '--out <dir>',
      kind === 'compare'
        ? 'write DIR/SAMPLER/chain-K.csv and summary.json for each sampler, and DIR/comparison.json'
        : 'write chain-K.csv (CmdStan layout) and summary.json to DIR',
    )
    .option(
      '--json',
      kind === 'compare'
        ? 'print the comparison JSON on stdout and nothing else there'
        : 'print the summary JSON on stdout and nothing else there',
    )
    .option('--no-progress', 'no progress bar')
    .option('--score <file>', 'annealed/lmc/mala: use a trained score network')
    .option(
      '--metric <kind>',
      `inverse metric the warm-up adapts: ${METRIC_KINDS.join(', ')} (default: the sampler's, see docs/samplers.md)`,
    )
    .option('--target-acceptance <x>', 'acceptance the step-size adaptation aims at (nuts 0.8, malt 0.65, mala 0.574)')
    .option('--overwrite', 'with --out: replace an earlier run in DIR (its chain files are removed)')
    .option(
      '--threads <n>',
      'worker threads to split the chains across; the draws do not depend on it (default: every core)',
    );
  if (kind === 'sample') {
    command.option(
      '--chain-ids <A-B>',
      'run only chains A to B (1-based) of the run, with the draws they have in a whole run; combine with `langevin merge`',
    );
  }
  // every sampler's own options, from the registry
  for (const option of allSamplerOptions()) {
    const fallback = option.default === undefined ? '' : ` (default ${option.default})`;
    command.option(
      `${optionFlag(option.key)} ${option.value}`,
      `${option.samplers.join(', ')}: ${option.description}${fallback}`,
    );
  }
  return addLimitOptions(command);
}

export interface RunSettings {
  backend: BackendChoice;
  options: SampleModelOptions;
  /** `--init FILE`: read after the model compiles (src/cli/init-file.ts). */
  initFile?: string;
}

/** Validate everything before any work starts, so mistakes cost nothing. */
export function parseRunOptions(raw: RawRunOptions, sampler: SamplerName, lenient = false): RunSettings {
  applyLimitOptions(raw);
  const seed = raw.seed === undefined ? randomSeed() : nonNegativeInt('--seed', raw.seed, 0);
  const spec = samplerSpec(sampler);
  const own = parseSamplerOptions(raw, spec, lenient);
  const sigmaMax = own.sigmaMax;
  const sigmaMin = own.sigmaMin;
  if (sigmaMax !== undefined && sigmaMin !== undefined && sigmaMin >= sigmaMax) {
    throw new LangevinError(`--sigma-min (${sigmaMin}) must be smaller than --sigma-max (${sigmaMax})`);
  }
  const beta = own.beta;
  const metric = parseMetric(raw.metric, spec, lenient);
  let targetAcceptance =
    raw.targetAcceptance === undefined ? undefined : probability('--target-acceptance', raw.targetAcceptance);
  if (targetAcceptance !== undefined && spec.targetAcceptance === undefined) {
    if (!lenient) throw new LangevinError(`--target-acceptance does not apply to ${sampler} (it adapts no step size)`);
    targetAcceptance = undefined;
  }
  const chainIds = parseChainIds(raw.chainIds);
  if (chainIds && raw.chains !== undefined && positiveInt('--chains', raw.chains, 1) !== chainIds.count) {
    throw new LangevinError(
      `--chains ${raw.chains} and --chain-ids ${raw.chainIds} (${chainIds.count} chains) must agree: give one of them`,
    );
  }
  if (chainIds && sampler === 'annealed')
    throw new LangevinError('--chain-ids does not apply to annealed (it runs particles, not chains)');
  const options: SampleModelOptions = {
    sampler,
    threads: positiveInt('--threads', raw.threads, availableCores()),
    firstChain: chainIds?.first,
    chains: chainIds?.count ?? positiveInt('--chains', raw.chains, sampler === 'annealed' ? 1000 : 4),
    warmup: nonNegativeInt('--warmup', raw.warmup, 1000),
    draws: positiveInt('--draws', raw.draws, 1000),
    thin: positiveInt('--thin', raw.thin, 1),
    seed,
    stepSize: positiveNumber('--step-size', raw.stepSize),
    beta,
    initRadius: raw.init === undefined || !isInitRadius(raw.init) ? 2 : nonNegativeNumber('--init', raw.init),
    lp: oneOf('--lp', raw.lp, ['full', 'stan'] as const, 'full'),
    modes: parsePoints('--modes', raw.modes),
    basins: parseNamedPoints('--basins', raw.basins),
    basinRadius: positiveNumber('--basin-radius', raw.basinRadius),
    metric,
    targetAcceptance,
    samplerOptions: own,
    annealing: {
      scoreFile: raw.score,
      sigmaMax,
      sigmaMin,
      levels: own.levels,
      stepsPerLevel: own.stepsPerLevel,
      finalSteps: own.finalSteps,
      smoothingSamples: own.smoothingSamples,
    },
  };
  if (sampler !== 'annealed' && options.thin! > options.draws!) {
    throw new LangevinError(
      `--thin ${options.thin} exceeds --draws ${options.draws}: at most one draw per chain would be kept; use --thin ≤ --draws`,
    );
  }
  checkRunMemory(options.chains!, Math.ceil(options.draws! / options.thin!), 1);
  const initFile = raw.init !== undefined && !isInitRadius(raw.init) ? raw.init : undefined;
  return { backend: oneOf('--backend', raw.backend, ['auto', 'f64', 'tfjs'] as const, 'auto'), options, initFile };
}

/** `--chain-ids A-B` (or a single id A): chains A … B of a run, 1-based. */
export function parseChainIds(raw: string | undefined): { first: number; count: number } | undefined {
  if (raw === undefined) return undefined;
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(raw);
  const first = match ? Number(match[1]) : NaN;
  const last = match?.[2] !== undefined ? Number(match[2]) : first;
  if (!match || !Number.isSafeInteger(first) || !Number.isSafeInteger(last) || first < 1 || last < first) {
    throw new LangevinError(`--chain-ids must be A-B with 1 ≤ A ≤ B (chains A to B, 1-based), got '${raw}'`);
  }
  return { first, count: last - first + 1 };
}

export function parseSampler(raw: string | undefined): SamplerName {
  return oneOf('--sampler', raw, SAMPLER_NAMES, DEFAULT_SAMPLER);
}

/**
 * The registry options given on the command line, checked against the
 * sampler: one it does not take is an error ("--levels applies to annealed
 * only (this run uses mala)"), or with `lenient` (compare, several
 * samplers) silently left out for this sampler.
 */
function parseSamplerOptions(
  raw: RawRunOptions,
  spec: SamplerSpec,
  lenient: boolean,
): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const option of allSamplerOptions()) {
    const text = raw[option.key];
    if (typeof text !== 'string') continue;
    const flag = optionFlag(option.key);
    if (!spec.options.some((o) => o.key === option.key)) {
      if (lenient) continue;
      throw new LangevinError(notForSampler(flag, spec.name));
    }
    out[option.key] = parseOptionValue(option, flag, text);
  }
  return out;
}

function parseOptionValue(option: OptionSpec, flag: string, text: string): number {
  switch (option.type) {
    case 'positive-number':
      return positiveNumber(flag, text)!;
    case 'positive-int':
      return positiveInt(flag, text, 1);
    case 'non-negative-int':
      return nonNegativeInt(flag, text, 0);
    case 'probability':
      return probability(flag, text);
  }
}

function probability(flag: string, text: string): number {
  const x = finiteNumber(flag, text)!;
  if (!(x > 0 && x < 1)) throw new LangevinError(`${flag} must be a number in (0, 1), got '${text}'`);
  return x;
}

function parseMetric(raw: string | undefined, spec: SamplerSpec, lenient: boolean): MetricKind | undefined {
  if (raw === undefined) return undefined;
  const kind = oneOf('--metric', raw, METRIC_KINDS, 'diag');
  if (spec.metrics.length === 0) {
    if (lenient) return undefined;
    throw new LangevinError(`--metric does not apply to ${spec.name} (it takes no metric)`);
  }
  if (!spec.metrics.includes(kind)) {
    if (lenient) return undefined;
    throw new LangevinError(`--metric ${kind} does not apply to ${spec.name} (one of ${spec.metrics.join(', ')})`);
  }
  return kind;
}

function nonNegativeNumber(flag: string, raw: string): number {
  const x = finiteNumber(flag, raw)!;
  if (x < 0) throw new LangevinError(`${flag} must be a non-negative number, got '${raw}'`);
  return x;
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

/** compare: every sampler option given must apply to at least one of the samplers. */
export function checkOptionsApplyToSome(raw: RawRunOptions, samplers: readonly SamplerName[]): void {
  const specs = samplers.map(samplerSpec);
  for (const option of allSamplerOptions()) {
    if (typeof raw[option.key] !== 'string') continue;
    if (!specs.some((spec) => spec.options.some((o) => o.key === option.key))) {
      throw new LangevinError(
        notForSampler(optionFlag(option.key), samplers.join(', ')).replace('this run uses', 'this comparison runs'),
      );
    }
  }
  if (raw.metric !== undefined) {
    const kind = oneOf('--metric', raw.metric, METRIC_KINDS, 'diag');
    if (!specs.some((spec) => spec.metrics.includes(kind))) {
      throw new LangevinError(`--metric ${kind} applies to none of ${samplers.join(', ')}`);
    }
  }
}
