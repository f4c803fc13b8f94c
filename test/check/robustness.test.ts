/**
 * The checker must never crash: on mutated versions of valid models (a
 * character deleted, a word replaced) it either accepts the program or
 * throws a LangevinError whose diagnostics all have spans inside the source.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { LangevinError } from '../../src/errors.js';
import type { Program } from '../../src/language/ast.js';
import { parse } from '../../src/language/parse.js';

const here = dirname(fileURLToPath(import.meta.url));
const dirs = [join(here, '..', '..', 'examples', 'models'), join(here, 'models')];
const sources = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.stan'))
    .sort()
    .map((f) => ({ file: f, text: readFileSync(join(d, f), 'utf8') })),
);

/** A small deterministic generator (LCG), so failures reproduce. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const REPLACEMENTS = [
  'real',
  'vector',
  'matrix',
  'int',
  'x',
  'N',
  'normal',
  'normal_rng',
  'noise',
  '1.5',
  '{1, 2}',
  "'",
  '[1, 2]',
  ':',
];

function mutate(text: string, rand: () => number): string {
  const words = [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*|\d+(\.\d+)?/g)];
  if (rand() < 0.4 || words.length === 0) {
    const at = Math.floor(rand() * text.length);
    return text.slice(0, at) + text.slice(at + 1);
  }
  const w = words[Math.floor(rand() * words.length)]!;
  const by = REPLACEMENTS[Math.floor(rand() * REPLACEMENTS.length)]!;
  return text.slice(0, w.index) + by + text.slice(w.index! + w[0].length);
}

describe('checker robustness', () => {
  it('never crashes on mutated models', () => {
    const rand = lcg(20261127);
    let checkedCount = 0;
    for (const { file, text } of sources) {
      for (let k = 0; k < 40; k++) {
        const mutated = mutate(text, rand);
        let program: Program;
        try {
          program = parse(mutated, file);
        } catch (e) {
          if (e instanceof LangevinError) continue;
          throw e;
        }
        checkedCount++;
        try {
          check(program, file);
        } catch (e) {
          if (!(e instanceof LangevinError)) {
            throw new Error(`checker crashed on mutated ${file}:\n${mutated}\n${String(e)}`, { cause: e });
          }
          expect(e.diagnostics.length).toBeGreaterThan(0);
          for (const d of e.diagnostics) {
            expect(d.span, d.message).toBeDefined();
            expect(d.span!.end.offset).toBeLessThanOrEqual(mutated.length);
            expect(d.span!.start.offset).toBeLessThanOrEqual(d.span!.end.offset);
          }
        }
      }
    }
    // Enough mutations survive parsing to exercise the checker.
    expect(checkedCount).toBeGreaterThan(100);
  });
});
