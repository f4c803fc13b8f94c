/**
 * `langevin check` without data type-checks only: nothing of the model is
 * evaluated or traced, so its cost does not depend on the data. With data
 * it also binds the data and runs what depends on it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

// Transformed data that never ends: only evaluating it can fail.
const MODEL = `data { int<lower=0> N; vector[N] y; }
transformed data { real a = 0; while (a >= 0) { a += 1; } }
parameters { real mu; }
model { for (n in 1:N) y[n] ~ normal(mu, 1); }
`;

function files(): { model: string; data: string } {
  const dir = mkdtempSync(join(tmpdir(), 'langevin-check-'));
  const model = join(dir, 'model.stan');
  const data = join(dir, 'data.json');
  writeFileSync(model, MODEL);
  writeFileSync(data, JSON.stringify({ N: 3, y: [1, 2, 3] }));
  return { model, data };
}

describe('check without data', () => {
  it('type-checks without evaluating anything', async () => {
    const { model } = files();
    const r = await runCli(['check', model, '--max-iterations', '100']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ok (type-checked; give --data FILE to check the data N, y and resolve sizes)');
    expect(r.stdout).toMatch(/mu\s+parameters\s+real/);
  });

  it('still reports type errors', async () => {
    const { model } = files();
    writeFileSync(model, MODEL.replace('normal(mu, 1)', 'normal(mu, sigma)'));
    const r = await runCli(['check', model]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/model\.stan:4:\d+: error\[E3\d\d\]/);
  });

  it('with data, runs what depends on it', async () => {
    const { model, data } = files();
    const r = await runCli(['check', model, '--data', data, '--max-iterations', '100']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\[E703\]: while loop ran past the iteration budget of 100/);
  });
});
