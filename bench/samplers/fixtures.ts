/**
 * The posteriordb posteriors of `npm run bench:samplers`: each a model, its
 * data and a reference summary (mean, sd and their MCSE per parameter),
 * all shipped under bench/samplers/fixtures (see its README for sources and
 * posteriordb's BSD-3 licence). Nothing is downloaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelData } from '../../src/model/types.js';
import { benchDir } from '../models.js';

export interface ReferenceParameter {
  name: string;
  mean: number;
  mcse_mean: number;
  /** Absent where posteriordb gives no second moment: only the mean is checked. */
  sd?: number;
  mcse_sd?: number;
}

export interface BenchPosterior {
  /** posteriordb's name, `data-model`. */
  name: string;
  source: string;
  data: ModelData;
  reference: ReferenceParameter[];
}

interface IndexEntry {
  name: string;
  model: string;
  data: string;
  reference: string;
}

export function fixturesDir(): string {
  return join(benchDir(), 'samplers', 'fixtures');
}

/** Every posterior in fixtures/posteriors.json, or those whose name contains one of `filter`. */
export function loadPosteriors(filter: string[] = []): BenchPosterior[] {
  const dir = fixturesDir();
  const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
  const index = JSON.parse(read('posteriors.json')) as IndexEntry[];
  return index
    .filter((entry) => filter.length === 0 || filter.some((f) => entry.name.includes(f)))
    .map((entry) => ({
      name: entry.name,
      source: read(entry.model),
      data: JSON.parse(read(entry.data)) as ModelData,
      reference: (JSON.parse(read(entry.reference)) as { parameters: ReferenceParameter[] }).parameters,
    }));
}
