/**
 * LMC-β on a tilted double well f(x) = (x² − 1)² − 0.3x: its stationary
 * law ∝ exp(−βf) puts more and more mass in the basin of the global
 * minimum as β grows; the per-chain record of the lowest f finds f*.
 */
import { describe, expect, it } from 'vitest';
import { sample } from '../../src/samplers/run.js';
import { oneDimensional } from './potentials.js';

const tilt = 0.3;
const f = (x: number) => (x * x - 1) ** 2 - tilt * x;
const df = (x: number) => 4 * x * (x * x - 1) - tilt;
const d2f = (x: number) => 12 * x * x - 4;
function newton(x: number): number {
  for (let i = 0; i < 60; i++) x -= df(x) / d2f(x);
  return x;
}
const saddle = newton(0);
const globalMin = newton(1);
const fStar = f(globalMin);

/** P(x > saddle) under exp(−βf), by quadrature. */
function exactFraction(beta: number): number {
  let right = 0;
  let total = 0;
  for (let x = -3; x < 3; x += 1e-4) {
    const w = Math.exp(-beta * (f(x) - fStar));
    total += w;
    if (x > saddle) right += w;
  }
  return right / total;
}

describe('lmc-beta on a tilted double well', () => {
  const chains = 2000;
  const draws = 4000;
  const thin = 1000;
  const kept = draws / thin;
  const potential = oneDimensional(f, df);

  it('concentrates on the global minimum as β grows, as exp(−βf) predicts', () => {
    const fractions: number[] = [];
    for (const beta of [0.5, 1, 2, 3]) {
      const result = sample(potential, {
        sampler: 'lmc-beta',
        beta,
        chains,
        warmup: 0,
        draws,
        thin,
        seed: 21,
        stepSize: 0.01,
      });
      let right = 0;
      for (let c = 0; c < chains; c++) if (result.draws[c * kept + kept - 1] > saddle) right++;
      const fraction = right / chains;
      const p = exactFraction(beta);
      // Monte Carlo SE plus an allowance for the O(η) discretisation bias.
      expect(Math.abs(fraction - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / chains) + 0.01);
      fractions.push(fraction);

      // The record: never below the true minimum, found to within 1e-4, in the right place.
      const lowest = result.lowestF!;
      const best = lowest.reduce((a, b) => Math.min(a, b), Infinity);
      expect(best).toBeGreaterThanOrEqual(fStar - 1e-12);
      expect(best - fStar).toBeLessThan(1e-4);
      const where = result.argminF![lowest.indexOf(best)];
      expect(Math.abs(where - globalMin)).toBeLessThan(0.01);
      // Each chain's record is at most f at each of its kept draws, and f(argmin) = record.
      for (let c = 0; c < chains; c++) {
        for (let k = 0; k < kept; k++) expect(lowest[c]).toBeLessThanOrEqual(-result.logDensity[c * kept + k]);
        expect(f(result.argminF![c])).toBeCloseTo(lowest[c], 12);
      }
    }
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThan(fractions[i - 1]);
  });

  it('stays trapped in the local minimum at large β (metastability)', () => {
    // Barrier ≈ 0.72 from the left well: the Eyring–Kramers time at β = 20 is ~e^14 time units.
    const result = sample(potential, {
      sampler: 'lmc-beta',
      beta: 20,
      chains: 200,
      warmup: 0,
      draws: 2001,
      thin: 2000,
      seed: 4,
      stepSize: 0.01,
      init: Float64Array.from([-1]),
    });
    expect(result.keptDraws).toBe(2);
    for (let c = 0; c < 200; c++) expect(result.draws[c * 2 + 1]).toBeLessThan(saddle);
    // In the left basin f ≥ f(left minimum): a lower record would mean a crossing.
    const best = result.lowestF!.reduce((a, b) => Math.min(a, b), Infinity);
    expect(best).toBeGreaterThan(f(newton(-1)) - 1e-12);
  });
});
