/**
 * The example corpus exercises every construct of the language subset (docs/language.md)
 * list and both extensions, so the checker, compiler and samplers meet them all.
 */
import { expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../src/language/parse.js';

const dir = join(import.meta.dirname, '../../examples/models');
const programs = readdirSync(dir)
  .filter((f) => f.endsWith('.stan'))
  .map((f) => parse(readFileSync(join(dir, f), 'utf8'), f));

/** Every object node reachable from the programs. */
function* walk(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* walk(v);
  else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) if (!k.endsWith('span') && !k.endsWith('Span')) yield* walk(v);
  }
}
const nodes = [...walk(programs)];
const has = (pred: (n: Record<string, unknown>) => boolean) => nodes.some(pred);

const FEATURES: [string, (n: Record<string, unknown>) => boolean][] = [
  ...(
    ['data', 'transformed data', 'parameters', 'transformed parameters', 'model', 'generated quantities'] as const
  ).map((b): [string, (n: Record<string, unknown>) => boolean] => [`block ${b}`, (n) => n.name === b && 'body' in n]),
  ...['int', 'real', 'vector', 'row_vector', 'matrix', 'simplex', 'ordered', 'positive_ordered'].map(
    (t): [string, (n: Record<string, unknown>) => boolean] => [`type ${t}`, (n) => n.base === t],
  ),
  ['array type', (n) => Array.isArray(n.arrayDims) && n.arrayDims.length > 0],
  ['lower and upper', (n) => 'lower' in n && 'upper' in n && !('kind' in n)],
  ['bound using a parameter', (n) => !('kind' in n) && JSON.stringify(n.upper ?? '').includes('alpha1')],
  ['offset/multiplier', (n) => 'offset' in n && 'multiplier' in n],
  ...[
    'VarDecl',
    'Assign',
    'Tilde',
    'TargetPlus',
    'PotentialPlus',
    'For',
    'ForEach',
    'While',
    'If',
    'Block',
    'Print',
    'Reject',
    'Break',
    'Continue',
  ].map((k): [string, (n: Record<string, unknown>) => boolean] => [`statement ${k}`, (n) => n.kind === k]),
  ['else branch', (n) => n.kind === 'If' && n.otherwise !== undefined],
  ['truncation', (n) => n.kind === 'Tilde' && n.truncation !== undefined],
  ...['+=', '-='].map((op): [string, (n: Record<string, unknown>) => boolean] => [
    `assign ${op}`,
    (n) => n.kind === 'Assign' && n.op === op,
  ]),
  ...['+', '-', '*', '/', '%', '%/%', '^', '.*', './', '<', '<=', '>', '==', '||', '&&'].map(
    (op): [string, (n: Record<string, unknown>) => boolean] => [
      `operator ${op}`,
      (n) => n.kind === 'Binary' && n.op === op,
    ],
  ),
  ['prefix -', (n) => n.kind === 'Prefix' && n.op === '-'],
  ['transpose', (n) => n.kind === 'Transpose'],
  ['ternary', (n) => n.kind === 'Ternary'],
  ['range index', (n) => n.kind === 'Range' && n.lower !== undefined && n.upper !== undefined],
  ['all index', (n) => n.kind === 'All'],
  ['multi-index by a variable', (n) => n.kind === 'Index' && JSON.stringify(n.indices).includes('"name":"county"')],
  ['array expression', (n) => n.kind === 'ArrayExpr'],
  ['row vector expression', (n) => n.kind === 'RowVectorExpr'],
  [
    'matrix literal',
    (n) => n.kind === 'RowVectorExpr' && (n.elements as { kind: string }[]).every((e) => e.kind === 'RowVectorExpr'),
  ],
  ['conditional call', (n) => n.kind === 'Call' && n.conditional === true],
  ['_lpmf', (n) => n.kind === 'Call' && String(n.name).endsWith('_lpmf')],
  ['_lccdf', (n) => n.kind === 'Call' && String(n.name).endsWith('_lccdf')],
  ['_rng', (n) => n.kind === 'Call' && String(n.name).endsWith('_rng')],
  ['string literal', (n) => n.kind === 'StringLiteral'],
  ['real literal', (n) => n.kind === 'RealLiteral'],
  ['reads noise', (n) => n.kind === 'Variable' && n.name === 'noise'],
  ...[
    'log_mix',
    'log_sum_exp',
    'gp_exp_quad_cov',
    'cholesky_decompose',
    'rep_vector',
    'diag_matrix',
    'inv_logit',
    'dot_self',
  ].map((f): [string, (n: Record<string, unknown>) => boolean] => [
    `function ${f}`,
    (n) => n.kind === 'Call' && n.name === f,
  ]),
  ...[
    'normal',
    'student_t',
    'cauchy',
    'double_exponential',
    'logistic',
    'lognormal',
    'exponential',
    'gamma',
    'inv_gamma',
    'beta',
    'uniform',
    'chi_square',
    'weibull',
    'multi_normal',
    'multi_normal_cholesky',
    'dirichlet',
    'bernoulli',
    'bernoulli_logit',
    'binomial',
    'binomial_logit',
    'poisson',
    'poisson_log',
    'neg_binomial_2',
    'categorical',
  ].map((d): [string, (n: Record<string, unknown>) => boolean] => [
    `~ ${d}`,
    (n) => n.kind === 'Tilde' && n.distribution === d,
  ]),
];

test.each(FEATURES)('the corpus uses %s', (_name, predicate) => {
  expect(has(predicate)).toBe(true);
});
