/** `langevin sample MODEL [options]`: posterior draws, summary table, files. */
import type { Command } from 'commander';
import { sampleModel } from '../../inference/sample-model.js';
import { prepareOutputDir, writeFit } from '../../io/write-fit.js';
import { formatSummaryTable } from '../../report/table.js';
import type { Fit } from '../../inference/types.js';
import type { CliIO } from '../io.js';
import { loadModel, resolvePath } from '../load-model.js';
import { Interrupted } from '../interrupted.js';
import { createProgress } from '../progress.js';
import { addRunOptions, parseRunOptions, parseSampler, type RawRunOptions } from '../run-options.js';
import { withInterrupt } from '../interrupt.js';

export function registerSample(program: Command, io: CliIO, sources: Record<string, string>): void {
  addRunOptions(
    program
      .command('sample')
      .description('draw from the posterior of MODEL and print a summary')
      .argument('<model>', 'Stan-language model file')
      .option('--sampler <name>', 'lmc, lmc-beta, mala (default) or annealed'),
  ).action(async (modelPath: string, raw: RawRunOptions & { sampler?: string }) => {
    const sampler = parseSampler(raw.sampler);
    const { backend, options } = parseRunOptions(raw, sampler);
    const outDir = raw.out === undefined ? undefined : resolvePath(io, raw.out);
    if (outDir) prepareOutputDir(outDir);
    const loaded = await loadModel(io, sources, modelPath, raw.data, backend, options.chains);
    const progress = createProgress(io, sampler, raw.progress !== false && !raw.json);
    let fit: Fit;
    try {
      fit = await withInterrupt(io, (signal) =>
        sampleModel(loaded.model, {
          ...options,
          compileSeconds: loaded.compileSeconds,
          signal,
          onProgress: (done, total, phase) => progress.update(done, total, phase),
        }),
      );
    } finally {
      progress.stop();
      loaded.model.dispose();
    }
    fit.summary.model = modelPath.split(/[\\/]/).pop() ?? modelPath;
    if (outDir) writeFit(outDir, fit, { modelFile: modelPath, dataFile: raw.data });
    printFit(io, fit, raw.json === true);
    if (fit.interrupted) throw new Interrupted('interrupted');
  });
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
  if (fit.interrupted) io.stderr.write('interrupted: the draws so far were kept and summarised\n');
}

function describeRun(fit: Fit): string {
  const s = fit.summary;
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
      const at = Object.entries(b.center).map(([k, v]) => `${k}=${v}`).join(', ');
      lines.push(`  ${at}: ${b.fraction.toFixed(4)}`);
    }
    lines.push(`  transitions per chain: ${s.basins.transitions_per_chain.join(', ')}`);
  }
  if (s.lowest) {
    const at = Object.entries(s.lowest.position).map(([k, v]) => `${k}=${v.toPrecision(6)}`).join(', ');
    lines.push(`lowest f seen: ${s.lowest.f.toPrecision(8)} at ${at}`);
  }
  if (s.annealing) {
    lines.push('annealing levels (sigma, step size, mean squared score norm):');
    for (const l of s.annealing.levels) {
      lines.push(`  ${l.sigma.toPrecision(4)}  ${l.step_size.toPrecision(4)}  ${l.mean_squared_score_norm.toPrecision(4)}`);
    }
  }
  return lines.join('\n');
}
