/**
 * Ctrl-C with worker threads: the built CLI in a child process, sampling
 * 4 chains on 2 threads, gets SIGINT; every thread's chains keep their
 * draws (up to the iteration all threads reached), the summary is written
 * and the exit status is 130. (dist/ is built by `npm run build`.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

const rows = (file: string): number =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '' && !l.startsWith('#')).length - 1
    : 0;

describe('SIGINT while sampling on threads', () => {
  it("keeps every thread's draws, writes the summary and exits 130", async () => {
    expect(existsSync(join(ROOT, 'dist/src/chain-worker.js')), 'run `npm run build` first').toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'langevin-threads-sigint-'));
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
        '--threads',
        '2',
        '--out',
        out,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Signal once both threads' draws have streamed to their chain files.
    const deadline = Date.now() + 60_000;
    while (
      (rows(join(out, 'chain-1.csv')) < 1 || rows(join(out, 'chain-4.csv')) < 1) &&
      child.exitCode === null &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupt/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.interrupted).toBe(true);
    expect(summary.partial).toBe(true);
    expect(summary.chains).toBe(4);
    expect(summary.draws).toBeGreaterThan(0);
    for (const id of [1, 2, 3, 4]) expect(rows(join(out, `chain-${id}.csv`)), `chain-${id}.csv`).toBe(summary.draws);
  }, 90_000);
});
