/**
 * The samplers the benchmark runs: every sampler the library can run on a
 * posterior (the annealed sampler draws particles from a score, not a
 * chain, and is left out), or the subset asked for. An entry is a sampler
 * name with its default metric, or `name:metric` (`nuts:dense`,
 * `mams:low-rank`) for another metric the sampler accepts.
 */
import { SAMPLER_NAMES } from '../../src/inference/types.js';
import { samplerSpec } from '../../src/samplers/registry.js';
import type { MetricKind } from '../../src/samplers/metric.js';

export function benchSamplers(requested: string[]): string[] {
  const all: string[] = SAMPLER_NAMES.filter((name) => name !== 'annealed');
  for (const entry of requested) {
    const { sampler, metric } = parseBenchSampler(entry);
    if (!all.includes(sampler)) throw new Error(`unknown sampler '${sampler}' (expected one of ${all.join(', ')})`);
    const metrics = samplerSpec(sampler).metrics;
    if (metric !== undefined && !metrics.includes(metric)) {
      throw new Error(`${sampler} takes no metric '${metric}' (one of ${metrics.join(', ') || 'none'})`);
    }
  }
  return requested.length > 0 ? requested : all;
}

/** `mams:dense` → { sampler: 'mams', metric: 'dense' }; `nuts` → its default metric (undefined). */
export function parseBenchSampler(entry: string): { sampler: string; metric?: MetricKind } {
  const [sampler, metric] = entry.split(':');
  return { sampler: sampler!, metric: metric as MetricKind | undefined };
}
