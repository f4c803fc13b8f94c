import { describe, expect, it } from 'vitest';
import { langevinProposal } from '../../src/samplers/langevin-step.js';
import { acceptProbability, malaLogRatio } from '../../src/samplers/mala-ratio.js';

describe('langevinProposal', () => {
  it('computes x + η M ∇ + √(2η/β) M^{1/2} ξ with shared and per-chain metrics', () => {
    const chains = 2;
    const dim = 3;
    const x = Float64Array.from([1, 2, 3, -1, 0, 0.5]);
    const g = Float64Array.from([0.1, -0.2, 0.3, 1, -1, 2]);
    const xi = Float64Array.from([0.5, -1, 2, 0, 1, -0.25]);
    const eta = Float64Array.from([0.1, 0.02]);
    const shared = Float64Array.from([1, 4, 0.25]);
    const perChain = Float64Array.from([1, 4, 0.25, 2, 3, 0.5]);
    const beta = 2.5;
    for (const metric of [shared, perChain]) {
      const out = new Float64Array(chains * dim);
      langevinProposal(x, g, eta, metric, xi, out, chains, dim, beta);
      for (let c = 0; c < chains; c++) {
        for (let i = 0; i < dim; i++) {
          const k = c * dim + i;
          const m = metric.length === dim ? metric[i] : metric[k];
          const expected = x[k] + eta[c] * m * g[k] + Math.sqrt((2 * eta[c]) / beta) * Math.sqrt(m) * xi[k];
          expect(out[k]).toBeCloseTo(expected, 14);
        }
      }
    }
  });

  it('rejects a metric of the wrong length', () => {
    const z = new Float64Array(4);
    expect(() => langevinProposal(z, z, z, new Float64Array(3), z, z, 2, 2)).toThrow(/invMetric/);
  });
});

describe('malaLogRatio', () => {
  /** log N(y; mean, 2η M) with diagonal M, up to the constant common to both directions. */
  function logQ(y: number[], x: number[], grad: number[], eta: number, m: number[]): number {
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const mean = x[i] + eta * m[i] * grad[i];
      s -= (y[i] - mean) ** 2 / (4 * eta * m[i]);
    }
    return s;
  }

  it('equals the textbook log π(x′) − log π(x) + log q(x|x′) − log q(x′|x) with a metric', () => {
    // Target: log π(x) = −Σ x⁴/4 + x sin x (any smooth density will do).
    const logPi = (x: number[]) => x.reduce((s, v) => s - v ** 4 / 4 + v * Math.sin(v), 0);
    const grad = (x: number[]) => x.map((v) => -(v ** 3) + Math.sin(v) + v * Math.cos(v));
    const x = [0.3, -1.2, 0.8];
    const xi = [0.4, -0.7, 1.3];
    const m = [0.5, 2, 1.5];
    for (const eta of [0.3, 0.01, 1e-6]) {
      const g = grad(x);
      const y = x.map((v, i) => v + eta * m[i] * g[i] + Math.sqrt(2 * eta * m[i]) * xi[i]);
      const gy = grad(y);
      const expected = logPi(y) - logPi(x) + logQ(x, y, gy, eta, m) - logQ(y, x, g, eta, m);
      const got = malaLogRatio(
        logPi(x),
        logPi(y),
        Float64Array.from(g),
        Float64Array.from(gy),
        Float64Array.from(xi),
        Float64Array.from(m),
        0,
        0,
        3,
        eta,
        1,
      );
      expect(Math.abs(got - expected)).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected)));
    }
  });

  it('is the MALA ratio of π^β with step η/β for the tempered proposal', () => {
    const beta = 3;
    const logPi = (x: number[]) => x.reduce((s, v) => s - v ** 4 / 4 + v, 0);
    const grad = (x: number[]) => x.map((v) => -(v ** 3) + 1);
    const x = [0.5, -0.2];
    const xi = [0.3, -1.1];
    const m = [1, 0.5];
    const eta = 0.05;
    const g = grad(x);
    const y = x.map((v, i) => v + eta * m[i] * g[i] + Math.sqrt((2 * eta * m[i]) / beta) * xi[i]);
    const gy = grad(y);
    // Tempered target: log π_β = β log π, step η̃ = η/β, gradient β∇.
    const tilde = eta / beta;
    const expected =
      beta * (logPi(y) - logPi(x)) +
      logQ(
        x,
        y,
        gy.map((v) => beta * v),
        tilde,
        m,
      ) -
      logQ(
        y,
        x,
        g.map((v) => beta * v),
        tilde,
        m,
      );
    const got = malaLogRatio(
      logPi(x),
      logPi(y),
      Float64Array.from(g),
      Float64Array.from(gy),
      Float64Array.from(xi),
      Float64Array.from(m),
      0,
      0,
      2,
      eta,
      beta,
    );
    expect(got).toBeCloseTo(expected, 10);
  });

  it('turns NaN and −∞ into probability 0', () => {
    expect(acceptProbability(NaN)).toBe(0);
    expect(acceptProbability(-Infinity)).toBe(0);
    expect(acceptProbability(0.5)).toBe(1);
    expect(acceptProbability(Math.log(0.25))).toBeCloseTo(0.25, 15);
  });
});
