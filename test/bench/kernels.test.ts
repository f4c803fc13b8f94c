/**
 * The GFLOP/s bench (bench/kernels.ts, bench/peak.ts) runs and counts the
 * right flops; with a very short timing, so only sanity is checked here
 * (the figures come from `npm run bench`).
 */
import { describe, expect, it } from 'vitest';
import { kernelsLine, measureKernels } from '../../bench/kernels.js';
import { loadModels } from '../../bench/models.js';
import { measurePeak } from '../../bench/peak.js';

const QUICK = { repetitionMs: 4, repetitions: 2, warmupMs: 0, clock: 'wall' as const };

describe('kernel bench', () => {
  it('measures a multiply-add peak in JS and wasm', () => {
    const peak = measurePeak(QUICK);
    expect(peak.js_gflops).toBeGreaterThan(0);
    expect(peak.wasm_simd_gflops).toBeGreaterThan(0);
  });

  it("rates M2's products and gradient for both kernels", () => {
    const m2 = loadModels().find((m) => m.name === 'M2')!;
    const k = measureKernels(m2, QUICK, 8);
    expect(k.product_flops).toBe(4 * 1000 * 20 * 8);
    for (const v of [k.product_gflops.js, k.product_gflops.wasm, k.gradient_gflops.js, k.gradient_gflops.wasm])
      expect(v).toBeGreaterThan(0);
    expect(kernelsLine(k)).toMatch(/wasm SIMD [\d.]+/);
  });
});
