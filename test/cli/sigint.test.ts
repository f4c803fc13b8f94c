/**
 * Ctrl-C for real: the built CLI in a child process gets SIGINT in the
 * middle of sampling, writes the draws so far and their summary, and exits
 * 130. (dist/ is built by `npm install` / `npm ci` through `prepare`.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('SIGINT during sampling', () => {
  it('keeps the draws so far, writes the summary and exits 130', async () => {
    expect(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'run `npm run build` first').toBe(true);
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
        '--out',
        out,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Signal once draws have streamed to the chain file (a fixed delay races a loaded machine).
    const chain1 = join(out, 'chain-1.csv');
    const deadline = Date.now() + 60_000;
    const streamed = (): number =>
      existsSync(chain1)
        ? readFileSync(chain1, 'utf8')
            .split('\n')
            .filter((l) => l !== '' && !l.startsWith('#')).length - 1
        : 0;
    while (streamed() < 1 && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupt/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.interrupted).toBe(true);
    expect(summary.draws).toBeGreaterThan(0);
    expect(summary.draws).toBeLessThan(4000);
    const rows = readFileSync(join(out, 'chain-1.csv'), 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'));
    expect(rows.length).toBe(summary.draws + 1);
  }, 90_000);
});
