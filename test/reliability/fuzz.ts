/**
 * Mutation fuzzing with fast-check: example models and their data, mutated
 * (characters deleted, hostile tokens inserted, expressions nested deeply,
 * literals replaced by long sums, data values replaced by huge sizes, NaN,
 * objects, duplicate or `__proto__` keys, truncated text), must each give
 * either a compiled model or a LangevinError whose diagnostics all carry a
 * catalogue code and spans inside the text — never another exception, and
 * within a time bound. Used by fuzz.test.ts (seconds) and `npm run fuzz`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { compileSync } from '../../src/compile/compile.js';
import { LangevinError } from '../../src/errors.js';
import { parseStanJson } from '../../src/io/stan-json.js';

const MODELS = new URL('../../examples/models/', import.meta.url).pathname;

export const SEEDS = readdirSync(MODELS)
  .filter((f) => f.endsWith('.stan'))
  .sort()
  .map((f) => {
    const dataPath = join(MODELS, f.replace(/\.stan$/, '.data.json'));
    let data = '{}';
    try {
      data = readFileSync(dataPath, 'utf8');
    } catch {
      // a model without data
    }
    return { name: f, model: readFileSync(join(MODELS, f), 'utf8'), data };
  });

const TOKENS = [
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ';',
  ',',
  '-',
  '!',
  '?',
  ':',
  '^',
  "'",
  '~',
  '|',
  '=',
  '+=',
  'if (1) ',
  'else ',
  'for (i in 1:3) ',
  'while (0) ',
  'while (1) { } ',
  'real',
  'vector[3]',
  'int',
  '1e20',
  '1000000000',
  '-1',
  '0',
  'NaN',
  'inf',
  'normal(0, -1)',
  'target()',
  '__proto__',
  'constructor',
  '\uFEFF',
  '\t',
  '\r',
  '\n',
  '/*',
  '"',
  '#',
  '@',
  '\\',
  'x[1, 2, 3]',
  '{1, 2}',
  '[1, 2]',
];

type Mutation = (text: string) => string;

/** The in-suite run keeps mutants small (seconds in all); `npm run fuzz` goes bigger. */
const LONG = Number(process.env.FUZZ_MINUTES ?? 0) > 0;
const CHAIN = LONG ? 3000 : 400;
const DEEP = LONG ? 400 : 150;

/** A mutation of model text. */
function modelMutation(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 8 }))
      .map(([p, len]) => (t: string) => {
        const i = Math.floor(p * t.length);
        return t.slice(0, i) + t.slice(i + len);
      }),
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...TOKENS)).map(([p, tok]) => (t: string) => {
      const i = Math.floor(p * t.length);
      return t.slice(0, i) + tok + t.slice(i);
    }),
    // deep nesting around a literal: parentheses, unary minus, braces of a block
    fc
      .tuple(
        fc.constantFrom(['(', ')'], ['-(', ')'], ['{', '}[1]'], ['exp(', ')'], ['1 ? ', ' : 0']),
        fc.integer({ min: 50, max: DEEP }),
      )
      .map(
        ([[open, close], n]) =>
          (t: string) =>
            t.replace(/\b\d+(\.\d+)?\b/, (lit) => open.repeat(n) + lit + close.repeat(n)),
      ),
    // a long flat chain
    fc
      .integer({ min: 100, max: CHAIN })
      .map((n) => (t: string) => t.replace(/\b\d+(\.\d+)?\b/, (lit) => Array(n).fill(lit).join(' + '))),
    // statements nested without braces
    fc.tuple(fc.constantFrom('if (1) ', 'for (i in 1:1) ', 'while (0) '), fc.integer({ min: 50, max: DEEP })).map(
      ([head, n]) =>
        (t: string) =>
          t.replace(/model\s*\{/, (m) => m + ' ' + head.repeat(n) + 'target += 0;'),
    ),
  );
}

/** A mutation of data text. */
function dataMutation(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc
      .constantFrom('1e20', '-1', 'NaN', 'Infinity', '"inf"', '{}', 'null', '"x"', '[]', '[[1]]', '1.5', 'true')
      .map((v) => (t: string) => t.replace(/-?\d+(\.\d+)?([eE][+-]?\d+)?/, v)),
    fc
      .constantFrom(
        '"__proto__": {"polluted": 1}',
        '"constructor": {"prototype": {"x": 1}}',
        '"N": 1',
        '"N": "a"',
        '"prototype": 3',
      )
      .map((entry) => (t: string) => t.replace(/\{/, `{${entry}, `)),
    fc
      .integer({ min: 50, max: 300 })
      .map((n) => (t: string) => t.replace(/\{/, `{"deep": ${'['.repeat(n)}1${']'.repeat(n)}, `)),
    fc.double({ min: 0, max: 1, noNaN: true }).map((p) => (t: string) => t.slice(0, Math.floor(p * t.length))),
    fc.constant((t: string) => '\uFEFF' + t),
  );
}

export interface FuzzCase {
  seed: number;
  modelMutations: Mutation[];
  dataMutations: Mutation[];
}

export const fuzzCase = fc.record({
  seed: fc.nat({ max: SEEDS.length - 1 }),
  modelMutations: fc.array(modelMutation(), { maxLength: 3 }),
  dataMutations: fc.array(dataMutation(), { maxLength: 2 }),
});

export interface Outcome {
  ok: boolean;
  ms: number;
}

/** Run one mutated input; throws (a finding) on anything but success or a well-formed LangevinError. */
export function runCase(c: FuzzCase, timeBoundMs: number): Outcome {
  const seed = SEEDS[c.seed]!;
  const model = c.modelMutations.reduce((t, m) => m(t), seed.model);
  const dataText = c.dataMutations.reduce((t, m) => m(t), seed.data);
  const started = performance.now();
  let ok = false;
  try {
    const data = parseStanJson(dataText, 'data.json');
    const compiled = compileSync(model, { data, file: 'model.stan', dataFile: 'data.json', backend: 'f64', chains: 1 });
    compiled.dispose();
    ok = true;
  } catch (error) {
    if (!(error instanceof LangevinError)) {
      throw new Error(
        `finding on ${seed.name}: ${error instanceof Error ? error.stack : String(error)}\n--- model ---\n${model.slice(0, 2000)}\n--- data ---\n${dataText.slice(0, 500)}`,
        { cause: error },
      );
    }
    for (const d of error.diagnostics) {
      if (d.severity === 'error' && !/^E\d{3}$/.test(d.code ?? ''))
        throw new Error(`diagnostic without a code: ${d.message}`, { cause: error });
      const text = d.file === 'data.json' ? dataText : model;
      if (d.span && (d.span.start.offset < 0 || d.span.start.offset > text.length)) {
        throw new Error(`span outside the text: ${d.message} at ${d.span.start.offset} of ${text.length}`, {
          cause: error,
        });
      }
    }
  }
  const ms = performance.now() - started;
  if (ms > timeBoundMs)
    throw new Error(`took ${ms.toFixed(0)} ms (bound ${timeBoundMs}) on ${seed.name}\n${model.slice(0, 500)}`);
  if (
    ({} as Record<string, unknown>).polluted !== undefined ||
    (Object.prototype as Record<string, unknown>).x !== undefined
  ) {
    throw new Error('prototype polluted');
  }
  return { ok, ms };
}
