/**
 * The seed's section 1 through the whole pipeline: ULA with a fixed step η
 * on N(0, σ²) is stationary at σ²/(1 − η/(2σ²)), not σ²; MALA removes the
 * bias. Many independent chains, identity metric, a burn-in discarded by
 * hand. The estimate is E[x²] (the stationary mean is 0 for both), its
 * MCSE the spread of the per-chain estimates over √chains, with an ESS
 * floor (test/inference/monte-carlo.ts).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';
import { acrossChains, Z } from './monte-carlo.js';

const sigma = 2;
const eta = 1;
const source = `parameters { real x; } model { x ~ normal(0, ${sigma}); }`;
const s2 = sigma * sigma;
const target = s2 / (1 - eta / (2 * s2));
/** The ESS of E[x²] must reach this (of 500 × 400 draws kept). */
const ESS_FLOOR = 5000;

async function secondMoment(sampler: 'lmc' | 'mala') {
  const model = await compile(source);
  const chains = 500;
  const draws = 600;
  const burn = 200;
  const fit = await sampleModel(model, { sampler, chains, warmup: 0, draws, seed: 7, stepSize: eta });
  const perChain: number[] = [];
  for (let c = 0; c < chains; c++) {
    let sumSq = 0;
    for (let t = burn; t < draws; t++) sumSq += fit.outputs[c * draws + t]! ** 2;
    perChain.push(sumSq / (draws - burn));
  }
  // One iid draw of x² ~ v·χ²₁ has variance 2v²; v is about target for lmc, s2 for mala.
  const v = sampler === 'lmc' ? target : s2;
  const result = acrossChains(perChain, 2 * v * v);
  expect(result.ess, `${sampler}: ESS of E[x²]`).toBeGreaterThan(ESS_FLOOR);
  return result;
}

describe('ULA bias on a Gaussian', () => {
  it('lmc reaches σ²/(1 − η/(2σ²)), not σ²', async () => {
    const { estimate, mcse } = await secondMoment('lmc');
    expect(Math.abs(estimate - target), `E[x²] ${estimate} ± ${mcse} vs ${target}`).toBeLessThan(Z * mcse);
    expect(Math.abs(estimate - s2)).toBeGreaterThan(Z * mcse);
  });

  it('mala reaches σ²', async () => {
    const { estimate, mcse } = await secondMoment('mala');
    expect(Math.abs(estimate - s2), `E[x²] ${estimate} ± ${mcse} vs ${s2}`).toBeLessThan(Z * mcse);
    expect(Math.abs(estimate - target)).toBeGreaterThan(Z * mcse);
  });
});
