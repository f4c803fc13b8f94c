/**
 * The sampling options shared by `sample` and `compare`: declared once on
 * the commander command, validated once into SampleModelOptions.
 */
import type { Command } from 'commander';
import { LangevinError } from '../errors.js';
import { SAMPLER_NAMES, type SampleModelOptions, type SamplerName } from '../inference/types.js';
import type { BackendChoice } from '../model/types.js';
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
  overwrite?: boolean;
  maxMemoryMb?: string;
  maxInputMb?: string;
  maxIterations?: string;
}

export function addRunOptions(command: Command): Command {
  command
    .option('--data <file>', 'Stan JSON data file')
    .option('--chains <n>', 'number of chains (particles for annealed)', undefined)
    .option('--warmup <n>', 'warm-up iterations (adaptation; not kept)')
    .option('--draws <n>', 'sampling iterations per chain')
    .option('--thin <k>', 'keep every k-th draw')
    .option('--seed <n>', 'random seed (same seed, same draws)')
    .option('--step-size <x>', 'fix the step size η (skips step-size adaptation)')
    .option('--beta <x>', 'inverse temperature for lmc-beta')
    .option('--init <r>', 'initial values uniform in (-r, r) on the unconstrained space')
    .option('--backend <name>', 'auto, f64 or tfjs')
    .option('--modes <points>', 'mode centres "a,b;c,d": report the fraction of draws nearest each')
    .option('--basins <points>', 'basin centres "x=-1; x=1": report occupancy and transitions')
    .option('--basin-radius <r>', 'radius of each basin (default 0.5)')
    .option('--out <dir>', 'write chain-K.csv (CmdStan layout) and summary.json to DIR')
    .option('--json', 'print the summary JSON on stdout and nothing else there')
    .option('--no-progress', 'no progress bar')
    .option('--score <file>', 'annealed/lmc/mala: use a trained score network')
    .option('--sigma-max <x>', 'annealed: largest noise level')
    .option('--sigma-min <x>', 'annealed: smallest noise level')
    .option('--levels <L>', 'annealed: number of noise levels')
    .option('--steps-per-level <T>', 'annealed: Langevin steps per level')
    .option('--final-steps <n>', 'annealed: plain Langevin steps at noise 0 at the end')
    .option('--smoothing-samples <k>', 'annealed: draws per particle for the smoothed-score estimate')
    .option('--overwrite', 'with --out: replace an earlier run in DIR (its chain files are removed)');
  return addLimitOptions(command);
}

export interface RunSettings {
  backend: BackendChoice;
  options: SampleModelOptions;
}

/** Validate everything before any work starts, so mistakes cost nothing. */
export function parseRunOptions(raw: RawRunOptions, sampler: SamplerName): RunSettings {
  applyLimitOptions(raw);
  const seed = raw.seed === undefined ? randomSeed() : nonNegativeInt('--seed', raw.seed, 0);
  const sigmaMax = positiveNumber('--sigma-max', raw.sigmaMax);
  const sigmaMin = positiveNumber('--sigma-min', raw.sigmaMin);
  if (sigmaMax !== undefined && sigmaMin !== undefined && sigmaMin >= sigmaMax) {
    throw new LangevinError(`--sigma-min (${sigmaMin}) must be smaller than --sigma-max (${sigmaMax})`);
  }
  const beta = positiveNumber('--beta', raw.beta);
  if (beta !== undefined && sampler !== 'lmc-beta') {
    throw new LangevinError(`--beta applies to the lmc-beta sampler only (this run uses ${sampler})`);
  }
  const options: SampleModelOptions = {
    sampler,
    chains: positiveInt('--chains', raw.chains, sampler === 'annealed' ? 1000 : 4),
    warmup: nonNegativeInt('--warmup', raw.warmup, 1000),
    draws: positiveInt('--draws', raw.draws, 1000),
    thin: positiveInt('--thin', raw.thin, 1),
    seed,
    stepSize: positiveNumber('--step-size', raw.stepSize),
    beta,
    initRadius: raw.init === undefined ? 2 : nonNegativeNumber('--init', raw.init),
    modes: parsePoints('--modes', raw.modes),
    basins: parseNamedPoints('--basins', raw.basins),
    basinRadius: positiveNumber('--basin-radius', raw.basinRadius),
    annealing: {
      scoreFile: raw.score,
      sigmaMax,
      sigmaMin,
      levels: raw.levels === undefined ? undefined : positiveInt('--levels', raw.levels, 10),
      stepsPerLevel: raw.stepsPerLevel === undefined ? undefined : positiveInt('--steps-per-level', raw.stepsPerLevel, 100),
      finalSteps: raw.finalSteps === undefined ? undefined : nonNegativeInt('--final-steps', raw.finalSteps, 0),
      smoothingSamples:
        raw.smoothingSamples === undefined ? undefined : positiveInt('--smoothing-samples', raw.smoothingSamples, 16),
    },
  };
  if (sampler !== 'annealed' && options.thin! > options.draws!) {
    throw new LangevinError(`--thin ${options.thin} exceeds --draws ${options.draws}: at most one draw per chain would be kept; use --thin ≤ --draws`);
  }
  checkRunMemory(options.chains!, Math.ceil(options.draws! / options.thin!), 1);
  return { backend: oneOf('--backend', raw.backend, ['auto', 'f64', 'tfjs'] as const, 'auto'), options };
}

export function parseSampler(raw: string | undefined): SamplerName {
  return oneOf('--sampler', raw, SAMPLER_NAMES, 'mala');
}

function nonNegativeNumber(flag: string, raw: string): number {
  const x = finiteNumber(flag, raw)!;
  if (x < 0) throw new LangevinError(`${flag} must be a non-negative number, got '${raw}'`);
  return x;
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
