/**
 * `--out DIR`: one CmdStan CSV per chain and summary.json. The directory is
 * checked for writability before sampling starts (`prepareOutputDir`) so a
 * typo never costs a run.
 */
import { accessSync, constants, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LangevinError } from '../errors.js';
import type { Fit } from '../inference/types.js';
import { formatChainCsv } from './cmdstan-csv.js';

export function prepareOutputDir(dir: string, overwrite = true): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new LangevinError(`cannot write to --out directory '${dir}': ${code}`);
  }
  const earlier = earlierRunFiles(dir);
  if (earlier.length === 0) return;
  if (!overwrite) {
    throw new LangevinError(
      `--out directory '${dir}' holds an earlier run (${earlier
        .slice(0, 3)
        .map((f) => f.slice(dir.length + 1))
        .join(', ')}` +
        `${earlier.length > 3 ? ', ...' : ''}); choose a new directory or pass --overwrite to replace it`,
    );
  }
  // Stale chain files from a run with more chains would be read as part of this one.
  for (const file of earlier) rmSync(file, { force: true });
}

/** The files of an earlier run in dir (and in compare's per-sampler subdirectories). */
function earlierRunFiles(dir: string, depth = 0): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (/^(chain-\d+\.csv|summary\.json|particles\.csv|comparison\.json|split\.json)$/.test(name)) out.push(path);
    else if (depth === 0 && isDirectory(path)) out.push(...earlierRunFiles(path, 1));
  }
  return out.sort();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface FitFileInfo {
  modelFile: string;
  dataFile?: string;
  /** How far an interrupted run got; absent for a complete run. */
  progress?: RunProgress;
}

/** Iterations done of those asked for, per phase (summary.json's `progress`). */
export interface RunProgress {
  warmup_done: number;
  warmup_requested: number;
  sampling_done: number;
  sampling_requested: number;
}

/** Write chain-K.csv for every chain and summary.json; returns the paths. */
export function writeFit(dir: string, fit: Fit, info: FitFileInfo): string[] {
  const s = fit.summary;
  const written: string[] = [];
  const perChain = fit.outputNames.length;
  const thin = s.thin ?? 1;
  const progress = info.progress;
  // Warm-up cut short adapted nothing final: no "Adaptation terminated" block.
  const warmupCut = progress !== undefined && progress.warmup_done < progress.warmup_requested;
  for (let c = 0; c < fit.chains; c++) {
    // files and ids are the run-wide chain ids (--chain-ids 3-4 writes chain-3.csv, chain-4.csv)
    const id = fit.chainIds?.[c] ?? c + 1;
    const from = c * fit.draws;
    const adapted = warmupCut ? undefined : fit.adaptation[c];
    const metric = !adapted || adapted.metric === 'unit' ? 'unit_e' : adapted.dense ? 'dense_e' : 'diag_e';
    const csv = formatChainCsv({
      chain: id,
      config: chainConfig({
        model: s.model,
        sampler: s.sampler,
        backend: s.backend,
        metric,
        seed: s.seed,
        chain: id,
        numSamples: fit.draws * thin,
        numWarmup: progress ? progress.warmup_done : s.warmup,
        thin,
        modelFile: info.modelFile,
        dataFile: info.dataFile,
      }),
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
      closing: progress ? interruptedLines(progress) : undefined,
    });
    const path = join(dir, `chain-${id}.csv`);
    writeFileOrFail(path, csv);
    written.push(path);
  }
  const summaryPath = join(dir, 'summary.json');
  writeFileOrFail(summaryPath, JSON.stringify(s, null, 2) + '\n');
  written.push(summaryPath);
  return written;
}

export interface ChainConfigInput {
  model: string;
  sampler: string;
  backend: string;
  metric: string;
  seed: number;
  chain: number;
  numSamples: number;
  numWarmup: number;
  thin: number;
  modelFile: string;
  dataFile?: string;
}

/**
 * Flat `key = value` lines; rstan and ArviZ both read the keys CmdStan uses
 * (num_samples, num_warmup, save_warmup, thin, id, algorithm).
 */
export function chainConfig(c: ChainConfigInput): Array<[string, string | number]> {
  return [
    ['model', c.model],
    ['method', 'sample (Default)'],
    ['algorithm', c.sampler],
    ['engine', 'langevin'],
    ['metric', c.metric],
    // rstan's print names the sampler by this ("Samples were drawn using ...").
    ['sampler_t', `${c.sampler}(${c.metric})`],
    ['backend', c.backend],
    // CmdStan's num_samples counts sampling iterations before thinning and
    // readers expect ceil(num_samples / thin) rows: draws × thin gives
    // exactly fit.draws rows (and equals --draws when thin divides it).
    ['num_samples', c.numSamples],
    ['num_warmup', c.numWarmup],
    ['save_warmup', 0],
    ['thin', c.thin],
    ['id', c.chain],
    ['data file', c.dataFile ?? ''],
    ['seed', c.seed],
    ['model file', c.modelFile],
  ];
}

/** Comment lines closing the CSV of an interrupted run: how far each phase got. */
export function interruptedLines(p: RunProgress): string[] {
  return [
    `# interrupted = warm-up ${p.warmup_done} of ${p.warmup_requested}, sampling ${p.sampling_done} of ${p.sampling_requested} iterations`,
  ];
}

export function writeFileOrFail(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new LangevinError(`cannot write '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
