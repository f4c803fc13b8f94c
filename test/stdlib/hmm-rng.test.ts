/**
 * hmm_latent_rng: the frequencies of whole state paths against the exact
 * posterior path probabilities (brute force over every path), within 5
 * Monte Carlo standard errors; and the function reached from a model's
 * generated quantities. Fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import { hmmLatentDraw } from '../../stdlib/functions/hmm.js';
import { compileSync } from '../../src/compile/compile.js';
import { deriveStream } from '../../src/random/index.js';
import { seededRng } from './helpers.js';

const LO = [
  [-1.2, -0.3, -2.5],
  [-0.4, -1.9, -0.2],
];
const GAMMA = [
  [0.8, 0.2],
  [0.3, 0.7],
];
const RHO = [0.6, 0.4];

function pathProbabilities(): Map<string, number> {
  const out = new Map<string, number>();
  let total = 0;
  for (let p = 0; p < 8; p++) {
    const z = [p & 1, (p >> 1) & 1, (p >> 2) & 1];
    let w = RHO[z[0]!]! * Math.exp(LO[z[0]!]![0]!);
    for (let t = 1; t < 3; t++) w *= GAMMA[z[t - 1]!]![z[t]!]! * Math.exp(LO[z[t]!]![t]!);
    out.set(z.map((s) => s + 1).join(','), w);
    total += w;
  }
  for (const [k, w] of out) out.set(k, w / total);
  return out;
}

describe('hmm_latent_rng', () => {
  it('draws whole paths with their posterior probabilities', () => {
    const rng = seededRng('hmm-latent');
    const n = 20000;
    const counts = new Map<string, number>();
    const lo = Float64Array.from(LO.flat());
    const g = Float64Array.from(GAMMA.flat());
    const r = Float64Array.from(RHO);
    for (let i = 0; i < n; i++) {
      const key = Array.from(hmmLatentDraw(rng, lo, g, r, 2, 3)).join(',');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [path, p] of pathProbabilities()) {
      const freq = (counts.get(path) ?? 0) / n;
      expect(Math.abs(freq - p), path).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
    }
  });

  it('is reachable from generated quantities, and only there', () => {
    const source = `
      data { matrix[2, 3] lo; }
      parameters { real mu; }
      model { mu ~ normal(0, 1); }
      generated quantities { array[3] int z = hmm_latent_rng(lo, [[0.8, 0.2], [0.3, 0.7]], [0.6, 0.4]'); }`;
    const model = compileSync(source, { data: { lo: LO } });
    const out = model.generate(Float64Array.of(0.1), 1, deriveStream(3, 'hmm'));
    const z = Array.from(out.slice(1));
    expect(z).toHaveLength(3);
    for (const s of z) expect([1, 2]).toContain(s);
    expect(() =>
      compileSync(
        source.replace(
          'model { mu ~ normal(0, 1); }',
          "model { mu ~ normal(hmm_latent_rng(lo, [[1, 0], [0, 1]], [1, 0]')[1], 1); }",
        ),
        { data: { lo: LO } },
      ),
    ).toThrow(/only allowed in transformed data and generated quantities/);
  });
});
