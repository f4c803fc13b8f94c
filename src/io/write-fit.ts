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
  const thin = s.thin ?? 1;
  for (let c = 0; c < fit.chains; c++) {
    const from = c * fit.draws;
    const adapted = fit.adaptation[c];
    const metric = !adapted || adapted.metric === 'unit' ? 'unit_e' : adapted.dense ? 'dense_e' : 'diag_e';
    const csv = formatChainCsv({
      chain: c + 1,
      // Flat `key = value` lines; rstan and ArviZ both read the keys CmdStan
      // uses (num_samples, num_warmup, save_warmup, thin, id, algorithm).
      config: [
        ['model', s.model],
        ['method', 'sample (Default)'],
        ['algorithm', s.sampler],
        ['engine', 'langevin'],
        ['metric', metric],
        // rstan's print names the sampler by this ("Samples were drawn using ...").
        ['sampler_t', `${s.sampler}(${metric})`],
        ['backend', s.backend],
        // CmdStan's num_samples counts sampling iterations before thinning and
        // readers expect ceil(num_samples / thin) rows: draws × thin gives
        // exactly fit.draws rows (and equals --draws when thin divides it).
        ['num_samples', fit.draws * thin],
        ['num_warmup', s.warmup],
        ['save_warmup', 0],
        ['thin', thin],
        ['id', c + 1],
        ['data file', info.dataFile ?? ''],
        ['seed', s.seed],
        ['model file', info.modelFile],
      ],
      outputNames: fit.outputNames,
      lp: fit.lp.subarray(from, from + fit.draws),
      acceptStat: fit.acceptStat.subarray(from, from + fit.draws),
      stepSize: fit.stepSize.subarray(from, from + fit.draws),
      divergent: fit.divergent?.subarray(from, from + fit.draws),
      columns: fit.columns
        ? Object.fromEntries(Object.entries(fit.columns).map(([k, v]) => [k, v.subarray(from, from + fit.draws)]))
        : undefined,
      outputs: fit.outputs.subarray(from * perChain, (from + fit.draws) * perChain),
      draws: fit.draws,
      adaptation: adapted,
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
