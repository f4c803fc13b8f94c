/**
 * Golden data errors: each test/golden-data/NAME.stan with NAME.data.json
 * must fail to compile, and the rendered diagnostics must equal
 * NAME.expected exactly. `UPDATE_GOLDEN=1 npx vitest run test/compile`
 * rewrites the expected files; review every change by eye.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSync } from '../../src/compile/compile.js';
import { LangevinError, renderDiagnostics } from '../../src/errors.js';
import { parseStanJson } from '../../src/io/data-file.js';

const dir = join(import.meta.dirname, '../golden-data');
const update = process.env.UPDATE_GOLDEN === '1';

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.stan'))
  .map((f) => f.slice(0, -'.stan'.length))
  .sort();

function diagnose(name: string): string | undefined {
  const file = `${name}.stan`;
  const dataFile = `${name}.data.json`;
  const source = readFileSync(join(dir, file), 'utf8');
  const dataText = readFileSync(join(dir, dataFile), 'utf8');
  try {
    compileSync(source, { data: parseStanJson(dataText, dataFile), file, dataFile });
    return undefined;
  } catch (e) {
    if (!(e instanceof LangevinError)) throw e;
    return renderDiagnostics(e.diagnostics, file, { [file]: source, [dataFile]: dataText }) + '\n';
  }
}

describe('golden data errors', () => {
  it('has at least 10 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  for (const name of cases) {
    it(name, () => {
      const actual = diagnose(name);
      expect(actual, `${name} should be rejected`).toBeDefined();
      const expectedPath = join(dir, `${name}.expected`);
      if (update || !existsSync(expectedPath)) {
        if (!update) throw new Error(`missing ${expectedPath} (run with UPDATE_GOLDEN=1)`);
        writeFileSync(expectedPath, actual!);
        return;
      }
      expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }
});
