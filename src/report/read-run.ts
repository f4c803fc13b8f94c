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

/** The CmdStan sampler columns that precede the parameters. */
const SAMPLER_COLUMN = /__$/;

/** Read DIR: summary.json plus chain-K.csv (or particles.csv). */
export function readRun(dir: string): RunData {
  requireDirectory(dir);
  const summary = readSummary(dir);
  const entries = readdirSync(dir);
  const chainFiles = entries
    .map((name) => ({ name, match: /^chain-(\d+)\.csv$/.exec(name) }))
    .filter((e) => e.match !== null)
    .map((e) => ({ file: join(dir, e.name), id: Number(e.match![1]) }))
    .sort((a, b) => a.id - b.id)
    // A directory reused for a run with fewer chains keeps stale files: read the ones the summary counts.
    .filter((e) => typeof summary.chains !== 'number' || e.id <= summary.chains);
  if (chainFiles.length > 0 && typeof summary.chains === 'number' && chainFiles.length !== summary.chains) {
    const present = new Set(chainFiles.map((e) => e.id));
    const missing = Array.from({ length: summary.chains }, (_, i) => i + 1).find((id) => !present.has(id));
    throw new LangevinError(`'${dir}': summary.json counts ${summary.chains} chains but chain-${missing}.csv is missing`);
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
    throw new LangevinError(`cannot read run directory '${dir}': ${code === 'ENOENT' ? 'no such directory' : String(code ?? error)}`);
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

export interface ParsedCsv {
  config: Record<string, string>;
  adaptation?: { stepSize: number; invMetric: number[] };
  /** Header names of the parameter columns (CmdStan spelling, `theta.1`). */
  names: string[];
  rows: number;
  lp?: Float64Array;
  divergent?: Uint8Array;
  /** One column per name. */
  values: Float64Array[];
}

/**
 * Parse a CmdStan CSV (or a plain header + rows table such as
 * particles.csv): `#` lines before the header are `key = value`
 * configuration; after it, the adaptation block. Sampler columns (`lp__`,
 * `accept_stat__`, …) are set apart; `nan`, `inf` and `-inf` are read as
 * CmdStan writes them.
 */
export function parseCmdStanCsv(text: string, file: string): ParsedCsv {
  const lines = text.split(/\r?\n/);
  const config: Record<string, string> = {};
  let header: string[] | undefined;
  let stepSize: number | undefined;
  let invMetric: number[] | undefined;
  let expectMetric = false;
  const rows: number[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const body = line.slice(1).trim();
      if (!header) {
        const eq = body.indexOf('=');
        if (eq > 0) config[body.slice(0, eq).trim()] = body.slice(eq + 1).trim();
      } else if (expectMetric) {
        invMetric = body.split(',').map((v) => parseNumber(v.trim()) ?? Number.NaN);
        expectMetric = false;
      } else if (/^Step size\s*=/.test(body)) {
        stepSize = parseNumber(body.split('=')[1]!.trim());
      } else if (/inverse mass matrix/i.test(body)) {
        expectMetric = true;
      }
      continue;
    }
    const cells = line.split(',').map((c) => c.trim());
    if (!header) {
      if (cells.some((c) => c === '') || cells.every((c) => Number.isFinite(Number(c))))
        throw csvError(file, i + 1, 'expected a header row of column names');
      header = cells;
      continue;
    }
    if (cells.length !== header.length)
      throw csvError(file, i + 1, `expected ${header.length} values (one per header column), got ${cells.length}`);
    const row = cells.map(parseNumber);
    const bad = row.findIndex((v) => v === undefined);
    if (bad >= 0) throw csvError(file, i + 1, `column '${header[bad]}': '${cells[bad]}' is not a number`);
    rows.push(row as number[]);
  }
  if (!header) throw fileError(file, 'empty (expected a CmdStan CSV header and draws)');
  if (rows.length === 0) throw fileError(file, 'has a header but no draws');

  const columns = header.map((_, j) => Float64Array.from(rows, (r) => r[j]!));
  const parameterIndex = header.map((_, j) => j).filter((j) => !SAMPLER_COLUMN.test(header![j]!));
  const lpIndex = header.indexOf('lp__');
  const result: ParsedCsv = {
    config,
    names: parameterIndex.map((j) => header![j]!),
    rows: rows.length,
    values: parameterIndex.map((j) => columns[j]!),
  };
  if (lpIndex >= 0) result.lp = columns[lpIndex];
  const divergentIndex = header.indexOf('divergent__');
  if (divergentIndex >= 0) result.divergent = Uint8Array.from(columns[divergentIndex]!, (v) => (v === 1 ? 1 : 0));
  if (stepSize !== undefined && Number.isFinite(stepSize) && invMetric !== undefined && invMetric.every(Number.isFinite))
    result.adaptation = { stepSize, invMetric };
  return result;
}

/** A CSV cell as a number, or undefined when it is not one. */
function parseNumber(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  const x = text === '' ? Number.NaN : Number(text);
  return Number.isNaN(x) ? undefined : x;
}

/** An error about a whole file: rendered `FILE: error: message`. */
function fileError(file: string, message: string): LangevinError {
  return new LangevinError({ severity: 'error', message, file });
}

function csvError(file: string, line: number, message: string): LangevinError {
  const start = { offset: 0, line, column: 1 };
  return new LangevinError({ severity: 'error', message, file, span: { start, end: { ...start, column: 2 } } });
}

/** `theta.2.3` → `theta[2,3]` (Stan names never contain dots). */
export function stanName(csvName: string): string {
  const [base, ...indices] = csvName.split('.');
  return indices.length === 0 ? base! : `${base}[${indices.join(',')}]`;
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
