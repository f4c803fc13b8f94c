/**
 * Numeric point tables from CSV (training data for `train-score`, the
 * `--reference` sample): a header row of column names, then one point per
 * row. Lines starting with '#' are comments (so CmdStan-style files load).
 * Every mistake is one clear LangevinError naming the file, row and column.
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { LangevinError } from '../errors.js';

export interface PointTable {
  /** Column names from the header. */
  names: string[];
  /** Number of points (rows). */
  n: number;
  /** Number of coordinates (columns). */
  dim: number;
  /** n × dim, row-major. */
  points: Float64Array;
}

/**
 * Parse a CSV of points (header of names, one point per row, `#` comments) into a row-major table.
 * @example
 * ```ts
 * import { parsePointsCsv } from 'langevin';
 * const table = parsePointsCsv('x,y\n1,2\n3,4\n5,6\n', 'points.csv');
 * console.log(table.names, table.n, table.dim, Array.from(table.points)); // → [ 'x', 'y' ] 3 2 [ 1, 2, 3, 4, 5, 6 ]
 * ```
 */
export function parsePointsCsv(text: string, file = 'CSV file'): PointTable {
  let rows: string[][];
  try {
    rows = parse(text, { comment: '#', skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw new LangevinError(`${file}: not a valid CSV file (${(error as Error).message})`);
  }
  if (rows.length === 0)
    throw new LangevinError(`${file}: empty (expected a header row of column names, then rows of numbers)`);
  const names = rows[0]!;
  const dim = names.length;
  if (dim === 0 || names.some((name) => name === ''))
    throw new LangevinError(`${file}: the header row has an empty column name`);
  const numericHeader = names.every((name) => Number.isFinite(Number(name)));
  if (numericHeader)
    throw new LangevinError(
      `${file}: the first row must be a header of column names, got numbers (${names.join(',')})`,
    );
  const n = rows.length - 1;
  if (n === 0) throw new LangevinError(`${file}: has a header but no rows of data`);
  const points = new Float64Array(n * dim);
  for (let r = 1; r <= n; r++) {
    const row = rows[r]!;
    for (let j = 0; j < dim; j++) {
      const cell = row[j]!;
      const value = Number(cell);
      if (cell === '' || !Number.isFinite(value)) {
        throw new LangevinError(`${file}: row ${r + 1}, column '${names[j]}': '${cell}' is not a finite number`);
      }
      points[(r - 1) * dim + j] = value;
    }
  }
  return { names, n, dim, points };
}

/**
 * The CSV text of a point table (header, then rows), numbers in shortest round-trip form.
 * @example
 * ```ts
 * import { formatPointsCsv } from 'langevin';
 * console.log(formatPointsCsv(['x', 'y'], new Float64Array([1, 2, 0.1, -3]), 2));
 * // → x,y
 * // → 1,2
 * // → 0.1,-3
 * ```
 */
export function formatPointsCsv(names: readonly string[], points: Float64Array, n: number): string {
  const dim = names.length;
  const lines = [names.join(',')];
  for (let r = 0; r < n; r++) {
    const row: string[] = [];
    for (let j = 0; j < dim; j++) row.push(String(points[r * dim + j]));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}
