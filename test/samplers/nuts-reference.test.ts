/**
 * nuts against Stan's own NUTS (rstan 2.21, 4 × 10000 draws): the committed
 * summaries in test/fixtures/stan-reference/ come from
 * scripts/stan-reference/reference.R. Means must agree within 4 combined
 * MCSE, sds within 4 combined MCSE of the sd (plus Stan's 3-digit-free
 * output: no rounding slack needed); the adapted step size and the mean
 * tree depth must be Stan's within 25%, which catches a warm-up that
 * adapts toward the wrong target or a tree that stops at the wrong time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';
import type { ParameterSummary } from '../../src/io/summary-json.js';
import { sample } from '../../src/samplers/run.js';
import { summarize } from '../../src/diagnostics/summary.js';
import { denseGaussian } from './potentials.js';

interface StanReference {
  stepsize: number;
  treedepth: number;
  n_leapfrog: number;
  parameters: Array<{ name: string; mean: number; sd: number; mcse_mean: number; mcse_sd: number }>;
}

const fixtures = new URL('../fixtures/stan-reference/', import.meta.url).pathname;
const reference = (name: string): StanReference => JSON.parse(readFileSync(`${fixtures}${name}.json`, 'utf8'));

function expectAgreement(ours: ParameterSummary[], stan: StanReference): void {
  const byName = new Map(ours.map((p) => [p.name, p]));
  for (const r of stan.parameters) {
    const p = byName.get(r.name);
    expect(p, r.name).toBeDefined();
    const meanTolerance = 4 * Math.hypot(p!.mcse_mean!, r.mcse_mean);
    const sdTolerance = 4 * Math.hypot(p!.mcse_sd!, r.mcse_sd);
    expect(Math.abs(p!.mean! - r.mean), `${r.name} mean ${p!.mean} vs Stan ${r.mean}`).toBeLessThan(meanTolerance);
    expect(Math.abs(p!.sd! - r.sd), `${r.name} sd ${p!.sd} vs Stan ${r.sd}`).toBeLessThan(sdTolerance);
  }
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
}

describe('nuts matches Stan', () => {
  it('eight schools (non-centred): posterior, step size and tree depth', async () => {
    const source = readFileSync(
      new URL('../../examples/models/eight_schools_noncentered.stan', import.meta.url),
      'utf8',
    );
    const data = JSON.parse(
      readFileSync(new URL('../../examples/models/eight_schools_noncentered.data.json', import.meta.url), 'utf8'),
    );
    const model = await compile(source, { data });
    const fit = await sampleModel(model, { sampler: 'nuts', chains: 4, warmup: 1000, draws: 1000, seed: 2 });
    const stan = reference('eight_schools');
    expectAgreement(fit.summary.parameters, stan);
    const stepSize = mean(fit.summary.chain_info.map((c) => c.step_size));
    expect(stepSize / stan.stepsize).toBeGreaterThan(0.75);
    expect(stepSize / stan.stepsize).toBeLessThan(1.25);
    const depth = mean(fit.columns!.treedepth__!);
    expect(depth / stan.treedepth).toBeGreaterThan(0.75);
    expect(depth / stan.treedepth).toBeLessThan(1.25);
    // CmdStan's columns: treedepth__ counts completed doublings, so n_leapfrog__ lies in
    // [2^depth − 1, 2^(depth+1) − 1] (the last, rejected doubling's leapfrogs are counted)
    const leapfrogs = fit.columns!.n_leapfrog__!;
    fit.columns!.treedepth__!.forEach((d, k) => {
      expect(leapfrogs[k]).toBeGreaterThanOrEqual(2 ** d - 1);
      expect(leapfrogs[k]).toBeLessThanOrEqual(2 ** (d + 1) - 1);
    });
    expect(mean(leapfrogs) / stan.n_leapfrog).toBeGreaterThan(0.75);
    expect(mean(leapfrogs) / stan.n_leapfrog).toBeLessThan(1.25);
  }, 60_000);

  it('2-d correlated Gaussian (sds 1 and 2, correlation 0.9)', () => {
    // covariance [[1, 1.8], [1.8, 4]]
    const det = 1 * 4 - 1.8 * 1.8;
    const precision = [
      [4 / det, -1.8 / det],
      [-1.8 / det, 1 / det],
    ];
    const result = sample(denseGaussian([0, 0], precision), {
      sampler: 'nuts',
      chains: 4,
      warmup: 1000,
      draws: 2500,
      seed: 4,
    });
    const summary = summarize(result.draws, 4, result.keptDraws, ['x[1]', 'x[2]']);
    const stan = reference('gaussian2');
    expectAgreement(summary, stan);
    const depth = mean(result.columns.treedepth__!);
    expect(depth / stan.treedepth).toBeGreaterThan(0.75);
    expect(depth / stan.treedepth).toBeLessThan(1.25);
  });

  it('same seed, same draws; trees are per chain (chain c is the same whatever the chain count)', () => {
    const target = denseGaussian(
      [0, 0],
      [
        [1, 0],
        [0, 1],
      ],
    );
    const options = { sampler: 'nuts', chains: 3, warmup: 100, draws: 100, seed: 9 } as const;
    const a = sample(target, options);
    const b = sample(target, options);
    expect(b.draws).toEqual(a.draws);
    expect(b.columns).toEqual(a.columns);
    const two = sample(target, { ...options, chains: 2 });
    expect(a.draws.slice(0, two.draws.length)).toEqual(two.draws);
  });
});
