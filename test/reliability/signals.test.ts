/**
 * Signals for real, on the built CLI in child processes: the draws stream
 * to the chain CSVs while sampling, so SIGTERM and SIGHUP end the run with
 * a partial summary (exit 143, 129) and even SIGKILL keeps whole rows. The
 * signal is sent once the stream shows draws, not after a fixed delay.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

function dataRows(file: string): string[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'));
  return lines.slice(1); // after the header
}

async function untilRows(file: string, n: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (dataRows(file).length < n) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${n} streamed rows in ${file}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function start(out: string, warmup: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      'bin/langevin.js',
      'sample',
      'examples/models/linear_regression_ppc.stan',
      '--data',
      'examples/models/linear_regression_ppc.data.json',
      '--chains',
      '2',
      '--warmup',
      warmup,
      '--draws',
      '5000000',
      '--thin',
      '10',
      '--seed',
      '4',
      '--out',
      out,
      '--no-progress',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

describe('signals during sampling', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s: streamed draws kept, partial summary, exit %d',
    async (signal, exitCode) => {
      expect(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'run `npm run build` first').toBe(true);
      const out = mkdtempSync(join(tmpdir(), 'langevin-signal-'));
      const child = start(out, '20');
      await untilRows(join(out, 'chain-1.csv'), 2, child);
      child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(exitCode);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
      expect(summary.partial).toBe(true);
      expect(summary.progress.warmup_done).toBe(20);
      expect(summary.progress.sampling_done).toBeGreaterThan(0);
      const csv = readFileSync(join(out, 'chain-1.csv'), 'utf8');
      expect(csv).toContain('# Adaptation terminated');
      expect(csv).toMatch(/# interrupted = warm-up 20 of 20, sampling \d+ of 5000000 iterations/);
      expect(dataRows(join(out, 'chain-1.csv')).length).toBe(summary.draws);
    },
    120_000,
  );

  it('SIGKILL: the rows streamed so far are whole and parse', async () => {
    const out = mkdtempSync(join(tmpdir(), 'langevin-signal-'));
    const child = start(out, '20');
    // each thread streams its own chains: wait for both files
    await untilRows(join(out, 'chain-1.csv'), 2, child);
    await untilRows(join(out, 'chain-2.csv'), 2, child);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const header = readFileSync(join(out, 'chain-1.csv'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('lp__'))!;
    const rows = dataRows(join(out, 'chain-1.csv'));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      const cells = row.split(',');
      expect(cells.length).toBe(header.split(',').length);
      for (const x of cells) expect(Number.isNaN(Number(x)) && x !== 'nan').toBe(false);
    }
  }, 120_000);

  it('SIGINT in warm-up: no "Adaptation terminated", num_warmup says how far it got', async () => {
    const out = mkdtempSync(join(tmpdir(), 'langevin-signal-'));
    const child = spawn(
      process.execPath,
      [
        'bin/langevin.js',
        'sample',
        'examples/models/linear_regression_ppc.stan',
        '--data',
        'examples/models/linear_regression_ppc.data.json',
        '--chains',
        '2',
        '--warmup',
        '100000000',
        '--draws',
        '10',
        '--seed',
        '4',
        '--out',
        out,
        '--no-progress',
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    // the bar is off; wait for the model to be running (the chain files are opened before sampling starts)
    const deadline = Date.now() + 90_000;
    while (!existsSync(join(out, 'chain-2.csv')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(130);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.partial).toBe(true);
    expect(summary.progress.sampling_done).toBe(0);
    expect(summary.progress.warmup_done).toBeLessThan(100000000);
    const csv = readFileSync(join(out, 'chain-1.csv'), 'utf8');
    expect(csv).not.toContain('Adaptation terminated');
    expect(csv).toContain(`# num_warmup = ${summary.progress.warmup_done}\n`);
  }, 120_000);

  it('a closed stdout (| head -1) ends the output quietly, no EPIPE stack trace (fuzz finding)', async () => {
    const child = spawn(process.execPath, ['bin/langevin.js', 'check', 'examples/models/double_well.stan'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.stdout!.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);
});
