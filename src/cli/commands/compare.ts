/**
 * `langevin compare MODEL --samplers a,b,c`: every sampler on the same model,
 * data and seed, side by side: cost, efficiency, convergence and agreement of
 * posterior means (with the mala run, or a reference summary JSON).
 */
import type { Command } from 'commander';
import { compareSamplers, type Comparison } from '../../inference/compare.js';
import { LangevinError } from '../../errors.js';
import { samplerSpec } from '../../samplers/registry.js';
import { chooseMetric } from '../../samplers/run.js';
import { SAMPLER_NAMES, type SamplerName } from '../../inference/types.js';
import { readTextFile } from '../../io/data-file.js';
import type { SummaryJson } from '../../io/summary-json.js';
import { prepareOutputDir, writeFileOrFail, writeFit } from '../../io/write-fit.js';
import { formatTable, formatValue } from '../../report/table.js';
import type { CliIO } from '../io.js';
import { loadModel, resolvePath } from '../load-model.js';
import { createProgress } from '../progress.js';
import { addRunOptions, checkOptionsApplyToSome, parseRunOptions, type RawRunOptions } from '../run-options.js';
import { withInterrupt } from '../interrupt.js';
import { readInitValues } from '../init-file.js';
import { formatRhat } from '../../diagnostics/warnings.js';
import { printWritten, writeRunReport } from '../run-report.js';
import { join } from 'node:path';
import { writeParticles } from '../../io/particles-csv.js';
import { essTextBars } from '../../report/text-bars.js';

/** DIR/report.html of the comparison: every sampler overlaid, the ESS-per-gradient bars. */
export async function writeComparisonReport(dir: string, dirLabel: string, plotParams?: string[]): Promise<string> {
  const output = join(dir, 'report.html');
  // Loaded here: Vega is large, and every other command starts without it.
  const { readComparison, renderCompareReport } = await import('../../report/compare-report.js');
  writeFileOrFail(output, await renderCompareReport(readComparison(dir), { dirLabel, plotParams }));
  return output;
}

export function registerCompare(program: Command, io: CliIO, sources: Record<string, string>): void {
  addRunOptions(
    program
      .command('compare')
      .description('run several samplers on the same model and compare them')
      .argument('<model>', 'Stan-language model file')
      .requiredOption('--samplers <list>', `comma-separated samplers: ${SAMPLER_NAMES.join(', ')} (required)`)
      .option(
        '--reference <file>',
        'a summary JSON whose means are the reference (default: the nuts run, else the mala run, if any)',
      ),
    'compare',
  ).action(async (modelPath: string, raw: RawRunOptions & { samplers: string; reference?: string }) => {
    const samplers = parseSamplerList(raw.samplers);
    checkOptionsApplyToSome(raw, samplers);
    // each sampler takes the options that apply to it (--gamma goes to uld and malt only)
    const settings = samplers.map((s) => parseRunOptions(raw, s, true));
    const seed = settings[0]!.options.seed!;
    for (const s of settings) s.options.seed = seed;
    const reference = raw.reference === undefined ? undefined : readReference(io, raw.reference);
    const outDir = raw.out === undefined ? undefined : resolvePath(io, raw.out);
    const loaded = await loadModel(io, sources, modelPath, raw.data, settings[0]!.backend, settings[0]!.options.chains);
    try {
      for (const s of settings) {
        const spec = samplerSpec(s.options.sampler!);
        if (spec.createKernel) chooseMetric(spec, loaded.model.dim, s.options.metric);
      }
      if (outDir) prepareOutputDir(outDir, raw.overwrite === true);
    } catch (error) {
      loaded.model.dispose();
      throw error;
    }
    const initFile = settings[0]!.initFile;
    for (const s of initFile === undefined ? [] : settings) {
      s.options.init = readInitValues(resolvePath(io, initFile!), initFile!, loaded.model, s.options.chains!);
    }
    let comparison: Comparison;
    try {
      comparison = await withInterrupt(io, (signal) =>
        compareSamplers(
          loaded.model,
          settings.map((s) => ({ ...s.options, signal, compileSeconds: loaded.compileSeconds })),
          reference,
          (sampler) => {
            const progress = createProgress(io, sampler, raw.progress !== false && !raw.json);
            return { onProgress: (d, t, p) => progress.update(d, t, p), done: () => progress.stop() };
          },
        ),
      );
    } finally {
      loaded.model.dispose();
    }
    const written: string[] = [];
    if (outDir) {
      for (const run of comparison.runs) {
        const dir = join(outDir, run.sampler);
        prepareOutputDir(dir);
        if (run.sampler === 'annealed') written.push(...writeParticles(dir, run.fit));
        else written.push(...writeFit(dir, run.fit, { modelFile: modelPath, dataFile: raw.data }));
        if (run.fit.draws > 0) written.push(await writeRunReport(dir, join(raw.out!, run.sampler)));
      }
      const comparisonFile = join(outDir, 'comparison.json');
      writeFileOrFail(comparisonFile, JSON.stringify(comparison.rows, null, 2) + '\n');
      written.push(comparisonFile);
      if (reference) {
        // kept so `langevin report DIR` draws the same reference again
        const referenceFile = join(outDir, 'reference.json');
        writeFileOrFail(referenceFile, JSON.stringify(reference, null, 2) + '\n');
        written.push(referenceFile);
      }
      written.push(await writeComparisonReport(outDir, raw.out!));
    }
    if (raw.json) {
      io.stdout.write(
        JSON.stringify(
          { model: modelPath, seed, reference: comparison.referenceName, samplers: comparison.rows },
          null,
          2,
        ) + '\n',
      );
    } else {
      io.stdout.write(formatComparison(comparison) + '\n');
    }
    if (written.length > 0) printWritten(io, written, raw.json === true);
    // Each run's own warnings, as `sample` prints them, named by sampler.
    for (const run of comparison.runs) {
      for (const warning of run.fit.summary.warnings) io.stderr.write(`warning (${run.sampler}): ${warning}\n`);
    }
  });
}

function parseSamplerList(raw: string): SamplerName[] {
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.length === 0) throw new LangevinError(`--samplers must list samplers, e.g. lmc,mala; got '${raw}'`);
  for (const s of list) {
    if (!(SAMPLER_NAMES as readonly string[]).includes(s)) {
      throw new LangevinError(`--samplers: unknown sampler '${s}' (one of ${SAMPLER_NAMES.join(', ')})`);
    }
  }
  return list as SamplerName[];
}

function readReference(io: CliIO, path: string): SummaryJson {
  const text = readTextFile(resolvePath(io, path), 'reference summary');
  try {
    const parsed = JSON.parse(text) as SummaryJson;
    if (!Array.isArray(parsed.parameters)) throw new Error('no "parameters" array');
    return parsed;
  } catch (error) {
    throw new LangevinError(`--reference '${path}' is not a summary JSON: ${(error as Error).message}`);
  }
}

function formatComparison(c: Comparison): string {
  const header = [
    'sampler',
    'exact',
    'seconds',
    'grad evals',
    'min ESS bulk',
    'min ESS tail',
    'bulk/s',
    'tail/s',
    'bulk/1k grads',
    'tail/1k grads',
    'bulk/1k sampling',
    'tail/1k sampling',
    'max R-hat',
    'accept',
    `max |Δmean|/MCSE vs ${c.referenceName}`,
    'agrees',
  ];
  const rows = c.rows.map((r) => [
    r.sampler,
    r.exactness === 'adjusted' ? 'yes' : r.exactness === 'unadjusted' ? 'biased' : r.exactness,
    r.seconds.toFixed(2),
    String(r.gradient_evaluations),
    formatValue(r.min_ess_bulk),
    formatValue(r.min_ess_tail),
    formatValue(r.ess_bulk_per_second),
    formatValue(r.ess_tail_per_second),
    formatValue(r.ess_bulk_per_1000_gradients),
    formatValue(r.ess_tail_per_1000_gradients),
    formatValue(r.ess_bulk_per_1000_sampling_gradients),
    formatValue(r.ess_tail_per_1000_sampling_gradients),
    r.max_rhat === null ? 'NA' : formatRhat(r.max_rhat),
    r.acceptance_rate.toFixed(3),
    r.max_mean_difference_in_mcse === null
      ? 'NA'
      : r.sampler === c.referenceName
        ? '—'
        : `${formatValue(r.max_mean_difference_in_mcse)} (${r.max_mean_difference_parameter})`,
    r.agrees === null ? 'NA' : r.agrees ? 'yes' : 'NO',
  ]);
  const lines = [
    formatTable(header, rows),
    '',
    'per 1000 grads: warm-up included; per 1000 sampling: warm-up excluded; agrees: means within 4 MCSE, sds within 4 MCSE + 5%, R-hat ≤ 1.01',
  ];
  const bars = essTextBars(c.rows);
  if (bars !== '') lines.push('', bars);
  return lines.join('\n');
}
