/**
 * --threads, --chain-ids and merge from the command line: the same chain
 * CSV bytes for any thread count and any split of a run's chains, and a
 * merged split run whose summary.json is that of one run over the same
 * chains. (Worker threads run the built dist/src/chain-worker.js: `npm run
 * build` first.)
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli } from './run-cli.js';

const MODEL = example('eight_schools_noncentered.stan');
const DATA = example('eight_schools_noncentered.data.json');
const RUN = ['--warmup', '120', '--draws', '60', '--seed', '5', '--no-progress'];
const sample = (out: string, ...extra: string[]) =>
  runCli(['sample', MODEL, '--data', DATA, ...RUN, '--out', out, ...extra]);
const tmp = () => mkdtempSync(join(tmpdir(), 'langevin-threads-'));
const csv = (dir: string, id: number) => readFileSync(join(dir, `chain-${id}.csv`));

/** summary.json as text without what each part times on its own (`timing`, `chain_info[].seconds`). */
function comparable(dir: string): string {
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  delete summary.timing;
  for (const info of summary.chain_info) delete info.seconds;
  return JSON.stringify(summary, null, 2);
}

describe('sample --threads', () => {
  it('writes the same chain CSVs on 1 and 2 threads', async () => {
    const [one, two] = [tmp(), tmp()];
    expect((await sample(one, '--threads', '1')).code).toBe(0);
    const run = await sample(two, '--threads', '2');
    expect(run.stderr).not.toMatch(/note:/);
    expect(run.code).toBe(0);
    for (const id of [1, 2, 3, 4]) expect(csv(two, id).equals(csv(one, id)), `chain-${id}.csv`).toBe(true);
    expect(comparable(two)).toEqual(comparable(one));
  }, 120_000);
});

describe('sample --chain-ids and merge', () => {
  it('splits a run in two and merges it back into the summary of one run', async () => {
    const [whole, a, b, merged] = [tmp(), tmp(), tmp(), join(tmp(), 'merged')];
    expect((await sample(whole, '--threads', '1')).code).toBe(0);
    expect((await sample(a, '--chain-ids', '1-2', '--threads', '1')).code).toBe(0);
    const second = await sample(b, '--chain-ids', '3-4', '--threads', '2');
    expect(second.code).toBe(0);
    expect(
      readdirSync(b)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    ).toEqual(['chain-3.csv', 'chain-4.csv']);
    expect(JSON.parse(readFileSync(join(b, 'summary.json'), 'utf8')).chain_ids).toEqual([3, 4]);
    for (const id of [3, 4]) expect(csv(b, id).equals(csv(whole, id)), `chain-${id}.csv`).toBe(true);

    const merge = await runCli(['merge', a, b, '--out', merged]);
    expect(merge.stderr).not.toMatch(/^error/m);
    expect(merge.code).toBe(0);
    for (const id of [1, 2, 3, 4]) expect(csv(merged, id).equals(csv(whole, id)), `chain-${id}.csv`).toBe(true);
    expect(comparable(merged)).toEqual(comparable(whole));
    expect((await runCli(['report', merged])).code).toBe(0);
  }, 180_000);

  it('rejects runs that differ, overlap, or are no split runs, in one line', async () => {
    const [a, b, c, plain] = [tmp(), tmp(), tmp(), tmp()];
    const short = ['--warmup', '20', '--draws', '10', '--threads', '1'];
    expect((await sample(a, '--chain-ids', '1-2', ...short)).code).toBe(0);
    expect((await sample(b, '--chain-ids', '2-3', ...short)).code).toBe(0);
    expect((await sample(c, '--chain-ids', '3', ...short, '--seed', '6')).code).toBe(0);
    expect((await sample(plain, ...short)).code).toBe(0);
    const cases: Array<[string[], RegExp]> = [
      [[a, b], /^error\[E109\]: cannot merge: chain 2 is in both '.*' and '.*'$/],
      [[a, c], /^error\[E109\]: cannot merge: '.*' and '.*' differ in the seed \(6 and 5\)$/],
      [[a, plain], /^error\[E109\]: cannot merge: '.*' holds no split\.json/],
    ];
    for (const [dirs, message] of cases) {
      const run = await runCli(['merge', ...dirs, '--out', join(tmp(), 'm')]);
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.replace(/^langevin: /, '')).toMatch(message);
    }
  }, 120_000);

  it('checks --chain-ids', async () => {
    for (const [args, message] of [
      [['--chain-ids', '3-2'], /--chain-ids must be A-B with 1 ≤ A ≤ B/],
      [['--chain-ids', '1-2', '--chains', '4'], /--chains 4 and --chain-ids 1-2 \(2 chains\) must agree/],
      [['--threads', '0'], /--threads/],
    ] as const) {
      const run = await runCli(['sample', MODEL, '--data', DATA, ...RUN, ...args]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  });
});
