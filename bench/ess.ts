/**
 * mala's ESS bulk per second with the library's defaults (4 chains, 1000
 * warm-up, 1000 draws, seed 1) on the backend `auto` picks: the minimum ESS
 * bulk over every reported quantity (parameters and transformed
 * parameters), per second of sampling alone and per second end to end
 * (compile + warm-up + sampling).
 */
import { compile } from '../src/compile/compile.js';
import { sampleModel } from '../src/inference/sample-model.js';
import type { BackendName } from '../src/model/types.js';
import type { BenchModel } from './models.js';

export interface EssResult {
  backend: BackendName;
  min_ess_bulk: number;
  compile_seconds: number;
  warmup_seconds: number;
  sampling_seconds: number;
  ess_bulk_per_second_sampling: number;
  ess_bulk_per_second_end_to_end: number;
  /** Every chain's gradients, warm-up included (nuts: its leapfrogs). */
  gradient_evaluations?: number;
  sampler?: string;
}

export function malaEss(bench: BenchModel, backend: BackendName): Promise<EssResult> {
  return samplerEss(bench, backend, 'mala');
}

/** The same measurement for any registered sampler (bench:peers runs nuts beside Stan's). */
export async function samplerEss(bench: BenchModel, backend: BackendName, sampler: string): Promise<EssResult> {
  const t0 = performance.now();
  const model = await compile(bench.source, { data: bench.data, backend, file: bench.file });
  const compileSeconds = (performance.now() - t0) / 1000;
  const fit = await sampleModel(model, { sampler, chains: 4, warmup: 1000, draws: 1000, seed: 1 });
  model.dispose();
  let minEss = Infinity;
  for (const p of fit.summary.parameters) {
    if (p.ess_bulk !== null && Number.isFinite(p.ess_bulk)) minEss = Math.min(minEss, p.ess_bulk);
  }
  const { warmup_seconds: warmup, sampling_seconds: sampling } = fit.summary.timing;
  const round = (v: number, digits = 3) => Number(v.toFixed(digits));
  return {
    backend,
    min_ess_bulk: round(minEss, 1),
    compile_seconds: round(compileSeconds, 4),
    warmup_seconds: round(warmup, 4),
    sampling_seconds: round(sampling, 4),
    ess_bulk_per_second_sampling: round(minEss / sampling, 1),
    ess_bulk_per_second_end_to_end: round(minEss / (compileSeconds + warmup + sampling), 1),
    ...(sampler === 'mala'
      ? {}
      : { sampler, gradient_evaluations: fit.summary.chain_info.reduce((a, c) => a + c.gradient_evaluations, 0) }),
  };
}
