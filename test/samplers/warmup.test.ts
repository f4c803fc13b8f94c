import { describe, expect, it } from 'vitest';
import { DualAveraging } from '../../src/samplers/dual-averaging.js';
import { metricWindows } from '../../src/samplers/metric-windows.js';
import { sample } from '../../src/samplers/run.js';
import { diagonalGaussian } from './potentials.js';

describe('metricWindows (Stan windowed adaptation)', () => {
  it('gives 75 / 25, 50, 100, 200, 500 / 50 for 1000 warm-up iterations', () => {
    expect(metricWindows(1000)).toEqual({ start: 75, end: 950, updates: [99, 149, 249, 449, 949] });
  });
  it('stretches the last window to the final buffer', () => {
    // 75 + 25 + 50 + 100 = 250 ends at 249; 2000: 25,50,100,200,400 then 1100 to 1949.
    expect(metricWindows(2000).updates).toEqual([99, 149, 249, 449, 849, 1949]);
    expect(metricWindows(150).updates).toEqual([99]);
  });
  it('scales the buffers to 15% / 75% / 10% below 150 iterations and drops the metric below 20', () => {
    expect(metricWindows(100)).toEqual({ start: 15, end: 90, updates: [89] });
    expect(metricWindows(20)).toEqual({ start: 3, end: 18, updates: [17] });
    expect(metricWindows(19).updates).toEqual([]);
    expect(metricWindows(0).updates).toEqual([]);
  });
});

describe('DualAveraging', () => {
  it('finds the step size whose acceptance is the target', () => {
    // A deterministic acceptance curve a(η) = exp(−η): target 0.574 at η = −log 0.574.
    const da = new DualAveraging(1);
    const stepSize = Float64Array.of(0.01);
    da.restart(stepSize);
    const accept = new Float64Array(1);
    for (let t = 0; t < 3000; t++) {
      accept[0] = Math.exp(-stepSize[0]);
      da.learn(accept, stepSize);
    }
    da.finalStepSize(stepSize);
    expect(stepSize[0]).toBeCloseTo(-Math.log(0.574), 2);
  });

  it('starts at μ = log(10 η₀) when the acceptance is on target', () => {
    const da = new DualAveraging(2);
    const stepSize = Float64Array.of(0.1, 2);
    da.restart(stepSize);
    da.learn(Float64Array.of(0.574, 0.574), stepSize);
    expect(stepSize[0]).toBeCloseTo(1, 12);
    expect(stepSize[1]).toBeCloseTo(20, 12);
  });
});

describe('warm-up on a 10-d Gaussian with scales 0.1 … 10', () => {
  const dim = 10;
  const scales = Array.from({ length: dim }, (_, i) => 0.1 * Math.pow(100, i / (dim - 1)));
  const variances = scales.map((s) => s * s);
  const potential = diagonalGaussian(variances);
  const chains = 8;

  for (const sampler of ['mala', 'lmc'] as const) {
    it(`${sampler}: adapts the metric to the variances and η to acceptance ≈ 0.574`, () => {
      const result = sample(potential, { sampler, chains, warmup: 1000, draws: 1000, seed: 31 });
      // The metric: per coordinate, the average over chains of M_i/σ_i² within 30%,
      // the median of all ratios within 10%; a single estimate (the last window,
      // 500 correlated draws, after windows that compound their errors) varies
      // more: within a factor 4 (a collapse or blow-up would be orders of magnitude).
      const ratios: number[] = [];
      for (let i = 0; i < dim; i++) {
        let sum = 0;
        for (const chain of result.chainInfo) {
          const ratio = chain.invMetric[i] / variances[i];
          expect(ratio).toBeGreaterThan(0.25);
          expect(ratio).toBeLessThan(4);
          sum += ratio;
          ratios.push(ratio);
        }
        expect(Math.abs(sum / chains - 1)).toBeLessThan(0.3);
      }
      ratios.sort((a, b) => a - b);
      expect(Math.abs((ratios[39] + ratios[40]) / 2 - 1)).toBeLessThan(0.1);
      // η̄ brings the acceptance probability near the target; with a well
      // adapted metric η ≈ the same for every chain.
      const accept = result.chainInfo.reduce((s, c) => s + c.meanAcceptStat, 0) / chains;
      if (sampler === 'mala') expect(Math.abs(accept - 0.574)).toBeLessThan(0.08);
      for (const chain of result.chainInfo) {
        expect(chain.stepSize).toBeGreaterThan(0.3);
        expect(chain.stepSize).toBeLessThan(1.2);
        expect(chain.divergences).toBe(0);
      }
      // The draws have the target variances (ULA: inflated by 1/(1 − ηM/(2σ²)) at most ~1.5).
      for (const i of [0, 5, 9]) {
        let s = 0;
        for (let c = 0; c < chains; c++) {
          for (let k = 0; k < result.keptDraws; k++) s += result.draws[(c * result.keptDraws + k) * dim + i] ** 2;
        }
        const ratio = s / (chains * result.keptDraws) / variances[i];
        expect(ratio).toBeGreaterThan(0.75);
        expect(ratio).toBeLessThan(sampler === 'mala' ? 1.3 : 1.7);
      }
    });
  }

  it('with a fixed step size adapts the metric only', () => {
    const mild = [0.25, 1, 4];
    const result = sample(diagonalGaussian(mild), {
      sampler: 'mala',
      chains: 4,
      warmup: 1000,
      draws: 10,
      seed: 2,
      stepSize: 0.1,
    });
    for (const chain of result.chainInfo) {
      expect(chain.stepSize).toBe(0.1);
      for (let i = 0; i < 3; i++) {
        expect(chain.invMetric[i] / mild[i]).toBeGreaterThan(0.5);
        expect(chain.invMetric[i] / mild[i]).toBeLessThan(2);
      }
    }
    expect(Array.from(result.stepSize).every((v) => v === 0.1)).toBe(true);
  });

  it('with warmup 0 adapts nothing: identity metric, heuristic or fixed η', () => {
    const fixed = sample(potential, { sampler: 'mala', chains: 2, warmup: 0, draws: 5, seed: 2, stepSize: 0.003 });
    for (const chain of fixed.chainInfo) {
      expect(Array.from(chain.invMetric)).toEqual(new Array(dim).fill(1));
      expect(chain.stepSize).toBe(0.003);
    }
    const heuristic = sample(potential, { sampler: 'mala', chains: 2, warmup: 0, draws: 5, seed: 2 });
    for (const chain of heuristic.chainInfo) {
      expect(Array.from(chain.invMetric)).toEqual(new Array(dim).fill(1));
      // Identity metric: the stiffest coordinate (σ² = 0.01) bounds η.
      expect(chain.stepSize).toBeLessThan(0.05);
      expect(chain.stepSize).toBeGreaterThan(1e-4);
    }
  });
});
