/**
 * npm run bench:samplers — every sampler on the shipped posteriordb
 * posteriors and on the 100-d ill-conditioned Gaussian (axis-aligned and
 * rotated). Prints one table per benchmark and writes
 * bench/results/samplers.json (ignored by git).
 *
 *   node dist/bench/samplers/run.js [--samplers nuts,mams:dense] [--posteriors earn,kidiq]
 *     [--chains 4] [--warmup 1000] [--draws 1000] [--seed 1] [--skip-gaussian] [--skip-posteriors]
 *     [--metrics diag-var,dense] (Gaussian: only these metrics) [--out samplers.json]  (a file under bench/results/)
 *   node dist/bench/samplers/run.js --print a.json,b.json   (the tables of earlier runs, merged)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from '../models.js';
import { loadPosteriors } from './fixtures.js';
import { illConditionedGaussian, runGaussian, type GaussianRun } from './gaussian.js';
import { runPosterior, type PosteriorRun, type RunSettings } from './posteriors.js';
import { samplerSpec } from '../../src/samplers/registry.js';
import { benchSamplers, parseBenchSampler } from './samplers.js';
import { gaussianTable, posteriorTable } from './table.js';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const list = (value: string | undefined): string[] => (value ? value.split(',').filter((s) => s.length > 0) : []);

/** Print the tables of result files written earlier (runs split over processes), merged. */
function printSaved(files: string[]): void {
  const posteriors: PosteriorRun[] = [];
  const gaussian: GaussianRun[] = [];
  let settings: RunSettings | undefined;
  for (const file of files) {
    const saved = JSON.parse(readFileSync(join(benchDir(), 'results', file), 'utf8')) as {
      settings: RunSettings;
      posteriors: PosteriorRun[];
      gaussian: GaussianRun[];
    };
    settings ??= saved.settings;
    posteriors.push(...saved.posteriors);
    gaussian.push(...saved.gaussian);
  }
  const samplers = [...new Set(posteriors.map((r) => r.sampler))];
  if (posteriors.length > 0 && settings) console.log(posteriorTable(posteriors, samplers, settings));
  if (gaussian.length > 0) console.log(gaussianTable(gaussian));
}

async function main(): Promise<void> {
  const saved = argument('print');
  if (saved) return printSaved(list(saved));
  const settings: RunSettings = {
    chains: Number(argument('chains') ?? 4),
    warmup: Number(argument('warmup') ?? 1000),
    draws: Number(argument('draws') ?? 1000),
    seed: Number(argument('seed') ?? 1),
  };
  const samplers = benchSamplers(list(argument('samplers')));
  const posteriorRuns: PosteriorRun[] = [];
  const gaussianRuns: GaussianRun[] = [];
  const out = join(benchDir(), 'results');
  mkdirSync(out, { recursive: true });
  const save = (): void =>
    writeFileSync(
      join(out, argument('out') ?? 'samplers.json'),
      JSON.stringify({ settings, samplers, posteriors: posteriorRuns, gaussian: gaussianRuns }, null, 1),
    );

  if (!process.argv.includes('--skip-posteriors')) {
    const posteriors = loadPosteriors(list(argument('posteriors')));
    for (const posterior of posteriors) {
      for (const sampler of samplers) {
        const run = await runPosterior(posterior, sampler, settings);
        posteriorRuns.push(run);
        process.stderr.write(
          `${posterior.name} ${sampler}: ${run.agrees ? 'agrees' : `DISAGREES (${run.worst} ${run.worstRatio.toFixed(2)})`}` +
            ` ESS/1000 grad ${run.essPer1000.toFixed(2)} (${run.seconds.toFixed(1)} s)${run.error ? ` error: ${run.error}` : ''}\n`,
        );
        save();
      }
    }
    console.log(posteriorTable(posteriorRuns, samplers, settings));
  }

  if (!process.argv.includes('--skip-gaussian')) {
    for (const rotated of [false, true]) {
      const target = illConditionedGaussian(100, 1000, rotated);
      for (const sampler of new Set(samplers.map((s) => parseBenchSampler(s).sampler))) {
        const wanted = list(argument('metrics'));
        const metrics = samplerSpec(sampler).metrics.filter((m) => wanted.length === 0 || wanted.includes(m));
        for (const metric of metrics.length > 0 ? metrics : [undefined]) {
          const run = runGaussian(target, { sampler, metric, ...settings, initRadius: 2 });
          gaussianRuns.push(run);
          process.stderr.write(
            `${target.name} ${run.sampler}: ${run.gradientsPer100.toFixed(0)} gradients / 100 ESS\n`,
          );
          save();
        }
      }
    }
    console.log(gaussianTable(gaussianRuns));
  }
  save();
  console.log(`\nwritten ${join(out, argument('out') ?? 'samplers.json')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
