/**
 * Golden error messages, one runner for every stage that rejects input:
 *
 *   test/golden/syntax/NAME.stan                 must fail to parse
 *   test/golden/check/NAME.stan                  must fail to parse or check
 *   test/golden/data/NAME.stan + NAME.data.json  must fail to compile with the data
 *
 * and the rendered diagnostics must equal NAME.expected byte for byte.
 * `npm run golden:update` rewrites every .expected file (and creates missing
 * ones); review the diff by eye, the files are the spec of our messages.
 * See CONTRIBUTING.md.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { compileSync } from '../../src/compile/compile.js';
import { LangevinError, renderDiagnostics, type Diagnostic } from '../../src/errors.js';
import { parseStanJson } from '../../src/io/data-file.js';
import { parse } from '../../src/language/parse.js';

const ROOT = join(import.meta.dirname, '..', '..');
const update = process.env.UPDATE_GOLDEN === '1';

interface Rejection {
  diagnostics: Diagnostic[];
  rendered: string;
}

interface Stage {
  folder: string;
  /** What rejecting means, for the failure message. */
  fails: string;
  minimum: number;
  /** Whether every diagnostic must point into the file (data errors name the data file without a span). */
  spans: boolean;
  /** Run the stage on the case NAME in `dir`; its rejection, or undefined if it accepted the input. */
  run: (dir: string, name: string) => Rejection | undefined;
}

/** Run `body`; the LangevinError it throws, rendered with the given sources. */
function rejection(body: () => void, file: string, sources: Record<string, string>): Rejection | undefined {
  try {
    body();
    return undefined;
  } catch (error) {
    if (!(error instanceof LangevinError)) throw error;
    return { diagnostics: error.diagnostics, rendered: renderDiagnostics(error.diagnostics, file, sources) + '\n' };
  }
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

const STAGES: Stage[] = [
  {
    folder: 'syntax',
    fails: 'fail to parse',
    minimum: 20,
    spans: true,
    run: (dir, name) => {
      const file = `${name}.stan`;
      const source = read(dir, file);
      return rejection(() => parse(source, file), file, { [file]: source });
    },
  },
  {
    folder: 'check',
    fails: 'fail to parse or check',
    minimum: 35,
    spans: true,
    run: (dir, name) => {
      const file = `${name}.stan`;
      const source = read(dir, file);
      return rejection(() => check(parse(source, file), file), file, { [file]: source });
    },
  },
  {
    folder: 'data',
    fails: 'fail to compile with its data',
    minimum: 10,
    spans: false,
    run: (dir, name) => {
      const file = `${name}.stan`;
      const dataFile = `${name}.data.json`;
      const source = read(dir, file);
      const dataText = read(dir, dataFile);
      return rejection(
        () => compileSync(source, { data: parseStanJson(dataText, dataFile), file, dataFile }),
        file,
        { [file]: source, [dataFile]: dataText },
      );
    },
  },
];

/** Folders that held golden cases before this runner; a case left there would be silently ignored. */
const FORMER_FOLDERS = ['test/language/bad', 'test/golden/bad', 'test/golden-data'];

const casesIn = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.stan'))
    .map((file) => file.slice(0, -'.stan'.length))
    .sort();

for (const stage of STAGES) {
  const dir = join(import.meta.dirname, stage.folder);
  const cases = casesIn(dir);

  describe(`golden ${stage.folder} errors (test/golden/${stage.folder})`, () => {
    it(`has at least ${stage.minimum} cases and no .expected file without its case`, () => {
      expect(cases.length).toBeGreaterThanOrEqual(stage.minimum);
      const orphans = readdirSync(dir)
        .filter((file) => file.endsWith('.expected'))
        .filter((file) => !cases.includes(file.slice(0, -'.expected'.length)));
      expect(orphans).toEqual([]);
    });

    for (const name of cases) {
      it(name, () => {
        const result = stage.run(dir, name);
        expect(result, `${name}.stan should ${stage.fails}`).toBeDefined();
        const { diagnostics, rendered } = result!;
        // Every message is an error naming its file (located where it can be), never a stack trace or raw parser text.
        expect(diagnostics.length).toBeGreaterThan(0);
        for (const d of diagnostics) {
          expect(d.severity, d.message).toBe('error');
          expect(d.file, d.message).toBeDefined();
          if (stage.spans) expect(d.span, d.message).toBeDefined();
        }
        expect(rendered).not.toMatch(/\n\s+at /);
        expect(rendered).not.toMatch(/-->|<--|Expecting token of type/);
        const expectedPath = join(dir, `${name}.expected`);
        if (update) {
          writeFileSync(expectedPath, rendered);
          return;
        }
        expect(existsSync(expectedPath), `missing ${name}.expected: run npm run golden:update`).toBe(true);
        expect(rendered).toBe(readFileSync(expectedPath, 'utf8'));
      });
    }
  });
}

describe('golden runner', () => {
  it('reports several syntax errors of one file at once', () => {
    const result = STAGES[0]!.run(join(import.meta.dirname, 'syntax'), 'several_errors');
    expect(result?.diagnostics.length).toBeGreaterThanOrEqual(2);
  });

  it('finds no golden case left in a former folder', () => {
    const left = FORMER_FOLDERS.filter((folder) => existsSync(join(ROOT, folder)) && casesIn(join(ROOT, folder)).length > 0);
    expect(left, 'move these cases under test/golden/{syntax,check,data}').toEqual([]);
  });
});
