/**
 * The high-level inference API shared by the CLI and library users: run a
 * sampler on a compiled model and get draws on the constrained scale plus
 * the summary JSON.
 */
import type { DrawEvent, SampleResult } from '../samplers/types.js';
import type { PointTable } from '../io/points-csv.js';
import type { SummaryJson } from '../io/summary-json.js';
import type { ScoreNetwork } from '../score/network.js';

import type { MetricKind } from '../samplers/metric.js';
import type { RowBatch, SpawnWorker } from '../parallel/protocol.js';
import type { ChainGroup } from '../parallel/chain-groups.js';
import { samplerNames } from '../samplers/registry.js';

/** A registered sampler's name (src/samplers/registry.ts). */
export type SamplerName = string;
/** Every registered sampler, in registry order. */
export const SAMPLER_NAMES: readonly SamplerName[] = samplerNames();

export interface AnnealingOptions {
  /** A trained score network (parsed score JSON); otherwise the model's own noise family or a smoothed score. */
  scoreFile?: string;
  sigmaMax?: number;
  sigmaMin?: number;
  levels?: number;
  stepsPerLevel?: number;
  finalSteps?: number;
  smoothingSamples?: number;
  /** The loaded score network (the CLI reads `scoreFile` with readScoreFile); the library reads no files. */
  score?: ScoreNetwork;
  /** Reference points for `summary.energy_distance` (the CLI reads `--reference FILE` with readPointsCsv). */
  reference?: PointTable;
}

export interface SampleModelOptions {
  sampler?: SamplerName;
  chains?: number;
  warmup?: number;
  draws?: number;
  thin?: number;
  seed?: number;
  stepSize?: number;
  beta?: number;
  /** The sampler's own options (registry.ts: gamma, maxDepth, …). */
  samplerOptions?: Readonly<Record<string, number | undefined>>;
  /** The inverse metric the warm-up adapts (docs/samplers.md). */
  metric?: MetricKind;
  /** Step-size adaptation target (nuts 0.8, malt 0.65, mala 0.574). */
  targetAcceptance?: number;
  initRadius?: number;
  /**
   * Initial positions on the unconstrained space: dim numbers shared by
   * every chain or chains × dim (`model.unconstrain` makes them from Stan
   * JSON values). Otherwise uniform in (−initRadius, initRadius).
   */
  init?: Float64Array;
  /**
   * What `lp` (the lp__ column) holds: 'full' keeps every constant (the
   * default); 'stan' drops the constant terms of `~` statements, as Stan's
   * lp__ does (the Jacobian is kept in both).
   */
  lp?: 'full' | 'stan';
  /** Centres for mode fractions (constrained scale, over the first coordinates). */
  modes?: number[][];
  /** Named points for basin occupancy, e.g. [{x: -1}, {x: 1}]. */
  basins?: Array<Record<string, number>>;
  basinRadius?: number;
  annealing?: AnnealingOptions;
  /** Stops the run early; the draws so far are kept and summarised. */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, phase: string) => void;
  /** After each iteration: the state (unconstrained, valid during the call only), for live plots and for streaming draws to disk; not called by annealed. */
  onDraw?: (event: DrawEvent) => void;
  /** Time spent compiling, reported in the summary. */
  compileSeconds?: number;
  /**
   * Worker threads to split the chains across (default 1; the CLI's
   * default is every core). Each thread recompiles the model from its
   * recipe and runs a contiguous group of chains with their run-wide
   * streams, so the draws are those of one thread. Models without a
   * recipe (score models), the tfjs backend, `onDraw` and environments
   * without workers run on one thread, said through `onNote`.
   */
  threads?: number;
  /**
   * The run-wide id (1-based) of the first chain: chains firstChain …
   * firstChain + chains − 1 of a larger run, with the draws they have
   * there (the CLI's --chain-ids A-B). Default 1.
   */
  firstChain?: number;
  /** Start a worker (default: worker_threads under Node, Web Workers in browsers); tests pass a fake. */
  spawnWorker?: SpawnWorker;
  /** Why a run asked for threads ran on one thread, and similar remarks that are not warnings. */
  onNote?: (message: string) => void;
  /** Keep the driver's result (unconstrained draws) as `Fit.sampled`, for a split record (the CLI's --chain-ids); off by default to spare memory. */
  keepSampled?: boolean;
  /** With threads: each group's iteration counts and kept rows, as they come (the CLI streams them to the chain files). */
  onRows?: (group: ChainGroup, batch: RowBatch) => void;
}

export interface Fit {
  summary: SummaryJson;
  /** Stan-style names of every output column (parameters, transformed parameters, generated quantities). */
  outputNames: string[];
  chains: number;
  /** Kept draws per chain. */
  draws: number;
  /** chains × draws × outputNames.length, constrained scale. */
  outputs: Float64Array;
  /** chains × draws each. */
  lp: Float64Array;
  acceptStat: Float64Array;
  stepSize: Float64Array;
  /** chains × draws: 1 where the step's proposal diverged (it was rejected). */
  divergent?: Uint8Array;
  /** Extra CmdStan sampler columns of the sampler (nuts: treedepth__, n_leapfrog__, energy__), chains × draws each. */
  columns?: Record<string, Float64Array>;
  /**
   * Per chain adapted step size and inverse metric (when warm-up adapted):
   * its kind, the diagonal, and for dense and low-rank the dim × dim matrix.
   */
  adaptation: Array<{ stepSize: number; invMetric: Float64Array; metric?: string; dense?: Float64Array } | undefined>;
  interrupted: boolean;
  /** The run-wide id (1-based) of each chain held, in order (absent: 1 … chains). */
  chainIds?: number[];
  /** Threads the chains ran on (absent: one). */
  threads?: number;
  /** With `keepSampled`: the driver's result (unconstrained draws, per-chain facts), what a --chain-ids run's split.json keeps. */
  sampled?: SampleResult;
  /** Groups of chains whose worker failed; the others' draws are kept. */
  failures?: Array<{ chains: number[]; message: string }>;
}
