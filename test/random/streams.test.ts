import { describe, expect, it } from 'vitest';
import { createRng, createStreams, deriveStream, fillNormalRows } from '../../src/random/index.js';
import { topLayerArea, ZIGGURAT_AREA, ZIGGURAT_R } from '../../src/random/ziggurat.js';

/** Standard normal CDF through Numerical Recipes' erfcc (relative error < 1.2e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

describe('ziggurat tables', () => {
  it('close the ziggurat: the top layer has the common area', () => {
    expect(Math.abs(topLayerArea() - ZIGGURAT_AREA) / ZIGGURAT_AREA).toBeLessThan(1e-6);
  });
});

describe('Stream', () => {
  it('is deterministic by key and differs across keys', () => {
    const a = deriveStream(42, 3);
    const b = deriveStream(42, 3);
    const c = deriveStream(43, 3);
    const xa = Array.from({ length: 10 }, () => a.uniform());
    const xb = Array.from({ length: 10 }, () => b.uniform());
    const xc = Array.from({ length: 10 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('gives chain c the same stream whatever the number of chains', () => {
    const few = createStreams(7, 2);
    const many = createStreams(7, 9);
    const out1 = new Float64Array(50);
    const out2 = new Float64Array(50);
    few[1].fillNormal(out1, 0, 50);
    many[1].fillNormal(out2, 0, 50);
    expect(out1).toEqual(out2);
  });

  it('fillNormal and normal() give the same sequence', () => {
    const a = deriveStream(5, 'x');
    const b = deriveStream(5, 'x');
    const n = 100_000; // enough to pass through tails and wedges many times
    const batch = new Float64Array(n);
    a.fillNormal(batch, 0, n);
    for (let i = 0; i < n; i++) {
      if (b.normal() !== batch[i]) throw new Error(`mismatch at ${i}`);
    }
    expect(a.uniform()).toBe(b.uniform());
  });

  it('uniforms lie in (0, 1) with mean 1/2 and variance 1/12', () => {
    const s = deriveStream(1, 'u');
    const n = 1_000_000;
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = s.uniform();
      sum += u;
      sumSq += u * u;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    // SE of the mean: sqrt(1/12/n) ≈ 2.9e-4
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * 2.9e-4);
    expect(Math.abs(sumSq / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(5 * 8.4e-5);
  });

  it('normals have the moments, tail mass and distribution of N(0, 1)', () => {
    const n = 4_000_000;
    const x = new Float64Array(n);
    deriveStream(2024, 'normal').fillNormal(x, 0, n);
    let m1 = 0,
      m2 = 0,
      m3 = 0,
      m4 = 0,
      tail = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      m1 += v;
      m2 += v * v;
      m3 += v * v * v;
      m4 += v * v * v * v;
      if (Math.abs(v) > ZIGGURAT_R) tail++;
    }
    m1 /= n;
    m2 /= n;
    m3 /= n;
    m4 /= n;
    // Standard errors: mean 1/√n, E x² √(2/n), E x³ √(15/n), E x⁴ √(96/n).
    expect(Math.abs(m1)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m3)).toBeLessThan(5 * Math.sqrt(15 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
    // The tail beyond R comes from a separate algorithm: check its mass.
    const p = 2 * (1 - normalCdf(ZIGGURAT_R));
    expect(Math.abs(tail / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    // Kolmogorov–Smirnov on the first 200 000 (critical value at 0.1%: 1.95/√m).
    const m = 200_000;
    const sorted = Float64Array.from(x.subarray(0, m)).sort();
    let d = 0;
    for (let i = 0; i < m; i++) {
      const cdf = normalCdf(sorted[i]);
      d = Math.max(d, Math.abs(cdf - i / m), Math.abs((i + 1) / m - cdf));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(m));
  });

  it('chains are uncorrelated', () => {
    const streams = createStreams(3, 4);
    const dim = 50_000;
    const out = new Float64Array(4 * dim);
    fillNormalRows(streams, out, 4, dim);
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        let s = 0;
        for (let i = 0; i < dim; i++) s += out[a * dim + i] * out[b * dim + i];
        expect(Math.abs(s / dim)).toBeLessThan(5 / Math.sqrt(dim));
      }
    }
    // and successive normals within a stream too (lag-1 autocorrelation)
    let lag = 0;
    for (let i = 1; i < dim; i++) lag += out[i] * out[i - 1];
    expect(Math.abs(lag / dim)).toBeLessThan(5 / Math.sqrt(dim));
  });

  it('rejects a non-integer seed', () => {
    expect(() => createStreams(1.5, 2)).toThrow(/seed must be an integer/);
  });
});

describe('createRng', () => {
  it('is an Rng keyed apart from the chain streams', () => {
    const rng = createRng(7, 1);
    const again = createRng(7, 1);
    const chain = createStreams(7, 2)[1];
    const a = [rng.uniform(), rng.normal()];
    expect([again.uniform(), again.normal()]).toEqual(a);
    expect(chain.uniform()).not.toBe(a[0]);
  });
});
