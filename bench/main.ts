/**
 * `npm run bench`: the library's full sampler step (lmc, mala; f64, tfjs)
 * against hand-written Float64 baselines measured in the same repetitions,
 * parse + compile times, mala ESS bulk per second on M2 and M4, and the
 * peak memory of a 10 000-chain M3 run (in a child process), and the
 * GFLOP/s of M2's matrix products beside a multiply-add peak measured in
 * the same run (kernels.ts, peak.ts). Prints tables and writes
 * out/bench/results.json (ignored; bench/results.json is the committed record).
 *
 * Rates use this process's CPU time by default (identical to wall time on
 * an idle machine, robust when other jobs share the cores); `--clock wall`
 * switches to elapsed time. `--quick` shortens every repetition.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chooseBackend } from '../src/backends/select.js';
import { compile, lowerToGraph } from '../src/compile/compile.js';
import type { BackendName, LangevinModel } from '../src/model/types.js';
import { compileMs, tfjsStartupMs } from './compile-time.js';
import { malaEss, type EssResult } from './ess.js';
import { m3PeakRss } from './memory.js';
import { kernelsLine, measureKernels } from './kernels.js';
import { measureThreadScaling } from './thread-scaling.js';
import { loopTable, runLoopBench } from './loops.js';
import { stepBreakdown, type StepBreakdown } from './breakdown.js';
import { benchDir, loadModels, type ModelName } from './models.js';
import { breakdownTable, essTable, throughputTable } from './table.js';
import { measureThroughput, type ThroughputCase } from './throughput.js';
import { DEFAULT_TIMING, type TimingOptions } from './timing.js';

interface AutoChoice {
  model: ModelName;
  chains: number;
  picked: BackendName;
  faster_in_this_run: BackendName;
}

function timingFromArgs(args: string[]): TimingOptions {
  const timing = { ...DEFAULT_TIMING };
  if (args.includes('--quick')) Object.assign(timing, { repetitionMs: 40, repetitions: 3, warmupMs: 40 });
  if (args.includes('--clock') && args[args.indexOf('--clock') + 1] === 'wall') timing.clock = 'wall';
  return timing;
}

async function main(): Promise<void> {
  const started = performance.now();
  const timing = timingFromArgs(process.argv.slice(2));
  const models = loadModels();
  console.log(
    `langevin bench — node ${process.version}, clock: ${timing.clock}, load average ${loadavg()[0].toFixed(2)}`,
  );

  const startupMs = await tfjsStartupMs(models[0]);
  const compileTimes: Record<string, number> = {};
  const compileTimesTfjs: Record<string, number> = {};
  for (const bench of models) {
    compileTimes[bench.name] = Number((await compileMs(bench, 'f64')).toFixed(2));
    compileTimesTfjs[bench.name] = Number((await compileMs(bench, 'tfjs', 3)).toFixed(2));
  }
  console.log(
    `\nparse + compile, ms (median): f64 ${JSON.stringify(compileTimes)}; tfjs ${JSON.stringify(compileTimesTfjs)}; first tfjs compile (wasm start-up) ${startupMs.toFixed(0)} ms`,
  );

  const cases: ThroughputCase[] = [];
  const auto: AutoChoice[] = [];
  const breakdown: StepBreakdown[] = [];
  for (const bench of models) {
    const compiled: Record<BackendName, LangevinModel> = {
      f64: await compile(bench.source, { data: bench.data, backend: 'f64', file: bench.file }),
      tfjs: await compile(bench.source, { data: bench.data, backend: 'tfjs', file: bench.file }),
    };
    const graph = lowerToGraph(bench.source, bench.data, { file: bench.file });
    for (const chains of bench.chainCounts) {
      const measured = measureThroughput(bench, compiled, chains, timing);
      breakdown.push(stepBreakdown(bench, compiled, chains));
      cases.push(...measured);
      const lmc = measured.filter((c) => c.sampler === 'lmc');
      const fastest = lmc.reduce((a, b) => (b.grad_evals_per_second > a.grad_evals_per_second ? b : a));
      auto.push({
        model: bench.name,
        chains,
        picked: chooseBackend(graph, chains),
        faster_in_this_run: fastest.backend,
      });
    }
    compiled.f64.dispose();
    compiled.tfjs.dispose();
  }
  console.log(
    '\nfull sampler step, gradient evaluations per second (chains × steps / s; baseline: hand-written, same run)',
  );
  console.log(throughputTable(cases));
  console.log('\nwhere a step goes, µs per step (kernel rest: divergence check, acceptance, copies)');
  console.log(breakdownTable(breakdown));
  console.log(
    '\nauto backend: ' +
      auto.map((a) => `${a.model}×${a.chains} → ${a.picked} (faster here: ${a.faster_in_this_run})`).join('; '),
  );

  const ess: Record<string, EssResult> = {};
  for (const bench of models.filter((m) => m.name === 'M2' || m.name === 'M4')) {
    const graph = lowerToGraph(bench.source, bench.data, { file: bench.file });
    ess[bench.name] = await malaEss(bench, chooseBackend(graph, 4));
  }
  console.log('\nmala, 4 chains, 1000 warm-up + 1000 draws, minimum ESS bulk over parameters (backend chosen by auto)');
  console.log(essTable(ess));

  const kernels = measureKernels(
    models.find((m) => m.name === 'M2')!,
    timing,
  );
  console.log('\n' + kernelsLine(kernels));

  // Wall time of sampleModel on 1 and 2 worker threads, same draws (target ≥ 1.8 on 2 cores).
  const threadSpeedup = await measureThreadScaling();
  console.log('\nthread speedup, --threads 2 vs --threads 1 (lmc, f64, wall time incl. worker start-up):');
  for (const c of threadSpeedup) {
    console.log(
      `  ${c.model} × ${c.chains}: ${c.seconds_1_thread.toFixed(2)} s → ${c.seconds_2_threads.toFixed(2)} s, ` +
        `${c.thread_speedup.toFixed(2)}× (sampling alone ${c.sampling_speedup.toFixed(2)}×)`,
    );
  }

  const memory = m3PeakRss();
  console.log(
    `\nM3 ${memory.chains} chains lmc (${memory.warmup} warm-up, ${memory.draws} draws, thin ${memory.thin}, summary included): ` +
      `peak RSS ${memory.peak_rss_mb.toFixed(0)} MB, ${memory.seconds.toFixed(1)} s`,
  );

  const loops = runLoopBench(timing);
  console.log(
    '\nloops stay loops: loop form vs vector form (f64, 4 chains; ratio = loop/vector gradient time, target ≤ 1.5)',
  );
  console.log(loopTable(loops));

  const results = {
    cases,
    loops,
    compile_ms: compileTimes,
    compile_ms_tfjs: compileTimesTfjs,
    tfjs_startup_ms: Number(startupMs.toFixed(1)),
    mala_ess_bulk_per_second: Object.fromEntries(
      Object.entries(ess).map(([name, r]) => [name, r.ess_bulk_per_second_end_to_end]),
    ),
    mala_ess_bulk_per_second_sampling: Object.fromEntries(
      Object.entries(ess).map(([name, r]) => [name, r.ess_bulk_per_second_sampling]),
    ),
    mala_ess: ess,
    peak_rss_mb: { M3: memory.peak_rss_mb },
    kernels,
    thread_speedup: threadSpeedup,
    m3_memory_run: memory,
    auto_backend: auto,
    step_breakdown_us: breakdown,
    environment: {
      node: process.version,
      clock: timing.clock,
      load_average: Number(loadavg()[0].toFixed(2)),
      date: new Date().toISOString(),
    },
  };
  // Into out/ (ignored): a bench run never rewrites the tracked bench/results.json record.
  const outDir = join(benchDir(), '..', 'out', 'bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote out/bench/results.json in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
