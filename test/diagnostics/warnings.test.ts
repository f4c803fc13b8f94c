/** Each warning fires on a crafted input and stays quiet on a healthy one. */
import { describe, expect, it } from 'vitest';
import type { ParameterDrawSummary } from '../../src/diagnostics/summary.js';
import {
  collectWarnings,
  ulaStepSizeRatios,
  type ChainFacts,
  type WarningInput,
} from '../../src/diagnostics/warnings.js';
import { ulaStationaryVariance } from '../../src/diagnostics/ula-gaussian.js';
import { gaussians } from './helpers.js';

function row(name: string, overrides: Partial<ParameterDrawSummary> = {}): ParameterDrawSummary {
  return {
    name,
    mean: 0,
    sd: 1,
    mcse_mean: 0.02,
    mcse_sd: 0.015,
    q5: -1.64,
    q50: 0,
    q95: 1.64,
    ess_bulk: 3500,
    ess_tail: 3200,
    rhat: 1.001,
    ...overrides,
  };
}

function chain(c: number, overrides: Partial<ChainFacts> = {}): ChainFacts {
  return { chain: c, acceptance_rate: 0.57, step_size: 0.3, divergences: 0, ...overrides };
}

function input(overrides: Partial<WarningInput> = {}): WarningInput {
  return {
    sampler: 'mala',
    chains: 4,
    draws: 1000,
    parameters: [row('mu'), row('tau')],
    chainInfo: [1, 2, 3, 4].map((c) => chain(c)),
    ...overrides,
  };
}

describe('warnings', () => {
  it('says nothing for a healthy run', () => {
    expect(collectWarnings(input())).toEqual([]);
  });

  it('names the parameters with R-hat above 1.01', () => {
    const w = collectWarnings(
      input({ parameters: [row('mu', { rhat: 1.05 }), row('tau', { rhat: Infinity }), row('s')] }),
    );
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/R-hat above 1\.01 for mu, tau \(largest Infinity\)/);
  });

  it('flags bulk and tail ESS below 100 per chain', () => {
    const w = collectWarnings(input({ parameters: [row('mu', { ess_bulk: 350 }), row('tau', { ess_tail: 120 })] }));
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/^Bulk ESS below 400 .* for mu \(smallest 350\)/);
    expect(w[1]).toMatch(/^Tail ESS below 400 .* for tau \(smallest 120\)/);
    // 8 chains raise the bar to 800.
    expect(collectWarnings(input({ chains: 8, parameters: [row('mu', { ess_bulk: 700 })] }))[0]).toMatch(/below 800/);
  });

  it('counts divergences with their chains', () => {
    const w = collectWarnings(
      input({ chainInfo: [chain(1, { divergences: 3 }), chain(2), chain(3, { divergences: 1 }), chain(4)] }),
    );
    expect(w).toEqual([expect.stringMatching(/^4 divergent transitions .* in chains 1, 3: reduce the step size/)]);
  });

  it('flags MALA acceptance far from 0.574 either way, only for mala', () => {
    const info = [chain(1, { acceptance_rate: 0.1 }), chain(2, { acceptance_rate: 0.97 }), chain(3), chain(4)];
    const w = collectWarnings(input({ chainInfo: info }));
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/acceptance rate 0\.1 in chain 1 is far below the 0\.574 target/);
    expect(w[1]).toMatch(/acceptance rate 0\.97 in chain 2 is far above/);
    expect(collectWarnings(input({ sampler: 'lmc', chainInfo: info }))).toEqual([]);
  });

  it('reports non-finite draws', () => {
    const nan = row('y_rep[2]', { mean: null, sd: null, rhat: null, ess_bulk: null, ess_tail: null });
    expect(collectWarnings(input({ parameters: [row('mu'), nan] }))[0]).toMatch(/^Non-finite draws .* in y_rep\[2\]/);
  });

  it('warns when the lmc step is large for the observed spread and gives the inflation', () => {
    // ULA draws on N(0, σ²) with σ² = 1 and η = 0.4: stationary variance σ²/(1 − 0.2) = 1.25.
    const chains = 2;
    const draws = 20000;
    const eta = 0.4;
    const v = ulaStationaryVariance(1, eta);
    const z = gaussians('ula-warn', chains * draws * 2);
    const unconstrained = new Float64Array(chains * draws * 2);
    for (let i = 0; i < chains * draws; i++) {
      unconstrained[2 * i] = Math.sqrt(v) * z[2 * i]!; // x: σ² = 1
      unconstrained[2 * i + 1] = 10 * z[2 * i + 1]!; // y: wide, step small for it
    }
    const base = input({
      sampler: 'lmc',
      chains,
      draws,
      chainInfo: [chain(1, { step_size: eta }), chain(2, { step_size: eta })],
      unconstrained: { names: ['x', 'y'], draws: unconstrained },
    });
    const ratios = ulaStepSizeRatios(base);
    expect(ratios[0]!.ratio).toBeCloseTo(eta / v, 1);
    // The implied inflation recovers 1.25 to Monte Carlo error.
    expect(Math.abs(ratios[0]!.inflation! - 1.25)).toBeLessThan(0.05);
    const w = collectWarnings(base);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(
      /lmc step size is large for the spread of 'x': step\/variance = 0\.3\d*, so discretisation inflates its variance about 1\.2\d*-fold/,
    );
    // A preconditioner that shrinks x's steps removes the warning.
    const preconditioned = {
      ...base,
      unconstrained: {
        ...base.unconstrained!,
        inverseMetric: [
          [0.1, 1],
          [0.1, 1],
        ],
      },
    };
    expect(collectWarnings(preconditioned)).toEqual([]);
    // An impossible ratio (> 1/2) gets the stronger sentence.
    const tooLarge = { ...base, chainInfo: [chain(1, { step_size: 3 }), chain(2, { step_size: 3 })] };
    expect(collectWarnings(tooLarge)[0]).toMatch(/far too large for 'x': step\/variance = 2\.\d+ exceeds 1\/2/);
  });
});
