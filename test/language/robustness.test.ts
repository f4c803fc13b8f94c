/**
 * Damaged models never crash the parser: every outcome is an AST or a
 * LangevinError whose diagnostics all have real positions.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../src/language/parse.js';
import { LangevinError } from '../../src/errors.js';

const dir = join(import.meta.dirname, '../../examples/models');
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.stan'))
  .sort()
  .map((f) => readFileSync(join(dir, f), 'utf8'));
const SNIPPETS = [
  ';',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  '~',
  '=',
  '<',
  '>',
  '|',
  'real',
  'x',
  '1',
  '"',
  '/*',
  '#',
  "'",
  ':',
  '?',
  'T[',
  'array',
  'for',
  'if',
  'else',
  ' ',
  '\n',
  '@',
];

function checkOutcome(source: string): void {
  try {
    parse(source);
  } catch (error) {
    expect(error).toBeInstanceOf(LangevinError);
    const diagnostics = (error as LangevinError).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      const s = d.span!;
      for (const v of [s.start.offset, s.start.line, s.start.column, s.end.offset, s.end.line, s.end.column]) {
        expect(Number.isInteger(v) && v >= 0).toBe(true);
      }
      expect(s.start.offset).toBeLessThanOrEqual(source.length + 1);
    }
  }
}

describe('damaged models', () => {
  test('random deletions and insertions', () => {
    fc.assert(
      fc.property(
        fc.nat(sources.length - 1),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(8), fc.constantFrom(...SNIPPETS)), {
          minLength: 1,
          maxLength: 4,
        }),
        (which, edits) => {
          let source = sources[which]!;
          for (const [where, cut, insert] of edits) {
            const at = Math.floor(where * source.length);
            source = source.slice(0, at) + insert + source.slice(at + cut);
          }
          checkOutcome(source);
        },
      ),
      { seed: 7, numRuns: 400 },
    );
  });

  test('every prefix of a model', () => {
    const source = sources.find((s) => s.includes('generated quantities'))!;
    for (let n = 0; n < source.length; n += 7) checkOutcome(source.slice(0, n));
  });
});
