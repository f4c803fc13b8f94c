/**
 * The machine's multiply-add rate, measured in the same run as the kernels
 * it is compared with: a tight loop of twelve independent a = a·m + c
 * chains, in JS (scalar f64) and in WebAssembly (f64x2, the same twelve
 * chains two lanes wide, built with the backend's own emitter). Neither
 * language has a fused multiply-add here, so 2 flops per update is the
 * ceiling the product kernels are measured against.
 */
import { I32, V128, emitModule, op, type Instr } from '../src/backends/f64/wasm-emit.js';
import { clockMs, type TimingOptions } from './timing.js';

/** Independent update chains: enough to cover the multiply and add latencies, few enough for 16 registers. */
const LANES = 12;

/** JS: `iterations` rounds of twelve scalar updates; returns a sum so nothing is dead code. */
function jsLoop(iterations: number): number {
  const m = 0.999999;
  const c = 1e-6;
  // prettier-ignore
  let a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8, a8 = 9, a9 = 10, a10 = 11, a11 = 12;
  for (let i = 0; i < iterations; i++) {
    a0 = a0 * m + c;
    a1 = a1 * m + c;
    a2 = a2 * m + c;
    a3 = a3 * m + c;
    a4 = a4 * m + c;
    a5 = a5 * m + c;
    a6 = a6 * m + c;
    a7 = a7 * m + c;
    a8 = a8 * m + c;
    a9 = a9 * m + c;
    a10 = a10 * m + c;
    a11 = a11 * m + c;
  }
  return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
}

/** wasm peak(iterations, out): twelve f64x2 accumulators, their lane sum stored at `out`. */
function wasmLoop(): ((iterations: number) => number) | null {
  // locals: 0 iterations, 1 out, 2 i; 3 m, 4 c (v128); 5..12 accumulators
  const acc = (q: number) => 5 + q;
  const body: Instr[] = [op.f64(0.999999), op.f64x2Splat(), op.set(3), op.f64(1e-6), op.f64x2Splat(), op.set(4)];
  for (let q = 0; q < LANES; q++) body.push(op.f64(q + 1), op.f64x2Splat(), op.set(acc(q)));
  const step: Instr[] = [];
  for (let q = 0; q < LANES; q++)
    step.push(op.get(acc(q)), op.get(3), op.f64x2Mul(), op.get(4), op.f64x2Add(), op.set(acc(q)));
  step.push(op.get(2), op.i32(1), op.i32Add(), op.set(2));
  body.push(
    op.block(),
    op.loop(),
    op.get(2),
    op.get(0),
    op.i32GeS(),
    op.brIf(1),
    ...step,
    op.br(0),
    op.end(),
    op.end(),
  );
  body.push(op.get(1), op.f64(0));
  for (let q = 0; q < LANES; q++) body.push(op.get(acc(q)), op.f64x2Lane(0), op.f64Add());
  body.push(op.f64Store());
  const bytes = emitModule([
    { name: 'peak', params: 2, locals: [I32, V128, V128, ...new Array<typeof V128>(LANES).fill(V128)], body },
  ]);
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return null;
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const peak = instance.exports.peak as (iterations: number, out: number) => void;
  const out = new Float64Array(memory.buffer, 0, 1);
  return (iterations) => {
    peak(iterations, 0);
    return out[0];
  };
}
/** Best rate over repetitions of ~repetitionMs each, in GFLOP/s. */
function best(run: (iterations: number) => number, flopsPerIteration: number, timing: TimingOptions): number {
  let iterations = 1 << 16;
  let sink = 0;
  // calibrate (also warms up the JIT)
  for (;;) {
    const t0 = clockMs(timing.clock);
    sink += run(iterations);
    const ms = clockMs(timing.clock) - t0;
    if (ms >= timing.repetitionMs / 4) {
      iterations = Math.max(1, Math.round((iterations * timing.repetitionMs) / ms));
      break;
    }
    iterations *= 2;
  }
  let rate = 0;
  for (let r = 0; r < timing.repetitions; r++) {
    const t0 = clockMs(timing.clock);
    sink += run(iterations);
    const seconds = (clockMs(timing.clock) - t0) / 1000;
    rate = Math.max(rate, (iterations * flopsPerIteration) / seconds / 1e9);
  }
  if (Number.isNaN(sink)) throw new Error('peak: the loop diverged');
  return rate;
}

export interface PeakRates {
  /** Scalar f64 multiply-adds in JS, GFLOP/s. */
  js_gflops: number;
  /** f64x2 multiply-adds in wasm, GFLOP/s (null where WebAssembly SIMD is missing). */
  wasm_simd_gflops: number | null;
}

export function measurePeak(timing: TimingOptions): PeakRates {
  const wasm = wasmLoop();
  return {
    js_gflops: Number(best(jsLoop, 2 * LANES, timing).toFixed(2)),
    wasm_simd_gflops: wasm ? Number(best(wasm, 4 * LANES, timing).toFixed(2)) : null,
  };
}
