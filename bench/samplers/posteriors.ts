/**
 * One sampler (`name` or `name:metric`) on one posteriordb posterior: compile, sample (4 chains ×
 * 1000 draws after 1000 warm-up by default), compare with the reference,
 * and count gradients (warm-up included) for min bulk ESS per 1000 gradients.
 */
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';
import type { SampleModelOptions } from '../../src/inference/types.js';
import { agreement, minBulkEss, type Agreement } from './agreement.js';
import type { BenchPosterior } from './fixtures.js';
import { parseBenchSampler } from './samplers.js';

export interface RunSettings {
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
}

export interface PosteriorRun extends Agreement {
  posterior: string;
  sampler: string;
  minEssBulk: number | null;
  /** Gradient evaluations summed over chains, warm-up included. */
  gradients: number;
  /** min bulk ESS per 1000 gradients (0 when the ESS is undefined). */
  essPer1000: number;
  maxRhat: number | null;
  divergences: number;
  seconds: number;
  error?: string;
}

export async function runPosterior(
  posterior: BenchPosterior,
  sampler: string,
  settings: RunSettings,
): Promise<PosteriorRun> {
  const start = performance.now();
  const base = { posterior: posterior.name, sampler };
  try {
    const model = await compile(posterior.source, { data: posterior.data, name: posterior.name, backend: 'f64' });
    const { sampler: name, metric } = parseBenchSampler(sampler);
    const fit = await sampleModel(model, { ...settings, sampler: name as SampleModelOptions['sampler'], metric });
    model.dispose();
    const summary = fit.summary;
    const gradients = summary.chain_info.reduce((sum, c) => sum + c.gradient_evaluations, 0);
    const ess = minBulkEss(summary.parameters, posterior.reference);
    const names = new Set(posterior.reference.map((r) => r.name));
    let maxRhat: number | null = 0;
    for (const p of summary.parameters) {
      if (!names.has(p.name)) continue;
      maxRhat = p.rhat === null || maxRhat === null ? null : Math.max(maxRhat, p.rhat);
    }
    return {
      ...base,
      ...agreement(summary.parameters, posterior.reference),
      minEssBulk: ess,
      gradients,
      essPer1000: ess === null || gradients === 0 ? 0 : (1000 * ess) / gradients,
      maxRhat,
      divergences: summary.chain_info.reduce((sum, c) => sum + c.divergences, 0),
      seconds: (performance.now() - start) / 1000,
    };
  } catch (error) {
    return {
      ...base,
      agrees: false,
      worst: 'error',
      worstRatio: Infinity,
      minEssBulk: null,
      gradients: 0,
      essPer1000: 0,
      maxRhat: null,
      divergences: 0,
      seconds: (performance.now() - start) / 1000,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
