/**
 * Posterior ground truth through the whole pipeline (parse → check → lower
 * → f64 → sampler → diagnostics): reference posterior means and standard
 * deviations (posteriordb / long Stan runs) must lie within 4 Monte Carlo
 * standard errors of ours, at fixed seeds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';
import type { ParameterSummary } from '../../src/io/summary-json.js';

const models = new URL('../../examples/models/', import.meta.url).pathname;
const load = (name: string) => ({
  source: readFileSync(`${models}${name}.stan`, 'utf8'),
  data: JSON.parse(readFileSync(`${models}${name}.data.json`, 'utf8')),
});

function expectWithin(p: ParameterSummary | undefined, mean: number, sd: number): void {
  expect(p).toBeDefined();
  const row = p!;
  // Reference values are given to 3 significant digits: allow for that rounding too.
  const meanTolerance = 4 * row.mcse_mean! + 0.005 * Math.abs(mean);
  const sdTolerance = 4 * row.mcse_sd! + 0.005 * sd;
  expect(Math.abs(row.mean! - mean), `${row.name} mean ${row.mean} vs ${mean} (MCSE ${row.mcse_mean})`).toBeLessThan(meanTolerance);
  expect(Math.abs(row.sd! - sd), `${row.name} sd ${row.sd} vs ${sd} (MCSE ${row.mcse_sd})`).toBeLessThan(sdTolerance);
}

describe('posterior ground truth', () => {
  it('eight schools (non-centred) with MALA: mu 4.41 (3.31), tau 3.60 (3.20)', async () => {
    const { source, data } = load('eight_schools_noncentered');
    const model = await compile(source, { data });
    const fit = await sampleModel(model, { sampler: 'mala', chains: 4, warmup: 1000, draws: 2000, seed: 11 });
    const byName = new Map(fit.summary.parameters.map((p) => [p.name, p]));
    expectWithin(byName.get('mu'), 4.41, 3.31);
    expectWithin(byName.get('tau'), 3.6, 3.2);
    expect(fit.summary.chain_info.every((c) => c.divergences === 0)).toBe(true);
  });

  it('kidiq regression with MALA and the adapted preconditioner', async () => {
    const { source, data } = load('kidiq');
    const model = await compile(source, { data });
    const fit = await sampleModel(model, { sampler: 'mala', chains: 4, warmup: 2000, draws: 10000, seed: 5 });
    const byName = new Map(fit.summary.parameters.map((p) => [p.name, p]));
    expectWithin(byName.get('beta[1]'), 25.9, 6.0);
    expectWithin(byName.get('beta[2]'), 0.609, 0.059);
    expectWithin(byName.get('sigma'), 18.28, 0.62);
    // Without the metric the scales differ by 100×: the adapted inverse metric must reflect that.
    const metric = fit.adaptation[0]!.invMetric;
    expect(metric[0]! / metric[1]!).toBeGreaterThan(1000);
  });
});
