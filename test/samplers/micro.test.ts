/**
 * MCLMC and MAMS on Gaussians: MAMS leaves N(m, diag v) invariant to
 * Monte Carlo error; MCLMC's step-size bias at a fixed (ε, L) matches the
 * law measured by bench/samplers/mclmc-bias.ts; the tuning reaches the
 * authors' targets; same seed, same draws; a one-parameter model falls back
 * to NUTS's transition.
 */
import { describe, expect, it } from 'vitest';
import { essBulk } from '../../src/diagnostics/ess.js';
import { mcseMean } from '../../src/diagnostics/mcse.js';
import { rescaleSteps } from '../../src/samplers/mams.js';
import { sample } from '../../src/samplers/run.js';
import type { SampleResult } from '../../src/samplers/types.js';
import { denseGaussian, diagonalGaussian } from './potentials.js';

/** Coordinate i of the draws (and a transform of it) as a chains × draws matrix. */
function column(result: SampleResult, i: number, f: (x: number) => number = (x) => x) {
  const { chains, keptDraws: draws, dim } = result;
  const values = new Float64Array(chains * draws);
  for (let c = 0; c < chains; c++) {
    for (let t = 0; t < draws; t++) values[c * draws + t] = f(result.draws[(c * draws + t) * dim + i]);
  }
  return { values, chains, draws };
}

const meanOf = (v: Float64Array) => v.reduce((a, b) => a + b, 0) / v.length;

describe('MAMS', () => {
  it('E[n] = L/ε for the jittered number of steps', () => {
    for (const mean of [1.5, 2, 3.7, 10, 42.2]) {
      const r = rescaleSteps(mean);
      const k = Math.floor(r);
      const x = r - k;
      const expected = ((k * (k + 1)) / 2 + (k + 1) * x) / r;
      expect(expected).toBeCloseTo(mean, 10);
    }
  });

  it('leaves a badly scaled Gaussian invariant: means and variances within 4 MCSE', () => {
    const variances = [0.01, 0.3, 1, 4, 25, 100];
    const means = [1, -2, 0.5, 3, -1, 10];
    const result = sample(diagonalGaussian(variances, means), {
      sampler: 'mams',
      chains: 4,
      warmup: 500,
      draws: 1500,
      seed: 3,
    });
    for (let i = 0; i < variances.length; i++) {
      const x = column(result, i);
      expect(essBulk(x)!).toBeGreaterThan(200);
      const mcse = mcseMean(x)!;
      expect(Math.abs(meanOf(x.values) - means[i]) / mcse).toBeLessThan(4);
      const squared = column(result, i, (v) => (v - means[i]) ** 2);
      const mcse2 = mcseMean(squared)!;
      expect(Math.abs(meanOf(squared.values) - variances[i]) / mcse2).toBeLessThan(4);
    }
    const acceptance = result.chainInfo.map((c) => c.meanAcceptStat);
    // dual averaging aims at 0.9; on a Gaussian ε can sit at its cap L/1.1 with a higher rate
    for (const a of acceptance) expect(a).toBeGreaterThan(0.83);
  });
});

describe('MCLMC', () => {
  it('tunes to the energy-variance target and samples a badly scaled Gaussian with small bias', () => {
    const variances = [0.01, 0.3, 1, 4, 25, 100];
    const result = sample(diagonalGaussian(variances), {
      sampler: 'mclmc',
      chains: 4,
      warmup: 1000,
      draws: 2000,
      seed: 5,
    });
    for (let i = 0; i < variances.length; i++) {
      const squared = column(result, i, (v) => v * v);
      const mcse2 = mcseMean(squared)!;
      // the tuned step has Var[ΔE]/d ≈ 5·10⁻⁴: its bias on a Gaussian is far below 2 % of the variance
      expect(Math.abs(meanOf(squared.values) / variances[i] - 1)).toBeLessThan(0.02 + (4 * mcse2) / variances[i]);
    }
    // the preconditioner, from a short warm-up stretch, sees the scales differ (true ratio 10⁴)
    const metric = result.chainInfo[0].invMetric;
    expect(metric[5] / metric[0]).toBeGreaterThan(30);
  });
});

/**
 * A correlated, badly scaled 4-d Gaussian (the shape of a regression's
 * intercept and slope): sds 100, 1, 0.01, 3, corr(x₁, x₂) = −0.995,
 * corr(x₃, x₄) = 0.9. Covariance Σ and its precision in closed form.
 */
function ridgeGaussian(): { potential: ReturnType<typeof denseGaussian>; mean: number[]; cov: number[][] } {
  const sd = [100, 1, 0.01, 3];
  const corr = [
    [1, -0.995, 0, 0],
    [-0.995, 1, 0, 0],
    [0, 0, 1, 0.9],
    [0, 0, 0.9, 1],
  ];
  const cov = corr.map((row, i) => row.map((r, j) => r * sd[i]! * sd[j]!));
  // block-diagonal: invert each 2 × 2 block
  const precision = cov.map((row) => row.map(() => 0));
  for (const [a, b] of [
    [0, 1],
    [2, 3],
  ] as const) {
    const det = cov[a]![a]! * cov[b]![b]! - cov[a]![b]! ** 2;
    precision[a]![a] = cov[b]![b]! / det;
    precision[b]![b] = cov[a]![a]! / det;
    precision[a]![b] = precision[b]![a] = -cov[a]![b]! / det;
  }
  const mean = [-6000, 60, 0.5, -2];
  return { potential: denseGaussian(mean, precision), mean, cov };
}

describe('microcanonical samplers with a dense metric', () => {
  for (const sampler of ['mams', 'mclmc'] as const) {
    it(`${sampler} --metric dense: means and covariances of a correlated, badly scaled Gaussian`, () => {
      const { potential, mean, cov } = ridgeGaussian();
      const result = sample(potential, { sampler, metric: 'dense', chains: 4, warmup: 500, draws: 1000, seed: 11 });
      // the tuned metric found the correlation
      const m = result.chainInfo[0].denseInvMetric!;
      expect(m[1]! / Math.sqrt(m[0]! * m[5]!)).toBeLessThan(-0.95);
      // mclmc's bias at the tuned step (Var[ΔE]/d = 5·10⁻⁴) is below 2 % of a variance (docs/samplers.md)
      const bias = sampler === 'mams' ? 0 : 0.02;
      const columns = [0, 1, 2, 3].map((i) => column(result, i));
      for (let i = 0; i < 4; i++) {
        const x = columns[i]!;
        expect(essBulk(x)!).toBeGreaterThan(300);
        expect(Math.abs(meanOf(x.values) - mean[i]!) / mcseMean(x)!).toBeLessThan(4);
        for (const j of [i, i % 2 === 0 ? i + 1 : i - 1]) {
          const y = columns[j]!.values;
          const product = { ...x, values: x.values.map((v, k) => (v - mean[i]!) * (y[k]! - mean[j]!)) };
          const error = Math.abs(meanOf(product.values) - cov[i]![j]!);
          expect(error).toBeLessThan(4 * mcseMean(product)! + bias * Math.sqrt(cov[i]![i]! * cov[j]![j]!));
        }
      }
    });
  }
});

describe('MCLMC step-size bias', () => {
  it('at ε = 12 on a 100-d standard normal the variance is low by 1.3·10⁻⁴ ε² (bench/samplers/mclmc-bias.ts)', () => {
    const dim = 100;
    const chains = 4;
    const draws = 2500;
    const result = sample(diagonalGaussian(new Array(dim).fill(1)), {
      sampler: 'mclmc',
      chains,
      warmup: 500,
      draws,
      seed: 2,
      stepSize: 12,
      metric: 'unit',
    });
    const values = new Float64Array(chains * draws);
    for (let c = 0; c < chains; c++) {
      for (let t = 0; t < draws; t++) {
        let sum = 0;
        for (let i = 0; i < dim; i++) sum += result.draws[(c * draws + t) * dim + i] ** 2;
        values[c * draws + t] = sum / dim;
      }
    }
    const error = meanOf(values) - 1;
    const mcse = mcseMean({ values, chains, draws })!;
    const predicted = -1.3e-4 * 12 * 12;
    expect(mcse).toBeLessThan(0.002);
    // the measured law holds to 4 MCSE plus 15 % of the bias (its fit spread)
    expect(Math.abs(error - predicted)).toBeLessThan(4 * mcse + 0.15 * Math.abs(predicted));
  });
});

describe('microcanonical samplers', () => {
  for (const sampler of ['mclmc', 'mams'] as const) {
    it(`${sampler}: same seed, identical draws; another seed, different draws`, () => {
      const potential = diagonalGaussian([1, 2, 3]);
      const run = (seed: number) => sample(potential, { sampler, chains: 2, warmup: 60, draws: 40, seed });
      const a = run(7);
      const b = run(7);
      const c = run(8);
      expect(Array.from(a.draws)).toEqual(Array.from(b.draws));
      expect(Array.from(a.draws)).not.toEqual(Array.from(c.draws));
      expect(a.chainInfo[0].gradientEvaluations).toBe(b.chainInfo[0].gradientEvaluations);
    });
  }

  for (const sampler of ['mams', 'mclmc'] as const) {
    it(`${sampler} on a one-parameter model runs NUTS's transition: N(2, 9) to 4 MCSE`, () => {
      const result = sample(diagonalGaussian([9], [2]), { sampler, chains: 4, warmup: 500, draws: 1000, seed: 4 });
      const x = column(result, 0);
      expect(Math.abs(meanOf(x.values) - 2) / mcseMean(x)!).toBeLessThan(4);
      const squared = column(result, 0, (v) => (v - 2) ** 2);
      expect(Math.abs(meanOf(squared.values) - 9) / mcseMean(squared)!).toBeLessThan(4);
      // NUTS's dual averaging toward 0.8 (mams: its 0.9)
      for (const chain of result.chainInfo) expect(chain.meanAcceptStat).toBeGreaterThan(0.7);
    });
  }
});
