/**
 * The report's diagnostic plots: the series they draw against closed forms
 * (ranks uniform for mixed chains, AR(1) autocorrelation ρ^k, a KDE of
 * normal draws near the normal density, ESS growing with the draws), the
 * page holding every plot kind as non-empty SVG, --plot-params, and a
 * directory of CmdStan's own CSVs read without a summary.json.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autocorrelations, evolution, kernelDensities, rankCounts } from '../../src/report/plots/chain-series.js';
import { renderReport } from '../../src/report/html.js';
import { readRun } from '../../src/report/read-run.js';
import { createRng } from '../../src/random/index.js';
import { pairsSpec } from '../../src/report/plots/diagnostic-specs.js';
import { renderSvg } from '../../src/report/plots/vega-svg.js';

function normals(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.normal());
}

function ar1(n: number, rho: number, seed: number): Float64Array {
  const e = normals(n, seed);
  const x = new Float64Array(n);
  for (let i = 1; i < n; i++) x[i] = rho * x[i - 1]! + Math.sqrt(1 - rho * rho) * e[i]!;
  return x;
}

describe('series', () => {
  it('rank counts: every draw counted, about uniform for mixed chains', () => {
    const chains = [normals(2000, 1), normals(2000, 2)];
    const rows = rankCounts(chains, 20);
    expect(rows.reduce((a, r) => a + r.count, 0)).toBe(4000);
    // 100 expected per bin and chain; binomial sd ≈ 9.7, so 5 sd = 49.
    for (const r of rows) expect(Math.abs(r.count - 100)).toBeLessThan(49);
  });

  it('rank counts separate chains that disagree', () => {
    const shifted = normals(1000, 3).map((v) => v + 3);
    const rows = rankCounts([normals(1000, 4), shifted], 10);
    // The top bin holds the 200 largest of 2000 draws: nearly all from the shifted chain.
    expect(rows.find((r) => r.chain === 1 && r.bin === 9)!.count).toBeGreaterThan(190);
    expect(rows.find((r) => r.chain === 0 && r.bin === 9)!.count).toBeLessThan(10);
  });

  it('autocorrelation of AR(1) is close to rho^k', () => {
    const rows = autocorrelations([ar1(20000, 0.8, 5)], 5);
    // sd of the lag-k estimate ≈ sqrt((1+ρ²)/(1−ρ²)/n) ≈ 0.013 at n = 20000.
    for (const r of rows) expect(r.acf).toBeCloseTo(0.8 ** r.lag, 1);
    expect(rows[0]!.acf).toBe(1);
  });

  it('KDE of normal draws is close to the normal density and integrates to 1', () => {
    const rows = kernelDensities([normals(5000, 6)], 200);
    const dx = rows[1]!.x - rows[0]!.x;
    expect(rows.reduce((a, r) => a + r.density, 0) * dx).toBeCloseTo(1, 2);
    const at0 = rows.reduce((best, r) => (Math.abs(r.x) < Math.abs(best.x) ? r : best));
    expect(at0.density).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 1);
  });

  it('ESS grows with the draws for independent chains', () => {
    const rows = evolution([normals(1000, 7), normals(1000, 8)], 5);
    expect(rows.map((r) => r.draws)).toEqual([400, 800, 1200, 1600, 2000]);
    expect(rows[4]!.ess_bulk!).toBeGreaterThan(rows[0]!.ess_bulk! * 3);
    expect(rows[4]!.mcse_mean!).toBeLessThan(rows[0]!.mcse_mean!);
  });
});

/** CmdStan's own CSV for one chain: its comments, sampler columns and "(Default)" values. */
function cmdstanCsv(chain: number, mu: Float64Array, theta: Float64Array, divergent: number[]): string {
  const lines = [
    '# stan_version_major = 2',
    '# model = eight_model',
    '# method = sample (Default)',
    '#   sample',
    '#     num_samples = 1000 (Default)',
    '#     num_warmup = 1000 (Default)',
    '#     algorithm = hmc (Default)',
    '#       hmc',
    '#         engine = nuts (Default)',
    `# id = ${chain}`,
    '# seed = 1234',
    'lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,mu,theta.1',
    '# Adaptation terminated',
    '# Step size = 0.8',
    '# Diagonal elements of inverse mass matrix:',
    '# 1, 1',
  ];
  for (let i = 0; i < mu.length; i++) {
    lines.push(`${-0.5 * mu[i]! ** 2},0.9,0.8,2,3,${divergent.includes(i) ? 1 : 0},1.2,${mu[i]},${theta[i]}`);
  }
  lines.push('#', '#  Elapsed Time: 0.01 seconds (Warm-up)', '#                0.01 seconds (Sampling)');
  return lines.join('\n') + '\n';
}

describe('report page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'langevin-cmdstan-'));
  for (const chain of [1, 2, 3, 4]) {
    writeFileSync(
      join(dir, `output_${chain}.csv`),
      cmdstanCsv(chain, normals(1000, chain), normals(1000, 10 + chain), chain === 2 ? [5, 17] : []),
    );
  }

  it("reads CmdStan's CSVs without a summary.json", () => {
    const run = readRun(dir);
    expect(run.kind).toBe('chains');
    expect(run.names).toEqual(['mu', 'theta[1]']);
    expect(run.chains.map((c) => c.id)).toEqual([1, 2, 3, 4]);
    expect(run.summary.sampler).toBe('nuts (CmdStan)');
    expect(run.summary.chain_info[1]!.divergences).toBe(2);
    const mu = run.summary.parameters[0]!;
    expect(Math.abs(mu.mean!)).toBeLessThan(5 * mu.mcse_mean!);
    expect(mu.rhat!).toBeLessThan(1.01);
  });

  it('holds every plot kind as non-empty SVG, pairs marking the divergent draws', async () => {
    const html = await renderReport(readRun(dir), { dirLabel: 'cmdstan' });
    for (const kind of ['rank', 'autocorrelation', 'density', 'evolution', 'forest', 'pairs']) {
      const m = new RegExp(`<figure class="vplot" data-plot="${kind}"[^>]*><svg[^>]*>([\\s\\S]*?)</svg></figure>`).exec(
        html,
      );
      expect(m, kind).not.toBeNull();
      expect(m![1]!.length, kind).toBeGreaterThan(500);
    }
    expect(html).toContain('#D00000'); // divergent draws drawn in red
    expect(html).not.toMatch(/<script/);
  });

  it('--plot-params picks the plotted columns and rejects unknown names', async () => {
    const run = readRun(dir);
    const html = await renderReport(run, { plotParams: ['theta'] });
    expect(html).toContain('data-plot="rank" data-param="theta[1]"');
    expect(html).not.toContain('data-plot="rank" data-param="mu"');
    await expect(renderReport(run, { plotParams: ['nope'] })).rejects.toThrow("--plot-params: 'nope' is not a column");
  });
});

describe('pairsSpec', () => {
  it('draws each pair once: the lower triangle of the scatter matrix', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ a: i, 'b[1]': i % 7, c: -i, divergent: i === 3 }));
    const spec = pairsSpec(['a', 'b[1]', 'c'], rows) as unknown as {
      vconcat: Array<{ hconcat: Array<{ encoding: { x: { field: string }; y: { field: string } } }> }>;
    };
    const cells = spec.vconcat.map((r) => r.hconcat.map((c) => `${c.encoding.y.field}~${c.encoding.x.field}`));
    expect(cells).toEqual([['b\\[1\\]~a'], ['c~a', 'c~b\\[1\\]']]);
    const svg = await renderSvg(spec as unknown as Parameters<typeof renderSvg>[0]);
    expect(svg.match(/class="mark-symbol/g)).toHaveLength(3);
    expect(svg.match(/fill="#D00000"/g)).toHaveLength(3); // the divergent draw, once per panel
    expect(svg).not.toContain('aria-label="a:');
  });
});
