import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerTrainScore } from '../../src/cli/commands/train-score.js';
import { LangevinError } from '../../src/errors.js';
import { runAnnealed } from '../../src/inference/annealed-run.js';
import { referenceColumns } from '../../src/inference/reference-distance.js';
import { formatParticlesCsv, writeParticles } from '../../src/io/particles-csv.js';
import { parsePointsCsv } from '../../src/io/points-csv.js';
import { readScoreFile } from '../../src/score/score-file.js';
import { mixtureModel } from '../score/helpers.js';

describe('points CSV', () => {
  it('reads a header and rows of numbers, skipping # comments', () => {
    const t = parsePointsCsv('# made by hand\nx,y\n1,2\n-3.5,4e-1\n', 'd.csv');
    expect(t).toEqual({ names: ['x', 'y'], n: 2, dim: 2, points: Float64Array.from([1, 2, -3.5, 0.4]) });
  });

  it('gives one clear LangevinError for bad input', () => {
    const bad: Array<[string, RegExp]> = [
      ['', /d.csv: empty/],
      ['x,y\n', /d.csv: has a header but no rows of data/],
      ['x,y\n1,2\n3,abc\n', /d.csv: row 3, column 'y': 'abc' is not a finite number/],
      ['x,y\n1,\n', /row 2, column 'y': '' is not a finite number/],
      ['1,2\n3,4\n', /must be a header of column names/],
      ['x,y\n1,2,3\n', /not a valid CSV file/],
    ];
    for (const [text, pattern] of bad) {
      expect(() => parsePointsCsv(text, 'd.csv')).toThrow(LangevinError);
      expect(() => parsePointsCsv(text, 'd.csv')).toThrow(pattern);
      try {
        parsePointsCsv(text, 'd.csv');
      } catch (error) {
        expect((error as Error).message.split('\n')).toHaveLength(1);
      }
    }
  });
});

describe('particle output', () => {
  it('writes particles.csv with chain-CSV column names, one row per particle, and summary.json', async () => {
    const fit = await runAnnealed(mixtureModel(true), {
      chains: 5,
      seed: 1,
      annealing: { sigmaMax: 2, sigmaMin: 1, levels: 2, stepsPerLevel: 3 },
    });
    const csv = formatParticlesCsv(fit);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('x.1,x.2');
    expect(lines).toHaveLength(6);
    expect(parsePointsCsv(csv).points).toEqual(fit.outputs);
    const dir = mkdtempSync(join(tmpdir(), 'particles-'));
    writeParticles(dir, fit);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).chains).toBe(5);
  });

  it('matches reference columns by Stan or CSV name, else by position', () => {
    const names = ['mu', 'theta[1]', 'theta[2]'];
    const table = (cols: string[]) => ({
      names: cols,
      n: 2,
      dim: cols.length,
      points: new Float64Array(2 * cols.length),
    });
    expect(referenceColumns(names, table(['theta.2', 'mu']))).toEqual([2, 0]);
    expect(referenceColumns(names, table(['theta[1]']))).toEqual([1]);
    expect(referenceColumns(names, table(['a', 'b']))).toEqual([0, 1]);
    expect(() => referenceColumns(names, table(['mu', 'sigma']))).toThrow(/sigma name no parameter/);
    expect(() => referenceColumns(names, table(['a', 'b', 'c', 'd']))).toThrow(/4 columns/);
  });
});

/** Run `langevin train-score …` in-process as main does (exit 1 on a LangevinError). */
async function trainScoreCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY: false,
    cwd,
  };
  const program = new Command('langevin')
    .exitOverride()
    .configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
  registerTrainScore(program, io);
  try {
    await program.parseAsync(['train-score', ...args], { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (error instanceof LangevinError) return { code: 1, stdout, stderr: stderr + error.message + '\n' };
    throw error;
  }
}

describe('langevin train-score', () => {
  const dir = mkdtempSync(join(tmpdir(), 'train-score-'));
  const rows = Array.from({ length: 300 }, (_, i) => `${Math.cos(i) * 2},${Math.sin(i * 1.3)}`);
  writeFileSync(join(dir, 'data.csv'), 'a,b\n' + rows.join('\n') + '\n');
  writeFileSync(join(dir, 'empty.csv'), 'a,b\n');
  writeFileSync(join(dir, 'text.csv'), 'a,b\n1,2\nx,3\n');

  it('trains, prints a held-out loss per epoch and writes a loadable score file', async () => {
    const run = await trainScoreCli(
      ['data.csv', '--out', 'score.json', '--epochs', '3', '--hidden', '16', '--levels', '4', '--seed', '2'],
      dir,
    );
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^epoch \d\/3: train loss [\d.]+, held-out loss [\d.]+/gm)).toHaveLength(3);
    expect(run.stdout).toMatch(/wrote score.json: dimension 2 \(a, b\), 4 levels/);
    const net = readScoreFile(join(dir, 'score.json'));
    expect(net.dim).toBe(2);
    expect(net.spec.sigmas).toHaveLength(4);
    net.dispose();
  });

  it('bad input is one clear line and exit 1', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['empty.csv', '--out', 's.json'], /empty.csv: has a header but no rows of data/],
      [['text.csv', '--out', 's.json'], /text.csv: row 3, column 'a': 'x' is not a finite number/],
      [
        ['data.csv', '--out', 's.json', '--sigma-min', '2', '--sigma-max', '1'],
        /--sigma-min \(2\) must be smaller than --sigma-max \(1\)/,
      ],
      [['data.csv', '--out', 's.json', '--levels', '0'], /--levels must be a positive integer/],
      [['missing.csv', '--out', 's.json'], /cannot read .*missing.csv/],
    ];
    for (const [args, pattern] of cases) {
      const run = await trainScoreCli(args, dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
