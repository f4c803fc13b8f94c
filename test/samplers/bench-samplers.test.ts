/**
 * bench:samplers's sampler list: `name` or `name:metric` entries, checked
 * against the registry, and the table that prints them.
 */
import { describe, expect, it } from 'vitest';
import { benchSamplers, parseBenchSampler } from '../../bench/samplers/samplers.js';
import { geometricMean, posteriorTable } from '../../bench/samplers/table.js';
import type { PosteriorRun } from '../../bench/samplers/posteriors.js';

describe('bench:samplers entries', () => {
  it('parses name:metric and checks both against the registry', () => {
    expect(parseBenchSampler('mams:dense')).toEqual({ sampler: 'mams', metric: 'dense' });
    expect(parseBenchSampler('nuts')).toEqual({ sampler: 'nuts', metric: undefined });
    expect(benchSamplers(['nuts:dense', 'mams'])).toEqual(['nuts:dense', 'mams']);
    expect(() => benchSamplers(['mala:dense'])).toThrow(/mala takes no metric 'dense'/);
    expect(() => benchSamplers(['annealed'])).toThrow(/unknown sampler 'annealed'/);
    expect(benchSamplers([])).not.toContain('annealed');
  });

  it('prints one column per entry, wide enough for its label, with the geometric mean', () => {
    const run = (sampler: string, essPer1000: number): PosteriorRun => ({
      posterior: 'p',
      sampler,
      agrees: true,
      worst: 'x mean',
      worstRatio: 0.1,
      minEssBulk: 100,
      gradients: 1000,
      essPer1000,
      maxRhat: 1,
      divergences: 0,
      seconds: 1,
    });
    const table = posteriorTable([run('mams:diag-var', 2), run('nuts', 8)], ['mams:diag-var', 'nuts'], {
      chains: 4,
      warmup: 10,
      draws: 10,
      seed: 1,
    });
    const header = table.split('\n')[1]!;
    expect(header).toMatch(/ mams:diag-var +nuts$/);
    expect(table).toContain('✓ 2.00');
    expect(geometricMean([2, 8])).toBeCloseTo(4, 12);
    expect(geometricMean([2, 0])).toBe(0);
  });
});
