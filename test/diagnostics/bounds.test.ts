/** The Vempala–Wibisono and Eyring–Kramers formulas, and Kramers against a simulation. */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { doubleWellKramers, eyringKramers, formatBound, vempalaWibisono } from '../../src/diagnostics/bounds.js';
import { LangevinError } from '../../src/errors.js';

describe('Vempala–Wibisono', () => {
  it('takes the accuracy step when ε is small, making the bias ε/2', () => {
    const b = vempalaWibisono({ L: 2, alpha: 0.5, dim: 10, eps: 0.1, kl0: 50 });
    expect(b.stepSizeSmoothness).toBeCloseTo(0.5 / 16, 15);
    expect(b.stepSizeAccuracy).toBeCloseTo((0.1 * 0.5) / (16 * 10 * 4), 15);
    expect(b.stepSize).toBe(b.stepSizeAccuracy);
    expect(b.asymptoticBias).toBeCloseTo(0.05, 14);
    const k = Math.ceil(Math.log(1000) / (0.5 * b.stepSize));
    expect(b.iterations).toBe(k);
    expect(b.diffusionTime).toBeCloseTo(k * b.stepSize, 12);
    expect(b.klBound!).toBeLessThanOrEqual(0.1 + 1e-15);
    expect(b.contraction).toBeCloseTo(Math.exp(-0.5 * b.stepSize), 15);
  });
  it('takes the smoothness step when ε is large', () => {
    const b = vempalaWibisono({ L: 1, alpha: 1, dim: 1, eps: 10 });
    expect(b.stepSize).toBe(0.25);
    expect(b.asymptoticBias).toBe(2);
    expect(b.iterations).toBeUndefined();
    expect(b.notes.join(' ')).toMatch(/--kl0/);
  });
  it('needs no iterations when KL0 ≤ ε/2 and rejects bad input', () => {
    expect(vempalaWibisono({ L: 1, alpha: 1, dim: 2, eps: 1, kl0: 0.4 }).iterations).toBe(0);
    expect(() => vempalaWibisono({ L: -1, alpha: 1, dim: 2, eps: 1 })).toThrow(LangevinError);
    expect(() => vempalaWibisono({ L: 1, alpha: 1, dim: 2.5, eps: 1 })).toThrow(/--dim/);
    expect(vempalaWibisono({ L: 1, alpha: 2, dim: 1, eps: 1 }).notes.join(' ')).toMatch(/inconsistent/);
  });
  it('formats a table', () => {
    const text = formatBound(vempalaWibisono({ L: 2, alpha: 0.5, dim: 10, eps: 0.1, kl0: 50 }));
    expect(text).toMatch(/^Vempala–Wibisono bound/);
    expect(text).toMatch(/step size eta\s+7\.813e-5/);
    expect(text).toMatch(/KL decay per step\s+3\.906e-5/);
    expect(text).toMatch(/iterations k\s+\d+/);
  });
});

describe('Eyring–Kramers', () => {
  it('gives ≈ 1.111 e^β for the (x² − 1)² double well', () => {
    const e = doubleWellKramers(4, 0.01);
    expect(e.prefactor).toBeCloseTo((2 * Math.PI) / Math.sqrt(32), 15);
    expect(e.meanExitTime / Math.exp(4)).toBeCloseTo(1.1107, 4);
    expect(e.meanExitSteps).toBeCloseTo(e.meanExitTime / 0.01, 8);
    expect(formatBound(e)).toMatch(/mean exit time/);
    expect(() => eyringKramers({ fMin: 0, fSaddle: 1, curvatureMin: 8, curvatureSaddle: 4, beta: 1 })).toThrow(
      /negative/,
    );
  });

  it('predicts the mean passage time of simulated LMC-β on the double well', () => {
    // 400 walkers start at −1 and run x ← x − η f′(x) + √(2η/β) ξ until x ≥ 1
    // (over the saddle and into the other well).
    const beta = 5;
    const eta = 0.005;
    const walkers = 300;
    const predicted = doubleWellKramers(beta).meanExitTime;
    const noise = Math.sqrt((2 * eta) / beta);
    const rng = seedrandom('kramers');
    let total = 0;
    for (let w = 0; w < walkers; w++) {
      let x = -1;
      let steps = 0;
      while (x < 1) {
        // Box–Muller, two steps per pair of uniforms.
        const r = Math.sqrt(-2 * Math.log(1 - rng()));
        const a = 2 * Math.PI * rng();
        x = x - eta * 4 * x * (x * x - 1) + noise * r * Math.cos(a);
        x = x - eta * 4 * x * (x * x - 1) + noise * r * Math.sin(a);
        steps += 2;
      }
      total += steps * eta;
    }
    const observed = total / walkers;
    // Kramers' law is asymptotic in β: at β·ΔF = 5 the true mean is about 13% longer
    // (2000 walkers gave 1.13 × the prediction). Exit times are near exponential, so the
    // mean of 300 has sd ≈ 6%. A wrong prefactor (×2) or exponent (e^{β/2}) fails.
    expect(observed / predicted).toBeGreaterThan(0.9);
    expect(observed / predicted).toBeLessThan(1.4);
  });
});
