/**
 * Child process of the bench: one 10 000-chain run of M3 (compile, warm-up,
 * draws, summary, as `langevin sample` does it) and its peak resident set
 * size, printed as one JSON line. Run alone so that nothing else the bench
 * allocates counts. Arguments: warmup draws thin [backend].
 */
import { compile } from '../src/compile/compile.js';
import { sampleModel } from '../src/inference/sample-model.js';
import type { BackendName } from '../src/model/types.js';
import { loadModels } from './models.js';

async function main(): Promise<void> {
  const [warmup, draws, thin] = process.argv.slice(2, 5).map(Number);
  const backend = (process.argv[5] ?? 'f64') as BackendName;
  const bench = loadModels().find((m) => m.name === 'M3')!;
  const chains = bench.chainCounts[0];
  const start = performance.now();
  const model = await compile(bench.source, { data: bench.data, backend, file: bench.file });
  const fit = await sampleModel(model, { sampler: 'lmc', chains, warmup, draws, thin, seed: 1 });
  const seconds = (performance.now() - start) / 1000;
  // maxRSS is in kilobytes: the peak over the whole life of this process
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      chains,
      warmup,
      draws,
      thin,
      backend,
      seconds: Number(seconds.toFixed(2)),
      peak_rss_mb: Number(peakMb.toFixed(1)),
      kept_draws: fit.draws,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
