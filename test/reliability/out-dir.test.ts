/** --out: an earlier run is refused unless --overwrite, which removes its stale chain files; file names are escaped in CSV comments. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const MODEL = 'parameters { real x; }\nmodel { x ~ normal(0, 1); }\n';
const quick = ['--warmup', '20', '--draws', '20', '--seed', '1', '--no-progress'];

describe('--out and --overwrite', () => {
  it('refuses an earlier run, then replaces it and removes stale chains with --overwrite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-out-'));
    const model = join(dir, 'm.stan');
    writeFileSync(model, MODEL);
    const out = join(dir, 'run');
    expect((await runCli(['sample', model, ...quick, '--chains', '4', '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'chain-4.csv'))).toBe(true);
    const again = await runCli(['sample', model, ...quick, '--chains', '2', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /error\[E106\]: --out directory '.*' holds an earlier run \(chain-1\.csv, chain-2\.csv, chain-3\.csv, \.\.\.\)/,
    );
    const replaced = await runCli(['sample', model, ...quick, '--chains', '2', '--out', out, '--overwrite']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(existsSync(join(out, 'chain-2.csv'))).toBe(true);
    expect(existsSync(join(out, 'chain-3.csv'))).toBe(false);
    expect(existsSync(join(out, 'chain-4.csv'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).chains).toBe(2);
  });

  it('a newline in the model file name cannot inject a CSV line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-out-'));
    const model = join(dir, 'evil\nlp__,x\n1,2.stan');
    writeFileSync(model, MODEL);
    const out = join(dir, 'run');
    const r = await runCli(['sample', model, ...quick, '--chains', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(join(out, 'chain-1.csv'), 'utf8').split('\n');
    expect(lines.filter((l) => l.startsWith('lp__'))).toHaveLength(1);
    expect(lines.find((l) => l.startsWith('# model file = '))).toContain('evil\\nlp__,x\\n1,2.stan');
  });

  it('warnings in summary JSON carry their code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'langevin-out-'));
    const model = join(dir, 'm.stan');
    writeFileSync(model, MODEL);
    const r = await runCli([
      'sample',
      model,
      '--warmup',
      '10',
      '--draws',
      '10',
      '--chains',
      '2',
      '--seed',
      '1',
      '--json',
      '--no-progress',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const warnings = JSON.parse(r.stdout).warnings as string[];
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w).toMatch(/^W1\d\d /);
  });
});
