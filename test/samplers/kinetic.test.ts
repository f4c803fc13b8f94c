/**
 * Kinetic Langevin kernels leave their targets invariant, to Monte Carlo
 * error: uld (BAOAB, unadjusted) to its derived step-size law on N(0, σ²)
 * (Var x = σ² exactly, Var p = 1 − h²/(4σ²); docs/theory.md), malt and the
 * adjusted one-step scheme uld warms up with (GHMC) exactly. Many short
 * independent chains: the per-chain averages are independent, so their
 * spread gives an exact standard error.
 */
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/random/streams.js';
import type { KineticState } from '../../src/samplers/kinetic.js';
import { createKernel, sample } from '../../src/samplers/run.js';
import type { SampleOptions } from '../../src/samplers/types.js';
import { denseGaussian, diagonalGaussian } from './potentials.js';

/** Mean over chains of per-chain averages of f, and its standard error. */
function chainAverage(values: Float64Array, chains: number, per: number, burn: number) {
  const averages = new Float64Array(chains);
  for (let c = 0; c < chains; c++) {
    let s = 0;
    for (let t = burn; t < per; t++) s += values[c * per + t]!;
    averages[c] = s / (per - burn);
  }
  let m = 0;
  for (const a of averages) m += a / chains;
  let v = 0;
  for (const a of averages) v += (a - m) ** 2 / (chains - 1);
  return { mean: m, se: Math.sqrt(v / chains) };
}

describe('uld (BAOAB) on N(0, σ²): Var x = σ², Var p = 1 − h²/(4σ²)', () => {
  const sigma = 2;
  const h = 2; // h/σ = 1: a large step, far from the continuous-time limit
  const chains = 200;
  const draws = 1200;
  const burn = 200;
  it('matches the derived stationary law to 4 standard errors (and rejects the alternatives)', () => {
    const x2 = new Float64Array(chains * draws);
    const p2 = new Float64Array(chains * draws);
    sample(diagonalGaussian([sigma * sigma]), {
      sampler: 'uld',
      chains,
      warmup: 0,
      draws,
      seed: 5,
      stepSize: h,
      metric: 'unit',
      onDraw: (event) => {
        const state = event.state as KineticState;
        for (let c = 0; c < chains; c++) {
          x2[c * draws + event.iteration] = state.position[c]! ** 2;
          p2[c * draws + event.iteration] = state.momentum[c]! ** 2;
        }
      },
    });
    const x = chainAverage(x2, chains, draws, burn);
    const p = chainAverage(p2, chains, draws, burn);
    expect(Math.abs(x.mean - sigma * sigma), `Var x ${x.mean} ± ${x.se}`).toBeLessThan(4 * x.se);
    const pTarget = 1 - (h * h) / (4 * sigma * sigma);
    expect(Math.abs(p.mean - pTarget), `Var p ${p.mean} ± ${p.se}`).toBeLessThan(4 * p.se);
    // the test can tell: OBABO's σ²/(1 − h²/(4σ²)) and an exact momentum are both far off
    expect(Math.abs(x.mean - (sigma * sigma) / pTarget)).toBeGreaterThan(8 * x.se);
    expect(Math.abs(p.mean - 1)).toBeGreaterThan(8 * p.se);
  });
});

describe('adjusted kinetic kernels are exact', () => {
  // correlated 2-d Gaussian: covariance [[1, 1.8], [1.8, 4]]
  const det = 4 - 1.8 * 1.8;
  const target = denseGaussian(
    [1, -1],
    [
      [4 / det, -1.8 / det],
      [-1.8 / det, 1 / det],
    ],
  );
  const truth = { mean: [1, -1], variance: [1, 4] };
  const chains = 100;
  const draws = 600;
  const burn = 100;

  function check(draws2: Float64Array, perChain: number): void {
    for (let i = 0; i < 2; i++) {
      const xs = new Float64Array(chains * perChain);
      const sq = new Float64Array(chains * perChain);
      for (let k = 0; k < chains * perChain; k++) {
        xs[k] = draws2[k * 2 + i]!;
        sq[k] = (draws2[k * 2 + i]! - truth.mean[i]!) ** 2;
      }
      const m = chainAverage(xs, chains, perChain, burn);
      const v = chainAverage(sq, chains, perChain, burn);
      expect(Math.abs(m.mean - truth.mean[i]!), `mean x${i + 1} ${m.mean} ± ${m.se}`).toBeLessThan(4 * m.se);
      expect(Math.abs(v.mean - truth.variance[i]!), `var x${i + 1} ${v.mean} ± ${v.se}`).toBeLessThan(4 * v.se);
    }
  }

  it('malt with a large fixed step (unit metric, 3 steps per trajectory)', () => {
    const result = sample(target, {
      sampler: 'malt',
      chains,
      warmup: 0,
      draws,
      seed: 6,
      stepSize: 0.6,
      metric: 'unit',
      samplerOptions: { steps: 3, gamma: 0.5 },
    });
    const accept = result.chainInfo.reduce((s, c) => s + c.acceptanceRate, 0) / chains;
    expect(accept).toBeGreaterThan(0.3);
    expect(accept).toBeLessThan(0.95); // rejections happen: the test exercises the MH step
    check(result.draws, result.keptDraws);
  });

  it('malt with an adapted dense metric', () => {
    const result = sample(target, { sampler: 'malt', chains, warmup: 300, draws, seed: 8, metric: 'dense' });
    expect(result.chainInfo[0]!.denseInvMetric).toBeDefined();
    check(result.draws, result.keptDraws);
  });

  it("GHMC (uld's warm-up kernel: one OBABO step, momentum kept, flipped on rejection)", () => {
    const options: SampleOptions = { sampler: 'uld', chains, warmup: 0, draws, seed: 7 };
    const kernel = createKernel(target, options, true);
    const streams = createStreams(7, chains);
    const params = { stepSize: new Float64Array(chains).fill(0.5), invMetric: new Float64Array(2).fill(1) };
    let state = kernel.init(new Float64Array(chains * 2));
    const out = new Float64Array(chains * draws * 2);
    let accepted = 0;
    for (let t = 0; t < draws; t++) {
      const result = kernel.step(state, streams, params);
      state = result.state;
      for (let c = 0; c < chains; c++) {
        out[(c * draws + t) * 2] = state.position[c * 2]!;
        out[(c * draws + t) * 2 + 1] = state.position[c * 2 + 1]!;
        accepted += result.info.accepted[c]!;
      }
    }
    expect(accepted / (chains * draws)).toBeLessThan(0.95);
    check(out, draws);
  });
});
