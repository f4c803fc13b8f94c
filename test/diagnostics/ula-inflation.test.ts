/**
 * The lmc step-size warning reads the ULA law v = σ²/(1 − a/2), a = η/σ²,
 * backwards. r = η/v has two roots in a; the lag-1 autocorrelation (1 − a)
 * picks the right one, so an inflation of 10 is reported as 10, not 1.1.
 */
import { describe, expect, it } from 'vitest';
import { collectWarnings, ulaStepSizeRatios } from '../../src/diagnostics/warnings.js';
import { ulaVarianceInflation } from '../../src/diagnostics/ula-gaussian.js';
import { createStreams } from '../../src/random/streams.js';

/** Exact ULA on N(0, σ²) at inverse temperature β: x' = x − η β x/σ²... written as the sampler does. */
function ulaChain(sigma2: number, eta: number, beta: number, draws: number, seed: number): Float64Array {
  const [stream] = createStreams(seed, 1);
  const out = new Float64Array(draws);
  let x = 0;
  for (let t = 0; t < 2000 + draws; t++) {
    x = x - (eta * x) / sigma2 + Math.sqrt((2 * eta) / beta) * stream!.normal();
    if (t >= 2000) out[t - 2000] = x;
  }
  return out;
}

function inflationFor(sigma2: number, eta: number, beta = 1): number | null {
  const draws = 40000;
  const x = ulaChain(sigma2, eta, beta, draws, 3);
  const [r] = ulaStepSizeRatios({
    sampler: beta === 1 ? 'lmc' : 'lmc-beta',
    chains: 1,
    draws,
    parameters: [],
    chainInfo: [{ chain: 1, acceptance_rate: 1, step_size: eta, divergences: 0 }],
    unconstrained: { names: ['x'], draws: x },
    beta,
  });
  return r!.inflation;
}

describe('ULA variance inflation from draws', () => {
  it.each([
    [0.2, 1 / (1 - 0.1)],
    [1, 2],
    [1.5, 4],
    [1.8, 10],
  ])('η = %s on N(0, 1): inflation %s', (eta, expected) => {
    expect(inflationFor(1, eta)).toBeCloseTo(expected, 0);
    expect(Math.abs(inflationFor(1, eta)! / expected - 1)).toBeLessThan(0.08);
  });

  it('accounts for lmc-beta temperature', () => {
    // β = 2, η = 0.5 on σ² = 1: the chain targets variance 1/2, a = η β/σ²... = 0.5·... inflation 1/(1 − 0.25)
    const inflation = inflationFor(1, 0.5, 2);
    expect(Math.abs(inflation! / (1 / (1 - 0.25)) - 1)).toBeLessThan(0.05);
  });

  it('picks the smaller root without autocorrelation information', () => {
    const r = ulaVarianceInflation(4, 1.5)!;
    expect(r.inflation).toBeCloseTo(1 / (1 - (1 - Math.sqrt(1 - 0.75)) / 2), 12);
    expect(ulaVarianceInflation(4, 1.5, -0.5)!.inflation).toBeCloseTo(4, 12);
    expect(ulaVarianceInflation(1, 0.7)).toBeNull();
  });

  it('the warning names lmc-beta and the inflation', () => {
    const draws = 20000;
    const x = ulaChain(1, 1.5, 1, draws, 5);
    const warnings = collectWarnings({
      sampler: 'lmc-beta',
      chains: 1,
      draws,
      parameters: [],
      chainInfo: [{ chain: 1, acceptance_rate: 1, step_size: 1.5, divergences: 0 }],
      unconstrained: { names: ['x'], draws: x },
    });
    expect(warnings.join('\n')).toMatch(/lmc-beta step size is large .* about [34](\.\d+)?-fold/);
  });
});
