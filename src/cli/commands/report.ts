/** `langevin report DIR`: DIR/report.html from a run written with `--out DIR`. */
import type { Command } from 'commander';
import { join } from 'node:path';
import { writeFileOrFail } from '../../io/write-fit.js';
import type { CliIO } from '../io.js';
import { resolvePath } from '../load-model.js';
import { positiveInt } from '../options.js';
import { existsSync } from 'node:fs';

/** A `compare --out` directory: comparison.json and no summary.json of its own. */
function isComparisonDir(dir: string): boolean {
  return existsSync(join(dir, 'comparison.json')) && !existsSync(join(dir, 'summary.json'));
}

export function registerReport(program: Command, io: CliIO): void {
  program
    .command('report')
    .description(
      'write DIR/report.html (tables, traces, rank plots, autocorrelation, densities, ESS/MCSE evolution, forest, pairs) from the files of `sample --out DIR`',
    )
    .argument(
      '<dir>',
      'directory written by `langevin sample MODEL --out DIR` (or `compare --out DIR`: the comparison page)',
    )
    .option('--output <file>', 'where to write the page (default DIR/report.html)')
    .option('--max-parameters <n>', 'plot at most this many parameters (default 20)')
    .option(
      '--plot-params <names>',
      'plot these parameters, e.g. mu,tau,theta (a name alone takes every element) (default: the first --max-parameters)',
    )
    .action(async (dirArg: string, raw: { output?: string; maxParameters?: string; plotParams?: string }) => {
      const maxParameters = positiveInt('--max-parameters', raw.maxParameters, 20);
      const plotParams = raw.plotParams
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const dir = resolvePath(io, dirArg);
      if (isComparisonDir(dir)) {
        // compare --out DIR: the comparison page (each DIR/SAMPLER keeps its own report)
        const { readComparison, renderCompareReport } = await import('../../report/compare-report.js');
        const output = raw.output === undefined ? join(dir, 'report.html') : resolvePath(io, raw.output);
        const data = readComparison(dir);
        writeFileOrFail(output, await renderCompareReport(data, { dirLabel: dirArg, plotParams, maxParameters }));
        io.stdout.write(`wrote ${output}\n`);
        return;
      }
      // Loaded on use: Vega is large, and other commands start without it.
      const [{ renderReport }, { readRun }] = await Promise.all([
        import('../../report/html.js'),
        import('../../report/read-run.js'),
      ]);
      const run = readRun(dir);
      const output = raw.output === undefined ? join(dir, 'report.html') : resolvePath(io, raw.output);
      writeFileOrFail(output, await renderReport(run, { maxParameters, dirLabel: dirArg, plotParams }));
      io.stdout.write(`wrote ${output}\n`);
    });
}
