/**
 * A generated quantity that is NaN at finite parameters is the model's
 * arithmetic: the warning (W111) names the statement that assigns it
 * (file:line:col) and the sampler's non-finite-draws warning (W101) leaves
 * it out. A NaN that comes with non-finite parameters is not blamed on the
 * statement.
 */
import { describe, expect, it } from 'vitest';
import { compile, sampleModel } from '../../src/index.js';
import { collectWarnings, findGeneratedFaults } from '../../src/diagnostics/warnings.js';
import { warningCodeFor } from '../../src/error-codes.js';

const MODEL = `parameters {
  real mu;
}
model {
  mu ~ normal(0, 1);
}
generated quantities {
  real fine = 2 * mu;
  real half_bad;
  array[2] real bad;
  for (k in 1:2)
    bad[k] = log(-k - square(mu));
  half_bad = mu > 0 ? sqrt(-mu) : mu;
}
`;

describe('NaN generated quantities', () => {
  it('are reported with the assigning statement, not blamed on the sampler', async () => {
    const model = await compile(MODEL, { file: 'gq.stan' });
    expect(model.generatedSources?.get('bad')).toBe('gq.stan:12:5');
    expect(model.generatedSources?.get('half_bad')).toBe('gq.stan:13:3');
    expect(model.generatedSources?.get('fine')).toBe('gq.stan:8:3');
    const fit = await sampleModel(model, { sampler: 'mala', chains: 2, warmup: 200, draws: 300, seed: 3 });
    const warnings = fit.summary.warnings;
    const bad = warnings.find((w) => w.includes('Generated quantity bad '));
    expect(bad, warnings.join('\n')).toMatch(/in every draw .* statement at gq\.stan:12:5/);
    const half = warnings.find((w) => w.includes('Generated quantity half_bad '));
    // sqrt(−mu) is NaN exactly when mu > 0: about half the draws, never all
    expect(half, warnings.join('\n')).toMatch(/in \d+ of 600 draws .* gq\.stan:13:3/);
    const count = Number(/in (\d+) of 600/.exec(half!)![1]);
    expect(count).toBeGreaterThan(150);
    expect(count).toBeLessThan(450);
    expect(warnings.some((w) => w.startsWith('Non-finite draws'))).toBe(false);
    expect(warnings.some((w) => w.includes('fine'))).toBe(false);
    expect(warningCodeFor(bad!)).toBe('W111');
  });

  it('leaves draws with non-finite parameters to the sampler warning', () => {
    // columns: mu, g; row 1 has a finite mu and NaN g (the model's), row 2 a NaN mu
    const outputs = Float64Array.of(0.5, NaN, NaN, NaN);
    const faults = findGeneratedFaults(outputs, ['mu', 'g'], new Map([['g', 'm.stan:3:3']]));
    expect(faults).toEqual([{ name: 'g', location: 'm.stan:3:3', draws: 1, total: 2 }]);
    const row = (name: string) => ({ name, mean: null }) as never;
    const warnings = collectWarnings({
      sampler: 'mala',
      chains: 1,
      draws: 2,
      parameters: [row('mu'), row('g')],
      chainInfo: [],
      generatedFaults: faults,
    });
    expect(warnings[0]).toMatch(/^Generated quantity g is not finite .* in 1 of 2 draws .* m\.stan:3:3/);
    expect(warnings[1]).toMatch(/^Non-finite draws \(NaN or infinite\) in mu:/);
  });
});
