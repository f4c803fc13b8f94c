/**
 * `langevin merge DIR... --out DIR`: the parts of a split run (each written
 * with `sample --chain-ids A-B --out DIR`) as one run directory: the chain
 * CSVs copied, summary.json rebuilt over all the chains (equal to that of
 * one run over them, timing aside), split.json for merging further, and
 * report.html.
 */
import type { Command } from 'commander';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compile } from '../../compile/compile.js';
import { codedWarning } from '../../error-codes.js';
import { LangevinError } from '../../errors.js';
import { checkMergeable, mergeRuns, type MergeInput } from '../../inference/merge-runs.js';
import { formatSplitRecord, parseSplitRecord } from '../../inference/split-record.js';
import { prepareOutputDir, writeFileOrFail } from '../../io/write-fit.js';
import type { CliIO } from '../io.js';
import { resolvePath } from '../load-model.js';
import { printWritten, writeRunReport } from '../run-report.js';
import { printFit } from './sample.js';

interface RawMergeOptions {
  out: string;
  overwrite?: boolean;
  json?: boolean;
}

export function registerMerge(program: Command, io: CliIO): void {
  program
    .command('merge')
    .description('combine the directories of a split run (`sample --chain-ids A-B --out DIR`) into one run directory')
    .argument('<dirs...>', 'directories written by `langevin sample ... --chain-ids A-B --out DIR`')
    .requiredOption('--out <dir>', 'write the merged run (chain-K.csv, summary.json, split.json, report.html) to DIR')
    .option('--overwrite', 'replace an earlier run in the --out directory')
    .option('--json', 'print the merged summary JSON on stdout and nothing else there')
    .action(async (dirArgs: string[], raw: RawMergeOptions) => runMerge(io, dirArgs, raw));
}

async function runMerge(io: CliIO, dirArgs: string[], raw: RawMergeOptions): Promise<void> {
  const outDir = resolvePath(io, raw.out);
  const inputs: MergeInput[] = dirArgs.map((dir) => ({ name: dir, record: readSplit(resolvePath(io, dir), dir) }));
  for (const dir of dirArgs) {
    if (resolve(resolvePath(io, dir)) === resolve(outDir)) {
      throw new LangevinError(
        `cannot merge into '${raw.out}': it is one of the runs merged; choose a new --out directory`,
      );
    }
  }
  // every check before the model compiles or a file is written
  checkMergeable(inputs);
  for (const { name, record } of inputs) {
    for (const id of record.chainIds) {
      if (!existsSync(join(resolvePath(io, name), `chain-${id}.csv`))) {
        throw new LangevinError(`cannot merge: '${name}' lacks chain-${id}.csv`);
      }
    }
  }
  const recipe = inputs[0]!.record.recipe;
  // print() in transformed data already printed in the runs merged
  const model = await compile(recipe.source, { ...recipe.options, print: () => undefined });
  let merged;
  try {
    merged = mergeRuns(model, inputs);
  } finally {
    model.dispose();
  }
  const { fit, record } = merged;
  fit.summary.warnings = fit.summary.warnings.map(codedWarning);
  prepareOutputDir(outDir, raw.overwrite === true);
  const written: string[] = [];
  for (const { name, record: part } of inputs) {
    for (const id of part.chainIds) {
      const to = join(outDir, `chain-${id}.csv`);
      try {
        copyFileSync(join(resolvePath(io, name), `chain-${id}.csv`), to);
      } catch (error) {
        throw new LangevinError(`cannot write '${to}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
      written.push(to);
    }
  }
  written.sort((a, b) => chainNumber(a) - chainNumber(b));
  const summaryPath = join(outDir, 'summary.json');
  writeFileOrFail(summaryPath, JSON.stringify(fit.summary, null, 2) + '\n');
  const splitPath = join(outDir, 'split.json');
  writeFileOrFail(splitPath, formatSplitRecord(record));
  written.push(summaryPath, splitPath);
  if (fit.draws > 0) written.push(await writeRunReport(outDir, raw.out));
  printFit(io, fit, raw.json === true);
  printWritten(io, written, raw.json === true);
}

function readSplit(dir: string, shown: string): MergeInput['record'] {
  const file = join(dir, 'split.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new LangevinError(
      `cannot merge: '${shown}' holds no split.json (write each part with \`langevin sample ... --chain-ids A-B --out DIR\`)`,
    );
  }
  return parseSplitRecord(text, join(shown, 'split.json'));
}

function chainNumber(path: string): number {
  return Number(/chain-(\d+)\.csv$/.exec(path)?.[1] ?? 0);
}
