/**
 * Parsing one CmdStan CSV (or a plain header + rows table such as
 * particles.csv): configuration comments, header, adaptation block, draws.
 */
import { LangevinError } from '../errors.js';

/** The CmdStan sampler columns that precede the parameters. */
const SAMPLER_COLUMN = /__$/;

export interface ParsedCsv {
  config: Record<string, string>;
  adaptation?: { stepSize: number; invMetric: number[] };
  /** Header names of the parameter columns (CmdStan spelling, `theta.1`). */
  names: string[];
  rows: number;
  lp?: Float64Array;
  divergent?: Uint8Array;
  acceptStat?: Float64Array;
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
  const acceptIndex = header.indexOf('accept_stat__');
  if (acceptIndex >= 0) result.acceptStat = columns[acceptIndex];
  const divergentIndex = header.indexOf('divergent__');
  if (divergentIndex >= 0) result.divergent = Uint8Array.from(columns[divergentIndex]!, (v) => (v === 1 ? 1 : 0));
  if (
    stepSize !== undefined &&
    Number.isFinite(stepSize) &&
    invMetric !== undefined &&
    invMetric.every(Number.isFinite)
  )
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
export function fileError(file: string, message: string): LangevinError {
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
