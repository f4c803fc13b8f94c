/**
 * The benchmark's tables: per posterior and sampler, agreement with the
 * reference (✓ / ✗) and min bulk ESS per 1000 gradients (warm-up
 * included); per sampler the number that agree and the geometric mean.
 */
import type { GaussianRun } from './gaussian.js';
import type { PosteriorRun, RunSettings } from './posteriors.js';

function pad(text: string, width: number, left = false): string {
  return left ? text.padEnd(width) : text.padStart(width);
}

/** Geometric mean of the positive values (0 if a value is 0: a failed run counts). */
export function geometricMean(values: number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) {
    if (!(v > 0)) return 0;
    sum += Math.log(v);
  }
  return Math.exp(sum / values.length);
}

export function posteriorTable(runs: PosteriorRun[], samplers: string[], settings: RunSettings): string {
  const posteriors = [...new Set(runs.map((r) => r.posterior))];
  const nameWidth = Math.max(9, ...posteriors.map((p) => p.length));
  // `sampler:metric` labels can be longer than a figure
  const width = Math.max(12, ...samplers.map((s) => s.length + 2));
  const lines: string[] = [];
  lines.push(
    `posteriordb: agreement (means within 4 combined MCSE, sds within 4 MCSE + 5%) and min bulk ESS per 1000 gradients` +
      ` (warm-up included); ${settings.chains} chains × ${settings.draws} draws after ${settings.warmup} warm-up, seed ${settings.seed}`,
  );
  lines.push(pad('posterior', nameWidth, true) + samplers.map((s) => pad(s, width)).join(''));
  for (const posterior of posteriors) {
    let line = pad(posterior, nameWidth, true);
    for (const sampler of samplers) {
      const run = runs.find((r) => r.posterior === posterior && r.sampler === sampler);
      line += pad(run ? `${run.agrees ? '✓' : '✗'} ${run.essPer1000.toFixed(2)}` : '', width);
    }
    lines.push(line);
  }
  let agreeLine = pad('agree', nameWidth, true);
  let meanLine = pad('geo. mean', nameWidth, true);
  for (const sampler of samplers) {
    const mine = runs.filter((r) => r.sampler === sampler);
    agreeLine += pad(`${mine.filter((r) => r.agrees).length}/${mine.length}`, width);
    meanLine += pad(geometricMean(mine.map((r) => r.essPer1000)).toFixed(2), width);
  }
  lines.push(agreeLine, meanLine);
  return lines.join('\n');
}

/** One row per sampler and metric, one column per target. */
export function gaussianTable(runs: GaussianRun[]): string {
  const targets = [...new Set(runs.map((r) => r.target))];
  const rows = [...new Set(runs.map((r) => r.sampler))];
  const nameWidth = Math.max(18, ...rows.map((r) => r.length)) + 2;
  const width = Math.max(...targets.map((t) => t.length)) + 2;
  const lines = ['\nGradients (warm-up included, all chains) per 100 effective samples of the worst coordinate'];
  lines.push(pad('sampler (metric)', nameWidth, true) + targets.map((t) => pad(t, width)).join(''));
  for (const row of rows) {
    let line = pad(row, nameWidth, true);
    for (const target of targets) {
      const run = runs.find((r) => r.target === target && r.sampler === row);
      line += pad(run ? (Number.isFinite(run.gradientsPer100) ? run.gradientsPer100.toFixed(0) : '∞') : '', width);
    }
    lines.push(line);
  }
  return lines.join('\n');
}
