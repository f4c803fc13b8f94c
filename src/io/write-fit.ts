/**
 * `--out DIR`: one CmdStan CSV per chain and summary.json. The directory is
 * checked for writability before sampling starts (`prepareOutputDir`) so a
 * typo never costs a run.
 */
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LangevinError } from '../errors.js';
import type { Fit } from '../inference/types.js';
import { formatChainCsv } from './cmdstan-csv.js';

export function prepareOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new LangevinError(`cannot write to --out directory '${dir}': ${code}`);
  }
}

export interface FitFileInfo {
  modelFile: string;
  dataFile?: string;
}

/** Write chain-K.csv for every chain and summary.json; returns the paths. */
export function writeFit(dir: string, fit: Fit, info: FitFileInfo): string[] {
  const s = fit.summary;
  const written: string[] = [];
  const perChain = fit.outputNames.length;
  for (let c = 0; c < fit.chains; c++) {
    const from = c * fit.draws;
    const csv = formatChainCsv({
      chain: c + 1,
      config: [
        ['model', s.model],
        ['method', 'sample (Default)'],
        ['algorithm', s.sampler],
        ['engine', 'langevin'],
        ['backend', s.backend],
        ['num_samples', s.draws],
        ['num_warmup', s.warmup],
        ['save_warmup', 0],
        ['thin', s.thin ?? 1],
        ['id', c + 1],
        ['data file', info.dataFile ?? ''],
        ['seed', s.seed],
        ['model file', info.modelFile],
      ],
      outputNames: fit.outputNames,
      lp: fit.lp.subarray(from, from + fit.draws),
      acceptStat: fit.acceptStat.subarray(from, from + fit.draws),
      stepSize: fit.stepSize.subarray(from, from + fit.draws),
      outputs: fit.outputs.subarray(from * perChain, (from + fit.draws) * perChain),
      draws: fit.draws,
      adaptation: fit.adaptation[c],
    });
    const path = join(dir, `chain-${c + 1}.csv`);
    writeFileOrFail(path, csv);
    written.push(path);
  }
  const summaryPath = join(dir, 'summary.json');
  writeFileOrFail(summaryPath, JSON.stringify(s, null, 2) + '\n');
  written.push(summaryPath);
  return written;
}

export function writeFileOrFail(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new LangevinError(`cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
