/** Reading and writing score files in Node (the browser uses parseScore on fetched text). */
import { readFileSync } from 'node:fs';
import { LangevinError } from '../errors.js';
import type { ScoreNetwork } from './network.js';
import { parseScore } from './score-json.js';

export function readScoreFile(path: string): ScoreNetwork {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LangevinError(
      `cannot read score file '${path}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  return parseScore(text, path);
}
