/**
 * The summary JSON (docs/cli.md): what `--json` prints and `--out DIR`
 * writes as `summary.json`. Diagnostics that cannot be computed (constant
 * draws, annealed particles) are null.
 */
import type { BasinOccupancy } from '../diagnostics/basins.js';
import type { ModeFraction } from '../diagnostics/mode-fractions.js';
import type { ParameterDrawSummary } from '../diagnostics/summary.js';

/** One row of `parameters`: the numbers of posterior::summarise_draws. */
export type ParameterSummary = ParameterDrawSummary;

export interface ChainInfoSummary {
  chain: number;
  acceptance_rate: number;
  step_size: number;
  divergences: number;
  gradient_evaluations: number;
  /** The part of gradient_evaluations spent on initial values and warm-up. */
  warmup_gradient_evaluations?: number;
  seconds: number;
}

export type { ModeFraction };

export interface SummaryJson {
  model: string;
  sampler: string;
  backend: string;
  seed: number;
  chains: number;
  warmup: number;
  draws: number;
  thin?: number;
  parameters: ParameterSummary[];
  chain_info: ChainInfoSummary[];
  timing: { compile_seconds: number; warmup_seconds: number; sampling_seconds: number };
  warnings: string[];
  interrupted?: boolean;
  /** The run-wide ids of the chains held, when they are not 1 … chains (--chain-ids, a merge with gaps, failed workers). */
  chain_ids?: number[];
  /** Chains whose worker thread failed, with its error; the summary covers the others. */
  failed_chains?: Array<{ chains: number[]; error: string }>;
  /** True when a signal ended the run early: the summary covers the draws made so far. */
  partial?: boolean;
  /** How far an interrupted run got, per phase. */
  progress?: { warmup_done: number; warmup_requested: number; sampling_done: number; sampling_requested: number };
  modes?: ModeFraction[];
  basins?: BasinOccupancy;
  lowest?: { f: number; position: Record<string, number> };
  annealing?: { levels: Array<{ sigma: number; step_size: number; mean_squared_score_norm: number }> };
  energy_distance?: number;
}
