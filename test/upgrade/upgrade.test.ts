/**
 * `langevin upgrade`: the rewrite of an old-syntax program against a
 * reviewed golden file (comments and layout kept), idempotence, each
 * rewrite on its own, and the CLI (stdout, --in-place, exit status).
 * Regenerate the golden file with UPDATE_GOLDEN=1 and review the diff.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { upgradeSource } from '../../src/upgrade/upgrade.js';
import { parse } from '../../src/language/parse.js';
import { check } from '../../src/check/check.js';
import { runCli } from '../cli/run-cli.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const up = (s: string) => upgradeSource(s).text;

describe('upgradeSource', () => {
  test('rewrites the old-syntax fixture to the reviewed golden file, which checks', () => {
    const source = readFileSync(join(FIXTURES, 'old_syntax.stan'), 'utf8');
    const result = upgradeSource(source);
    const golden = join(FIXTURES, 'old_syntax.upgraded.stan');
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, result.text);
    expect(result.text).toBe(readFileSync(golden, 'utf8'));
    expect(() => check(parse(result.text))).not.toThrow();
    expect(result.changes.length).toBeGreaterThan(10);
  });

  test('is idempotent and leaves current syntax alone', () => {
    const once = up(readFileSync(join(FIXTURES, 'old_syntax.stan'), 'utf8'));
    expect(upgradeSource(once)).toEqual({ text: once, changes: [], warnings: [] });
  });

  test('each rewrite', () => {
    const cases: Array<[string, string]> = [
      ['x <- y + 1;', 'x = y + 1;'],
      ['# note\nreal x; #tail', '// note\nreal x; //tail'],
      ['#include "a.stan"', '#include "a.stan"'],
      ['increment_log_prob(normal_log(y, 0, 1));', 'target += normal_lpdf(y | 0, 1);'],
      ['target += poisson_log(n, 3);', 'target += poisson_lpmf(n | 3);'],
      ['target += poisson_log_log(n, 3);', 'target += poisson_log_lpmf(n | 3);'],
      // after '~' the name is the distribution poisson_log, not an old suffixed density
      [
        'C ~ poisson_log(eta); n ~ neg_binomial_2_log(eta, phi);',
        'C ~ poisson_log(eta); n ~ neg_binomial_2_log(eta, phi);',
      ],
      [
        'target += normal_ccdf_log(y, 0, 1) + gamma_cdf_log(y, 2, 2);',
        'target += normal_lccdf(y | 0, 1) + gamma_lcdf(y | 2, 2);',
      ],
      ['target += normal_lpdf(y, f(a, b), 1);', 'target += normal_lpdf(y | f(a, b), 1);'],
      ['target += normal_lpdf(y | 0, 1);', 'target += normal_lpdf(y | 0, 1);'],
      ['z = fabs(x) + if_else(x > 0, 1, f(2, 3));', 'z = abs(x) + (x > 0 ? 1 : f(2, 3));'],
      ['K = cov_exp_quad(x, 1, 2);', 'K = gp_exp_quad_cov(x, 1, 2);'],
      ['print(get_lp());', 'print(target());'],
      ['real<lower=0, upper=(a > b ? 1 : 2)> y[N, M];', 'array[N, M] real<lower=0, upper=(a > b ? 1 : 2)> y;'],
      ['matrix[K, K] Sigma[J];', 'array[J] matrix[K, K] Sigma;'],
      ['real f(data real[,] x, int[] n);', 'real f(data array[,] real x, array[] int n);'],
      ['vector[N] mu = x[1];', 'vector[N] mu = x[1];'],
      [
        'real foo_log(int[] y, real a) { return 0; } y ~ foo(1);',
        'real foo_lpmf(array[] int y, real a) { return 0; } y ~ foo(1);',
      ],
    ];
    for (const [before, after] of cases) expect(up(before), before).toBe(after);
  });

  test('warns where there is no mechanical rewrite', () => {
    const r = upgradeSource('y = integrate_ode_rk45(f, y0, t0, ts, theta, x_r, x_i);');
    expect(r.warnings.join('\n')).toMatch(/integrate_ode_rk45.*no mechanical rewrite/);
  });
});

describe('langevin upgrade', () => {
  test('prints the upgraded program and lists the rewrites', async () => {
    const r = await runCli(['upgrade', join(FIXTURES, 'old_syntax.stan')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(FIXTURES, 'old_syntax.upgraded.stan'), 'utf8'));
    expect(r.stderr).toMatch(/'<-' → '=' \(1\)/);
  });

  test('--in-place overwrites the file; remaining errors exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-upgrade-'));
    const file = join(dir, 'm.stan');
    writeFileSync(file, 'parameters { real mu; }\nmodel {\n  mu ~ normal(0, 1); # prior\n}\n');
    const r = await runCli(['upgrade', file, '--in-place']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe('parameters { real mu; }\nmodel {\n  mu ~ normal(0, 1); // prior\n}\n');
    writeFileSync(file, 'model {\n  real x <- 1;\n  x ~ nromal(0, 1);\n}\n');
    const bad = await runCli(['upgrade', file]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/still has errors[\s\S]*unknown distribution 'nromal'/);
  });

  test('old-syntax errors point at the command', async () => {
    const r = await runCli(['check', join(FIXTURES, 'old_syntax.stan')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/langevin upgrade FILE/);
  });
});
