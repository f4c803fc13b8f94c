/**
 * What a CmdStan user expects of the command line: --version, defaults in
 * --help, compare's own help, check/sample without --data, --init FILE,
 * --lp stan, R-hat printed and compared with 4 digits, the files --out
 * wrote, compare's warnings and its reference row.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, example } from './run-cli.js';
import { parseCmdStanCsv } from '../../src/report/read-run.js';
import { collectWarnings, formatRhat, rhatTooHigh } from '../../src/diagnostics/warnings.js';
import { eta } from '../../src/cli/progress.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'langevin-conventions-'));
const eight = [example('eight_schools_noncentered.stan'), '--data', example('eight_schools_noncentered.data.json')];
const quick = ['--warmup', '100', '--draws', '100', '--seed', '7', '--no-progress'];

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('sample --help shows the defaults', async () => {
    const r = await runCli(['sample', '--help']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    for (const expected of [
      '(default 4;',
      '(default 1000)',
      '(default mams)',
      '(default 2)',
      '(default auto)',
      '(default 1)',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("compare --help is compare's own", async () => {
    const r = await runCli(['compare', '--help']);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/--samplers <list> comma-separated samplers: [a-z-, ]+ \(required\)/);
    expect(text).toContain('DIR/comparison.json');
    expect(text).toContain('print the comparison JSON');
    expect(text).not.toContain('write chain-K.csv (CmdStan layout)');
  });
});

describe('without --data', () => {
  it('check type-checks a model that declares data', async () => {
    const r = await runCli(['check', example('eight_schools_noncentered.stan')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok (type-checked; give --data FILE');
    expect(r.stdout).toMatch(/theta_tilde\s+parameters\s+vector\[J\]/);
    expect(r.stderr).toBe('');
  });

  it('check still reports type errors without data', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'bad.stan'),
      'data { int N; } parameters { real mu; } model { mu ~ normal(0, undefined_name); }',
    );
    const r = await runCli(['check', join(dir, 'bad.stan')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('undefined_name');
  });

  it('sample names the missing data variables, never a data.json', async () => {
    const r = await runCli(['sample', example('eight_schools_noncentered.stan'), ...quick]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the model declares data ('J', 'y', 'sigma') and no --data FILE was given");
    expect(r.stderr).not.toContain('data.json');
  });
});

const positiveModel = 'parameters { real<lower=0> s; real m; } model { s ~ exponential(1); m ~ normal(0, 2); }';

describe('--init FILE and --lp', () => {
  const fixedRun = [
    '--sampler',
    'lmc',
    '--warmup',
    '0',
    '--draws',
    '2',
    '--step-size',
    '1e-12',
    '--seed',
    '1',
    '--no-progress',
  ];

  it('starts every chain at the shared constrained values', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'm.stan'), positiveModel);
    writeFileSync(join(dir, 'init.json'), JSON.stringify({ s: 2.5, m: -1 }));
    const r = await runCli([
      'sample',
      join(dir, 'm.stan'),
      '--init',
      join(dir, 'init.json'),
      '--chains',
      '2',
      ...fixedRun,
      '--out',
      join(dir, 'out'),
    ]);
    expect(r.code).toBe(0);
    for (const c of [1, 2]) {
      const csv = parseCmdStanCsv(readFileSync(join(dir, 'out', `chain-${c}.csv`), 'utf8'), 'chain.csv');
      expect(csv.values[0]![0]).toBeCloseTo(2.5, 4);
      expect(csv.values[1]![0]).toBeCloseTo(-1, 4);
    }
  });

  it('an array gives one set per chain; FILE_1.json … as CmdStan', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'm.stan'), positiveModel);
    writeFileSync(
      join(dir, 'init.json'),
      JSON.stringify([
        { s: 1, m: 0 },
        { s: 3, m: 5 },
      ]),
    );
    writeFileSync(join(dir, 'per_1.json'), JSON.stringify({ s: 4, m: 1 }));
    writeFileSync(join(dir, 'per_2.json'), JSON.stringify({ s: 6, m: 2 }));
    for (const [file, expected] of [
      ['init.json', [1, 3]],
      ['per.json', [4, 6]],
    ] as const) {
      const out = join(dir, `out-${file}`);
      const r = await runCli([
        'sample',
        join(dir, 'm.stan'),
        '--init',
        join(dir, file),
        '--chains',
        '2',
        ...fixedRun,
        '--out',
        out,
      ]);
      expect(r.code).toBe(0);
      expected.forEach((s, c) => {
        const csv = parseCmdStanCsv(readFileSync(join(out, `chain-${c + 1}.csv`), 'utf8'), 'chain.csv');
        expect(csv.values[0]![0]).toBeCloseTo(s, 4);
      });
    }
  });

  it('a value outside its constraint is a user error naming the file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'm.stan'), positiveModel);
    writeFileSync(join(dir, 'init.json'), JSON.stringify({ s: -1, m: 0 }));
    const r = await runCli(['sample', join(dir, 'm.stan'), '--init', join(dir, 'init.json'), ...fixedRun]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('init.json');
    expect(r.stderr).toContain("'s' violates its declared constraint");
  });

  it("--lp stan drops the constants of ~ as Stan's lp__", async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'm.stan'), positiveModel);
    const lp = async (kind: string) => {
      const out = join(dir, kind);
      const r = await runCli(['sample', join(dir, 'm.stan'), ...fixedRun, '--lp', kind, '--out', out]);
      expect(r.code).toBe(0);
      return parseCmdStanCsv(readFileSync(join(out, 'chain-1.csv'), 'utf8'), 'chain.csv').lp!;
    };
    const full = await lp('full');
    const stan = await lp('stan');
    // exponential(1) drops log 1 = 0; normal(0, 2) drops -log 2 - log(2π)/2.
    const dropped = -Math.log(2) - 0.5 * Math.log(2 * Math.PI);
    full.forEach((v, i) => expect(v - stan[i]!).toBeCloseTo(dropped, 10));
  });
});

describe('R-hat digits', () => {
  it('prints 4 significant digits and compares the printed value', () => {
    expect(formatRhat(1.0104)).toBe('1.010');
    expect(formatRhat(0.99961)).toBe('0.9996');
    expect(rhatTooHigh(1.0104)).toBe(false);
    expect(rhatTooHigh(1.0106)).toBe(true);
    expect(rhatTooHigh(Number.NaN)).toBe(true);
  });

  it('never says "above 1.01 (largest 1.010)"', () => {
    const row = (name: string, rhat: number) => ({
      name,
      mean: 0,
      mcse_mean: 0.01,
      sd: 1,
      q5: -1.6,
      q50: 0,
      q95: 1.6,
      ess_bulk: 4000,
      ess_tail: 4000,
      rhat,
      mcse_sd: 0.01,
    });
    const facts = [{ acceptanceRate: 0.6, divergences: 0, stepSize: 0.5 }];
    const input = (rhat: number) => ({
      sampler: 'mala' as const,
      chains: 4,
      draws: 1000,
      parameters: [row('a', rhat)],
      chainInfo: facts,
    });
    expect(collectWarnings(input(1.0104) as never).join(' ')).not.toContain('R-hat');
    expect(collectWarnings(input(1.0106) as never).join(' ')).toContain('R-hat above 1.01 for a (largest 1.011)');
  });
});

describe('--out and compare', () => {
  it('sample --out writes report.html and says what it wrote', async () => {
    const dir = tmp();
    const out = join(dir, 'run');
    const r = await runCli(['sample', ...eight, ...quick, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `wrote ${out}/: chain-1.csv chain-2.csv chain-3.csv chain-4.csv summary.json report.html`,
    );
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it("compare prints each sampler's warnings and — for the reference's own row", async () => {
    const r = await runCli(['compare', ...eight, ...quick, '--samplers', 'lmc,mala']);
    expect(r.code).toBe(0);
    const malaRow = r.stdout.split('\n').find((l) => l.startsWith('mala'))!;
    expect(malaRow).toMatch(/ — +(yes|NO|NA)$/);
    expect(r.stderr).toMatch(/^warning \(lmc\): /m);
  });
});

describe('progress ETA', () => {
  it('is the average rate since the start', () => {
    expect(eta(1, 5, 100)).toBe('19s');
    expect(eta(10, 5, 100)).toBe('3m10s');
    expect(eta(0.1, 1, 100)).toBe('?');
    expect(eta(5, 0, 100)).toBe('?');
  });
});
