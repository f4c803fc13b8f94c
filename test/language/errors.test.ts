/**
 * Golden files for syntax errors: test/language/bad/NAME.stan must fail to
 * parse with exactly the rendered diagnostics in NAME.expected.
 * Regenerate after a deliberate message change with UPDATE_GOLDEN=1 (then review the diff).
 */
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../src/language/parse.js';
import { LangevinError } from '../../src/errors.js';
import { parseErrors } from './helpers.js';

const dir = join(import.meta.dirname, 'bad');
const cases = readdirSync(dir).filter((f) => f.endsWith('.stan')).sort();

describe('syntax errors (golden files)', () => {
  test('there are at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  test.each(cases)('%s', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const rendered = parseErrors(source, file);
    expect(rendered, 'the model should not parse').toBeDefined();
    const expectedFile = join(dir, file.replace(/\.stan$/, '.expected'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, `${rendered}\n`);
    expect(`${rendered}\n`).toBe(readFileSync(expectedFile, 'utf8'));
    expect(rendered).not.toMatch(/\n\s+at /); // no stack traces
    expect(rendered).not.toMatch(/-->|<--|Expecting token of type/); // no raw chevrotain messages
  });

  test('every diagnostic is an error with a span, tagged with the file', () => {
    for (const file of cases) {
      try {
        parse(readFileSync(join(dir, file), 'utf8'), file);
      } catch (error) {
        expect(error).toBeInstanceOf(LangevinError);
        for (const d of (error as LangevinError).diagnostics) {
          expect(d.severity).toBe('error');
          expect(d.span, `${file}: ${d.message}`).toBeDefined();
          expect(d.file).toBe(file);
        }
      }
    }
  });

  test('several errors are reported at once', () => {
    const error = (() => {
      try {
        parse(readFileSync(join(dir, 'several_errors.stan'), 'utf8'));
      } catch (e) {
        return e as LangevinError;
      }
      throw new Error('expected a failure');
    })();
    expect(error.diagnostics.length).toBeGreaterThanOrEqual(2);
  });
});
