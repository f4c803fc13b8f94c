import { describe, expect, it } from 'vitest';
import {
  binaryOperatorType,
  patternCost,
  prefixOperatorType,
  resolveSignature,
  transposeType,
} from '../../src/check/signatures.js';
import { parseType, typeToString, type StanType } from '../../src/check/types.js';
import type { BinaryOperator } from '../../src/language/ast.js';

const T = (s: string): StanType => {
  const t = parseType(s);
  if (!t) throw new Error(`bad type ${s}`);
  return t;
};
const show = (t: StanType | undefined) => (t ? typeToString(t) : undefined);

describe('types', () => {
  it('prints and parses Stan spellings', () => {
    for (const s of [
      'int',
      'real',
      'vector',
      'row_vector',
      'matrix',
      'array[] real',
      'array[,] int',
      'array[,,] vector',
    ]) {
      expect(typeToString(T(s))).toBe(s);
    }
    expect(parseType('array[ , ] real')).toEqual({ base: 'real', arrayDims: 2 });
    expect(parseType('reals')).toBeUndefined();
  });
});

describe('argument patterns', () => {
  const accepts = (pattern: string, type: string) => patternCost(pattern, T(type)) !== undefined;
  it('promotes int to real but not real to int', () => {
    expect(accepts('real', 'int')).toBe(true);
    expect(accepts('int', 'real')).toBe(false);
    expect(accepts('array[] real', 'array[] int')).toBe(true);
    expect(accepts('array[] int', 'array[] real')).toBe(false);
    expect(patternCost('real', T('real'))).toBe(0);
    expect(patternCost('real', T('int'))).toBe(1);
  });
  it('reads the vectorised families as Stan documents them', () => {
    for (const t of ['int', 'real', 'array[] int', 'array[] real', 'vector', 'row_vector'])
      expect(accepts('reals', t)).toBe(true);
    for (const t of ['matrix', 'array[,] real', 'array[] vector']) expect(accepts('reals', t)).toBe(false);
    expect(accepts('ints', 'int')).toBe(true);
    expect(accepts('ints', 'array[] int')).toBe(true);
    expect(accepts('ints', 'array[] real')).toBe(false);
    expect(accepts('ints', 'real')).toBe(false);
    for (const t of ['vector', 'row_vector', 'array[] vector', 'array[] row_vector'])
      expect(accepts('vectors', t)).toBe(true);
    for (const t of ['real', 'matrix', 'array[,] vector']) expect(accepts('vectors', t)).toBe(false);
    expect(accepts('T', 'array[,] matrix')).toBe(true);
  });
  it('resolves overloads in table order and types T returns', () => {
    const abs = [
      { args: ['int'], returns: 'int' },
      { args: ['T'], returns: 'T' },
    ];
    expect(show(resolveSignature(abs, [T('int')])?.returns)).toBe('int');
    expect(show(resolveSignature(abs, [T('array[] int')])?.returns)).toBe('array[] real');
    expect(show(resolveSignature(abs, [T('vector')])?.returns)).toBe('vector');
    const pow = [{ args: ['T', 'T'], returns: 'T' }];
    expect(show(resolveSignature(pow, [T('vector'), T('int')])?.returns)).toBe('vector');
    expect(show(resolveSignature(pow, [T('int'), T('int')])?.returns)).toBe('real');
    expect(resolveSignature(pow, [T('vector'), T('row_vector')])).toBeUndefined();
    const dot = [
      { args: ['vector', 'vector'], returns: 'real' },
      { args: ['row_vector', 'row_vector'], returns: 'real' },
    ];
    expect(resolveSignature(dot, [T('vector'), T('row_vector')])).toBeUndefined();
    expect(resolveSignature(dot, [T('vector')])).toBeUndefined();
  });
});

describe('operators', () => {
  const op = (a: string, o: BinaryOperator, b: string) => show(binaryOperatorType(o, T(a), T(b)));
  it('types arithmetic as Stan does', () => {
    const table: Array<[string, BinaryOperator, string, string | undefined]> = [
      ['int', '+', 'int', 'int'],
      ['int', '+', 'real', 'real'],
      ['real', '+', 'vector', 'vector'],
      ['vector', '-', 'vector', 'vector'],
      ['vector', '+', 'row_vector', undefined],
      ['array[] real', '+', 'real', undefined],
      ['int', '*', 'int', 'int'],
      ['row_vector', '*', 'vector', 'real'],
      ['vector', '*', 'row_vector', 'matrix'],
      ['matrix', '*', 'vector', 'vector'],
      ['row_vector', '*', 'matrix', 'row_vector'],
      ['matrix', '*', 'matrix', 'matrix'],
      ['vector', '*', 'vector', undefined],
      ['vector', '*', 'matrix', undefined],
      ['real', '*', 'matrix', 'matrix'],
      ['int', '/', 'int', 'int'],
      ['vector', '/', 'real', 'vector'],
      ['real', '/', 'vector', undefined],
      ['row_vector', '/', 'matrix', 'row_vector'],
      ['matrix', '\\', 'vector', 'vector'],
      ['matrix', '\\', 'matrix', 'matrix'],
      ['int', '%', 'int', 'int'],
      ['real', '%', 'int', undefined],
      ['int', '%/%', 'int', 'int'],
      ['int', '^', 'int', 'real'],
      ['vector', '^', 'real', undefined],
      ['vector', '.*', 'vector', 'vector'],
      ['vector', '.*', 'row_vector', undefined],
      ['matrix', './', 'matrix', 'matrix'],
      ['real', './', 'vector', 'vector'],
      ['vector', '.^', 'real', 'vector'],
      ['real', '<', 'int', 'int'],
      ['vector', '<', 'vector', undefined],
      ['real', '&&', 'int', 'int'],
      ['real', '==', 'real', 'int'],
    ];
    for (const [a, o, b, want] of table) expect(op(a, o, b), `${a} ${o} ${b}`).toBe(want);
  });
  it('types prefix operators and transpose', () => {
    expect(show(prefixOperatorType('-', T('vector')))).toBe('vector');
    expect(show(prefixOperatorType('!', T('real')))).toBe('int');
    expect(prefixOperatorType('!', T('vector'))).toBeUndefined();
    expect(prefixOperatorType('-', T('array[] real'))).toBeUndefined();
    expect(show(transposeType(T('vector')))).toBe('row_vector');
    expect(show(transposeType(T('row_vector')))).toBe('vector');
    expect(show(transposeType(T('matrix')))).toBe('matrix');
    expect(transposeType(T('real'))).toBeUndefined();
  });
});
