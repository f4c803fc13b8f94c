import { describe, expect, test } from 'vitest';
import { parse } from '../../src/language/parse.js';
import type { Span, Stmt } from '../../src/language/ast.js';

const source = [
  'data {',
  '  int<lower=0> N;',
  '  vector[N] y;',
  '}',
  'parameters {',
  '  real mu;',
  '}',
  'model {',
  '  y ~ normal(mu, 1);',
  '  target += normal_lpdf(mu | 0, 10);',
  '}',
  '',
].join('\n');

/** The text a span covers. */
function text(span: Span): string {
  return source.slice(span.start.offset, span.end.offset);
}

describe('spans', () => {
  const program = parse(source);
  const [data, parameters, model] = program.blocks;

  test('blocks cover their text', () => {
    expect(data!.span.start).toEqual({ offset: 0, line: 1, column: 1 });
    expect(text(parameters!.span)).toBe('parameters {\n  real mu;\n}');
    expect(model!.span.end.line).toBe(11);
    expect(program.span.end).toEqual({ offset: source.length, line: 12, column: 1 });
  });

  test('declaration, type and name', () => {
    const decl = data!.body[0]!;
    expect(decl.kind).toBe('VarDecl');
    if (decl.kind !== 'VarDecl') return;
    expect(text(decl.span)).toBe('int<lower=0> N;');
    expect(decl.span.start).toEqual({ offset: 9, line: 2, column: 3 });
    expect(decl.span.end).toEqual({ offset: 24, line: 2, column: 18 });
    expect(text(decl.type.span)).toBe('int<lower=0>');
    expect(text(decl.nameSpan)).toBe('N');
    expect(decl.nameSpan.start.column).toBe(16);
    expect(decl.nameSpan.end.column).toBe(17);
  });

  test('tilde statement and its parts', () => {
    const tilde = model!.body[0] as Extract<Stmt, { kind: 'Tilde' }>;
    expect(text(tilde.span)).toBe('y ~ normal(mu, 1);');
    expect(text(tilde.distributionSpan)).toBe('normal');
    expect(tilde.distributionSpan.start).toEqual({ offset: tilde.span.start.offset + 4, line: 9, column: 7 });
    expect(text(tilde.args[0]!.span)).toBe('mu');
    expect(text(tilde.lhs.span)).toBe('y');
  });

  test('call spans and conditional form', () => {
    const stmt = model!.body[1]!;
    if (stmt.kind !== 'TargetPlus' || stmt.value.kind !== 'Call') throw new Error('unexpected statement');
    expect(text(stmt.span)).toBe('target += normal_lpdf(mu | 0, 10);');
    expect(text(stmt.value.span)).toBe('normal_lpdf(mu | 0, 10)');
    expect(text(stmt.value.nameSpan)).toBe('normal_lpdf');
    expect(stmt.value.conditional).toBe(true);
    expect(stmt.value.args.map((a) => text(a.span))).toEqual(['mu', '0', '10']);
  });

  test('binary expressions span both operands; parentheses are included', () => {
    const p = parse('model {\n  z = (a + b) * c[1, 2:3];\n}');
    const assign = p.blocks[0]!.body[0]!;
    if (assign.kind !== 'Assign' || assign.value.kind !== 'Binary') throw new Error('unexpected');
    const src = 'model {\n  z = (a + b) * c[1, 2:3];\n}';
    const t = (s: Span) => src.slice(s.start.offset, s.end.offset);
    expect(t(assign.value.span)).toBe('(a + b) * c[1, 2:3]');
    expect(t(assign.value.left.span)).toBe('(a + b)');
    const index = assign.value.right;
    if (index.kind !== 'Index') throw new Error('unexpected');
    expect(index.indices.map((i) => t(i.span))).toEqual(['1', '2:3']);
    expect(t(assign.nameSpan)).toBe('z');
  });

  test('multi-line spans', () => {
    const src = 'model {\n  target += log_mix(0.5,\n    1, 2);\n}';
    const s = parse(src).blocks[0]!.body[0]!;
    expect(s.span.start).toMatchObject({ line: 2, column: 3 });
    expect(s.span.end).toMatchObject({ line: 3, column: 11 });
  });
});
