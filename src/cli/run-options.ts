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
import { isInitRadius } from './init-file.js';

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
}

/** `compare` writes and prints other things than `sample` for --out and --json. */
export type RunCommand = 'sample' | 'compare';

export function addRunOptions(command: Command, kind: RunCommand = 'sample'): Command {
  return command
    .option('--data <file>', 'Stan JSON data file (needed when the model declares data)')
    .option('--chains <n>', 'number of chains (default 4; particles for annealed, default 1000)', undefined)
    .option('--warmup <n>', 'warm-up iterations (adaptation; not kept) (default 1000)')
    .option('--draws <n>', 'sampling iterations per chain (default 1000)')
    .option('--thin <k>', 'keep every k-th draw (default 1)')
    .option('--seed <n>', 'random seed (same seed, same draws) (default: random, printed)')
    .option('--step-size <x>', 'fix the step size η (skips step-size adaptation) (default: adapted)')
    .option('--beta <x>', 'inverse temperature for lmc-beta (default 1)')
    .option('--init <r|file>', 'initial values uniform in (-r, r) on the unconstrained space (default 2), or a Stan JSON file of constrained values (shared, an array per chain, or FILE_1.json…)')
    .option('--lp <kind>', "lp__ column: 'full' (every constant) or 'stan' (constants of ~ dropped, as Stan's lp__) (default full)")
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
    .option('--json', kind === 'compare' ? 'print the comparison JSON on stdout and nothing else there' : 'print the summary JSON on stdout and nothing else there')
    .option('--no-progress', 'no progress bar')
    .option('--score <file>', 'annealed/lmc/mala: use a trained score network')
    .option('--sigma-max <x>', 'annealed: largest noise level (default 10, or the network\'s)')
    .option('--sigma-min <x>', 'annealed: smallest noise level (default 0.1, or the network\'s)')
    .option('--levels <L>', 'annealed: number of noise levels (default 10, or the network\'s)')
    .option('--steps-per-level <T>', 'annealed: Langevin steps per level (default 100)')
    .option('--final-steps <n>', 'annealed: plain Langevin steps at noise 0 at the end (default 0)')
    .option('--smoothing-samples <k>', 'annealed: draws per particle for the smoothed-score estimate (default 16)');
}

export interface RunSettings {
  backend: BackendChoice;
  options: SampleModelOptions;
  /** `--init FILE`: read after the model compiles (src/cli/init-file.ts). */
  initFile?: string;
}

/** Validate everything before any work starts, so mistakes cost nothing. */
export function parseRunOptions(raw: RawRunOptions, sampler: SamplerName): RunSettings {
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
    initRadius: raw.init === undefined || !isInitRadius(raw.init) ? 2 : nonNegativeNumber('--init', raw.init),
    lp: oneOf('--lp', raw.lp, ['full', 'stan'] as const, 'full'),
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
  const initFile = raw.init !== undefined && !isInitRadius(raw.init) ? raw.init : undefined;
  return { backend: oneOf('--backend', raw.backend, ['auto', 'f64', 'tfjs'] as const, 'auto'), options, initFile };
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
