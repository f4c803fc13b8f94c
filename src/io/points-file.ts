/** Reading a points CSV in Node (browsers call parsePointsCsv on fetched text). */
import { readFileSync } from 'node:fs';
import { LangevinError } from '../errors.js';
import { parsePointsCsv, type PointTable } from './points-csv.js';

export function readPointsCsv(path: string): PointTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LangevinError(`cannot read '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parsePointsCsv(text, path);
}
