/**
 * Our summaries against the R package posterior 1.4.0 on the draw sets of
 * test/fixtures/diagnostics (made by scripts/posterior-fixtures.R; the test
 * needs only the committed CSV and JSON files, not R).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeDraws, type DrawSummary } from '../../src/diagnostics/summary.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'diagnostics');

type Expected = Record<keyof DrawSummary, number | string | null>;
interface ExpectedSet {
  file: string;
  chains: number;
  draws: number;
  variables: Record<string, Expected>;
}

/** Read a draws CSV (chain, draw, variables...) into chain-major columns. */
function readDraws(file: string): { chains: number; draws: number; columns: Map<string, Float64Array> } {
  const lines = readFileSync(join(FIXTURES, file), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  const chains = Math.max(...rows.map((r) => r[0]!));
  const draws = Math.max(...rows.map((r) => r[1]!));
  const columns = new Map<string, Float64Array>();
  header.slice(2).forEach((name, k) => {
    const values = new Float64Array(chains * draws);
    for (const r of rows) values[(r[0]! - 1) * draws + (r[1]! - 1)] = r[k + 2]!;
    columns.set(name, values);
  });
  return { chains, draws, columns };
}

const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as { sets: ExpectedSet[] };
const RELATIVE = 1e-6;

describe('summaries agree with posterior 1.4.0', () => {
  it('has a fixture for every draws file', () => {
    const files = readdirSync(FIXTURES).filter((f) => /^draws-.*\.csv$/.test(f));
    expect(expected.sets.map((s) => s.file).sort()).toEqual(files.sort());
  });

  for (const set of expected.sets) {
    describe(set.file, () => {
      const { chains, draws, columns } = readDraws(set.file);
      it('has the declared layout', () => {
        expect([chains, draws]).toEqual([set.chains, set.draws]);
      });
      for (const [name, want] of Object.entries(set.variables)) {
        it(name, () => {
          const got = summarizeDraws(columns.get(name)!, chains, draws);
          const sd = typeof want.sd === 'number' ? want.sd : 0;
          for (const key of Object.keys(want) as (keyof DrawSummary)[]) {
            const g = got[key];
            const w = want[key];
            const where = `${set.file} ${name} ${key}: got ${g}, posterior ${w}`;
            if (w === null) {
              expect(g, where).toBeNull();
            } else if (w === 'Inf' || (key === 'rhat' && typeof w === 'number' && w > 1e10)) {
              // Chains that are each constant but differ: R-hat is +∞ up to rounding in R.
              expect(g === Infinity || (g !== null && g > 1e10), where).toBe(true);
            } else {
              expect(g, where).not.toBeNull();
              // Relative agreement; locations near 0 are compared on the scale of the sd.
              const scale =
                key === 'mean' || key.startsWith('q') ? Math.max(Math.abs(w as number), sd) : Math.abs(w as number);
              expect(Math.abs(g! - (w as number)), where).toBeLessThanOrEqual(RELATIVE * scale);
            }
          }
        });
      }
    });
  }
});
