import { mkdtempSync, readFileSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli } from './run-cli.js';

const eight = [
  'examples/models/eight_schools_noncentered.stan',
  '--data',
  'examples/models/eight_schools_noncentered.data.json',
];
const quick = ['--chains', '2', '--warmup', '100', '--draws', '100', '--seed', '3', '--no-progress'];
const ROOT = new URL('../../', import.meta.url).pathname;

function noStackTrace(text: string): void {
  expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
}

describe('langevin check', () => {
  it('prints parameters and data of a good model', async () => {
    const r = await runCli(['check', ...eight], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tau\s+parameters\s+real<lower=0>/);
    expect(r.stdout).toMatch(/theta_tilde\s+parameters\s+vector\[J\]\s+\[8\]/);
    expect(r.stdout).toMatch(/sigma\s+array\[J\] real<lower=0>\s+\[8\]/);
  });

  it('reports a misspelt distribution with file, line, column and caret, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-cli-'));
    const file = join(dir, 'bad.stan');
    writeFileSync(file, 'parameters {\n  real mu;\n}\nmodel {\n  mu ~ nromal(0, 1);\n}\n');
    const r = await runCli(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:5:8: error[E302]: unknown distribution 'nromal' (did you mean 'normal'?)`);
    expect(r.stderr).toContain('  mu ~ nromal(0, 1);\n         ^^^^^^');
    noStackTrace(r.stderr);
  });

  it('reports bad data against the declarations, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-cli-'));
    const data = join(dir, 'data.json');
    writeFileSync(data, JSON.stringify({ J: 8, y: [1, 2, 3], sigma: [1, 1, 1, 1, 1, 1, 1, 1] }));
    const r = await runCli(['check', example('eight_schools_noncentered.stan'), '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/y/);
    noStackTrace(r.stderr);
  });

  it('prints the IR with --debug-ir', async () => {
    const r = await runCli(['check', ...eight, '--debug-ir'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/param/);
  });
});

describe('langevin sample', () => {
  it('prints a stansummary-shaped table', async () => {
    const r = await runCli(['sample', ...eight, ...quick], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Mean\s+MCSE\s+StdDev\s+5%\s+50%\s+95%\s+ESS_bulk\s+ESS_tail\s+R_hat/);
    expect(r.stdout).toMatch(/\ntheta\[8\]\s/);
  });

  it('--json prints only the summary JSON on stdout', async () => {
    const r = await runCli(['sample', ...eight, ...quick, '--json', '--sampler', 'lmc'], { cwd: ROOT });
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.sampler).toBe('lmc');
    expect(summary.seed).toBe(3);
    expect(summary.chains).toBe(2);
    expect(summary.parameters.map((p: { name: string }) => p.name)).toEqual([
      'mu',
      'tau',
      ...Array.from({ length: 8 }, (_, i) => `theta_tilde[${i + 1}]`),
      ...Array.from({ length: 8 }, (_, i) => `theta[${i + 1}]`),
    ]);
    expect(summary.chain_info).toHaveLength(2);
    for (const key of ['mean', 'sd', 'mcse_mean', 'mcse_sd', 'q5', 'q50', 'q95', 'ess_bulk', 'ess_tail', 'rhat']) {
      expect(summary.parameters[0]).toHaveProperty(key);
    }
  });

  it('--out writes CmdStan CSV files that are byte-identical for the same seed', async () => {
    const a = mkdtempSync(join(tmpdir(), 'langevin-out-'));
    const b = mkdtempSync(join(tmpdir(), 'langevin-out-'));
    expect((await runCli(['sample', ...eight, ...quick, '--sampler', 'mala', '--out', a], { cwd: ROOT })).code).toBe(0);
    expect((await runCli(['sample', ...eight, ...quick, '--sampler', 'mala', '--out', b], { cwd: ROOT })).code).toBe(0);
    for (const f of ['chain-1.csv', 'chain-2.csv']) {
      const csv = readFileSync(join(a, f), 'utf8');
      expect(csv).toBe(readFileSync(join(b, f), 'utf8'));
      const lines = csv.split('\n').filter((l) => !l.startsWith('#') && l !== '');
      expect(lines[0]!.startsWith('lp__,accept_stat__,stepsize__,divergent__,mu,tau,theta_tilde.1,')).toBe(true);
      expect(lines).toHaveLength(101);
    }
    expect(JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')).draws).toBe(100);
  });

  it('keeps every K-th draw with --thin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-out-'));
    const r = await runCli(['sample', ...eight, ...quick, '--thin', '4', '--out', dir], { cwd: ROOT });
    expect(r.code).toBe(0);
    const rows = readFileSync(join(dir, 'chain-1.csv'), 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(rows).toHaveLength(1 + 25);
  });

  it.each([
    [['--sampler', 'hmc'], /--sampler must be one of lmc, lmc-beta, mala, nuts, .*annealed.*, got 'hmc'/],
    [['--draws', '0'], /--draws must be a positive integer, got '0'/],
    [['--step-size', '-1'], /--step-size must be a positive number, got '-1'/],
    [['--sampler', 'lmc-beta', '--beta', '0'], /--beta must be a positive number, got '0'/],
    [['--chains', 'many'], /--chains must be a positive integer, got 'many'/],
    [['--backend', 'gpu'], /--backend must be one of auto, f64, tfjs, got 'gpu'/],
  ])('rejects bad options %j with one line and exit 1', async (extra, message) => {
    const r = await runCli(['sample', ...eight, ...quick, ...extra], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports a missing data file in one line, exit 1', async () => {
    const r = await runCli(['sample', eight[0]!, '--data', 'nope.json', ...quick], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      "langevin: error[E101]: cannot read data file '" + join(ROOT, 'nope.json') + "': no such file",
    );
  });

  it('reports an unwritable --out before sampling, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-ro-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = await runCli(['sample', ...eight, ...quick, '--out', join(file, 'sub')], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write to --out directory/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an interrupted run writes the draws so far and exits 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-int-'));
    const controller = new AbortController();
    controller.abort();
    const r = await runCli(['sample', ...eight, ...quick, '--out', dir], { cwd: ROOT, signal: controller.signal });
    expect(r.code).toBe(130);
    expect(existsSync(join(dir, 'summary.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).interrupted).toBe(true);
  });
});

describe('langevin compare', () => {
  it('runs each sampler on the same model and prints one row each', async () => {
    const r = await runCli(['compare', ...eight, ...quick, '--samplers', 'lmc,mala', '--json'], { cwd: ROOT });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.reference).toBe('mala');
    expect(out.samplers.map((s: { sampler: string }) => s.sampler)).toEqual(['lmc', 'mala']);
    const mala = out.samplers[1];
    expect(mala.max_mean_difference_in_mcse).toBe(0);
    expect(mala.gradient_evaluations).toBeGreaterThan(0);
    expect(out.samplers[0].max_mean_difference_in_mcse).toBeGreaterThanOrEqual(0);
  });

  it('rejects an unknown sampler in the list', async () => {
    const r = await runCli(['compare', ...eight, '--samplers', 'lmc,hmcx'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown sampler 'hmcx'/);
  });
});

describe('langevin bound', () => {
  it('prints the Vempala–Wibisono step size', async () => {
    const r = await runCli([
      'bound',
      '--L',
      '2',
      '--alpha',
      '1',
      '--dim',
      '10',
      '--eps',
      '0.1',
      '--kl0',
      '5',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout);
    expect(b.stepSize).toBeCloseTo(Math.min(1 / 16, (0.1 * 1) / (16 * 10 * 4)), 12);
    expect(b.iterations).toBe(Math.ceil(Math.log((2 * 5) / 0.1) / b.stepSize));
  });
});

void chmodSync;

describe('langevin bound --kramers', () => {
  it('gives the double well mean exit time 2π/√(8·4)·e^β', async () => {
    const r = await runCli(['bound', '--kramers', '--beta', '3', '--step-size', '0.01', '--json']);
    expect(r.code).toBe(0);
    const k = JSON.parse(r.stdout);
    expect(k.meanExitTime).toBeCloseTo(((2 * Math.PI) / Math.sqrt(32)) * Math.exp(3), 10);
    expect(k.meanExitSteps).toBeCloseTo(k.meanExitTime / 0.01, 6);
  });

  it('asks for the missing option', async () => {
    const r = await runCli(['bound', '--alpha', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'langevin: error[E601]: --L is required for the Vempala–Wibisono bound (or give --kramers)',
    );
  });
});
