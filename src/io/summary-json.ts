/**
 * The summary JSON of DESIGN.md: what `--json` prints and `--out DIR`
 * writes as `summary.json`. Diagnostics that cannot be computed (constant
 * draws, annealed particles) are null.
 */

export interface ParameterSummary {
  name: string;
  mean: number | null;
  sd: number | null;
  mcse_mean: number | null;
  mcse_sd: number | null;
  q5: number | null;
  q50: number | null;
  q95: number | null;
  ess_bulk: number | null;
  ess_tail: number | null;
  rhat: number | null;
}

export interface ChainInfoSummary {
  chain: number;
  acceptance_rate: number;
  step_size: number;
  divergences: number;
  gradient_evaluations: number;
  seconds: number;
}

export interface ModeFraction {
  center: number[];
  fraction: number;
}

export interface BasinOccupancy {
  center: Record<string, number>;
  fraction: number;
}

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
  modes?: ModeFraction[];
  basins?: { radius: number; occupancy: BasinOccupancy[]; transitions_per_chain: number[] };
  lowest?: { f: number; position: Record<string, number> };
  annealing?: { levels: Array<{ sigma: number; step_size: number; mean_squared_score_norm: number }> };
  energy_distance?: number;
}
