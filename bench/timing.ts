/**
 * Throughput measurement: warm-up runs (JIT, caches) are excluded, the
 * number of steps per repetition is calibrated to a target duration, and
 * several repetitions of the candidates are interleaved (so that a slow
 * phase of the machine hits all of them alike); medians are reported.
 */

export interface Runner {
  run(steps: number): void;
}

export interface TimingOptions {
  /** Wall time of one repetition, ms. */
  repetitionMs: number;
  repetitions: number;
  /** Wall time spent warming up each runner before measuring, ms. */
  warmupMs: number;
  /**
   * 'wall': elapsed time. 'cpu': this process's user + system CPU time,
   * which on an idle machine equals wall time for our single-threaded
   * steps but stays meaningful when other processes share the cores.
   */
  clock: 'wall' | 'cpu';
}

/** Milliseconds on the chosen clock. */
export function clockMs(clock: 'wall' | 'cpu'): number {
  if (clock === 'wall') return performance.now();
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export const DEFAULT_TIMING: TimingOptions = { repetitionMs: 150, repetitions: 5, warmupMs: 150, clock: 'cpu' };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

/** Steps for one repetition of ~target ms, from a doubling probe (which also warms up). */
function calibrate(runner: Runner, targetMs: number, warmupMs: number, clock: 'wall' | 'cpu'): number {
  let steps = 1;
  const start = clockMs(clock);
  for (;;) {
    const t0 = clockMs(clock);
    runner.run(steps);
    const elapsed = clockMs(clock) - t0;
    if (elapsed >= targetMs / 4 && clockMs(clock) - start >= warmupMs) {
      return Math.max(1, Math.round((steps * targetMs) / Math.max(elapsed, 1e-3)));
    }
    if (elapsed < targetMs / 4) steps *= 2;
  }
}

/** Median steps per second of each runner. */
export function stepsPerSecond(runners: Runner[], options: TimingOptions = DEFAULT_TIMING): number[] {
  const steps = runners.map((r) => calibrate(r, options.repetitionMs, options.warmupMs, options.clock));
  const rates: number[][] = runners.map(() => []);
  for (let rep = 0; rep < options.repetitions; rep++) {
    runners.forEach((runner, i) => {
      const t0 = clockMs(options.clock);
      runner.run(steps[i]);
      const seconds = (clockMs(options.clock) - t0) / 1000;
      rates[i].push(steps[i] / seconds);
    });
  }
  return rates.map(median);
}
