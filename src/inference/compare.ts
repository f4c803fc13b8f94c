/**
 * Several samplers on one compiled model: the same data, seed and options,
 * one row of cost, efficiency, convergence and agreement per sampler.
 */
import type { SummaryJson } from '../io/summary-json.js';
import type { LangevinModel } from '../model/types.js';
import { sampleModel } from './sample-model.js';
import type { Fit, SampleModelOptions, SamplerName } from './types.js';

export interface ComparisonRow {
  sampler: SamplerName;
  seconds: number;
  gradient_evaluations: number;
  min_ess_bulk: number | null;
  min_ess_tail: number | null;
  ess_bulk_per_second: number | null;
  ess_bulk_per_1000_gradients: number | null;
  max_rhat: number | null;
  acceptance_rate: number;
  /**
   * max over parameters of |mean − mean_ref| / sqrt(mcse² + mcse_ref²): the
   * difference in units of its Monte Carlo standard error (null without a
   * reference; 0 for the reference run itself).
   */
  max_mean_difference_in_mcse: number | null;
  max_mean_difference_parameter: string | null;
}

export interface Comparison {
  runs: Array<{ sampler: SamplerName; fit: Fit }>;
  rows: ComparisonRow[];
  /** 'mala', 'reference' (a --reference file) or 'none'. */
  referenceName: string;
}

export type ProgressFactory = (sampler: SamplerName) => {
  onProgress: (done: number, total: number, phase: string) => void;
  done: () => void;
};

export async function compareSamplers(
  model: LangevinModel,
  runs: SampleModelOptions[],
  reference?: SummaryJson,
  progress?: ProgressFactory,
): Promise<Comparison> {
  const done: Array<{ sampler: SamplerName; fit: Fit }> = [];
  for (const options of runs) {
    const sampler = options.sampler ?? 'mala';
    const bar = progress?.(sampler);
    try {
      const fit = await sampleModel(model, { ...options, onProgress: bar?.onProgress });
      done.push({ sampler, fit });
      if (fit.interrupted) break;
    } finally {
      bar?.done();
    }
  }
  const malaRun = done.find((r) => r.sampler === 'mala');
  const referenceSummary = reference ?? malaRun?.fit.summary;
  const referenceName = reference ? 'reference' : malaRun ? 'mala' : 'none';
  return {
    runs: done,
    rows: done.map((r) => compareRow(r.sampler, r.fit.summary, referenceSummary)),
    referenceName,
  };
}

export function compareRow(sampler: SamplerName, s: SummaryJson, reference?: SummaryJson): ComparisonRow {
  const seconds = s.timing.warmup_seconds + s.timing.sampling_seconds;
  const gradients = s.chain_info.reduce((a, c) => a + c.gradient_evaluations, 0);
  const finite = (xs: Array<number | null>): number[] => xs.filter((x): x is number => x !== null && Number.isFinite(x));
  const bulk = finite(s.parameters.map((p) => p.ess_bulk));
  const tail = finite(s.parameters.map((p) => p.ess_tail));
  const rhat = finite(s.parameters.map((p) => p.rhat));
  const minBulk = bulk.length ? Math.min(...bulk) : null;
  let worst: number | null = null;
  let worstName: string | null = null;
  if (reference) {
    const byName = new Map(reference.parameters.map((p) => [p.name, p]));
    for (const p of s.parameters) {
      const r = byName.get(p.name);
      if (!r || p.mean === null || r.mean === null) continue;
      const se = Math.sqrt((p.mcse_mean ?? 0) ** 2 + (r === p ? 0 : (r.mcse_mean ?? 0) ** 2));
      const diff = Math.abs(p.mean - r.mean);
      const z = diff === 0 ? 0 : se > 0 ? diff / se : Infinity;
      if (worst === null || z > worst) {
        worst = z;
        worstName = p.name;
      }
    }
  }
  return {
    sampler,
    seconds,
    gradient_evaluations: gradients,
    min_ess_bulk: minBulk,
    min_ess_tail: tail.length ? Math.min(...tail) : null,
    ess_bulk_per_second: minBulk === null || seconds <= 0 ? null : minBulk / seconds,
    ess_bulk_per_1000_gradients: minBulk === null || gradients === 0 ? null : (1000 * minBulk) / gradients,
    max_rhat: rhat.length ? Math.max(...rhat) : null,
    acceptance_rate: s.chain_info.reduce((a, c) => a + c.acceptance_rate, 0) / Math.max(1, s.chain_info.length),
    max_mean_difference_in_mcse: worst,
    max_mean_difference_parameter: worstName,
  };
}
