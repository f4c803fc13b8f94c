import { describe, expect, it } from 'vitest';
import { LangevinError } from '../../src/errors.js';
import { sample } from '../../src/samplers/run.js';
import type { SampleOptions } from '../../src/samplers/types.js';
import { diagonalGaussian, withNaNRegion } from './potentials.js';

const gaussian3 = diagonalGaussian([1, 4, 0.25], [0.5, -1, 0]);
const base: SampleOptions = { sampler: 'mala', chains: 3, warmup: 150, draws: 200, seed: 99 };

describe('sample: determinism', () => {
  for (const sampler of ['lmc', 'lmc-beta', 'mala'] as const) {
    it(`${sampler}: the same seed gives identical draws, another seed different ones`, () => {
      const options = { ...base, sampler, beta: 2 };
      const a = sample(gaussian3, options);
      const b = sample(gaussian3, options);
      expect(b.draws).toEqual(a.draws);
      expect(b.logDensity).toEqual(a.logDensity);
      expect(b.acceptStat).toEqual(a.acceptStat);
      expect(b.stepSize).toEqual(a.stepSize);
      const c = sample(gaussian3, { ...options, seed: 100 });
      expect(c.draws).not.toEqual(a.draws);
      expect(a.draws.every(Number.isFinite)).toBe(true);
    });
  }

  it('gives chain c the same draws whatever the number of chains (per-chain streams and adaptation)', () => {
    const two = sample(gaussian3, { ...base, chains: 2 });
    const five = sample(gaussian3, { ...base, chains: 5 });
    const perChain = two.keptDraws * 3;
    expect(five.draws.slice(0, 2 * perChain)).toEqual(two.draws);
    expect(five.chainInfo[1].stepSize).toBe(two.chainInfo[1].stepSize);
  });
});

describe('sample: layout, thinning and bookkeeping', () => {
  it('keeps every thin-th sampling iteration (Stan: ceil(draws / thin))', () => {
    const all = sample(gaussian3, { ...base, draws: 10, thin: 1 });
    const thinned = sample(gaussian3, { ...base, draws: 10, thin: 3 });
    expect(thinned.keptDraws).toBe(4);
    for (let c = 0; c < 3; c++) {
      [0, 3, 6, 9].forEach((m, k) => {
        for (let i = 0; i < 3; i++) {
          expect(thinned.draws[(c * 4 + k) * 3 + i]).toBe(all.draws[(c * 10 + m) * 3 + i]);
        }
        expect(thinned.logDensity[c * 4 + k]).toBe(all.logDensity[c * 10 + m]);
      });
    }
  });

  it('records log densities that match the draws, and consistent per-chain facts', () => {
    const result = sample(gaussian3, base);
    const check = gaussian3.logDensity(result.draws, base.chains * result.keptDraws);
    expect(Array.from(result.logDensity)).toEqual(Array.from(check));
    for (const [c, chain] of result.chainInfo.entries()) {
      expect(chain.invMetric.length).toBe(3);
      expect(chain.stepSize).toBe(result.stepSize[c * result.keptDraws]);
      expect(chain.gradientEvaluations).toBeGreaterThanOrEqual(1 + base.warmup + base.draws);
      expect(chain.acceptanceRate).toBeGreaterThan(0.3);
      expect(chain.acceptanceRate).toBeLessThanOrEqual(1);
    }
    expect(result.inits.every((v) => v > -2 && v < 2)).toBe(true);
    expect(result.interrupted).toBe(false);
  });

  it('reports progress and every iteration through callbacks', () => {
    const seen: string[] = [];
    let last = 0;
    let kept = 0;
    sample(gaussian3, {
      ...base,
      warmup: 5,
      draws: 7,
      thin: 2,
      onProgress: (done, total, phase) => {
        expect(total).toBe(12);
        expect(done).toBe(last + 1);
        last = done;
        seen.push(phase);
      },
      onDraw: (event) => {
        if (event.kept) kept++;
      },
    });
    expect(seen).toEqual([...Array(5).fill('warmup'), ...Array(7).fill('sampling')]);
    expect(kept).toBe(4);
  });

  it('uses given initial values (one for all chains or one per chain)', () => {
    const one = sample(gaussian3, { ...base, warmup: 0, draws: 1, stepSize: 0.1, init: Float64Array.of(1, 2, 3) });
    expect(Array.from(one.inits)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
    const each = Float64Array.from({ length: 9 }, (_, i) => i / 10);
    expect(sample(gaussian3, { ...base, warmup: 0, draws: 1, stepSize: 0.1, init: each }).inits).toEqual(each);
    expect(() => sample(gaussian3, { ...base, init: Float64Array.of(1, 2) })).toThrow(LangevinError);
  });

  it('rejects bad options with a LangevinError', () => {
    const bad: Array<Partial<SampleOptions>> = [
      { chains: 0 },
      { warmup: -1 },
      { draws: 1.5 },
      { thin: 0 },
      { seed: 0.5 },
      { stepSize: 0 },
      { stepSize: NaN },
      { initRadius: -1 },
      { sampler: 'hmc' as never },
      { sampler: 'lmc-beta', beta: 0 },
      { targetAcceptance: 1 },
    ];
    for (const change of bad) expect(() => sample(gaussian3, { ...base, ...change })).toThrow(LangevinError);
  });
});

describe('sample: a potential that is NaN in a region', () => {
  // N(0, 1) in 2-d, NaN (log density and gradient) where x₁ > 1.
  const holey = withNaNRegion(diagonalGaussian([1, 1]), (x, row) => x[row] > 1);

  for (const sampler of ['lmc', 'mala', 'lmc-beta'] as const) {
    it(`${sampler}: keeps going, counts divergences, never writes a NaN draw`, () => {
      const result = sample(holey, { sampler, chains: 8, warmup: 300, draws: 1000, seed: 5, initRadius: 2 });
      expect(result.draws.every(Number.isFinite)).toBe(true);
      expect(result.logDensity.every(Number.isFinite)).toBe(true);
      for (let k = 0; k < result.draws.length; k += 2) expect(result.draws[k]).toBeLessThanOrEqual(1);
      const divergences = result.chainInfo.reduce((s, c) => s + c.divergences, 0);
      expect(divergences).toBeGreaterThan(0);
      expect(result.nonFinite).toBe(divergences + result.chainInfo.reduce((s, c) => s + c.warmupDivergences, 0));
      const flagged = result.divergent.reduce((s, v) => s + v, 0);
      expect(flagged).toBeGreaterThan(0);
      // A divergent step stays put: the kept draw equals the previous one.
      for (let c = 0; c < 8; c++) {
        for (let k = 1; k < result.keptDraws; k++) {
          const slot = c * result.keptDraws + k;
          if (!result.divergent[slot]) continue;
          expect(result.acceptStat[slot]).toBe(0);
          expect(result.draws[slot * 2]).toBe(result.draws[(slot - 1) * 2]);
          expect(result.draws[slot * 2 + 1]).toBe(result.draws[(slot - 1) * 2 + 1]);
        }
      }
    });
  }

  it('redraws initial values that land in the NaN region', () => {
    const result = sample(holey, { sampler: 'mala', chains: 50, warmup: 0, draws: 1, seed: 8, stepSize: 0.01 });
    for (let c = 0; c < 50; c++) expect(result.inits[c * 2]).toBeLessThanOrEqual(1);
  });

  it('fails with a LangevinError when no initial value is finite', () => {
    const nowhere = withNaNRegion(diagonalGaussian([1]), () => true);
    expect(() => sample(nowhere, { ...base, chains: 1 })).toThrow(/initial values/);
  });
});

describe('sample: interruption', () => {
  it('returns the draws made so far, flagged interrupted, in the same layout', () => {
    const full = sample(gaussian3, base);
    const controller = new AbortController();
    const part = sample(gaussian3, {
      ...base,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === base.warmup + 37) controller.abort();
      },
    });
    expect(part.interrupted).toBe(true);
    expect(part.keptDraws).toBe(37);
    expect(part.draws.length).toBe(3 * 37 * 3);
    for (let c = 0; c < 3; c++) {
      expect(part.draws.slice(c * 37 * 3, (c + 1) * 37 * 3)).toEqual(full.draws.slice(c * 200 * 3, (c * 200 + 37) * 3));
      expect(part.logDensity.slice(c * 37, (c + 1) * 37)).toEqual(full.logDensity.slice(c * 200, c * 200 + 37));
    }
  });

  it('during warm-up gives no draws', () => {
    const controller = new AbortController();
    const part = sample(gaussian3, {
      ...base,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 10) controller.abort();
      },
    });
    expect(part.interrupted).toBe(true);
    expect(part.keptDraws).toBe(0);
    expect(part.draws.length).toBe(0);
  });
});

describe('sample: a gradient-only source (e.g. a score network)', () => {
  const scoreOnly = { ...diagonalGaussian([1, 1]) };
  scoreOnly.logDensityAndGradient = (x, chains) => {
    const out = diagonalGaussian([1, 1]).logDensityAndGradient(x, chains);
    out.logDensity.fill(NaN);
    return out;
  };

  it('drives lmc with a fixed step size; acceptance is unknown (NaN)', () => {
    const result = sample(scoreOnly, {
      sampler: 'lmc',
      chains: 500,
      warmup: 0,
      draws: 300,
      seed: 1,
      stepSize: 0.1,
      gradientOnly: true,
    });
    expect(result.nonFinite).toBe(0);
    expect(result.acceptStat.every(Number.isNaN)).toBe(true);
    let s = 0;
    for (let c = 0; c < 500; c++) for (let k = 100; k < 300; k++) s += result.draws[(c * 300 + k) * 2] ** 2;
    // ULA variance 1/(1 − 0.05) ≈ 1.053; SE ≈ 0.01.
    expect(Math.abs(s / (500 * 200) - 1 / 0.95)).toBeLessThan(0.05);
  });

  it('is refused by mala and without a step size', () => {
    expect(() => sample(scoreOnly, { ...base, gradientOnly: true, stepSize: 0.1 })).toThrow(/log density/);
    expect(() => sample(scoreOnly, { ...base, sampler: 'lmc', gradientOnly: true })).toThrow(/step size/);
  });
});
