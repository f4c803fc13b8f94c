import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fit } from '../../src/inference/types.js';
import { csvColumnName, formatChainCsv, formatCsvNumber, type ChainCsv } from '../../src/io/cmdstan-csv.js';
import type { SummaryJson } from '../../src/io/summary-json.js';
import { writeFit } from '../../src/io/write-fit.js';

/** How R's read.csv, numpy and CmdStan's own readers take a cell back. */
function readCell(text: string): number {
  if (text === 'nan') return Number.NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  expect(text).toMatch(/^-?(\d+(\.\d+)?|\.\d+)(e[+-]\d+)?$/);
  return Number(text);
}

function chain(overrides: Partial<ChainCsv> = {}): ChainCsv {
  return {
    chain: 1,
    config: [
      ['model', 'm.stan'],
      ['num_samples', 2],
    ],
    outputNames: ['mu', 'theta[1]', 'L[2,3]'],
    lp: [-1.5, -2],
    acceptStat: [1, 0.25],
    stepSize: [0.5, 0.5],
    outputs: [0.1, -3, 1e-300, 2, Number.NaN, -Infinity],
    draws: 2,
    adaptation: { stepSize: 0.5, invMetric: [1, 2.5] },
    ...overrides,
  };
}

describe('csvColumnName', () => {
  it.each([
    ['mu', 'mu'],
    ['theta[1]', 'theta.1'],
    ['L[2,3]', 'L.2.3'],
    ['x[10,1,7]', 'x.10.1.7'],
  ])('%s → %s', (stan, csv) => expect(csvColumnName(stan)).toBe(csv));
});

describe('formatCsvNumber', () => {
  it('spells non-finite values as CmdStan does and keeps the sign of zero', () => {
    expect([Number.NaN, Infinity, -Infinity, -0, 0].map(formatCsvNumber)).toEqual(['nan', 'inf', '-inf', '-0', '0']);
  });

  it('round-trips every double exactly', () => {
    const edge = [0.1, 1 / 3, 5e-324, -Number.MAX_VALUE, 2 ** 53 + 2, 1e21, 1e-7, -1.2345678901234567e-200];
    for (const x of edge) expect(Object.is(readCell(formatCsvNumber(x)), x)).toBe(true);
    fc.assert(
      fc.property(fc.double(), (x) => Object.is(readCell(formatCsvNumber(x)), x)),
      { seed: 20261127, numRuns: 5000 },
    );
  });
});

describe('formatChainCsv', () => {
  it('writes configuration comments, header, adaptation block, draws and elapsed-time lines in that order', () => {
    expect(formatChainCsv(chain())).toBe(
      [
        '# model = m.stan',
        '# num_samples = 2',
        'lp__,accept_stat__,stepsize__,divergent__,mu,theta.1,L.2.3',
        '# Adaptation terminated',
        '# Step size = 0.5',
        '# Diagonal elements of inverse mass matrix:',
        '# 1, 2.5',
        '-1.5,1,0.5,0,0.1,-3,1e-300',
        '-2,0.25,0.5,0,2,nan,-inf',
        '#',
        '#  Elapsed Time: nan seconds (Warm-up)',
        '#                nan seconds (Sampling)',
        '#                nan seconds (Total)',
        '#',
        '',
      ].join('\n'),
    );
  });

  it('reads back value for value, row-major outputs per draw', () => {
    const outputs = Array.from({ length: 4 * 3 }, (_, i) => Math.sin(i + 1) * 10 ** (i - 6));
    const text = formatChainCsv(
      chain({ outputs, draws: 4, lp: [1, 2, 3, 4], acceptStat: [0, 1, 0.5, 0.75], stepSize: [1, 1, 1, 1] }),
    );
    const rows = text
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .slice(1);
    expect(rows).toHaveLength(4);
    rows.forEach((row, d) => {
      const cells = row.split(',').map(readCell);
      expect(cells).toHaveLength(7);
      expect(cells.slice(4)).toEqual(outputs.slice(d * 3, d * 3 + 3));
      expect(cells[0]).toBe(d + 1);
    });
  });

  it('writes no adaptation block without adaptation or without parameters (an empty metric line breaks ArviZ)', () => {
    for (const text of [
      formatChainCsv(chain({ adaptation: undefined })),
      formatChainCsv(chain({ outputNames: [], outputs: [], adaptation: { stepSize: 1, invMetric: [] } })),
    ]) {
      expect(text).not.toContain('Adaptation terminated');
      expect(text).not.toContain('inverse mass matrix');
      expect(text).toContain('Elapsed Time');
    }
  });

  it('keeps every line free of stray whitespace and commas in the header', () => {
    const lines = formatChainCsv(chain()).split('\n');
    for (const line of lines) expect(line).toBe(line.trimEnd());
    expect(lines[2]!.split(',')).toHaveLength(7);
  });
});

/** A hand-made fit: 2 chains × 3 kept draws of mu and theta[1], thin 2. */
function fakeFit(thin: number, warmup: number): Fit {
  const summary = {
    model: 'toy.stan',
    sampler: 'mala',
    backend: 'f64',
    seed: 9,
    chains: 2,
    warmup,
    draws: 3,
    thin,
    parameters: [],
    chain_info: [],
    timing: { compile_seconds: 0, warmup_seconds: 0, sampling_seconds: 0 },
    warnings: [],
  } satisfies SummaryJson;
  return {
    summary,
    outputNames: ['mu', 'theta[1]'],
    chains: 2,
    draws: 3,
    outputs: Float64Array.from({ length: 12 }, (_, i) => i / 4),
    lp: Float64Array.from([-1, -2, -3, -4, -5, -6]),
    acceptStat: new Float64Array(6).fill(0.5),
    stepSize: Float64Array.from([0.1, 0.1, 0.1, 0.2, 0.2, 0.2]),
    adaptation:
      warmup > 0
        ? [
            { stepSize: 0.1, invMetric: Float64Array.from([1, 2]) },
            { stepSize: 0.2, invMetric: Float64Array.from([3, 4]) },
          ]
        : [undefined, undefined],
    interrupted: false,
  };
}

/** The `key = value` comments before the header, as rstan and ArviZ split them. */
function config(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const m = /^# (\S+(?: \S+)?) = (.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

describe('writeFit', () => {
  it('writes chain-K.csv per chain and summary.json, deterministically', () => {
    const a = mkdtempSync(join(tmpdir(), 'langevin-io-'));
    const b = mkdtempSync(join(tmpdir(), 'langevin-io-'));
    writeFit(a, fakeFit(2, 10), { modelFile: 'models/toy.stan', dataFile: 'toy.json' });
    writeFit(b, fakeFit(2, 10), { modelFile: 'models/toy.stan', dataFile: 'toy.json' });
    expect(readdirSync(a).sort()).toEqual(['chain-1.csv', 'chain-2.csv', 'summary.json']);
    for (const f of readdirSync(a)) expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
    const second = readFileSync(join(a, 'chain-2.csv'), 'utf8');
    expect(second).toContain('\nlp__,accept_stat__,stepsize__,divergent__,mu,theta.1\n');
    expect(second).toContain('\n-4,0.5,0.2,0,1.5,1.75\n');
    expect(second).toContain('\n# Step size = 0.2\n# Diagonal elements of inverse mass matrix:\n# 3, 4\n');
    expect(JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'))).toEqual(fakeFit(2, 10).summary);
  });

  it('writes the keys rstan and ArviZ read, with num_samples consistent with the rows and thin', () => {
    for (const [thin, warmup] of [
      [1, 10],
      [2, 10],
      [3, 0],
    ] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'langevin-io-'));
      writeFit(dir, fakeFit(thin, warmup), { modelFile: 'toy.stan' });
      const c = config(readFileSync(join(dir, 'chain-2.csv'), 'utf8'));
      expect(c).toMatchObject({
        algorithm: 'mala',
        num_warmup: String(warmup),
        save_warmup: '0',
        thin: String(thin),
        id: '2',
        metric: warmup > 0 ? 'diag_e' : 'unit_e',
        'model file': 'toy.stan',
        'data file': '',
      });
      // rstan: iter = num_samples + num_warmup, and it expects
      // 1 + (iter - warmup - 1) %/% thin rows after warm-up; ArviZ takes
      // save_warmup * num_warmup / thin rows as warm-up (none here).
      const iter = Number(c.num_samples) + warmup;
      expect(1 + Math.floor((iter - warmup - 1) / thin)).toBe(3);
    }
  });
});
