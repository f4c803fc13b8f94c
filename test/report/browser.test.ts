/**
 * The report in a real browser (Debian's Chromium through playwright-core;
 * .ci/run installs it): every expected plot is there and drawn (non-zero
 * size, marks inside), the page logs no console error and requests
 * nothing, and a screenshot is saved to out/screenshots/ (ignored).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli } from '../cli/run-cli.js';
// @ts-expect-error a plain .mjs helper shared with `npm run screenshots`
import { inspectReport } from '../../scripts/report-browser.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('report.html in Chromium', () => {
  it('shows every plot, with no console errors', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'langevin-browser-')), 'es');
    const run = await runCli([
      'sample',
      example('eight_schools_noncentered.stan'),
      '--data',
      example('eight_schools_noncentered.data.json'),
      '--warmup',
      '150',
      '--draws',
      '150',
      '--seed',
      '2',
      '--no-progress',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    mkdirSync(join(ROOT, 'out', 'screenshots'), { recursive: true });
    const { plots, errors } = (await inspectReport(
      join(out, 'report.html'),
      join(ROOT, 'out', 'screenshots', 'report-test.png'),
    )) as {
      plots: Array<{ kind: string; param: string; width: number; height: number; marks: number }>;
      errors: string[];
    };
    expect(errors).toEqual([]);
    for (const kind of ['rank', 'autocorrelation', 'density', 'evolution']) {
      const ofKind = plots.filter((p) => p.kind === kind);
      expect(ofKind.map((p) => p.param).slice(0, 2), kind).toEqual(['mu', 'tau']);
    }
    for (const kind of ['forest', 'pairs'])
      expect(
        plots.some((p) => p.kind === kind),
        kind,
      ).toBe(true);
    for (const p of plots) {
      expect(p.width, `${p.kind} ${p.param}`).toBeGreaterThan(100);
      expect(p.height, `${p.kind} ${p.param}`).toBeGreaterThan(50);
      expect(p.marks, `${p.kind} ${p.param}`).toBeGreaterThan(5);
    }
  }, 120_000);

  it('shows the comparison overlays and ESS bars of compare --out, with no console errors', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'langevin-browser-')), 'cmp');
    const run = await runCli([
      'compare',
      example('eight_schools_noncentered.stan'),
      '--data',
      example('eight_schools_noncentered.data.json'),
      '--samplers',
      'mala,lmc',
      '--warmup',
      '100',
      '--draws',
      '100',
      '--chains',
      '2',
      '--seed',
      '2',
      '--no-progress',
      '--out',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    mkdirSync(join(ROOT, 'out', 'screenshots'), { recursive: true });
    const { plots, errors } = (await inspectReport(
      join(out, 'report.html'),
      join(ROOT, 'out', 'screenshots', 'compare-test.png'),
    )) as {
      plots: Array<{ kind: string; param: string; width: number; height: number; marks: number }>;
      errors: string[];
    };
    expect(errors).toEqual([]);
    expect(
      plots
        .filter((p) => p.kind === 'overlay')
        .map((p) => p.param)
        .slice(0, 2),
    ).toEqual(['mu', 'tau']);
    for (const kind of ['ess-bars', 'gradient-bars'])
      expect(
        plots.filter((p) => p.kind === kind),
        kind,
      ).toHaveLength(1);
    for (const p of plots) {
      expect(p.width, `${p.kind} ${p.param}`).toBeGreaterThan(100);
      expect(p.height, `${p.kind} ${p.param}`).toBeGreaterThan(50);
      expect(p.marks, `${p.kind} ${p.param}`).toBeGreaterThan(5);
    }
  }, 120_000);
});
