/**
 * Ctrl-C for real: the built CLI in a child process gets SIGINT in the
 * middle of sampling, writes the draws so far and their summary, and exits
 * 130 — on one thread, and on two threads where every thread's chains keep
 * their draws up to the iteration all threads reached. (dist/ is built by
 * `npm install` / `npm ci` through `prepare`.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Draw rows streamed to a chain file so far (header and comments aside). */
const rows = (file: string): number =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#')).length - 1
    : 0;

/**
 * A long eight-schools run with `extra` options, interrupted once every
 * chain file in `watched` holds a draw (a fixed delay races a loaded machine).
 */
async function interruptedRun(
  extra: string[],
  watched: number[],
): Promise<{ code: number | null; stderr: string; out: string; summary: Record<string, unknown> }> {
  const out = mkdtempSync(join(tmpdir(), 'langevin-sigint-'));
  const child = spawn(
    process.execPath,
    [
      'bin/langevin.js',
      'sample',
      'examples/models/eight_schools_noncentered.stan',
      '--data',
      'examples/models/eight_schools_noncentered.data.json',
      '--warmup',
      '0',
      '--draws',
      '2000000',
      '--thin',
      '500',
      '--seed',
      '1',
      ...extra,
      '--out',
      out,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 60_000;
  while (
    watched.some((id) => rows(join(out, `chain-${id}.csv`)) < 1) &&
    child.exitCode === null &&
    Date.now() < deadline
  )
    await new Promise((r) => setTimeout(r, 100));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
  return { code, stderr, out, summary };
}

describe('SIGINT during sampling', () => {
  it('keeps the draws so far, writes the summary and exits 130', async () => {
    expect(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'run `npm run build` first').toBe(true);
    const { code, stderr, out, summary } = await interruptedRun([], [1]);
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupt/);
    expect(summary.interrupted).toBe(true);
    expect(summary.draws).toBeGreaterThan(0);
    expect(summary.draws).toBeLessThan(4000);
    expect(rows(join(out, 'chain-1.csv'))).toBe(summary.draws);
  }, 90_000);

  it("on two threads keeps every thread's draws, writes the summary and exits 130", async () => {
    expect(existsSync(join(ROOT, 'dist/src/chain-worker.js')), 'run `npm run build` first').toBe(true);
    const { code, stderr, out, summary } = await interruptedRun(['--threads', '2'], [1, 4]);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupt/);
    expect(summary.interrupted).toBe(true);
    expect(summary.partial).toBe(true);
    expect(summary.chains).toBe(4);
    expect(summary.draws).toBeGreaterThan(0);
    for (const id of [1, 2, 3, 4]) expect(rows(join(out, `chain-${id}.csv`)), `chain-${id}.csv`).toBe(summary.draws);
  }, 90_000);
});
