/** CmdStan's JSON conventions in our reader. */
import { describe, expect, it } from 'vitest';
import { LangevinError } from '../../src/errors.js';
import { parseStanJson } from '../../src/io/stan-json.js';

describe('Stan JSON conventions', () => {
  it('reads bare NaN, Infinity, -Infinity and the strings CmdStan accepts', () => {
    const d = parseStanJson(
      '{"a": [NaN, Infinity, -Infinity, "inf", "-inf", "NaN", "Infinity", "-Infinity", "Inf", "-Inf"]}',
      'd.json',
    );
    expect(d.a).toEqual([NaN, Infinity, -Infinity, Infinity, -Infinity, NaN, Infinity, -Infinity, Infinity, -Infinity]);
  });

  it('accepts a byte-order mark, CRLF and tabs', () => {
    expect(parseStanJson('\uFEFF{\r\n\t"N": 3\r\n}', 'd.json')).toEqual({ N: 3 });
  });

  it('reads numbers exactly as JSON.parse does', () => {
    const text = '{"a": [0, -0, 1.5e-300, 12345678901234567890, 2.5E+3, -7]}';
    expect(parseStanJson(text, 'd.json').a).toEqual(JSON.parse(text).a);
  });

  it('a duplicate key is an error at the second key, naming the first', () => {
    try {
      parseStanJson('{"N": 1,\n "N": 2}', 'd.json');
      throw new Error('accepted');
    } catch (e) {
      const d = (e as LangevinError).diagnostics[0]!;
      expect(d.message).toBe("duplicate key 'N' in the data (first given at line 1, column 2)");
      expect(d.span!.start).toMatchObject({ line: 2, column: 2 });
      expect(d.code).toBe('E402');
    }
  });

  it('locates syntax errors by line and column (CR-only line ends count)', () => {
    try {
      parseStanJson('{"a": 1,\r"b": }', 'd.json');
      throw new Error('accepted');
    } catch (e) {
      const d = (e as LangevinError).diagnostics[0]!;
      expect(d.span!.start).toMatchObject({ line: 2, column: 6 });
      expect(d.message).toMatch(/^invalid JSON: unexpected '}'; expected a value/);
    }
  });

  it('says "end of file", not "the end of the file"', () => {
    expect(() => parseStanJson('{"a": [1, 2', 'd.json')).toThrow(/unexpected end of file/);
  });

  it('stops at the nesting limit with a located error', () => {
    expect(() => parseStanJson(`{"a": ${'['.repeat(5000)}1${']'.repeat(5000)}}`, 'd.json')).toThrow(
      /nested too deeply/,
    );
  });

  it('keeps undeclared values of any type for the binder', () => {
    const d = parseStanJson('{"s": "text", "o": {"k": 1}, "n": null, "b": [true, false]}', 'd.json') as Record<
      string,
      unknown
    >;
    expect(d.s).toBe('text');
    expect(d.n).toBeNull();
    expect(d.b).toEqual([1, 0]);
  });
});
