/**
 * `--out DIR` for the annealed sampler: `particles.csv` (one row per
 * particle, the columns named as in the chain CSV files, `theta.1`) and
 * `summary.json`. A run with thousands of particles has one draw each, so
 * one table replaces the per-chain files.
 */
import { join } from 'node:path';
import type { Fit } from '../inference/types.js';
import { csvColumnName } from './cmdstan-csv.js';
import { formatPointsCsv } from './points-csv.js';
import { writeFileOrFail } from './write-fit.js';

/** The particles.csv text: header, then fit.chains × fit.draws rows of outputs. */
export function formatParticlesCsv(fit: Fit): string {
  return formatPointsCsv(fit.outputNames.map(csvColumnName), fit.outputs, fit.chains * fit.draws);
}

/** Write DIR/particles.csv and DIR/summary.json; returns the paths. */
export function writeParticles(dir: string, fit: Fit): string[] {
  const particles = join(dir, 'particles.csv');
  writeFileOrFail(particles, formatParticlesCsv(fit));
  const summary = join(dir, 'summary.json');
  writeFileOrFail(summary, JSON.stringify(fit.summary, null, 2) + '\n');
  return [particles, summary];
}
