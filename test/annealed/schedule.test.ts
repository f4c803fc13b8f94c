import { describe, expect, it } from 'vitest';
import { LangevinError } from '../../src/errors.js';
import { createStreams } from '../../src/random/streams.js';
import { annealingSchedule, geometricLevels, runAnnealedLangevin } from '../../src/samplers/annealed.js';

describe('annealing schedule', () => {
  it('has geometric levels and η_i = η σ_i²/σ_L², then the noise-0 stage', () => {
    const levels = annealingSchedule({
      sigmaMax: 20,
      sigmaMin: 1,
      levels: 10,
      stepsPerLevel: 100,
      stepSize: 0.05,
      finalSteps: 7,
    });
    expect(levels).toHaveLength(11);
    expect(levels[0]!.sigma).toBe(20);
    expect(levels[9]!.sigma).toBe(1);
    for (let i = 1; i < 10; i++) expect(levels[i]!.sigma / levels[i - 1]!.sigma).toBeCloseTo(20 ** (-1 / 9), 12);
    for (let i = 0; i < 10; i++) expect(levels[i]!.stepSize).toBeCloseTo(0.05 * levels[i]!.sigma ** 2, 12);
    expect(levels[10]).toEqual({ sigma: 0, stepSize: 0.05, steps: 7 });
    expect(geometricLevels(5, 0.5, 1)).toEqual([0.5]);
  });

  it('rejects σ_min ≥ σ_max and L < 1 with a LangevinError', () => {
    expect(() => geometricLevels(1, 1, 3)).toThrow(/sigma-min \(1\) must be smaller than sigma-max \(1\)/);
    expect(() => geometricLevels(1, 2, 3)).toThrow(LangevinError);
    expect(() => geometricLevels(2, 1, 0)).toThrow(/levels must be an integer ≥ 1/);
    expect(() => annealingSchedule({ sigmaMax: 2, sigmaMin: 1, levels: 2, stepsPerLevel: 0, stepSize: 0.1 })).toThrow(
      LangevinError,
    );
  });
});

describe('annealed Langevin dynamics', () => {
  it('ends at the ULA stationary law of the last level on a Gaussian with exact scores', async () => {
    // π = N(0, 1) in 1-d; at noise σ the exact score is −x/(1 + σ²). ULA with step η on
    // N(0, v) has stationary variance v/(1 − η/(2v)); from an (already converged) run of
    // 400 steps at η = 0.2 that is 1/(1 − 0.1) = 1.111.
    const n = 4000;
    const schedule = annealingSchedule({
      sigmaMax: 4,
      sigmaMin: 0.5,
      levels: 4,
      stepsPerLevel: 100,
      stepSize: 0.05,
      finalSteps: 400,
    });
    schedule[schedule.length - 1]!.stepSize = 0.2;
    const init = new Float64Array(n).map((_, i) => -8 + (16 * i) / n);
    const result = await runAnnealedLangevin(
      (x, m, sigma, out) => {
        for (let i = 0; i < m; i++) out[i] = -x[i]! / (1 + sigma * sigma);
      },
      init,
      n,
      1,
      schedule,
      createStreams(3, n),
    );
    let mean = 0;
    let m2 = 0;
    for (const v of result.position) {
      mean += v / n;
      m2 += (v * v) / n;
    }
    const variance = m2 - mean * mean;
    const expected = 1 / (1 - 0.1);
    // Sampling sd of the mean √(v/n) = 0.017 and of the variance v√(2/n) = 0.025: 4 sd.
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(expected / n));
    expect(Math.abs(variance - expected)).toBeLessThan(4 * expected * Math.sqrt(2 / n));
    // Mean squared score at level σ ≈ E[x²]/(1 + σ²)² once equilibrated there.
    expect(result.levels).toHaveLength(5);
    const lastNoisy = result.levels[3]!;
    expect(lastNoisy.sigma).toBe(0.5);
    expect(lastNoisy.meanSquaredScoreNorm).toBeGreaterThan(0.5 / 1.25 ** 1);
    expect(lastNoisy.meanSquaredScoreNorm).toBeLessThan(1.3 / 1.25);
    expect(result.nonFinite).toBe(0);
  });

  it('keeps a particle in place when its score is not finite', async () => {
    const schedule = annealingSchedule({ sigmaMax: 2, sigmaMin: 1, levels: 2, stepsPerLevel: 3, stepSize: 0.1 });
    const result = await runAnnealedLangevin(
      (x, m, _s, out) => {
        for (let i = 0; i < m; i++) out[i] = i === 0 ? NaN : -x[i]!;
      },
      Float64Array.from([1.5, 0]),
      2,
      1,
      schedule,
      createStreams(1, 2),
    );
    expect(result.position[0]).toBe(1.5);
    expect(result.nonFinite).toBe(6);
  });
});
