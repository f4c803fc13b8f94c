import { describe, expect, it } from 'vitest';
import { formatChainCsv } from '../../src/io/cmdstan-csv.js';
import { parseCmdStanCsv, stanName } from '../../src/report/read-run.js';
import { niceTicks, formatTick } from '../../src/report/plots/svg.js';

describe('parseCmdStanCsv', () => {
  it('reads back what formatChainCsv writes, non-finite values and adaptation included', () => {
    const outputs = [0.5, -1.25, Number.NaN, 2, Infinity, -Infinity];
    const text = formatChainCsv({
      chain: 2,
      config: [
        ['model', 'm.stan'],
        ['seed', 7],
      ],
      outputNames: ['theta[1]', 'L[2,3]'],
      lp: [-1, -2, -3],
      acceptStat: [1, 0.5, 0],
      stepSize: [0.1, 0.1, 0.1],
      outputs,
      draws: 3,
      adaptation: { stepSize: 0.1, invMetric: [1.5, 0.25] },
    });
    const csv = parseCmdStanCsv(text, 'chain-2.csv');
    expect(csv.config).toEqual({ model: 'm.stan', seed: '7' });
    expect(csv.names).toEqual(['theta.1', 'L.2.3']);
    expect(csv.names.map(stanName)).toEqual(['theta[1]', 'L[2,3]']);
    expect(csv.rows).toBe(3);
    expect(Array.from(csv.values[0]!)).toEqual([0.5, Number.NaN, Infinity]);
    expect(Array.from(csv.values[1]!)).toEqual([-1.25, 2, -Infinity]);
    expect(Array.from(csv.lp!)).toEqual([-1, -2, -3]);
    expect(csv.adaptation).toEqual({ stepSize: 0.1, invMetric: [1.5, 0.25] });
  });

  it('rejects a non-number with the file, line and column name', () => {
    expect(() => parseCmdStanCsv('a,b\n1,2\n3,oops\n', 'p.csv')).toThrow(/column 'b': 'oops' is not a number/);
    expect(() => parseCmdStanCsv('# only comments\n', 'p.csv')).toThrow(/empty/);
    expect(() => parseCmdStanCsv('a,b\n', 'p.csv')).toThrow(/no draws/);
  });
});

describe('plot axes', () => {
  it('niceTicks gives round, evenly spaced values inside the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-2.3, 1.7, 4)).toEqual([-2, -1, 0, 1]);
    const ticks = niceTicks(1, 1000, 5);
    expect(ticks).toEqual([200, 400, 600, 800, 1000]);
  });

  it('formatTick drops float noise', () => {
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(1e-5)).toBe('1.0e-5');
  });
});
