/** `langevin sample MODEL [options]`: posterior draws, summary table, files. */
import type { Command } from 'commander';
import { sampleModel } from '../../inference/sample-model.js';
import { prepareOutputDir, writeFit } from '../../io/write-fit.js';
import { formatSummaryTable } from '../../report/table.js';
import type { Fit } from '../../inference/types.js';
import type { CliIO } from '../io.js';
import { loadModel, resolvePath, type LoadedModel } from '../load-model.js';
import { readPointsCsv } from '../../io/points-file.js';
import { writeParticles } from '../../io/particles-csv.js';
import { scoreModel } from '../../score/score-model.js';
import type { ScoreNetwork } from '../../score/network.js';
import { SAMPLER_NAMES, type SamplerName } from '../../inference/types.js';
import { DEFAULT_SAMPLER, samplerSpec } from '../../samplers/registry.js';
import { chooseMetric } from '../../samplers/run.js';
import type { BackendChoice } from '../../model/types.js';
import { LangevinError } from '../../errors.js';
import { Interrupted } from '../interrupted.js';
import { createProgress } from '../progress.js';
import { addRunOptions, parseRunOptions, parseSampler, type RawRunOptions } from '../run-options.js';
import { interruptExitCode, interruptGuard } from '../interrupt.js';
import { checkRunMemory } from '../limit-options.js';
import { DrawStreamer } from '../stream-draws.js';
import { codedWarning } from '../../error-codes.js';
import { readInitValues } from '../init-file.js';
import { printWritten, writeRunReport } from '../run-report.js';
import { join } from 'node:path';
import { writeFileOrFail } from '../../io/write-fit.js';
import { formatSplitRecord, settingsOf, SPLIT_FORMAT } from '../../inference/split-record.js';

export function registerSample(program: Command, io: CliIO, sources: Record<string, string>): void {
  addRunOptions(
    program
      .command('sample')
      .description('draw from the posterior of MODEL and print a summary')
      .argument('[model]', 'Stan-language model file (optional with --score)')
      .option('--sampler <name>', `${SAMPLER_NAMES.join(', ')} (default ${DEFAULT_SAMPLER})`)
      .option('--reference <file>', 'CSV of reference points: report the energy distance of the draws to them'),
  ).action(async (modelPath: string | undefined, raw: RawRunOptions & { sampler?: string }) => {
    // Signals are caught from the start: one during compiling ends the run as cleanly as one while sampling.
    const guard = interruptGuard(io);
    try {
      await runSample(io, sources, modelPath, raw, guard.signal);
    } finally {
      guard.dispose();
    }
  });
}

async function runSample(
  io: CliIO,
  sources: Record<string, string>,
  modelPath: string | undefined,
  raw: RawRunOptions & { sampler?: string },
  stopped: AbortSignal,
): Promise<void> {
  const sampler = parseSampler(raw.sampler);
  const { backend, options, initFile } = parseRunOptions(raw, sampler);
  const outDir = raw.out === undefined ? undefined : resolvePath(io, raw.out);
  const annealing = options.annealing!;
  if (raw.score !== undefined) {
    // tfjs loads only here: the network's weights become tfjs tensors.
    const [{ initTfjs }, { readScoreFile }] = await Promise.all([
      import('../../backends/tfjs/setup.js'),
      import('../../score/score-file.js'),
    ]);
    await initTfjs();
    annealing.score = readScoreFile(resolvePath(io, raw.score));
  }
  if (raw.reference !== undefined) annealing.reference = readPointsCsv(resolvePath(io, raw.reference));
  const loaded = await loadRunModel(
    io,
    sources,
    modelPath,
    raw.data,
    backend,
    options.chains,
    annealing.score,
    sampler,
  );
  // the metric must fit the model (dense: at most DENSE_METRIC_LIMIT parameters) before anything is written
  try {
    if (samplerSpec(sampler).createKernel) chooseMetric(samplerSpec(sampler), loaded.model.dim, options.metric);
    if (outDir) prepareOutputDir(outDir, raw.overwrite === true);
  } catch (error) {
    loaded.model.dispose();
    throw error;
  }
  checkRunMemory(options.chains!, Math.ceil(options.draws! / options.thin!), loaded.model.outputNames.length);
  if (initFile !== undefined) {
    // --chain-ids A-B: the inits of chains A … B of the whole run (FILE_A.json … for per-chain files)
    const skip = (options.firstChain ?? 1) - 1;
    const init = readInitValues(resolvePath(io, initFile), initFile, loaded.model, skip + options.chains!);
    options.init = init.length === loaded.model.dim ? init : init.slice(skip * loaded.model.dim);
  }
  const progress = createProgress(io, sampler, raw.progress !== false && !raw.json);
  const label = modelPath ?? raw.score!;
  const modelName = label.split(/[\\/]/).pop() ?? label;
  // Draws stream to the chain files as they are made (annealed has one draw per particle, at the end).
  const streamer = new DrawStreamer(loaded.model, {
    dir: sampler === 'annealed' ? undefined : outDir,
    chains: options.chains!,
    warmup: options.warmup!,
    draws: options.draws!,
    thin: options.thin!,
    seed: options.seed!,
    sampler,
    modelName,
    modelFile: label,
    dataFile: raw.data,
    firstChain: options.firstChain,
  });
  let fit: Fit;
  try {
    fit = await sampleModel(loaded.model, {
      ...options,
      compileSeconds: loaded.compileSeconds,
      signal: stopped,
      onProgress: (done, total, phase) => progress.update(done, total, phase),
      // one thread streams every iteration; worker threads send batches of kept rows
      onDraw: streamer.onDraw,
      onRows: streamer.onRows,
      keepSampled: options.firstChain !== undefined,
      // a note only when --threads was asked for: the default (every core) falls back silently
      onNote: (note) => void (raw.threads !== undefined && io.stderr.write(`note: ${note}\n`)),
    });
    streamer.flush();
  } finally {
    streamer.close();
    progress.stop();
    loaded.model.dispose();
  }
  fit.summary.model = modelName;
  if (fit.interrupted) {
    fit.summary.partial = true;
    fit.summary.progress = streamer.progress;
  }
  fit.summary.warnings = fit.summary.warnings.map(codedWarning);
  const written: string[] = [];
  if (outDir) {
    if (sampler === 'annealed') written.push(...writeParticles(outDir, fit));
    else
      written.push(
        ...writeFit(outDir, fit, {
          modelFile: label,
          dataFile: raw.data,
          progress: fit.interrupted ? streamer.progress : undefined,
        }),
      );
    // a part of a split run keeps what `langevin merge` needs to rebuild the whole run's summary
    if (options.firstChain !== undefined && fit.sampled && loaded.model.recipe && !fit.interrupted) {
      const path = join(outDir, 'split.json');
      writeFileOrFail(
        path,
        formatSplitRecord({
          format: SPLIT_FORMAT,
          recipe: loaded.model.recipe,
          settings: settingsOf(options),
          labels: { model: modelName, modelFile: label, dataFile: raw.data },
          chainIds: fit.chainIds ?? [],
          result: fit.sampled,
          compileSeconds: loaded.compileSeconds,
        }),
      );
      written.push(path);
    }
    // An interrupt before the first draw leaves nothing to plot.
    if (fit.draws > 0) written.push(await writeRunReport(outDir, raw.out!));
  }
  printFit(io, fit, raw.json === true);
  if (written.length > 0) printWritten(io, written, raw.json === true);
  if (fit.interrupted) throw new Interrupted('interrupted', interruptExitCode(stopped));
  // a worker's failure: the other chains were written above, then the error and exit 1
  if (fit.failures?.length) throw new LangevinError(fit.failures.map((f) => f.message).join('; '));
}

export function printFit(io: CliIO, fit: Fit, json: boolean): void {
  if (json) {
    io.stdout.write(JSON.stringify(fit.summary, null, 2) + '\n');
  } else {
    io.stdout.write(describeRun(fit) + '\n\n' + formatSummaryTable(fit.summary.parameters) + '\n');
    const extras = describeExtras(fit);
    if (extras) io.stdout.write('\n' + extras + '\n');
  }
  for (const warning of fit.summary.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (fit.interrupted) {
    const p = fit.summary.progress;
    const got = p
      ? ` (warm-up ${p.warmup_done} of ${p.warmup_requested}, sampling ${p.sampling_done} of ${p.sampling_requested} iterations)`
      : '';
    io.stderr.write(`interrupted: the draws so far were kept and summarised${got}\n`);
  }
}

function describeRun(fit: Fit): string {
  const s = fit.summary;
  if (s.annealing) {
    // Final steps at noise 0 are listed as a last entry with sigma 0: not a noise level.
    const levels = s.annealing.levels.filter((l) => l.sigma > 0);
    const final = s.annealing.levels.length - levels.length;
    return [
      `${s.model}: annealed on ${s.backend}, ${s.chains} particles, ${levels.length} noise levels ` +
        `(sigma ${levels[0]?.sigma.toPrecision(3)} to ${levels[levels.length - 1]?.sigma.toPrecision(3)})` +
        `${final > 0 ? ' then plain Langevin steps at noise 0' : ''}, seed ${s.seed}`,
      `time: compile ${s.timing.compile_seconds.toFixed(2)} s, sampling ${s.timing.sampling_seconds.toFixed(2)} s; ` +
        'one draw per particle, so R-hat, ESS and MCSE do not apply',
    ].join('\n');
  }
  const acceptance = s.chain_info.map((c) => c.acceptance_rate);
  const meanAcceptance = acceptance.reduce((a, b) => a + b, 0) / Math.max(1, acceptance.length);
  const divergences = s.chain_info.reduce((a, c) => a + c.divergences, 0);
  return [
    `${s.model}: ${s.sampler} on ${s.backend}, ${s.chains} chains, ${s.warmup} warm-up + ${s.draws} draws` +
      `${s.thin && s.thin > 1 ? ` (thin ${s.thin})` : ''}, seed ${s.seed}`,
    `time: compile ${s.timing.compile_seconds.toFixed(2)} s, warm-up ${s.timing.warmup_seconds.toFixed(2)} s, ` +
      `sampling ${s.timing.sampling_seconds.toFixed(2)} s; mean acceptance ${meanAcceptance.toFixed(3)}, divergences ${divergences}`,
  ].join('\n');
}

function describeExtras(fit: Fit): string {
  const s = fit.summary;
  const lines: string[] = [];
  if (s.modes) {
    lines.push('mode fractions (nearest centre):');
    for (const m of s.modes) lines.push(`  (${m.center.join(', ')}): ${m.fraction.toFixed(4)}`);
  }
  if (s.basins) {
    lines.push(`basin occupancy (radius ${s.basins.radius}):`);
    for (const b of s.basins.occupancy) {
      const at = Object.entries(b.center)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      lines.push(`  ${at}: ${b.fraction.toFixed(4)}`);
    }
    lines.push(`  transitions per chain: ${s.basins.transitions_per_chain.join(', ')}`);
  }
  if (s.lowest) {
    const at = Object.entries(s.lowest.position)
      .map(([k, v]) => `${k}=${v.toPrecision(6)}`)
      .join(', ');
    lines.push(`lowest f seen: ${s.lowest.f.toPrecision(8)} at ${at}`);
  }
  if (s.energy_distance !== undefined) {
    lines.push(
      `energy distance to the reference points: ${s.energy_distance.toPrecision(4)} ` +
        '(0 when the draws and the reference come from one distribution; an unbiased estimate, so it can be slightly negative)',
    );
  }
  if (s.annealing) {
    lines.push('annealing levels (sigma, step size, mean squared score norm):');
    for (const l of s.annealing.levels) {
      lines.push(
        `  ${l.sigma.toPrecision(4)}  ${l.step_size.toPrecision(4)}  ${l.mean_squared_score_norm.toPrecision(4)}`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * The model to run: the model file, or with `--score FILE` and no model
 * the score network itself (lmc at the smallest σ, or annealed over its
 * levels; MALA needs a log density, which a score does not have).
 */
async function loadRunModel(
  io: CliIO,
  sources: Record<string, string>,
  modelPath: string | undefined,
  dataPath: string | undefined,
  backend: BackendChoice,
  chains: number | undefined,
  score: ScoreNetwork | undefined,
  sampler: SamplerName,
): Promise<LoadedModel> {
  if (modelPath !== undefined) return loadModel(io, sources, modelPath, dataPath, backend, chains);
  if (!score) throw new LangevinError('a model file is required (or a trained score network with --score FILE)');
  if (samplerSpec(sampler).needsLogDensity) {
    throw new LangevinError(
      `--sampler ${sampler} needs a model's log density; with --score alone use lmc (with --step-size) or annealed`,
    );
  }
  return { model: scoreModel(score), modelFile: '', data: {}, compileSeconds: 0 };
}
