import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { BinaryOperator, Expr, Index, Program, Span, Stmt } from '../../src/language/ast.js';
import { parse } from '../../src/language/parse.js';
import { printExpr, printProgram } from '../../src/language/print.js';
import { parseExpr, withoutSpans } from './helpers.js';

const NO_SPAN: Span = { start: { offset: 0, line: 1, column: 1 }, end: { offset: 0, line: 1, column: 1 } };
const OPS: BinaryOperator[] = [
  '||',
  '&&',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '\\',
  '.*',
  './',
  '%/%',
  '^',
  '.^',
];

/** Random expression trees as the parser could produce them (non-negative literals, names). */
const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.nat(100).map((value): Expr => ({ kind: 'IntLiteral', value, span: NO_SPAN })),
    fc.constantFrom('a', 'b', 'x', 'noise').map((name): Expr => ({ kind: 'Variable', name, span: NO_SPAN })),
    fc
      .tuple(fc.constantFrom(...OPS), tie('e'), tie('e'))
      .map(([op, left, right]): Expr => ({ kind: 'Binary', op, left, right, span: NO_SPAN })),
    fc
      .tuple(fc.constantFrom('-', '+', '!' as const), tie('e'))
      .map(([op, operand]): Expr => ({ kind: 'Prefix', op, operand, span: NO_SPAN })),
    tie('e').map((operand): Expr => ({ kind: 'Transpose', operand, span: NO_SPAN })),
    fc
      .tuple(tie('e'), tie('e'), tie('e'))
      .map(([condition, then, otherwise]): Expr => ({ kind: 'Ternary', condition, then, otherwise, span: NO_SPAN })),
    fc.tuple(tie('e'), fc.array(tie('e'), { maxLength: 2 }), fc.boolean()).map(([first, rest, conditional]): Expr => ({
      kind: 'Call',
      name: conditional ? 'normal_lpdf' : 'f',
      nameSpan: NO_SPAN,
      args: [first, ...rest],
      conditional,
      span: NO_SPAN,
    })),
    fc.tuple(tie('e'), tie('e'), fc.constantFrom('single', 'all', 'range')).map(([target, i, kind]): Expr => {
      const index: Index =
        kind === 'single'
          ? { kind: 'Single', expr: i, span: NO_SPAN }
          : kind === 'all'
            ? { kind: 'All', span: NO_SPAN }
            : { kind: 'Range', lower: i, upper: i, span: NO_SPAN };
      return { kind: 'Index', target, indices: [index], span: NO_SPAN };
    }),
    fc
      .array(tie('e'), { minLength: 1, maxLength: 3 })
      .map((elements): Expr => ({ kind: 'RowVectorExpr', elements, span: NO_SPAN })),
    fc
      .array(tie('e'), { minLength: 1, maxLength: 3 })
      .map((elements): Expr => ({ kind: 'ArrayExpr', elements, span: NO_SPAN })),
  ),
})).e;

describe('printer', () => {
  test('printed random expressions parse back to the same tree', () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(withoutSpans(parseExpr(printExpr(e)))).toEqual(withoutSpans(e));
      }),
      { seed: 20261127, numRuns: 500 },
    );
  });

  test('minimal parentheses', () => {
    const cases: [string, string][] = [
      ['((a + b)) * c', '(a + b) * c'],
      ['a + (b * c)', 'a + b * c'],
      ['(a - b) - c', 'a - b - c'],
      ['a - (b - c)', 'a - (b - c)'],
      ['(-a) ^ 2', '(-a) ^ 2'],
      ['-(a ^ 2)', '-a ^ 2'],
      ['a ^ (b ^ c)', 'a ^ b ^ c'],
      ['(a ^ b) ^ c', '(a ^ b) ^ c'],
      ["(a * b)'", "(a * b)'"],
      ['(a ? b : c) + 1', '(a ? b : c) + 1'],
      ['- (-a)', '-(-a)'],
    ];
    for (const [source, printed] of cases) expect(printExpr(parseExpr(source))).toBe(printed);
  });

  test('a dangling else built by hand keeps its meaning (braces are added)', () => {
    const v = (name: string): Expr => ({ kind: 'Variable', name, span: NO_SPAN });
    const assign = (value: number): Stmt => ({
      kind: 'Assign',
      name: 'z',
      nameSpan: NO_SPAN,
      indices: [],
      op: '=',
      value: { kind: 'IntLiteral', value, span: NO_SPAN },
      span: NO_SPAN,
    });
    const inner: Stmt = { kind: 'If', condition: v('b'), then: assign(1), span: NO_SPAN };
    const outer: Stmt = { kind: 'If', condition: v('a'), then: inner, otherwise: assign(2), span: NO_SPAN };
    const program: Program = {
      kind: 'Program',
      blocks: [{ name: 'transformed data', body: [outer], span: NO_SPAN }],
      span: NO_SPAN,
    };
    const reparsed = parse(printProgram(program)).blocks[0]!.body[0]!;
    expect(reparsed.kind === 'If' && reparsed.otherwise?.kind).toBe('Assign');
    expect(reparsed.kind === 'If' && reparsed.then.kind).toBe('Block');
  });

  test('canonical layout', () => {
    const source = 'data{int<lower=0>N;array[N]real y;}model{for(n in 1:N)if(y[n]>0)target+=y[n];else{target+=-y[n];}}';
    expect(printProgram(parse(source))).toBe(
      [
        'data {',
        '  int<lower=0> N;',
        '  array[N] real y;',
        '}',
        'model {',
        '  for (n in 1:N)',
        '    if (y[n] > 0)',
        '      target += y[n];',
        '    else {',
        '      target += -y[n];',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
  });
});
