/**
 * The bench's hand-written baselines must compute what the compiled models
 * compute: the same log density (every constant included) and gradient, at
 * random points, for several chains at once (the 4-chain blocks of the
 * logistic regression included: 6 chains leave a partial block).
 */
import { describe, expect, it } from 'vitest';
import { baselineFor } from '../../bench/baselines.js';
import { loadModels } from '../../bench/models.js';
import { compileSync } from '../../src/compile/compile.js';
import { deriveStream } from '../../src/random/streams.js';

describe('bench baselines agree with the compiled models', () => {
  for (const bench of loadModels()) {
    it(`${bench.name}: ${bench.title}`, () => {
      const model = compileSync(bench.source, { data: bench.data, backend: 'f64', file: bench.file });
      const baseline = baselineFor(bench.name, bench.data);
      expect(baseline.dim).toBe(model.dim);
      const chains = 6;
      const stream = deriveStream(7, bench.name);
      const x = new Float64Array(chains * model.dim);
      for (let i = 0; i < x.length; i++) x[i] = 3 * stream.uniform() - 1.5;
      const compiled = model.logDensityAndGradient(x, chains);
      const logDensity = new Float64Array(chains);
      const gradient = new Float64Array(chains * model.dim);
      baseline.evaluate(x, chains, logDensity, gradient);
      for (let c = 0; c < chains; c++) {
        expect(logDensity[c]).toBeCloseTo(compiled.logDensity[c], 8);
      }
      for (let i = 0; i < gradient.length; i++) {
        expect(Math.abs(gradient[i] - compiled.gradient[i])).toBeLessThan(1e-9 * (1 + Math.abs(compiled.gradient[i])));
      }
    });
  }

  it('the M4 baseline uses the compiled order of the unconstrained coordinates', () => {
    const bench = loadModels().find((m) => m.name === 'M4')!;
    const model = compileSync(bench.source, { data: bench.data, backend: 'f64', file: bench.file });
    expect(model.unconstrainedNames.slice(0, 3)).toEqual(['mu', 'tau', 'theta_tilde[1]']);
  });
});
