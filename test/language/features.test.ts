import { describe, expect, test } from 'vitest';
import { parse } from '../../src/language/parse.js';
import type { Program, Stmt } from '../../src/language/ast.js';
import { withoutSpans } from './helpers.js';

function body(program: Program, block = 0): Stmt[] {
  return program.blocks[block]!.body;
}

describe('statements and declarations', () => {
  test('every statement kind', () => {
    const p = parse(`
      transformed data {
        int n = 0;
        array[3] real xs = {1.0, 2.0, 3.0};
        for (i in 1:3) n += i;
        for (x in xs) { if (x > 2) break; else continue; }
        while (n > 0) n -= 1;
        print("n = ", n);
        if (n < 0) reject("negative: ", n);
        ;
      }
      parameters { real mu; }
      model {
        mu ~ normal(0, 1) T[-5, 5];
        target += normal_lpdf(mu | 0, 1);
        potential += square(mu);
      }
    `);
    expect(body(p, 0).map((s) => s.kind)).toEqual([
      'VarDecl',
      'VarDecl',
      'For',
      'ForEach',
      'While',
      'Print',
      'If',
      'Empty',
    ]);
    expect(body(p, 2).map((s) => s.kind)).toEqual(['Tilde', 'TargetPlus', 'PotentialPlus']);
    const tilde = body(p, 2)[0]!;
    expect(tilde.kind === 'Tilde' && withoutSpans(tilde.truncation)).toEqual({
      lower: { kind: 'Prefix', op: '-', operand: { kind: 'IntLiteral', value: 5 } },
      upper: { kind: 'IntLiteral', value: 5 },
    });
  });

  test('one-sided truncation', () => {
    const p = parse('parameters { real x; } model { x ~ normal(0, 1) T[, 2]; x ~ normal(0, 1) T[0, ]; }');
    const [a, b] = body(p, 1);
    expect(a!.kind === 'Tilde' && a!.truncation?.lower === undefined && a!.truncation?.upper?.kind).toBe('IntLiteral');
    expect(b!.kind === 'Tilde' && b!.truncation?.upper === undefined && b!.truncation?.lower?.kind).toBe('IntLiteral');
  });

  test('assignment operators and lvalues with several index groups', () => {
    const p = parse(`transformed data {
      array[2] vector[3] v;
      matrix[2, 2] m;
      v[1][2] = 1; m[1, :] = [1, 2]; m *= 2; m /= 2; m .*= m; m ./= m; v[2] -= v[1];
    }`);
    const assigns = body(p).filter((s) => s.kind === 'Assign');
    expect(assigns.map((s) => s.kind === 'Assign' && s.op)).toEqual(['=', '=', '*=', '/=', '.*=', './=', '-=']);
    const first = assigns[0]!;
    expect(first.kind === 'Assign' && first.indices.length).toBe(2);
    const second = assigns[1]!;
    expect(second.kind === 'Assign' && second.indices[0]!.map((i) => i.kind)).toEqual(['Single', 'All']);
  });

  test('types: arrays, constraints, sizes', () => {
    const p = parse(`data {
      int<lower=1> N;
      array[N, 2] int<lower=0, upper=1> y;
      matrix<lower=-1, upper=1>[N, 3] X;
      cholesky_factor_cov[4, 3] L;
      cov_matrix[3] S;
    }
    parameters {
      real<lower=0> sigma;
      real<lower=-sigma, upper=sigma * 2> b;
      vector<offset=1, multiplier=sigma>[N] z;
      simplex[3] theta; ordered[2] o; positive_ordered[2] po; unit_vector[2] u;
      cholesky_factor_corr[3] Lc; corr_matrix[3] R;
    }`);
    const types = [...body(p, 0), ...body(p, 1)].map((s) => (s.kind === 'VarDecl' ? withoutSpans(s.type) : undefined));
    expect(types[1]).toEqual({
      base: 'int',
      sizes: [],
      arrayDims: [
        { kind: 'Variable', name: 'N' },
        { kind: 'IntLiteral', value: 2 },
      ],
      constraint: { lower: { kind: 'IntLiteral', value: 0 }, upper: { kind: 'IntLiteral', value: 1 } },
    });
    expect(types[3]!.sizes.length).toBe(2);
    expect(types[6]!.constraint?.upper).toMatchObject({ kind: 'Binary', op: '*' });
    expect(Object.keys(types[7]!.constraint!)).toEqual(['offset', 'multiplier']);
    expect(types.slice(8).map((t) => t!.base)).toEqual([
      'simplex',
      'ordered',
      'positive_ordered',
      'unit_vector',
      'cholesky_factor_corr',
      'corr_matrix',
    ]);
  });

  test('contextual words stay usable as names: T, lower, upper, offset, multiplier', () => {
    const p = parse(`data {
      int<lower=0> T;
      real lower;
      real<lower=lower> upper;
      vector[T] offset;
      real multiplier;
    }
    parameters { real<lower=lower, upper=upper> y; }
    model { y ~ normal(offset[T] * multiplier, 1) T[lower, upper]; }`);
    expect(body(p, 0).map((s) => (s.kind === 'VarDecl' ? s.name : ''))).toEqual([
      'T',
      'lower',
      'upper',
      'offset',
      'multiplier',
    ]);
  });

  test('comments of both kinds are skipped', () => {
    const p = parse(
      '/* header\n comment */ parameters { real x; // trailing\n } model { /* inline */ x ~ normal(0, 1); }',
    );
    expect(p.blocks.map((b) => b.name)).toEqual(['parameters', 'model']);
  });

  test('an empty program and empty blocks parse', () => {
    expect(parse('').blocks).toEqual([]);
    expect(parse('model { }').blocks[0]!.body).toEqual([]);
  });

  test('all six blocks in order', () => {
    const p = parse(`data { } transformed data { } parameters { } transformed parameters { }
      model { } generated quantities { }`);
    expect(p.blocks.map((b) => b.name)).toEqual([
      'data',
      'transformed data',
      'parameters',
      'transformed parameters',
      'model',
      'generated quantities',
    ]);
  });

  test('the reserved noise reads as a variable', () => {
    const p = parse('parameters { real x; } model { target += -square(x) / (1 + noise^2); }');
    const s = body(p, 1)[0]!;
    expect(JSON.stringify(withoutSpans(s))).toContain('{"kind":"Variable","name":"noise"}');
  });

  test('several names in one declaration', () => {
    const p = parse('transformed data { real a, b = 2, c; } parameters { real<lower=0> s, t; }');
    const decls = body(p, 0);
    expect(decls.map((d) => (d.kind === 'VarDecl' ? [d.name, d.init?.kind ?? null] : null))).toEqual([
      ['a', null],
      ['b', 'IntLiteral'],
      ['c', null],
    ]);
    expect(body(p, 1).map((d) => d.kind === 'VarDecl' && d.type.constraint?.lower?.kind)).toEqual([
      'IntLiteral',
      'IntLiteral',
    ]);
  });

  test('a one-argument call of a density is the conditional form (as stanc3)', () => {
    const p = parse('parameters { real x; } model { target += std_normal_lpdf(x); target += f(x); }');
    const [a, b] = body(p, 1);
    expect(a!.kind === 'TargetPlus' && a!.value.kind === 'Call' && a!.value.conditional).toBe(true);
    expect(b!.kind === 'TargetPlus' && b!.value.kind === 'Call' && b!.value.conditional).toBe(false);
  });

  test('empty statements are allowed in data and parameters', () => {
    expect(parse('data { int N;; } parameters { ; real x; }').blocks[1]!.body.map((s) => s.kind)).toEqual([
      'Empty',
      'VarDecl',
    ]);
  });

  test('call statement', () => {
    const p = parse('model { foo(1, 2); }');
    expect(body(p)[0]!.kind).toBe('CallStmt');
  });

  test('dangling else binds to the nearest if', () => {
    const p = parse('transformed data { int a = 0; if (a) if (a > 1) a = 1; else a = 2; }');
    const outer = body(p)[1]!;
    expect(outer.kind === 'If' && outer.otherwise).toBeUndefined();
    expect(outer.kind === 'If' && outer.then.kind === 'If' && outer.then.otherwise?.kind).toBe('Assign');
  });
});
