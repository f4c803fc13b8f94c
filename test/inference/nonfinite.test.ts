/**
 * Numerical blow-ups are detected, counted and reported, never kept: a
 * model whose log density is NaN on part of the space keeps sampling, the
 * run counts the divergent proposals, and no draw is non-finite.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';

const source = `
parameters { real x; }
model {
  // NaN to the right of 1.5: every proposal landing there is a divergence.
  target += x < 1.5 ? normal_lpdf(x | 0, 1) : not_a_number();
}`;

describe('non-finite log densities', () => {
  it.each(['lmc', 'mala'] as const)('%s keeps going, counts and reports them', async (sampler) => {
    const model = await compile(source);
    const fit = await sampleModel(model, { sampler, chains: 4, warmup: 200, draws: 2000, seed: 2, stepSize: 0.5 });
    const divergences = fit.summary.chain_info.reduce((a, c) => a + c.divergences, 0);
    expect(divergences).toBeGreaterThan(0);
    expect(fit.summary.warnings.join('\n')).toMatch(/non-finite/);
    for (const value of fit.outputs) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeLessThan(1.5);
    }
    expect(fit.draws).toBe(2000);
  });
});
