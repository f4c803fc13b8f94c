/**
 * The bad-input suite: every case fails with exit 1, its catalogue code,
 * its location where it has one, and no stack trace — run in-process
 * through the CLI's main() (a few real-process signal tests live in
 * signals.test.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { BAD_CASES, type BadCase } from './cases.js';

function setUp(c: BadCase): { dir: string; args: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'langevin-bad-'));
  if (c.model !== undefined) writeFileSync(join(dir, 'model.stan'), c.model);
  if (c.data !== undefined) writeFileSync(join(dir, 'data.json'), c.data);
  for (const [name, content] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  const args = c.args ?? ['check', '$DIR/model.stan', ...(c.data !== undefined ? ['--data', '$DIR/data.json'] : [])];
  return { dir, args: args.map((a) => a.replace('$DIR', dir)) };
}

describe('bad input: exit 1, a catalogue code, the location, no stack trace', () => {
  it('has at least 150 cases', () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(BAD_CASES.map((c) => c.name)).size).toBe(BAD_CASES.length);
  });
  for (const c of BAD_CASES) {
    it(c.name, async () => {
      const { dir, args } = setUp(c);
      const started = Date.now();
      const r = await runCli(args, { cwd: dir });
      const seen = `exit ${r.code}\n${r.stderr.slice(0, 600)}`;
      expect(r.code, seen).toBe(1);
      expect(r.stderr, seen).toContain(`error[${c.code}]`);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at .*\(.*:\d+:\d+\)|RangeError|TypeError/);
      if (c.at !== undefined) {
        const file = join(dir, c.in ?? 'model.stan');
        expect(r.stderr, seen).toContain(`${file}:${c.at}: error[${c.code}]`);
      }
      expect(Date.now() - started).toBeLessThan(20_000);
    });
  }
});
