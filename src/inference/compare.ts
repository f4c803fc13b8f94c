/**
 * Several samplers on one compiled model: the same data, seed and options,
 * one row of cost, efficiency, convergence and agreement per sampler.
 */
import type { SummaryJson } from '../io/summary-json.js';
import type { LangevinModel } from '../model/types.js';
import { DEFAULT_SAMPLER, findSampler } from '../samplers/registry.js';
import { sampleModel } from './sample-model.js';
import type { Fit, SampleModelOptions, SamplerName } from './types.js';

export interface ComparisonRow {
  sampler: SamplerName;
  /** adjusted (exact), unadjusted (step-size bias) or particles (registry.ts). */
  exactness: string;
  seconds: number;
  gradient_evaluations: number;
  /** The part spent on initial values and warm-up. */
  warmup_gradient_evaluations: number;
  min_ess_bulk: number | null;
  min_ess_tail: number | null;
  /** Median over parameters of the bulk ESS (the typical parameter, where min is the worst). */
  median_ess_bulk: number | null;
  ess_bulk_per_second: number | null;
  ess_tail_per_second: number | null;
  /** Warm-up included. */
  ess_bulk_per_1000_gradients: number | null;
  ess_tail_per_1000_gradients: number | null;
  /** Sampling gradients only (warm-up excluded). */
  ess_bulk_per_1000_sampling_gradients: number | null;
  ess_tail_per_1000_sampling_gradients: number | null;
  /** Median bulk ESS per 1000 gradients, warm-up included and excluded. */
  median_ess_bulk_per_1000_gradients: number | null;
  median_ess_bulk_per_1000_sampling_gradients: number | null;
  max_rhat: number | null;
  acceptance_rate: number;
  /**
   * max over parameters of |mean − mean_ref| / sqrt(mcse² + mcse_ref²): the
   * difference in units of its Monte Carlo standard error (null without a
   * reference; 0 for the reference run itself).
   */
  max_mean_difference_in_mcse: number | null;
  max_mean_difference_parameter: string | null;
  /** max over parameters of |sd − sd_ref| / (sqrt(mcse_sd² + mcse_sd_ref²) + 5% of sd_ref). */
  max_sd_difference: number | null;
  /** Means within 4 combined MCSE, sds within 4 MCSE + 5% of the reference, and R-hat ≤ 1.01 (null without a reference). */
  agrees: boolean | null;
  warnings: string[];
}

export interface Comparison {
  runs: Array<{ sampler: SamplerName; fit: Fit }>;
  rows: ComparisonRow[];
  /** The reference: 'nuts' or 'mala' (the first present), 'reference' (a --reference file) or 'none'. */
  referenceName: string;
}

export type ProgressFactory = (sampler: SamplerName) => {
  onProgress: (done: number, total: number, phase: string) => void;
  done: () => void;
};

/**
 * Run several samplers on one model, one after the other, and compare cost, ESS per gradient and agreement with the reference run (nuts, else mala, or a given summary).
 * @example
 * ```ts
 * import { compile, compareSamplers } from 'langevin';
 * const model = await compile('parameters { real mu; } model { mu ~ normal(0, 1); }');
 * const options = { chains: 2, warmup: 200, draws: 400, seed: 1 };
 * const comparison = await compareSamplers(model, [
 *   { ...options, sampler: 'mala' },
 *   { ...options, sampler: 'lmc' },
 * ]);
 * console.log(comparison.referenceName, comparison.rows.map((r) => r.sampler), comparison.rows[0].gradient_evaluations > 0); // → mala [ 'mala', 'lmc' ] true
 * ```
 */
export async function compareSamplers(
  model: LangevinModel,
  runs: SampleModelOptions[],
  reference?: SummaryJson,
  progress?: ProgressFactory,
): Promise<Comparison> {
  const done: Array<{ sampler: SamplerName; fit: Fit }> = [];
  for (const options of runs) {
    const sampler = options.sampler ?? DEFAULT_SAMPLER;
    const bar = progress?.(sampler);
    try {
      const fit = await sampleModel(model, { ...options, onProgress: bar?.onProgress });
      done.push({ sampler, fit });
      if (fit.interrupted) break;
    } finally {
      bar?.done();
    }
  }
  // the reference sampler: nuts (Stan's), else mala, unless a summary is given
  const referenceRun = done.find((r) => r.sampler === 'nuts') ?? done.find((r) => r.sampler === 'mala');
  const referenceSummary = reference ?? referenceRun?.fit.summary;
  const referenceName = reference ? 'reference' : referenceRun ? referenceRun.sampler : 'none';
  return {
    runs: done,
    rows: done.map((r) => compareRow(r.sampler, r.fit.summary, referenceSummary)),
    referenceName,
  };
}

export function compareRow(sampler: SamplerName, s: SummaryJson, reference?: SummaryJson): ComparisonRow {
  const seconds = s.timing.warmup_seconds + s.timing.sampling_seconds;
  const gradients = s.chain_info.reduce((a, c) => a + c.gradient_evaluations, 0);
  const warmupGradients = s.chain_info.reduce((a, c) => a + (c.warmup_gradient_evaluations ?? 0), 0);
  const samplingGradients = gradients - warmupGradients;
  const finite = (xs: Array<number | null>): number[] =>
    xs.filter((x): x is number => x !== null && Number.isFinite(x));
  const bulk = finite(s.parameters.map((p) => p.ess_bulk));
  const tail = finite(s.parameters.map((p) => p.ess_tail));
  const rhat = finite(s.parameters.map((p) => p.rhat));
  const minBulk = bulk.length ? Math.min(...bulk) : null;
  const minTail = tail.length ? Math.min(...tail) : null;
  const medianBulk = median(bulk);
  let worst: number | null = null;
  let worstName: string | null = null;
  let worstSd: number | null = null;
  if (reference) {
    const byName = new Map(reference.parameters.map((p) => [p.name, p]));
    for (const p of s.parameters) {
      const r = byName.get(p.name);
      if (!r || p.mean === null || r.mean === null) continue;
      const self = r === p;
      const se = Math.sqrt((p.mcse_mean ?? 0) ** 2 + (self ? 0 : (r.mcse_mean ?? 0) ** 2));
      const diff = Math.abs(p.mean - r.mean);
      const z = diff === 0 ? 0 : se > 0 ? diff / se : Infinity;
      if (worst === null || z > worst) {
        worst = z;
        worstName = p.name;
      }
      if (p.sd !== null && r.sd !== null) {
        const seSd = Math.sqrt((p.mcse_sd ?? 0) ** 2 + (self ? 0 : (r.mcse_sd ?? 0) ** 2));
        const dSd = Math.abs(p.sd - r.sd);
        const zSd = dSd === 0 ? 0 : dSd / (seSd + 0.05 * Math.abs(r.sd) || Infinity);
        if (worstSd === null || zSd > worstSd) worstSd = zSd;
      }
    }
  }
  const per = (ess: number | null, denominator: number, scale: number): number | null =>
    ess === null || !(denominator > 0) ? null : (scale * ess) / denominator;
  return {
    sampler,
    exactness: findSampler(sampler)?.exactness ?? 'unknown',
    seconds,
    gradient_evaluations: gradients,
    warmup_gradient_evaluations: warmupGradients,
    min_ess_bulk: minBulk,
    min_ess_tail: minTail,
    median_ess_bulk: medianBulk,
    ess_bulk_per_second: per(minBulk, seconds, 1),
    ess_tail_per_second: per(minTail, seconds, 1),
    ess_bulk_per_1000_gradients: per(minBulk, gradients, 1000),
    ess_tail_per_1000_gradients: per(minTail, gradients, 1000),
    ess_bulk_per_1000_sampling_gradients: per(minBulk, samplingGradients, 1000),
    ess_tail_per_1000_sampling_gradients: per(minTail, samplingGradients, 1000),
    median_ess_bulk_per_1000_gradients: per(medianBulk, gradients, 1000),
    median_ess_bulk_per_1000_sampling_gradients: per(medianBulk, samplingGradients, 1000),
    max_rhat: rhat.length ? Math.max(...rhat) : null,
    acceptance_rate: s.chain_info.reduce((a, c) => a + c.acceptance_rate, 0) / Math.max(1, s.chain_info.length),
    max_mean_difference_in_mcse: worst,
    max_mean_difference_parameter: worstName,
    max_sd_difference: worstSd,
    agrees:
      worst === null ? null : worst <= 4 && (worstSd ?? 0) <= 4 && (rhat.length === 0 || Math.max(...rhat) <= 1.01),
    warnings: s.warnings,
  };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
