/**
 * Loops stay loops: each model of loop-models.ts in loop and vector form
 * at N = 1e4, 1e5, 1e6. Reports the compile time of each form, the
 * gradient-time ratio loop/vector at 4 chains (a sampler step is one
 * gradient plus O(dim) work, so this is the sampling-time ratio), the peak
 * RSS of compiling and evaluating the loop form at 1e5 (in a child
 * process, loops-memory.ts) and check/compile times of a dina-shaped model.
 * Times are on the bench's clock (CPU time by default).
 * Also a recurrence (GARCH(1,1)) traced as one scan node vs unrolled at
 * T = 1e3, 1e4. Run alone with `node dist/bench/loops.js [--quick]
 * [--scan]` (--scan: only the recurrence rows); `npm run bench` includes it.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSync, lowerSource } from '../src/compile/compile.js';
import { check } from '../src/check/check.js';
import { describeDeclarations } from '../src/check/summary.js';
import { parse } from '../src/language/parse.js';
import type { LangevinModel, ModelData } from '../src/model/types.js';
import { DINA, LOOP_MODELS } from './loop-models.js';
import { clockMs, median, stepsPerSecond, type TimingOptions } from './timing.js';

export interface LoopCase {
  model: string;
  n: number;
  compile_ms_loop: number;
  compile_ms_vector: number;
  graph_nodes_loop: number;
  graph_nodes_vector: number;
  gradient_ms_loop: number;
  gradient_ms_vector: number;
  /** Gradient (≈ sampling) time of the loop form over the vector form. */
  ratio: number;
  peak_rss_mb_loop?: number;
}

/** A recurrence (GARCH(1,1)) traced as one scan node vs unrolled (`vectorise: false`). */
export interface ScanCase {
  model: string;
  t: number;
  compile_ms_scan: number;
  compile_ms_unrolled: number;
  graph_nodes_scan: number;
  graph_nodes_unrolled: number;
  gradient_ms_scan: number;
  gradient_ms_unrolled: number;
  /** Gradient time of the scan over the unrolled loop. */
  ratio: number;
}

export interface LoopBench {
  cases: LoopCase[];
  scans: ScanCase[];
  /** Absent when only the scan rows ran (`--scan`). */
  dina?: {
    /** `langevin check` without data: parse and type-check only. */
    check_ms_without_data: number;
    /** With data: bind and validate it, trace the log density (what `check --data` adds). */
    check_ms: number;
    compile_ms: number;
    graph_nodes: number;
    gradient_ms: number;
  };
}

const CHAINS = 4;

let clock: TimingOptions['clock'] = 'cpu';

function timedCompile(source: string, data: ModelData, vectorise = true): { model: LangevinModel; ms: number } {
  const t0 = clockMs(clock);
  const model = compileSync(source, { data, backend: 'f64', vectorise });
  return { model, ms: clockMs(clock) - t0 };
}

function start(dim: number): Float64Array {
  return Float64Array.from({ length: dim * CHAINS }, (_, i) => 0.1 * Math.sin(i + 1));
}

function childPeakRss(model: string, n: number): number {
  const child = join(dirname(fileURLToPath(import.meta.url)), 'loops-memory.js');
  const out = execFileSync(process.execPath, [child, model, String(n)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return (JSON.parse(out.trim().split('\n').pop() ?? '{}') as { peak_rss_mb: number }).peak_rss_mb;
}

const GARCH = `
data { int<lower=0> T; array[T] real y; real<lower=0> sigma1; }
parameters { real mu; real<lower=0> alpha0; real<lower=0, upper=1> alpha1; real<lower=0, upper=(1 - alpha1)> beta1; }
transformed parameters {
  array[T] real<lower=0> sigma;
  sigma[1] = sigma1;
  for (t in 2:T) sigma[t] = sqrt(alpha0 + alpha1 * pow(y[t - 1] - mu, 2) + beta1 * pow(sigma[t - 1], 2));
}
model { y ~ normal(mu, sigma); }
`;

/** GARCH(1,1) as a scan (the loop form as written) and unrolled, at each T. */
export function runScanBench(timing: TimingOptions, sizes = [1e3, 1e4]): ScanCase[] {
  clock = timing.clock;
  const out: ScanCase[] = [];
  for (const t of sizes) {
    const data = {
      T: t,
      y: Array.from({ length: t }, (_, i) => Math.sin(0.37 * i) + 0.3 * Math.cos(2.1 * i)),
      sigma1: 1,
    };
    const scan = timedCompile(GARCH, data);
    const unrolled = timedCompile(GARCH, data, false);
    const x = start(scan.model.dim);
    const runner = (model: LangevinModel) => ({
      run: (steps: number) => {
        for (let s = 0; s < steps; s++) model.logDensityAndGradient(x, CHAINS);
      },
    });
    const [scanRate, unrolledRate] = stepsPerSecond([runner(scan.model), runner(unrolled.model)], timing);
    const nodes = (vectorise: boolean) => lowerSource(GARCH, { data, vectorise }).graph.nodes.length;
    out.push({
      model: 'GARCH(1,1) scan',
      t,
      compile_ms_scan: Number(scan.ms.toFixed(0)),
      compile_ms_unrolled: Number(unrolled.ms.toFixed(0)),
      graph_nodes_scan: nodes(true),
      graph_nodes_unrolled: nodes(false),
      gradient_ms_scan: Number((1000 / scanRate!).toFixed(3)),
      gradient_ms_unrolled: Number((1000 / unrolledRate!).toFixed(3)),
      ratio: Number((unrolledRate! / scanRate!).toFixed(3)),
    });
    scan.model.dispose();
    unrolled.model.dispose();
  }
  return out;
}

export function runLoopBench(timing: TimingOptions, sizes = [1e4, 1e5, 1e6]): LoopBench {
  clock = timing.clock;
  const cases: LoopCase[] = [];
  for (const n of sizes) {
    for (const m of LOOP_MODELS) {
      const data = m.data(n);
      const loop = timedCompile(m.loop, data);
      const vector = timedCompile(m.vector, data);
      const x = start(loop.model.dim);
      const runner = (model: LangevinModel) => ({
        run: (steps: number) => {
          for (let s = 0; s < steps; s++) model.logDensityAndGradient(x, CHAINS);
        },
      });
      const opts = n >= 1e6 ? { ...timing, repetitions: Math.min(timing.repetitions, 3) } : timing;
      const [loopRate, vectorRate] = stepsPerSecond([runner(loop.model), runner(vector.model)], opts);
      const nodes = (source: string) => lowerSource(source, { data }).graph.nodes.length;
      cases.push({
        model: m.name,
        n,
        compile_ms_loop: Number(loop.ms.toFixed(0)),
        compile_ms_vector: Number(vector.ms.toFixed(0)),
        graph_nodes_loop: nodes(m.loop),
        graph_nodes_vector: nodes(m.vector),
        gradient_ms_loop: Number((1000 / loopRate!).toFixed(3)),
        gradient_ms_vector: Number((1000 / vectorRate!).toFixed(3)),
        ratio: Number((vectorRate! / loopRate!).toFixed(3)),
        peak_rss_mb_loop: n === 1e5 ? childPeakRss(m.name, n) : undefined,
      });
      loop.model.dispose();
      vector.model.dispose();
    }
  }
  const data = DINA.data();
  const checks: number[] = [];
  const typeChecks: number[] = [];
  const compiles: number[] = [];
  let model: LangevinModel | undefined;
  for (let r = 0; r < 3; r++) {
    const t = clockMs(clock);
    describeDeclarations(check(parse(DINA.source, 'dina.stan'), 'dina.stan'));
    typeChecks.push(clockMs(clock) - t);
    const t0 = clockMs(clock);
    lowerSource(DINA.source, { data });
    checks.push(clockMs(clock) - t0);
    model?.dispose();
    const c = timedCompile(DINA.source, data);
    compiles.push(c.ms);
    model = c.model;
  }
  const x = start(model!.dim);
  const [rate] = stepsPerSecond(
    [
      {
        run: (steps) => {
          for (let s = 0; s < steps; s++) model!.logDensityAndGradient(x, CHAINS);
        },
      },
    ],
    timing,
  );
  model!.dispose();
  return {
    cases,
    scans: runScanBench(timing),
    dina: {
      check_ms_without_data: Number(median(typeChecks).toFixed(1)),
      check_ms: Number(median(checks).toFixed(0)),
      compile_ms: Number(median(compiles).toFixed(0)),
      graph_nodes: lowerSource(DINA.source, { data }).graph.nodes.length,
      gradient_ms: Number((1000 / rate!).toFixed(3)),
    },
  };
}

export function loopTable(bench: LoopBench): string {
  const head =
    'model                  N   compile ms loop/vector   nodes loop/vector   gradient ms loop/vector   ratio   peak RSS MB (loop)';
  const lines = [head];
  for (const c of bench.cases) {
    lines.push(
      `${c.model.padEnd(19)} ${c.n.toExponential(0).padStart(5)}   ${`${c.compile_ms_loop} / ${c.compile_ms_vector}`.padStart(20)}   ` +
        `${`${c.graph_nodes_loop} / ${c.graph_nodes_vector}`.padStart(17)}   ${`${c.gradient_ms_loop} / ${c.gradient_ms_vector}`.padStart(23)}   ` +
        `${c.ratio.toFixed(2).padStart(5)}   ${c.peak_rss_mb_loop === undefined ? '' : c.peak_rss_mb_loop.toFixed(0)}`,
    );
  }
  lines.push(
    'recurrence              T   compile ms scan/unrolled   nodes scan/unrolled   gradient ms scan/unrolled   ratio',
  );
  for (const c of bench.scans) {
    lines.push(
      `${c.model.padEnd(19)} ${c.t.toExponential(0).padStart(5)}   ${`${c.compile_ms_scan} / ${c.compile_ms_unrolled}`.padStart(24)}   ` +
        `${`${c.graph_nodes_scan} / ${c.graph_nodes_unrolled}`.padStart(19)}   ${`${c.gradient_ms_scan} / ${c.gradient_ms_unrolled}`.padStart(25)}   ` +
        `${c.ratio.toFixed(2).padStart(5)}`,
    );
  }
  const d = bench.dina;
  if (!d) return lines.join('\n');
  lines.push(
    `${DINA.name} (J=2000, C=8, I=20): check ${d.check_ms_without_data} ms without data, ${d.check_ms} ms with, compile ${d.compile_ms} ms, ${d.graph_nodes} nodes, gradient ${d.gradient_ms} ms at ${CHAINS} chains`,
  );
  return lines.join('\n');
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const quick = process.argv.includes('--quick');
  const timing: TimingOptions = quick
    ? { repetitionMs: 40, repetitions: 3, warmupMs: 40, clock: 'cpu' }
    : { repetitionMs: 150, repetitions: 5, warmupMs: 150, clock: 'cpu' };
  if (process.argv.includes('--scan')) {
    const scans = runScanBench(timing);
    console.log(loopTable({ cases: [], scans, dina: undefined }));
  } else console.log(loopTable(runLoopBench(timing)));
}
