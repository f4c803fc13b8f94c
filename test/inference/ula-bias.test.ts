/**
 * The seed's section 1 through the whole pipeline: ULA with a fixed step η
 * on N(0, σ²) is stationary at σ²/(1 − η/(2σ²)), not σ²; MALA removes the
 * bias. Many chains, identity metric, a burn-in discarded by hand.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';

const sigma = 2;
const eta = 1;
const source = `parameters { real x; } model { x ~ normal(0, ${sigma}); }`;

async function stationaryVariance(sampler: 'lmc' | 'mala'): Promise<number> {
  const model = await compile(source);
  const chains = 500;
  const draws = 600;
  const burn = 200;
  const fit = await sampleModel(model, { sampler, chains, warmup: 0, draws, seed: 7, stepSize: eta });
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let c = 0; c < chains; c++) {
    for (let t = burn; t < draws; t++) {
      const x = fit.outputs[c * draws + t]!;
      sum += x;
      sumSq += x * x;
      n++;
    }
  }
  return sumSq / n - (sum / n) ** 2;
}

describe('ULA bias on a Gaussian', () => {
  const s2 = sigma * sigma;
  // Var of the sample variance of an AR(1) with coefficient ρ: 2σ⁴(1+ρ²)/((1−ρ²)n).
  const rho = 1 - eta / s2;
  const n = 500 * 400;
  const target = s2 / (1 - eta / (2 * s2));
  const se = Math.sqrt((2 * target * target * (1 + rho * rho)) / ((1 - rho * rho) * n));

  it('lmc reaches σ²/(1 − η/(2σ²)), not σ²', async () => {
    const v = await stationaryVariance('lmc');
    expect(Math.abs(v - target)).toBeLessThan(4 * se);
    expect(Math.abs(v - s2)).toBeGreaterThan(10 * se);
  });

  it('mala reaches σ²', async () => {
    const v = await stationaryVariance('mala');
    // MALA at this η rejects often, so its chain is more autocorrelated: allow 3× the SE.
    expect(Math.abs(v - s2)).toBeLessThan(12 * se);
    expect(Math.abs(v - target)).toBeGreaterThan(4 * se);
  });
});
