/** docs/errors.md and the code registry agree, and codes are assigned centrally. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, codeFor, codedWarning } from '../../src/error-codes.js';
import { LangevinError, renderDiagnostics } from '../../src/errors.js';

const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documented = [...doc.matchAll(/^\| ([EW]\d{3}) \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()] as const);

describe('error catalogue', () => {
  it('lists every registry code with its title, and nothing else', () => {
    expect(documented.map(([c]) => c).sort()).toEqual(ERROR_CODES.map((e) => e.code).sort());
    for (const [code, title] of documented) expect(title).toBe(ERROR_CODES.find((e) => e.code === code)!.title);
  });

  it('has unique codes', () => {
    expect(new Set(ERROR_CODES.map((e) => e.code)).size).toBe(ERROR_CODES.length);
  });

  it('attaches a code to every error diagnostic and shows it only when asked', () => {
    const e = new LangevinError({ severity: 'error', message: "identifier 'y' not in scope" });
    expect(e.diagnostics[0]!.code).toBe('E301');
    expect(renderDiagnostics(e.diagnostics, 'm.stan', {})).toBe("m.stan: error: identifier 'y' not in scope");
    expect(renderDiagnostics(e.diagnostics, 'm.stan', {}, { codes: true })).toBe(
      "m.stan: error[E301]: identifier 'y' not in scope",
    );
    expect(codeFor('something nobody wrote yet')).toBe('E999');
  });

  it('codes summary warnings once', () => {
    const w = codedWarning('R-hat above 1.01 for x (largest 1.2): ...');
    expect(w).toMatch(/^W102 R-hat/);
    expect(codedWarning(w)).toBe(w);
  });

  it('renders carets under tabs and CR-only lines', () => {
    const source = 'a\r\tbad thing\r';
    const d = {
      severity: 'error' as const,
      message: 'x',
      span: { start: { offset: 6, line: 2, column: 6 }, end: { offset: 11, line: 2, column: 11 } },
    };
    expect(renderDiagnostics([d], 'f', { f: source })).toBe('f:2:6: error: x\n  \tbad thing\n  \t    ^^^^^');
  });
});
