/**
 * Golden error messages: each test/golden/bad/NAME.stan must fail to parse
 * or check, and the rendered diagnostics must equal NAME.expected exactly.
 * `UPDATE_GOLDEN=1 npx vitest run test/golden` rewrites the expected files;
 * review every change by eye, they are the spec of our messages.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { LangevinError, renderDiagnostics } from '../../src/errors.js';
import { parse } from '../../src/language/parse.js';

const here = dirname(fileURLToPath(import.meta.url));
const badDir = join(here, 'bad');
const update = process.env.UPDATE_GOLDEN === '1';

/** Parse and check; the rendered diagnostics, or undefined when the model is fine. */
function diagnose(name: string, source: string): string | undefined {
  try {
    check(parse(source, name), name);
    return undefined;
  } catch (e) {
    if (!(e instanceof LangevinError)) throw e;
    return renderDiagnostics(e.diagnostics, name, { [name]: source }) + '\n';
  }
}

const cases = readdirSync(badDir)
  .filter((f) => f.endsWith('.stan'))
  .map((f) => f.slice(0, -'.stan'.length))
  .sort();

describe('golden error messages', () => {
  it('has at least 35 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
  });
  for (const name of cases) {
    it(name, () => {
      const file = `${name}.stan`;
      const source = readFileSync(join(badDir, file), 'utf8');
      const actual = diagnose(file, source);
      expect(actual, `${file} should be rejected`).toBeDefined();
      const expectedPath = join(badDir, `${name}.expected`);
      if (update || !existsSync(expectedPath)) {
        if (!update) throw new Error(`missing ${expectedPath} (run with UPDATE_GOLDEN=1)`);
        writeFileSync(expectedPath, actual!);
        return;
      }
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});
