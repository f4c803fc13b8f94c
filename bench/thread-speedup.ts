/**
 * The `thread_speedup` slot of out/bench/results.json (issue 12): speedup
 * of `--threads N` over `--threads 1` on M2 × 64 and M1 × 256 (target ≥ 1.8
 * on 2 cores). This is the one place bench/main.ts calls for it: wire the
 * thread-scaling bench (bench/thread-scaling.ts, written with the worker
 * threads) in here. Until then it returns null and the bench prints "not
 * measured"; nothing is estimated.
 */
import type { TimingOptions } from './timing.js';

/** Speedup by case, e.g. { "M2x64": 1.9, "M1x256": 1.85 }. */
export type ThreadSpeedup = Record<string, number>;

export async function measureThreadSpeedup(timing: TimingOptions): Promise<ThreadSpeedup | null> {
  void timing;
  return null;
}
