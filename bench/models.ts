/**
 * The four bench models (issue 5): their Stan source under bench/models,
 * their data, the chain counts timed, and a step size that keeps every
 * chain in the typical set for the whole timed run (timing only; the ESS
 * runs adapt their own).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelData } from '../src/model/types.js';

export type ModelName = 'M1' | 'M2' | 'M3' | 'M4';

export interface BenchModel {
  name: ModelName;
  title: string;
  file: string;
  source: string;
  data: ModelData;
  chainCounts: number[];
  stepSize: number;
}

/** bench/ in the source tree, whether running from bench/ (vitest) or dist/bench/ (npm run bench). */
export function benchDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(`${join('dist', 'bench')}`) ? join(here, '..', '..', 'bench') : here;
}

function readModel(file: string): string {
  return readFileSync(join(benchDir(), 'models', file), 'utf8');
}

function readJson(...path: string[]): ModelData {
  return JSON.parse(readFileSync(join(benchDir(), ...path), 'utf8')) as ModelData;
}

export function loadModels(): BenchModel[] {
  return [
    {
      name: 'M1',
      title: '100-d standard Gaussian',
      file: 'm1_gaussian.stan',
      source: readModel('m1_gaussian.stan'),
      data: {},
      chainCounts: [4, 256],
      stepSize: 0.1,
    },
    {
      name: 'M2',
      title: 'logistic regression N=1000 D=20',
      file: 'm2_logreg.stan',
      source: readModel('m2_logreg.stan'),
      data: readJson('data', 'logreg_data.json'),
      chainCounts: [4, 64],
      stepSize: 0.002,
    },
    {
      name: 'M3',
      title: '2-d double well',
      file: 'm3_double_well.stan',
      source: readModel('m3_double_well.stan'),
      data: {},
      chainCounts: [10000],
      stepSize: 0.005,
    },
    {
      name: 'M4',
      title: 'eight schools non-centred',
      file: 'm4_eight_schools.stan',
      source: readModel('m4_eight_schools.stan'),
      data: readJson('models', 'm4_eight_schools.data.json'),
      chainCounts: [64],
      stepSize: 0.02,
    },
  ];
}
