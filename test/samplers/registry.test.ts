/**
 * Every registered sampler runs through the CLI (`sample --out`), the
 * CmdStan CSV writer (with its own sampler columns), `report` and
 * `compare`, with the same seed giving the same files; and the registry's
 * bad-input rules hold: one line, exit 1, nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLERS } from '../../src/samplers/registry.js';
import { DENSE_METRIC_LIMIT } from '../../src/samplers/metric.js';
import { example, runCli } from '../cli/run-cli.js';

const model = example('eight_schools_noncentered.stan');
const data = example('eight_schools_noncentered.data.json');
const short = ['--warmup', '60', '--draws', '40', '--chains', '2', '--seed', '3', '--no-progress'];
const annealedShort = ['--chains', '20', '--levels', '2', '--steps-per-level', '5', '--seed', '3', '--no-progress'];
const argsFor = (name: string): string[] => (name === 'annealed' ? annealedShort : short);

describe('every registered sampler', () => {
  for (const spec of SAMPLERS) {
    it(`${spec.name}: sample --out, the CSV columns, report, same seed same files`, async () => {
      const root = mkdtempSync(join(tmpdir(), `langevin-registry-${spec.name}-`));
      const run = async (dir: string) =>
        runCli([
          'sample',
          model,
          '--data',
          data,
          '--sampler',
          spec.name,
          ...argsFor(spec.name),
          '--out',
          join(root, dir),
        ]);
      const first = await run('a');
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain(spec.name === 'annealed' ? 'annealed' : `${spec.name} on`);
      const file = spec.name === 'annealed' ? 'particles.csv' : 'chain-1.csv';
      const csv = readFileSync(join(root, 'a', file), 'utf8');
      if (spec.name !== 'annealed') {
        const header = csv
          .split('\n')
          .find((line) => !line.startsWith('#'))!
          .split(',');
        expect(header.slice(0, 3)).toEqual(['lp__', 'accept_stat__', 'stepsize__']);
        for (const column of [...(spec.columns ?? []), 'divergent__']) expect(header).toContain(column);
        expect(csv).toContain('# Adaptation terminated');
        const second = await run('b');
        expect(second.code).toBe(0);
        expect(readFileSync(join(root, 'b', file), 'utf8')).toBe(csv);
      }
      const summary = JSON.parse(readFileSync(join(root, 'a', 'summary.json'), 'utf8'));
      expect(summary.sampler).toBe(spec.name);
      const report = await runCli(['report', join(root, 'a')]);
      expect(report.code, report.stderr).toBe(0);
      expect(readFileSync(join(root, 'a', 'report.html'), 'utf8')).toContain(spec.name);
    }, 60_000);
  }

  it('compare runs them all side by side (nuts is the reference)', async () => {
    const names = SAMPLERS.filter((s) => s.name !== 'annealed').map((s) => s.name);
    const out = mkdtempSync(join(tmpdir(), 'langevin-registry-compare-'));
    const run = await runCli([
      'compare',
      model,
      '--data',
      data,
      '--samplers',
      names.join(','),
      ...short,
      '--json',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const parsed = JSON.parse(run.stdout);
    expect(parsed.reference).toBe('nuts');
    expect(parsed.samplers.map((r: { sampler: string }) => r.sampler)).toEqual(names);
    for (const row of parsed.samplers) {
      expect(row.ess_bulk_per_1000_gradients).toBeGreaterThan(0);
      expect(row.ess_bulk_per_1000_sampling_gradients).toBeGreaterThan(row.ess_bulk_per_1000_gradients);
      expect(row.warmup_gradient_evaluations).toBeLessThan(row.gradient_evaluations);
      expect(existsSync(join(out, row.sampler, 'chain-1.csv'))).toBe(true);
    }
  }, 120_000);
});

describe('sampler options: one line, exit 1, nothing written', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown sampler', ['--sampler', 'hmcc'], /--sampler must be one of .*nuts/],
    ['unknown metric', ['--sampler', 'nuts', '--metric', 'full'], /--metric must be one of/],
    ['γ ≤ 0', ['--sampler', 'uld', '--gamma', '0'], /--gamma must be a positive number/],
    ['γ negative', ['--sampler', 'malt', '--gamma', '-1'], /--gamma must be a positive number/],
    [
      'option of another sampler',
      ['--sampler', 'mala', '--levels', '3'],
      /--levels applies to annealed only \(this run uses mala\)/,
    ],
    ['max depth on mala', ['--sampler', 'mala', '--max-depth', '5'], /--max-depth applies to nuts only/],
    [
      'metric on a sampler without one',
      ['--sampler', 'annealed', '--metric', 'diag'],
      /--metric does not apply to annealed/,
    ],
    [
      'metric a sampler does not take',
      ['--sampler', 'mala', '--metric', 'dense'],
      /--metric dense does not apply to mala/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'langevin-bad-')), 'out');
      const run = await runCli(['sample', model, '--data', data, ...args, '--out', out]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    });
  }

  it(`dense metric on a model with more than ${DENSE_METRIC_LIMIT} parameters`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-big-'));
    const file = join(dir, 'big.stan');
    writeFileSync(file, `parameters { vector[${DENSE_METRIC_LIMIT + 1}] x; } model { x ~ normal(0, 1); }\n`);
    const out = join(dir, 'out');
    const run = await runCli(['sample', file, '--sampler', 'nuts', '--metric', 'dense', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`--metric dense is limited to models with at most ${DENSE_METRIC_LIMIT} parameters`),
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('compare: an option none of the samplers takes', async () => {
    const run = await runCli(['compare', model, '--data', data, '--samplers', 'mala,lmc', '--gamma', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--gamma applies to uld, malt only/);
  });
});
