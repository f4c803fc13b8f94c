/**
 * compare --out DIR writes DIR/report.html: every sampler's density
 * overlaid per parameter (one colour each, the reference marked), the bars
 * of bulk ESS per 1000 gradients and of warm-up / sampling gradients; the
 * terminal gets a text bar. `report DIR` redraws the same page.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { example, runCli, type CliRun } from '../cli/run-cli.js';
import { essTextBars } from '../../src/report/text-bars.js';
import { compareRow, type ComparisonRow } from '../../src/inference/compare.js';
import type { SummaryJson } from '../../src/io/summary-json.js';
import { samplerColourScale } from '../../src/report/plots/compare-specs.js';

const root = mkdtempSync(join(tmpdir(), 'langevin-compare-report-'));
const out = join(root, 'cmp');
let run: CliRun;

/** The figures of a page: kind, param and the SVG inside. */
function figures(html: string): Array<{ kind: string; param: string; svg: string }> {
  return [...html.matchAll(/<figure class="vplot" data-plot="([^"]+)" data-param="([^"]*)">([\s\S]*?)<\/figure>/g)].map(
    (m) => ({ kind: m[1]!, param: m[2]!, svg: m[3]! }),
  );
}

beforeAll(async () => {
  const reference = join(root, 'reference.json');
  writeFileSync(
    reference,
    JSON.stringify({
      parameters: [{ name: 'mu', mean: 4.4, sd: 3.3, mcse_mean: 0.02, mcse_sd: 0.02, q5: -1, q95: 9.8 }],
    }),
  );
  run = await runCli([
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
    '3',
    '--reference',
    reference,
    '--no-progress',
    '--out',
    out,
  ]);
}, 120_000);

describe('compare --out DIR/report.html', () => {
  it('overlays every sampler per parameter and marks the reference', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/wrote .*cmp.*report\.html/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<title>eight_schools_noncentered: mala, lmc compared</title>');
    const overlays = figures(html).filter((f) => f.kind === 'overlay');
    expect(overlays.map((f) => f.param).slice(0, 3)).toEqual(['mu', 'tau', 'theta_tilde[1]']);
    const [mala, lmc] = samplerColourScale(['mala', 'lmc']).range;
    for (const f of overlays) {
      // one density line per sampler, in that sampler's colour
      expect(f.svg, f.param).toContain(`stroke="${mala}"`);
      expect(f.svg, f.param).toContain(`stroke="${lmc}"`);
    }
    // the --reference summary has mu only: its mean is marked there and nowhere else
    expect(overlays[0]!.svg).toContain('dashed: reference mean');
    expect(overlays[1]!.svg).not.toContain('dashed: reference mean');
    expect(existsSync(join(out, 'reference.json'))).toBe(true);
    // each sampler's own page is linked
    expect(html).toContain('<a href="mala/report.html">mala</a>');
    expect(existsSync(join(out, 'mala', 'report.html'))).toBe(true);
  });

  it('shows ESS per 1000 gradients and the warm-up gradients apart', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const kinds = figures(html).map((f) => f.kind);
    expect(kinds).toContain('ess-bars');
    expect(kinds).toContain('gradient-bars');
    const rows = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as ComparisonRow[];
    for (const r of rows) {
      expect(r.warmup_gradient_evaluations).toBeGreaterThan(0);
      expect(r.warmup_gradient_evaluations).toBeLessThan(r.gradient_evaluations);
      expect(r.median_ess_bulk!).toBeGreaterThanOrEqual(r.min_ess_bulk!);
      expect(r.median_ess_bulk_per_1000_gradients).toBeCloseTo((1000 * r.median_ess_bulk!) / r.gradient_evaluations, 9);
      expect(r.median_ess_bulk_per_1000_sampling_gradients).toBeCloseTo(
        (1000 * r.median_ess_bulk!) / (r.gradient_evaluations - r.warmup_gradient_evaluations),
        9,
      );
    }
    // the terminal's text bar: one line per sampler with its figure
    expect(run.stdout).toContain('min bulk ESS per 1000 gradients, warm-up included');
    expect(run.stdout).toMatch(/\nmala +█/);
  });

  it('`report DIR` redraws the comparison page, with --plot-params', async () => {
    const again = await runCli(['report', out, '--plot-params', 'tau', '--output', join(root, 'again.html')]);
    expect(again.code, again.stderr).toBe(0);
    const overlays = figures(readFileSync(join(root, 'again.html'), 'utf8')).filter((f) => f.kind === 'overlay');
    expect(overlays.map((f) => f.param)).toEqual(['tau']);
    const bad = await runCli(['report', out, '--plot-params', 'nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--plot-params: 'nope' is not a column/);
  });
});

describe('essTextBars', () => {
  const summary = (ess: number[], gradients: number, warmup: number): SummaryJson =>
    ({
      parameters: ess.map((e, i) => ({ name: `x${i}`, ess_bulk: e, ess_tail: e, rhat: 1, mean: 0, sd: 1 })),
      chain_info: [
        { chain: 1, gradient_evaluations: gradients, warmup_gradient_evaluations: warmup, acceptance_rate: 1 },
      ],
      timing: { warmup_seconds: 1, sampling_seconds: 1 },
      warnings: [],
    }) as unknown as SummaryJson;

  it('scales the bars to the best sampler and gives the median per gradient', () => {
    const a = compareRow('nuts', summary([100, 300, 200], 10_000, 5_000));
    const b = compareRow('mala', summary([50, 60], 10_000, 2_000));
    expect(a.median_ess_bulk).toBe(200);
    expect(b.median_ess_bulk).toBe(55);
    expect(a.median_ess_bulk_per_1000_gradients).toBe(20);
    expect(a.median_ess_bulk_per_1000_sampling_gradients).toBe(40);
    const text = essTextBars([a, b], 20).split('\n');
    // nuts: 10 per 1000 gradients, the full 20 cells; mala: 5, half
    expect(text[1]).toBe(`nuts  ${'█'.repeat(20)}  10 (20 sampling only)`);
    expect(text[2]).toBe(`mala  ${'█'.repeat(10).padEnd(20)}  5 (6.25 sampling only)`);
    expect(essTextBars([compareRow('lmc', summary([], 10, 0))])).toBe('');
  });
});
