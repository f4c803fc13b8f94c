import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSyntaxDiagramsCode } from 'chevrotain';
import { ModelParser, modelParser } from '../../src/language/parser.js';

test('grammar/diagram.html is generated from the current parser', () => {
  const file = readFileSync(join(import.meta.dirname, '../../grammar/diagram.html'), 'utf8');
  expect(file, 'regenerate it as grammar/README.md explains').toBe(
    createSyntaxDiagramsCode(modelParser.getSerializedGastProductions()),
  );
});

test('the grammar passes chevrotain validation (no ambiguity, no left recursion)', () => {
  expect(() => new ModelParser({ validate: true })).not.toThrow();
});
