/**
 * examples/theory/*.mjs write into out/theory/ and touch the committed
 * record in examples/theory/ only under --write; every committed output is
 * one a script produces (so `node examples/theory/all.mjs --write`
 * regenerates all of it, docs/theory.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const THEORY = join(ROOT, 'examples', 'theory');
const OUT = join(ROOT, 'out', 'theory');
const PROBE = 'probe-theory-test';

function probe(args: string[]): void {
  const code = [
    `import { makeLog, saveJson } from ${JSON.stringify(join(THEORY, 'cli.mjs'))};`,
    `saveJson('${PROBE}.json', { ok: true });`,
    'const log = makeLog();',
    "log('a line');",
    `log.save('${PROBE}.txt');`,
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code, '--', ...args], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
}

const cleanup = (): void => {
  for (const dir of [THEORY, OUT])
    for (const ext of ['json', 'txt']) rmSync(join(dir, `${PROBE}.${ext}`), { force: true });
};
afterAll(cleanup);

describe('examples/theory outputs', () => {
  it('go to out/theory/ and over the committed copies only with --write', () => {
    cleanup();
    probe([]);
    expect(existsSync(join(OUT, `${PROBE}.json`))).toBe(true);
    expect(readFileSync(join(OUT, `${PROBE}.txt`), 'utf8')).toBe('a line\n');
    expect(existsSync(join(THEORY, `${PROBE}.json`))).toBe(false);
    expect(existsSync(join(THEORY, `${PROBE}.txt`))).toBe(false);
    probe(['--write']);
    expect(JSON.parse(readFileSync(join(THEORY, `${PROBE}.json`), 'utf8'))).toEqual({ ok: true });
    expect(readFileSync(join(THEORY, `${PROBE}.txt`), 'utf8')).toBe('a line\n');
  });

  it('no script writes files but through cli.mjs', () => {
    const scripts = readdirSync(THEORY).filter((f) => f.endsWith('.mjs') && f !== 'cli.mjs');
    expect(scripts).toContain('all.mjs');
    for (const s of scripts) expect(readFileSync(join(THEORY, s), 'utf8'), s).not.toMatch(/writeFile|copyFile|node:fs/);
  });

  it('every committed output is produced by a script, and all.mjs runs every script', () => {
    const produced = new Set<string>();
    const scripts = readdirSync(THEORY).filter((f) => f.endsWith('.mjs') && !['cli.mjs', 'all.mjs'].includes(f));
    for (const s of scripts) {
      const text = readFileSync(join(THEORY, s), 'utf8');
      for (const m of text.matchAll(/(?:saveJson|log\.save)\('([\w.-]+)'/g)) produced.add(m[1]!);
      for (const m of text.matchAll(/sampleAndReport\('([\w.-]+)'/g)) produced.add(`${m[1]}.html`);
    }
    const committed = readdirSync(THEORY).filter((f) => /\.(txt|json|html)$/.test(f) && !f.startsWith(PROBE));
    expect(committed.sort()).toEqual([...produced].sort());
    const all = readFileSync(join(THEORY, 'all.mjs'), 'utf8');
    for (const s of scripts) expect(all, s).toContain(`'${s}'`);
  });
});
