/**
 * Read back a run directory written by `sample --out DIR` (or one sampler's
 * folder of `compare --out DIR`): `summary.json`, and either one CmdStan CSV
 * per chain (`chain-K.csv`) or `particles.csv` (annealed). Every problem is
 * one LangevinError that names the directory or the file and line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LangevinError } from '../errors.js';
import type { SummaryJson } from '../io/summary-json.js';
import { readCmdStanRun } from './read-cmdstan.js';
import { fileError, parseCmdStanCsv, stanName } from './parse-csv.js';

export { parseCmdStanCsv, stanName, type ParsedCsv } from './parse-csv.js';

/** One chain's kept draws, column by column. */
export interface ChainDraws {
  /** 1-based chain id (from the file name; 1 for particles). */
  id: number;
  /** Number of kept draws (rows). */
  draws: number;
  /** `# key = value` lines of the configuration block. */
  config: Record<string, string>;
  /** Step size and diagonal inverse metric after warm-up, when written. */
  adaptation?: { stepSize: number; invMetric: number[] };
  /** lp__ per draw, when the file has it. */
  lp?: Float64Array;
  /** divergent__ per draw (1 = divergent), when the file has it. */
  divergent?: Uint8Array;
  /** One array per entry of RunData.names. */
  values: Float64Array[];
}

export interface RunData {
  dir: string;
  summary: SummaryJson;
  /** 'chains': chain-K.csv files with draws in order; 'particles': independent points, order meaningless. */
  kind: 'chains' | 'particles';
  /** Parameter names in Stan's spelling (`theta[1]`), in file column order. */
  names: string[];
  chains: ChainDraws[];
}

/** Read DIR: summary.json plus chain-K.csv (or particles.csv). */
export function readRun(dir: string): RunData {
  requireDirectory(dir);
  const entries = readdirSync(dir);
  // CmdStan's own output: CSVs and no summary.json.
  const csvs = entries.filter((name) => name.endsWith('.csv'));
  if (!entries.includes('summary.json') && csvs.length > 0) return readCmdStanRun(dir, csvs);
  const summary = readSummary(dir);
  const chainFiles = entries
    .map((name) => ({ name, match: /^chain-(\d+)\.csv$/.exec(name) }))
    .filter((e) => e.match !== null)
    .map((e) => ({ file: join(dir, e.name), id: Number(e.match![1]) }))
    .sort((a, b) => a.id - b.id)
    // A directory reused for a run with fewer chains keeps stale files: read the ones the summary counts.
    .filter((e) =>
      Array.isArray(summary.chain_ids)
        ? summary.chain_ids.includes(e.id)
        : typeof summary.chains !== 'number' || e.id <= summary.chains,
    );
  if (chainFiles.length > 0 && typeof summary.chains === 'number' && chainFiles.length !== summary.chains) {
    const present = new Set(chainFiles.map((e) => e.id));
    const missing = Array.from({ length: summary.chains }, (_, i) => i + 1).find((id) => !present.has(id));
    throw new LangevinError(
      `'${dir}': summary.json counts ${summary.chains} chains but chain-${missing}.csv is missing`,
    );
  }

  if (chainFiles.length > 0) {
    const parsed = chainFiles.map(({ file, id }) => ({ id, csv: parseCmdStanCsv(readText(file), file) }));
    const names = parsed[0]!.csv.names;
    for (const { csv, id } of parsed) {
      if (csv.names.join(',') !== names.join(','))
        throw fileError(join(dir, `chain-${id}.csv`), `its columns differ from those of chain-${parsed[0]!.id}.csv`);
    }
    const chains: ChainDraws[] = parsed.map(({ id, csv }) => ({
      id,
      draws: csv.rows,
      config: csv.config,
      adaptation: csv.adaptation,
      lp: csv.lp,
      divergent: csv.divergent,
      values: csv.values,
    }));
    // Annealed runs written as one file per particle hold one draw per chain:
    // they are a sample of particles, not chains to trace.
    const particles = summary.sampler === 'annealed' || chains.every((c) => c.draws <= 1);
    return particles
      ? { dir, summary, kind: 'particles', names: csv2stan(names), chains: [poolChains(chains, names.length)] }
      : { dir, summary, kind: 'chains', names: csv2stan(names), chains };
  }

  if (entries.includes('particles.csv')) {
    const file = join(dir, 'particles.csv');
    const csv = parseCmdStanCsv(readText(file), file);
    return {
      dir,
      summary,
      kind: 'particles',
      names: csv2stan(csv.names),
      chains: [{ id: 1, draws: csv.rows, config: csv.config, values: csv.values }],
    };
  }
  throw new LangevinError(
    `'${dir}' has summary.json but no chain-K.csv or particles.csv: write the draws with \`langevin sample MODEL --out ${dir}\``,
  );
}

function requireDirectory(dir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LangevinError(
      `cannot read run directory '${dir}': ${code === 'ENOENT' ? 'no such directory' : String(code ?? error)}`,
    );
  }
  if (!isDirectory)
    throw new LangevinError(`'${dir}' is not a directory: give the DIR of \`langevin sample MODEL --out DIR\``);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw fileError(file, `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function readSummary(dir: string): SummaryJson {
  const file = join(dir, 'summary.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const runs = readdirSync(dir).filter((name) => existsSync(join(dir, name, 'summary.json')));
    if (runs.length > 0)
      throw new LangevinError(
        `'${dir}' holds several runs (as \`compare --out\` writes): report one of them, e.g. \`langevin report ${join(dir, runs[0]!)}\``,
      );
    throw new LangevinError(`'${dir}' has no summary.json: give the DIR of \`langevin sample MODEL --out DIR\``);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fileError(file, `invalid JSON (${(error as Error).message})`);
  }
  const s = parsed as Partial<SummaryJson> | null;
  if (s === null || typeof s !== 'object' || !Array.isArray(s.parameters) || typeof s.sampler !== 'string')
    throw fileError(file, 'not a langevin summary (expected "sampler" and a "parameters" array)');
  return {
    ...(s as SummaryJson),
    chain_info: Array.isArray(s.chain_info) ? s.chain_info : [],
    warnings: Array.isArray(s.warnings) ? s.warnings : [],
  };
}

function csv2stan(names: string[]): string[] {
  return names.map(stanName);
}

function poolChains(chains: ChainDraws[], width: number): ChainDraws {
  const draws = chains.reduce((a, c) => a + c.draws, 0);
  const values = Array.from({ length: width }, () => new Float64Array(draws));
  let at = 0;
  for (const c of chains) {
    for (let j = 0; j < width; j++) values[j]!.set(c.values[j]!, at);
    at += c.draws;
  }
  return { id: 1, draws, config: chains[0]!.config, values };
}
