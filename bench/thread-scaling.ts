/**
 * Thread scaling (issue 12): wall time of sampleModel for M2 × 64 chains
 * and M1 × 256 chains on 1 and on 2 worker threads, same seed (so the same
 * draws), and the ratio as `thread_speedup`. The wall time includes what
 * threads cost (starting the workers, compiling the model in each) and the
 * summary, which runs on the main thread either way; `sampling_speedup`
 * is the ratio of the driver's own sampling time (the slowest group's).
 * Run with `npm run build && node dist/bench/thread-scaling.js`.
 */
import { pathToFileURL } from 'node:url';
import { compile } from '../src/compile/compile.js';
import { sampleModel } from '../src/inference/sample-model.js';
import { loadModels, type ModelName } from './models.js';

export interface ThreadScalingCase {
  model: ModelName;
  chains: number;
  draws: number;
  seconds_1_thread: number;
  seconds_2_threads: number;
  /** seconds_1_thread / seconds_2_threads (wall time of sampleModel). */
  thread_speedup: number;
  /** The same ratio for the sampling phase alone (summary.timing.sampling_seconds). */
  sampling_speedup: number;
}

export interface ThreadScalingOptions {
  /** Sampling iterations per case (default 2000 for M2, 3000 for M1). */
  draws?: Partial<Record<ModelName, number>>;
  /** Repetitions per thread count; the fastest counts (default 1). */
  repeats?: number;
}

const CASES: Array<{ model: ModelName; chains: number; draws: number }> = [
  { model: 'M2', chains: 64, draws: 2000 },
  { model: 'M1', chains: 256, draws: 3000 },
];

export async function measureThreadScaling(options: ThreadScalingOptions = {}): Promise<ThreadScalingCase[]> {
  const models = loadModels();
  const out: ThreadScalingCase[] = [];
  for (const c of CASES) {
    const bench = models.find((m) => m.name === c.model)!;
    const draws = options.draws?.[c.model] ?? c.draws;
    const model = await compile(bench.source, { data: bench.data, backend: 'f64', file: bench.file });
    const time = async (threads: number): Promise<{ wall: number; sampling: number }> => {
      let best = { wall: Infinity, sampling: Infinity };
      for (let r = 0; r < (options.repeats ?? 1); r++) {
        const start = performance.now();
        const fit = await sampleModel(model, {
          sampler: 'lmc',
          stepSize: bench.stepSize,
          chains: c.chains,
          warmup: 0,
          draws,
          // keep 100 draws per chain: the summary is then small beside the sampling timed
          thin: Math.max(1, Math.floor(draws / 100)),
          seed: 12,
          threads,
        });
        const wall = (performance.now() - start) / 1000;
        if (threads > 1 && fit.threads !== threads) throw new Error(`${c.model}: ran on ${fit.threads} thread(s)`);
        if (wall < best.wall) best = { wall, sampling: fit.summary.timing.sampling_seconds };
      }
      return best;
    };
    const one = await time(1);
    const two = await time(2);
    model.dispose();
    out.push({
      model: c.model,
      chains: c.chains,
      draws,
      seconds_1_thread: one.wall,
      seconds_2_threads: two.wall,
      thread_speedup: one.wall / two.wall,
      sampling_speedup: one.sampling / two.sampling,
    });
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await measureThreadScaling();
  process.stdout.write(JSON.stringify({ thread_speedup: results }, null, 2) + '\n');
}
