import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, runCli } from '../cli/run-cli.js';
import { runReport } from './run-report.js';

const root = mkdtempSync(join(tmpdir(), 'langevin-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Hand-drawn plots (traces, histograms, scatter): every SVG but the Vega diagnostic figures. */
const svgCount = (html: string): number =>
  (html.match(/<svg /g) ?? []).length - (html.match(/<figure class="vplot"/g) ?? []).length;

async function sampleInto(dir: string, args: string[]): Promise<void> {
  const run = await runCli(['sample', ...args, '--seed', '1', '--no-progress', '--out', join(root, dir)]);
  expect(run.code, run.stderr).toBe(0);
}

describe('langevin report on a 1-d lmc run with basins', () => {
  let html = '';
  beforeAll(async () => {
    await sampleInto('well', [
      example('double_well.stan'),
      '--sampler',
      'lmc',
      '--step-size',
      '0.05',
      '--warmup',
      '100',
      '--draws',
      '300',
      '--thin',
      '2',
      '--chains',
      '3',
      '--basins',
      'x=-1; x=1',
    ]);
    const run = await runReport([join(root, 'well')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`wrote ${join(root, 'well', 'report.html')}\n`);
    html = readFileSync(join(root, 'well', 'report.html'), 'utf8');
  });

  it('is one self-contained page: no scripts, no external resources', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|\bsrc=|href="http/);
  });

  it('has the configuration, the summary table with R-hat and the per-chain table', () => {
    const summary = JSON.parse(readFileSync(join(root, 'well', 'summary.json'), 'utf8'));
    expect(html).toContain('double_well.stan: lmc');
    expect(html).toContain('<td>seed</td><td>1</td>');
    expect(html).toContain('<th>R_hat</th>');
    expect(html).toContain(summary.parameters[0].rhat.toFixed(3));
    expect(html).toContain('<td>sampling iterations per chain</td><td>300</td>');
    expect(html).toContain('<td>kept draws per chain</td><td>150</td>');
    // three chains of 150 kept draws, each with its adapted metric
    for (const c of [1, 2, 3])
      expect(html).toMatch(new RegExp(`</span>${c}</td><td>150</td><td>1.000</td><td>0.05</td>`));
  });

  it('plots a trace and a histogram for the parameter, one polyline per chain', () => {
    expect(svgCount(html)).toBe(2);
    expect(html).toContain('<title>trace of x</title>');
    expect(html).toContain('<title>histogram of x</title>');
    const trace = html.slice(
      html.indexOf('<title>trace of x'),
      html.indexOf('</svg>', html.indexOf('<title>trace of x')),
    );
    expect((trace.match(/<polyline/g) ?? []).length).toBe(3);
  });

  it('shows basin occupancy and transitions per chain from the summary', () => {
    const summary = JSON.parse(readFileSync(join(root, 'well', 'summary.json'), 'utf8'));
    expect(html).toContain('Basin occupancy (radius 0.5)');
    expect(html).toContain(`<b>${summary.basins.transitions_per_chain.join(', ')}</b>`);
    expect(html).toContain(summary.basins.occupancy[0].fraction.toFixed(4));
  });

  it('writes elsewhere with --output and limits plots with --max-parameters', async () => {
    const out = join(root, 'elsewhere.html');
    const run = await runReport([join(root, 'well'), '--output', out, '--max-parameters', '1']);
    expect(run.code, run.stderr).toBe(0);
    expect(svgCount(readFileSync(out, 'utf8'))).toBe(2);
  });
});

describe('langevin report on 2-d runs', () => {
  it('draws a scatter of the draws with the mode centres for a 2-d chain run', async () => {
    await sampleInto('mix', [
      example('mixture_noise.stan'),
      '--sampler',
      'mala',
      '--warmup',
      '100',
      '--draws',
      '100',
      '--chains',
      '2',
      '--init',
      '10',
      '--modes',
      '-5,-5;5,5',
    ]);
    expect((await runReport([join(root, 'mix')])).code).toBe(0);
    const html = readFileSync(join(root, 'mix', 'report.html'), 'utf8');
    expect(html).toContain('<title>x[2] against x[1]</title>');
    expect(html).toContain('Mode fractions');
    expect((html.match(/mode 0\.\d{3}/g) ?? []).length).toBe(2);
    expect(svgCount(html)).toBe(5); // 2 × (trace + histogram) + scatter
  });

  it('treats annealed output as particles: histograms and scatter, no traces', async () => {
    await sampleInto('annealed', [
      example('mixture_noise.stan'),
      '--sampler',
      'annealed',
      '--chains',
      '200',
      '--levels',
      '3',
      '--steps-per-level',
      '20',
      '--modes',
      '-5,-5;5,5',
    ]);
    expect((await runReport([join(root, 'annealed')])).code).toBe(0);
    const html = readFileSync(join(root, 'annealed', 'report.html'), 'utf8');
    expect(html).not.toContain('<title>trace of');
    expect(html).toContain('<title>histogram of x[1]</title>');
    expect(html).toContain('Scatter of the particles');
    expect(html).toContain('200 independent particles');
    expect(html).toContain('Annealing levels');
  });
});

describe('langevin report errors', () => {
  const oneLine = (text: string): void => expect(text.trimEnd().split('\n')).toHaveLength(1);

  it('a missing DIR is exit 1 with one line', async () => {
    const run = await runReport([join(root, 'nope')]);
    expect(run.code).toBe(1);
    oneLine(run.stderr);
    expect(run.stderr).toContain('no such directory');
  });

  it('a file instead of a DIR is exit 1 with one line', async () => {
    const file = join(root, 'file.txt');
    writeFileSync(file, 'x');
    const run = await runReport([file]);
    expect(run.code).toBe(1);
    oneLine(run.stderr);
    expect(run.stderr).toContain('is not a directory');
  });

  it('a DIR without summary.json is exit 1 with one line', async () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    const run = await runReport([dir]);
    expect(run.code).toBe(1);
    oneLine(run.stderr);
    expect(run.stderr).toContain('has no summary.json');
  });

  it('a broken chain CSV names the file and line', async () => {
    const dir = join(root, 'broken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ sampler: 'lmc', parameters: [] }));
    writeFileSync(join(dir, 'chain-1.csv'), '# model = m\nlp__,accept_stat__,stepsize__,x\n-1,1,0.1,0.5\n-1,1,0.1\n');
    const run = await runReport([dir]);
    expect(run.code).toBe(1);
    oneLine(run.stderr);
    expect(run.stderr).toContain(`${join(dir, 'chain-1.csv')}:4:1: error[E107]: expected 4 values`);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });

  it('an invalid summary.json is exit 1 with one line', async () => {
    const dir = join(root, 'badjson');
    mkdirSync(dir);
    writeFileSync(join(dir, 'summary.json'), '{"sampler": ');
    const run = await runReport([dir]);
    expect(run.code).toBe(1);
    oneLine(run.stderr);
    expect(run.stderr).toContain('summary.json: error[E401]: invalid JSON');
  });
});

describe('langevin report on other layouts', () => {
  it('reads particles.csv (annealed --out) as particles', async () => {
    const dir = join(root, 'particles');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'summary.json'),
      JSON.stringify({ model: 'm.stan', sampler: 'annealed', chains: 3, parameters: [], warnings: [] }),
    );
    writeFileSync(join(dir, 'particles.csv'), 'x.1,x.2\n1,2\n3,4\n5,6\n');
    expect((await runReport([dir])).code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('3 independent particles');
    expect(html).toContain('<title>x[2] against x[1]</title>');
    expect(svgCount(html)).toBe(3);
  });

  it('points at a sampler folder of compare --out', async () => {
    const run = await runCli([
      'compare',
      example('double_well.stan'),
      '--samplers',
      'lmc,mala',
      '--warmup',
      '50',
      '--draws',
      '50',
      '--chains',
      '2',
      '--seed',
      '1',
      '--no-progress',
      '--out',
      join(root, 'cmp'),
    ]);
    expect(run.code, run.stderr).toBe(0);
    // with comparison.json it is the comparison page; without, which run to report
    const page = await runReport([join(root, 'cmp')]);
    expect(page.code, page.stderr).toBe(0);
    expect(readFileSync(join(root, 'cmp', 'report.html'), 'utf8')).toContain('lmc, mala compared');
    rmSync(join(root, 'cmp', 'comparison.json'));
    rmSync(join(root, 'cmp', 'report.html'));
    const bad = await runReport([join(root, 'cmp')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/holds several runs .*langevin report .*cmp\/(lmc|mala)/);
    expect((await runReport([join(root, 'cmp', 'lmc')])).code).toBe(0);
  });
});

describe('langevin report and the chain count of summary.json', () => {
  it("ignores stale chain files beyond the summary's chain count and names a missing one", async () => {
    const dir = join(root, 'stale');
    mkdirSync(dir);
    const csv = '# model = m\nlp__,accept_stat__,stepsize__,x\n-1,1,0.1,0.5\n-1,1,0.1,0.7\n';
    writeFileSync(
      join(dir, 'summary.json'),
      JSON.stringify({ sampler: 'lmc', chains: 2, parameters: [], warnings: [] }),
    );
    for (const k of [1, 2, 3]) writeFileSync(join(dir, `chain-${k}.csv`), csv);
    expect((await runReport([dir])).code).toBe(0);
    const trace = readFileSync(join(dir, 'report.html'), 'utf8');
    expect((trace.match(/<polyline fill="none" stroke="#[0-9A-F]{6}" stroke-width="0.8"/g) ?? []).length).toBe(2);

    rmSync(join(dir, 'chain-2.csv'));
    const run = await runReport([dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('summary.json counts 2 chains but chain-2.csv is missing');
  });
});
