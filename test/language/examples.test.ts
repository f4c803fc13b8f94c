import { describe, expect, test } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../src/language/parse.js';
import { printProgram } from '../../src/language/print.js';
import { findBlock } from '../../src/language/ast.js';
import { withoutSpans } from './helpers.js';

const dir = join(import.meta.dirname, '../../examples/models');
const models = readdirSync(dir)
  .filter((f) => f.endsWith('.stan'))
  .sort();

describe('example models', () => {
  test('the corpus has at least 25 models', () => {
    expect(models.length).toBeGreaterThanOrEqual(25);
  });

  test.each(models)('%s parses, and has data iff it declares data', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const program = parse(source, file);
    expect(program.blocks.length).toBeGreaterThan(0);
    const hasData = (findBlock(program, 'data')?.body.length ?? 0) > 0;
    expect(existsSync(join(dir, file.replace(/\.stan$/, '.data.json')))).toBe(hasData);
  });

  test.each(models)('%s round-trips through the printer', (file) => {
    const source = readFileSync(join(dir, file), 'utf8');
    const program = parse(source, file);
    const printed = printProgram(program);
    expect(withoutSpans(parse(printed))).toEqual(withoutSpans(program));
    // printing is canonical: a second round gives the same text
    expect(printProgram(parse(printed))).toBe(printed);
  });
});
