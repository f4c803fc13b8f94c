/**
 * Statistical checks of the kernels against closed forms (docs/math.md), with
 * tolerances from the Monte Carlo error of each estimate.
 */
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/random/index.js';
import { lmcKernel } from '../../src/samplers/lmc.js';
import { sample } from '../../src/samplers/run.js';
import { denseGaussian, diagonalGaussian } from './potentials.js';

const sigma2 = 1;
const eta = 0.2;
const chains = 2000;
const burnIn = 100;
const kept = 200;

/** Per-chain mean of x² over draws burnIn…: its spread across independent chains gives the MC error. */
function secondMoments(draws: Float64Array, perChain: number): Float64Array {
  const out = new Float64Array(chains);
  for (let c = 0; c < chains; c++) {
    let s = 0;
    for (let k = burnIn; k < perChain; k++) s += draws[c * perChain + k] ** 2;
    out[c] = s / (perChain - burnIn);
  }
  return out;
}

function meanAndSe(values: Float64Array): { mean: number; se: number } {
  let s = 0;
  for (const v of values) s += v;
  const mean = s / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (values.length - 1) / values.length) };
}

describe('lmc (ULA) on N(0, σ²) with a fixed step size', () => {
  it('has stationary variance σ²/(1 − η/(2σ²)), not σ²', () => {
    const result = sample(diagonalGaussian([sigma2]), {
      sampler: 'lmc',
      chains,
      warmup: 0,
      draws: burnIn + kept,
      seed: 11,
      stepSize: eta,
    });
    const expected = sigma2 / (1 - eta / (2 * sigma2));
    const { mean, se } = meanAndSe(secondMoments(result.draws, burnIn + kept));
    // Theory for the SE: x² of an AR(1) with ρ = 1 − η/σ² has lag correlations ρ^{2k}.
    const rho = 1 - eta / sigma2;
    const theorySe = expected * Math.sqrt((2 * (1 + rho * rho)) / (1 - rho * rho) / (chains * kept));
    expect(se).toBeGreaterThan(0.7 * theorySe);
    expect(se).toBeLessThan(1.3 * theorySe);
    expect(Math.abs(mean - expected)).toBeLessThan(4 * theorySe);
    // …and the bias is detectable: σ² itself is far outside the error bars.
    expect(Math.abs(mean - sigma2)).toBeGreaterThan(10 * theorySe);
    expect(result.chainInfo.every((c) => c.acceptanceRate === 1 && c.divergences === 0)).toBe(true);
  });
});

describe('mala on N(0, σ²) with the same step size', () => {
  it('has stationary variance σ²', () => {
    const result = sample(diagonalGaussian([sigma2]), {
      sampler: 'mala',
      chains,
      warmup: 0,
      draws: burnIn + kept,
      seed: 12,
      stepSize: eta,
    });
    const { mean, se } = meanAndSe(secondMoments(result.draws, burnIn + kept));
    expect(Math.abs(mean - sigma2)).toBeLessThan(4 * se);
    const biased = sigma2 / (1 - eta / (2 * sigma2));
    expect(Math.abs(mean - biased)).toBeGreaterThan(10 * se);
    const rate = result.chainInfo.reduce((s, c) => s + c.acceptanceRate, 0) / chains;
    expect(rate).toBeGreaterThan(0.9);
    expect(rate).toBeLessThan(1);
  });
});

describe('lmc on a correlated 2-d Gaussian', () => {
  const m = [1, -2];
  const cov = [
    [1, 0.6],
    [0.6, 2],
  ];
  const det = cov[0][0] * cov[1][1] - cov[0][1] ** 2;
  const precision = [
    [cov[1][1] / det, -cov[0][1] / det],
    [-cov[1][0] / det, cov[0][0] / det],
  ];
  const n = 20000;
  const steps = 8;
  const start = [3, 1];

  /** The exact ULA recursion of docs/math.md, with a diagonal metric M: A = I − ηMP. */
  function exactMoments(stepSize: number, metric: number[]): { mu: number[]; S: number[][] } {
    const A = [0, 1].map((i) => [0, 1].map((j) => (i === j ? 1 : 0) - stepSize * metric[i] * precision[i][j]));
    let mu = start.slice();
    let S = [
      [0, 0],
      [0, 0],
    ];
    for (let k = 0; k < steps; k++) {
      mu = [0, 1].map((i) => m[i] + A[i][0] * (mu[0] - m[0]) + A[i][1] * (mu[1] - m[1]));
      const AS = [0, 1].map((i) => [0, 1].map((j) => A[i][0] * S[0][j] + A[i][1] * S[1][j]));
      S = [0, 1].map((i) =>
        [0, 1].map((j) => AS[i][0] * A[j][0] + AS[i][1] * A[j][1] + (i === j ? 2 * stepSize * metric[i] : 0)),
      );
    }
    return { mu, S };
  }

  function checkMoments(positions: Float64Array, mu: number[], S: number[][]): void {
    const mean = [0, 0];
    for (let c = 0; c < n; c++) for (let i = 0; i < 2; i++) mean[i] += positions[c * 2 + i] / n;
    const cov2 = [
      [0, 0],
      [0, 0],
    ];
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          cov2[i][j] += ((positions[c * 2 + i] - mean[i]) * (positions[c * 2 + j] - mean[j])) / (n - 1);
        }
      }
    }
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(mean[i] - mu[i])).toBeLessThan(4 * Math.sqrt(S[i][i] / n));
      for (let j = 0; j < 2; j++) {
        // Var of a Gaussian sample covariance: (S_ii S_jj + S_ij²)/n.
        const se = Math.sqrt((S[i][i] * S[j][j] + S[i][j] ** 2) / n);
        expect(Math.abs(cov2[i][j] - S[i][j])).toBeLessThan(4 * se);
      }
    }
  }

  it('follows μ′ = m + (I − ηP)(μ − m), S′ = (I − ηP)S(I − ηP)ᵀ + 2ηI after k steps', () => {
    const stepSize = 0.15;
    const result = sample(denseGaussian(m, precision), {
      sampler: 'lmc',
      chains: n,
      warmup: 0,
      draws: steps,
      seed: 5,
      stepSize,
      init: Float64Array.from(start),
    });
    const last = new Float64Array(n * 2);
    for (let c = 0; c < n; c++) {
      for (let i = 0; i < 2; i++) last[c * 2 + i] = result.draws[(c * steps + steps - 1) * 2 + i];
    }
    const { mu, S } = exactMoments(stepSize, [1, 1]);
    checkMoments(last, mu, S);
  });

  it('follows the preconditioned recursion with A = I − ηMP and noise 2ηM', () => {
    const stepSize = 0.1;
    const metric = [0.5, 3];
    const potential = denseGaussian(m, precision);
    const kernel = lmcKernel(potential, n);
    const streams = createStreams(9, n);
    const position = new Float64Array(n * 2);
    for (let c = 0; c < n; c++) position.set(start, c * 2);
    let state = kernel.init(position);
    const params = { stepSize: new Float64Array(n).fill(stepSize), invMetric: Float64Array.from(metric) };
    for (let k = 0; k < steps; k++) state = kernel.step(state, streams, params).state;
    const { mu, S } = exactMoments(stepSize, metric);
    checkMoments(state.position, mu, S);
  });
});
