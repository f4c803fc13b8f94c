/** The score-identity bias check: exact draws pass, ULA's biased draws at η = 1.9 on N(0, 1) warn. */
import { describe, expect, it } from 'vitest';
import { scoreIdentity, scoreIdentityWarnings } from '../../src/diagnostics/score-identity.js';
import { compileSync } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';
import type { Potential } from '../../src/model/types.js';

/** N(0, s²) per coordinate, as a Potential. */
function gaussian(scales: number[]): Potential {
  return {
    dim: scales.length,
    unconstrainedNames: scales.map((_, i) => `x[${i + 1}]`),
    readsNoise: false,
    logDensity: () => new Float64Array(0),
    logDensityAndGradient: (x, n) => {
      const g = new Float64Array(x.length);
      for (let k = 0; k < n; k++)
        for (let i = 0; i < scales.length; i++) g[k * scales.length + i] = -x[k * scales.length + i]! / scales[i]! ** 2;
      return { logDensity: new Float64Array(n), gradient: g };
    },
  };
}

/** A seeded standard normal (Box–Muller on an LCG). */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const u = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

describe('score identity E[(x − mean)·∂log π] = −1', () => {
  it('holds within Monte Carlo error for exact draws (no warning)', () => {
    const z = normals(7);
    const chains = 4,
      draws = 2000,
      scales = [1, 3, 0.1];
    const x = new Float64Array(chains * draws * 3);
    for (let k = 0; k < chains * draws; k++) for (let i = 0; i < 3; i++) x[k * 3 + i] = 5 + scales[i]! * z();
    const rows = scoreIdentity(gaussian(scales), x, chains, draws);
    for (const r of rows) expect(Math.abs(r.value + 1)).toBeLessThan(5 * r.mcse);
    expect(scoreIdentityWarnings('lmc', rows)).toEqual([]);
  });

  it('catches ULA at η = 1.9 on N(0, 1), whose variance is 20 times too large', () => {
    const z = normals(11);
    const chains = 4,
      draws = 4000,
      eta = 1.9;
    const x = new Float64Array(chains * draws);
    for (let c = 0; c < chains; c++) {
      let v = 0;
      for (let t = -500; t < draws; t++) {
        v = v - eta * v + Math.sqrt(2 * eta) * z();
        if (t >= 0) x[c * draws + t] = v;
      }
    }
    const [row] = scoreIdentity(gaussian([1]), x, chains, draws);
    expect(row!.value).toBeLessThan(-10); // −1/(1 − η/2) = −20 in expectation
    expect(scoreIdentityWarnings('lmc', [row!])[0]).toMatch(/fail the score identity .* for 'x\[1\]'/);
  });

  it('sample: lmc with --step-size 1.9 on N(0, 1) warns W107 in the summary', async () => {
    const model = compileSync('parameters { real x; }\nmodel { x ~ normal(0, 1); }\n', { backend: 'f64' });
    const fit = await sampleModel(model, { sampler: 'lmc', stepSize: 1.9, warmup: 0, draws: 2000, chains: 2, seed: 3 });
    model.dispose();
    expect(fit.summary.warnings.some((w) => /score identity/.test(w))).toBe(true);
  });

  it('runs for every unadjusted sampler and names its adjusted counterpart', () => {
    // ULA-like inflated draws, judged as if uld or mclmc had made them
    const x = Float64Array.from({ length: 8000 }, (_, k) => 4.5 * Math.sin(k * 12.9898));
    const rows = scoreIdentity(gaussian([1]), x, 2, 4000);
    expect(scoreIdentityWarnings('uld', rows)[0]).toMatch(/use malt\.$/);
    expect(scoreIdentityWarnings('mclmc', rows)[0]).toMatch(/use mams\.$/);
  });

  it('sample: uld at h = 1.9 on N(0, 1) stays silent, as BAOAB keeps Var x = σ² exactly', async () => {
    const model = compileSync('parameters { vector[2] x; }\nmodel { x ~ normal(0, 1); }\n', { backend: 'f64' });
    const fit = await sampleModel(model, { sampler: 'uld', stepSize: 1.9, warmup: 0, draws: 2000, chains: 2, seed: 3 });
    model.dispose();
    expect(fit.summary.warnings.filter((w) => /score identity/.test(w))).toEqual([]);
  });
});
