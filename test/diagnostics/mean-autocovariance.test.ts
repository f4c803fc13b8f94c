/**
 * essGeyer reads the chains' mean autocovariance lag by lag: summed
 * directly for the first lags, from the FFT after. Every lag must equal the
 * FFT's (posterior's definition) to rounding, for mixing and sticky chains,
 * short and long, with a constant chain among them.
 */
import { describe, expect, it } from 'vitest';
import { autocovariance } from '../../src/diagnostics/autocovariance.js';
import { MeanAutocovariance } from '../../src/diagnostics/mean-autocovariance.js';

function ar1(chains: number, n: number, phi: number, seed: number): Float64Array {
  let s = seed;
  const uniform = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) + 0.5) / 2147483648;
  const out = new Float64Array(chains * n);
  for (let c = 0; c < chains; c++) {
    let x = 0;
    for (let i = 0; i < n; i++) {
      const z = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      x = phi * x + z;
      out[c * n + i] = x + 3;
    }
  }
  return out;
}

function fftMean(values: Float64Array, chains: number, n: number): Float64Array {
  const sums = new Float64Array(n);
  for (let c = 0; c < chains; c++) {
    const acov = autocovariance(values.subarray(c * n, (c + 1) * n));
    for (let t = 0; t < n; t++) sums[t] = sums[t]! + acov[t]!;
  }
  return sums.map((v) => v / chains);
}

describe('mean autocovariance by lag', () => {
  for (const [chains, n, phi] of [
    [4, 7, 0.2],
    [4, 500, 0],
    [3, 501, 0.95],
    [2, 4000, 0.5],
  ] as const) {
    it(`${chains} chains × ${n} draws, φ = ${phi}: every lag as the FFT gives it`, () => {
      const values = ar1(chains, n, phi, 7 + n);
      values.fill(1.5, 0, n); // a constant first chain contributes zeros
      const expected = fftMean(values, chains, n);
      const lazy = new MeanAutocovariance(values, chains, n);
      const scale = Math.abs(expected[0]!);
      // in order (as essGeyer reads), so both the direct and the FFT lags are checked
      for (let t = 0; t < n; t++) expect(Math.abs(lazy.at(t) - expected[t]!)).toBeLessThanOrEqual(1e-12 * scale);
    });
  }
});
