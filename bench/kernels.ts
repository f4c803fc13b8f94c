/**
 * Achieved GFLOP/s of M2's matrix products (X·β forward, Xᵀ·ḡ backward;
 * N = 1000, D = 20, 64 chains), beside the multiply-add peak measured in
 * the same run (peak.ts): the product kernels alone (JS and WebAssembly
 * SIMD, in the tape's blocks of chains), and the whole gradient evaluation
 * of the compiled model, whose flops are counted as the products' 4·N·D
 * per chain (the elementwise log density, one exp and one log1p per row
 * and chain, is not counted: it is what the rest of the time goes to).
 */
import { compileF64 } from '../src/backends/f64/tape.js';
import { constantProduct, wasmKernelsAvailable } from '../src/backends/f64/product.js';
import { lowerToGraph } from '../src/compile/compile.js';
import type { BenchModel } from './models.js';
import { measurePeak, type PeakRates } from './peak.js';
import { initialPositions } from './throughput.js';
import { clockMs, type TimingOptions } from './timing.js';

export interface KernelRates {
  model: string;
  chains: number;
  /** Flops of one gradient evaluation's products: 4·N·D·chains. */
  product_flops: number;
  peak: PeakRates;
  /** Forward + backward product alone, GFLOP/s. */
  product_gflops: { js: number; wasm: number | null };
  /** Whole gradient evaluation (product flops / time), GFLOP/s, and its time in µs. */
  gradient_gflops: { js: number; wasm: number | null };
  gradient_us: { js: number; wasm: number | null };
}

/** Best seconds per call of `run` over repetitions of ~repetitionMs. */
function secondsPerCall(run: () => void, timing: TimingOptions): number {
  let calls = 1;
  for (;;) {
    const t0 = clockMs(timing.clock);
    for (let i = 0; i < calls; i++) run();
    const ms = clockMs(timing.clock) - t0;
    if (ms >= timing.repetitionMs / 4) {
      calls = Math.max(1, Math.round((calls * timing.repetitionMs) / ms));
      break;
    }
    calls *= 2;
  }
  let best = Infinity;
  for (let r = 0; r < timing.repetitions; r++) {
    const t0 = clockMs(timing.clock);
    for (let i = 0; i < calls; i++) run();
    best = Math.min(best, (clockMs(timing.clock) - t0) / 1000 / calls);
  }
  return best;
}

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

export function measureKernels(m2: BenchModel, timing: TimingOptions, chains = 64): KernelRates {
  const N = m2.data.N as number;
  const D = m2.data.D as number;
  const X = Float64Array.from((m2.data.X as number[][]).flat());
  const flops = 4 * N * D * chains;
  const beta = initialPositions(D, chains);
  const kernels: ('js' | 'wasm')[] = wasmKernelsAvailable() ? ['js', 'wasm'] : ['js'];
  const product: Record<string, number> = {};
  const gradient: Record<string, number> = {};
  const graph = lowerToGraph(m2.source, m2.data, { file: m2.file });
  for (const kernel of kernels) {
    const p = constantProduct('matvec', X, N, D, chains, true, kernel);
    const gBeta = new Float64Array(chains * D);
    p.grad?.fill(1e-3);
    const block = 8; // the tape's block of chains on M2
    product[kernel] = secondsPerCall(() => {
      for (let c = 0; c < chains; c += block) {
        const end = Math.min(chains, c + block);
        p.forward(beta, c, end);
        p.backward(gBeta, c, end);
      }
    }, timing);
    const evaluator = compileF64(graph, { kernel });
    gradient[kernel] = secondsPerCall(() => evaluator.logDensityAndGradient(beta, chains), timing);
    evaluator.dispose();
  }
  const rate = (seconds: number | undefined) => (seconds === undefined ? null : round(flops / seconds / 1e9));
  return {
    model: m2.name,
    chains,
    product_flops: flops,
    peak: measurePeak(timing),
    product_gflops: { js: rate(product.js) as number, wasm: rate(product.wasm) },
    gradient_gflops: { js: rate(gradient.js) as number, wasm: rate(gradient.wasm) },
    gradient_us: {
      js: round(gradient.js * 1e6, 0),
      wasm: gradient.wasm === undefined ? null : round(gradient.wasm * 1e6, 0),
    },
  };
}

export function kernelsLine(k: KernelRates): string {
  const w = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  return (
    `${k.model} × ${k.chains} products (X·β and Xᵀ·ḡ, ${(k.product_flops / 1e6).toFixed(2)} Mflop per gradient), GFLOP/s:\n` +
    `  product kernels alone   wasm SIMD ${w(k.product_gflops.wasm)}   JS ${w(k.product_gflops.js)}\n` +
    `  whole gradient          wasm SIMD ${w(k.gradient_gflops.wasm)} (${k.gradient_us.wasm ?? 'n/a'} µs)   JS ${w(k.gradient_gflops.js)} (${k.gradient_us.js} µs)\n` +
    `  peak multiply-add loop  wasm f64x2 ${w(k.peak.wasm_simd_gflops)}   JS scalar ${w(k.peak.js_gflops)}`
  );
}
