/** The builder's pieces: what each helper prints, what it refuses, and how errors surface. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../src/language/parse.js';
import { printExpr, printStmt, printType } from '../../src/language/print.js';
import { LangevinError } from '../../src/errors.js';
import {
  model,
  v,
  c,
  call,
  ifElse,
  arrayOf,
  rowVectorOf,
  all,
  range,
  stanExpr,
  stanStatements,
  int,
  real,
  vector,
  rowVector,
  matrix,
  array,
  simplex,
  ordered,
  positiveOrdered,
  choleskyFactorCov,
  corrMatrix,
  normal,
  poisson,
  studentT,
  dist,
  logSumExp,
  exp,
  square,
  sum,
  pi,
  decl,
  assign,
  sample,
  target,
  potential,
  forRange,
  forEach,
  ifThen,
  type Expression,
} from '../../src/builder/index.js';
import { withoutSpans } from './helpers.js';

const text = (e: Expression): string => printExpr(e.ast);

describe('expressions', () => {
  const cases: Array<[Expression, string]> = [
    [v('a').add('b').mul('c'), '(a + b) * c'],
    [v('a').sub(v('b').sub('c')), 'a - (b - c)'],
    [v('a').add(v('b').mul('c')), 'a + b * c'],
    [v('x').pow(2).neg(), '-x ^ 2'],
    [v('x').neg().pow(2), '(-x) ^ 2'],
    [v('a').emul('b').ediv('c'), 'a .* b ./ c'],
    [v('x').epow(2).mod(3), 'x .^ 2 % 3'],
    [v('a').and(v('b').or('c')).not(), '!(a && (b || c))'],
    [
      v('a')
        .lt(1)
        .or(v('a').ge(2))
        .and(v('b').ne(v('c').eq('d'))),
      '(a < 1 || a >= 2) && b != (c == d)',
    ],
    [v('x').le('y').or(v('x').gt('y')), 'x <= y || x > y'],
    [v('X').mul('b').transpose(), "(X * b)'"],
    [ifElse(v('a').gt(0), 1, 2).add(1), '(a > 0 ? 1 : 2) + 1'],
    [v('x').index(all, 'j'), 'x[:, j]'],
    [v('x').index(range(2, 'N')), 'x[2:N]'],
    [v('x').index(range(undefined, 3), range('k')), 'x[:3, k:]'],
    [v('x').index(range()), 'x[:]'],
    [v('x').index(1).index(v('i').add(1)), 'x[1][i + 1]'],
    [c(3), '3'],
    [c(-2), '-2'],
    [c(0.5), '0.5'],
    [c(-0.25), '-0.25'],
    [c(1, 'real'), '1.0'],
    [c(1e-7), '1e-7'],
    [c(3e10), '30000000000.0'],
    [c(Infinity), 'positive_infinity()'],
    [c(-Infinity), 'negative_infinity()'],
    [c(NaN), 'not_a_number()'],
    [v('a').sub(-1), 'a - -1'],
    [call('log_sum_exp', 'a', 'b'), 'log_sum_exp(a, b)'],
    [logSumExp('lp'), 'log_sum_exp(lp)'],
    [exp(square('x')).add(sum('y')).mul(pi()), '(exp(square(x)) + sum(y)) * pi()'],
    [arrayOf(1, 2, 3), '{1, 2, 3}'],
    [rowVectorOf(rowVectorOf(1, 2), rowVectorOf(3, 4)), '[[1, 2], [3, 4]]'],
    [normal(0, 1).lpdf('y'), 'normal_lpdf(y | 0, 1)'],
    [poisson('lambda').lpmf('n'), 'poisson_lpmf(n | lambda)'],
    [
      normal('mu', 'sigma').lcdf(0).add(normal('mu', 'sigma').lccdf(1)),
      'normal_lcdf(0 | mu, sigma) + normal_lccdf(1 | mu, sigma)',
    ],
    [studentT(3, 0, 1).rng(), 'student_t_rng(3, 0, 1)'],
    [dist('skew_normal', 0, 1, 'alpha').lpdf('x'), 'skew_normal_lpdf(x | 0, 1, alpha)'],
  ];
  test.each(cases.map(([e, expected]) => ({ e, expected })))('$expected', ({ e, expected }) => {
    expect(text(e)).toBe(expected);
    // what the builder makes is what the parser reads from its text
    expect(withoutSpans(stanExpr(expected).ast)).toEqual(withoutSpans(e.ast));
  });

  test('random builder expressions print to text that parses back to the same tree', () => {
    const methods = [
      'add',
      'sub',
      'mul',
      'div',
      'mod',
      'pow',
      'emul',
      'ediv',
      'epow',
      'lt',
      'le',
      'gt',
      'ge',
      'eq',
      'ne',
      'and',
      'or',
    ] as const;
    const leaf: fc.Arbitrary<Expression> = fc.oneof(
      fc.constantFrom('a', 'b', 'x').map((name) => v(name)),
      fc.double({ noNaN: true }).map((d) => c(d)),
      fc.integer({ min: -1000, max: 1000 }).map((i) => c(i)),
    );
    const tree: fc.Arbitrary<Expression> = fc.letrec<{ e: Expression }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(fc.constantFrom(...methods), tie('e'), tie('e')).map(([m, l, r]) => l[m](r)),
        tie('e').map((e) => e.neg()),
        tie('e').map((e) => e.not()),
        tie('e').map((e) => e.transpose()),
        fc.tuple(tie('e'), tie('e')).map(([t, i]) => t.index(i, all)),
        fc.tuple(tie('e'), tie('e'), tie('e')).map(([p, a, b]) => ifElse(p, a, b)),
        fc.tuple(tie('e'), tie('e')).map(([a, b]) => normal(a, 1).lpdf(b)),
      ),
    })).e;
    fc.assert(
      fc.property(tree, (e) => {
        expect(withoutSpans(stanExpr(text(e)).ast)).toEqual(withoutSpans(e.ast));
      }),
      { seed: 20261127, numRuns: 300 },
    );
  });

  test('every finite double survives printing exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        const parsed = stanExpr(text(c(d))).ast;
        const value =
          parsed.kind === 'Prefix' && (parsed.operand.kind === 'RealLiteral' || parsed.operand.kind === 'IntLiteral')
            ? -parsed.operand.value
            : parsed.kind === 'RealLiteral' || parsed.kind === 'IntLiteral'
              ? parsed.value
              : NaN;
        expect(value).toBe(d);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  test('builders are values: reusing a subexpression does not change it', () => {
    const mu = v('alpha').add('beta');
    const a = mu.mul(2);
    const b = mu.sub(1);
    expect([text(mu), text(a), text(b)]).toEqual(['alpha + beta', '(alpha + beta) * 2', 'alpha + beta - 1']);
  });

  test('names must be identifiers; other input is refused with a LangevinError', () => {
    expect(() => v('a b')).toThrow(LangevinError);
    expect(() => v('beta[1]')).toThrow(/stanExpr/);
    expect(() => v('mu').add([1, 2] as never)).toThrow(/arrayOf/);
    expect(() => c(1.5, 'int')).toThrow(LangevinError);
    expect(() => c(2 ** 31, 'int')).toThrow(LangevinError);
    expect(text(c(-3, 'int'))).toBe('-3');
    expect(() => v('x').index()).toThrow(LangevinError);
    expect(() => call('not a name')).toThrow(LangevinError);
  });

  test('stanExpr parses one expression and nothing else', () => {
    expect(text(stanExpr('beta[1] + beta[2] * x'))).toBe('beta[1] + beta[2] * x');
    expect(() => stanExpr('1; target += 1')).toThrow(LangevinError);
    expect(() => stanExpr('1 +')).toThrow(LangevinError);
    expect(() => stanExpr('1; } parameters { real z; } model { z = 1')).toThrow(LangevinError);
  });
});

describe('types', () => {
  test.each(
    [
      [int().lower(0), 'int<lower=0>'],
      [real().lower(0).upper('U'), 'real<lower=0, upper=U>'],
      [real().lower(v('a').add(1)), 'real<lower=a + 1>'],
      [real().upper(c(-1)), 'real<upper=-1>'],
      [vector('N').offset('mu').multiplier('tau'), 'vector<offset=mu, multiplier=tau>[N]'],
      [rowVector(3), 'row_vector[3]'],
      [matrix('N', 'K').lower(0), 'matrix<lower=0>[N, K]'],
      [array('J', real().lower(0)), 'array[J] real<lower=0>'],
      [array(['N', 'M'], int()), 'array[N, M] int'],
      [array('N', array('M', vector('K'))), 'array[N, M] vector[K]'],
      [simplex('K'), 'simplex[K]'],
      [ordered(3), 'ordered[3]'],
      [positiveOrdered('K'), 'positive_ordered[K]'],
      [choleskyFactorCov(4, 3), 'cholesky_factor_cov[4, 3]'],
      [corrMatrix('K'), 'corr_matrix[K]'],
    ].map(([type, expected]) => ({ type: type as ReturnType<typeof real>, expected: expected as string })),
  )('$expected', ({ type, expected }) => {
    expect(printType(type.toTypeDecl())).toBe(expected);
  });

  test('constraints Stan forbids are refused', () => {
    expect(() => simplex('K').lower(0)).toThrow(/simplex cannot take <lower/);
    expect(() => int().offset(1)).toThrow(LangevinError);
    expect(() => real().lower(0).offset(1)).toThrow(/cannot be combined/);
    expect(() => real().multiplier(2).upper(1)).toThrow(/cannot be combined/);
    expect(() => real().lower(0).lower(1)).toThrow(/given twice/);
    expect(() => array([], real())).toThrow(LangevinError);
  });
});

describe('statements', () => {
  const print = (s: ReturnType<typeof decl>) => printStmt(s);

  test.each(
    [
      [decl('mu', vector('N')), 'vector[N] mu;'],
      [decl('lp', real(), normal(0, 1).lpdf('x')), 'real lp = normal_lpdf(x | 0, 1);'],
      [assign('mu', 1, '+='), 'mu += 1;'],
      [assign(v('X').index(all, 'k').index(2), 0), 'X[:, k][2] = 0;'],
      [sample('y', normal('mu', 1).truncate(0)), 'y ~ normal(mu, 1) T[0, ];'],
      [sample('y', normal('mu', 1).truncate(undefined, 'U')), 'y ~ normal(mu, 1) T[, U];'],
      [sample('y', normal('mu', 1).truncate('L', 'U')), 'y ~ normal(mu, 1) T[L, U];'],
      [target(normal(0, 1).lpdf('x')), 'target += normal_lpdf(x | 0, 1);'],
      [potential(square('x')), 'potential += square(x);'],
      [forRange('n', 1, 'N', (n) => sample(v('y').index(n), normal(0, 1))), 'for (n in 1:N)\n  y[n] ~ normal(0, 1);'],
      [forRange('n', 1, 'N', [target('n')]), 'for (n in 1:N) {\n  target += n;\n}'],
      [forEach('x', 'xs', (x) => target(x)), 'for (x in xs)\n  target += x;'],
      [ifThen(v('a').gt(0), target(1), [target(2)]), 'if (a > 0)\n  target += 1;\nelse {\n  target += 2;\n}'],
    ].map(([stmt, expected]) => ({ stmt: stmt as ReturnType<typeof decl>, expected: expected as string })),
  )('$expected', ({ stmt, expected }) => {
    expect(print(stmt)).toBe(expected);
  });

  test('truncation only applies to ~, and assignments need a variable on the left', () => {
    expect(() => normal(0, 1).truncate()).toThrow(LangevinError);
    expect(() => normal(0, 1).truncate(0).lpdf('y')).toThrow(/truncat/);
    expect(() => assign(v('a').add(1), 2)).toThrow(/left side/);
    expect(() => assign(c(1), 2)).toThrow(/left side/);
  });

  test('reserved and malformed declared names are refused before compiling', () => {
    expect(() => decl('for', real())).toThrow(/reserved word/);
    expect(() => model('m').parameter('noise', real())).toThrow(/reserved word/);
    expect(() => decl('x__', real())).toThrow(/reserved/);
    expect(() => forRange('in', 1, 2, [])).toThrow(/reserved word/);
    expect(() => model('m').data('2x', int())).toThrow(LangevinError);
  });
});

describe('model builder', () => {
  test('blocks come out in Stan order whatever the call order; empty blocks are left out', () => {
    const m = model('order')
      .generated('z', real(), normal(0, 1).rng())
      .sample('x', normal(0, 1))
      .parameter('x', real());
    expect(m.toAST().blocks.map((b) => b.name)).toEqual(['parameters', 'model', 'generated quantities']);
    expect(m.toStan()).toBe(
      'parameters {\n  real x;\n}\nmodel {\n  x ~ normal(0, 1);\n}\ngenerated quantities {\n  real z = normal_rng(0, 1);\n}\n',
    );
  });

  test('builders are immutable: a base model extends in two ways', () => {
    const base = model('base').parameter('x', real());
    const a = base.sample('x', normal(0, 1));
    const b = base.potential(square('x'));
    expect(base.toAST().blocks).toHaveLength(1);
    expect(a.toStan()).toContain('x ~ normal(0, 1);');
    expect(a.toStan()).not.toContain('potential');
    expect(b.toStan()).toContain('potential += square(x);');
  });

  test('a model using most features round-trips through the parser and compiles', () => {
    const m = model('features')
      .data('N', int().lower(1))
      .data('y', array('N', real()))
      .data('x', vector('N'))
      .transformedData('x_mean', real(), call('mean', v('x').index(range(1, 'N'))))
      .transformedData(stanStatements('real tiny = 1e-8;'))
      .parameter('alpha', real().offset(1).multiplier(2))
      .parameter('beta', real())
      .parameter('sigma', real().lower(0))
      .parameter('p', real().lower(0).upper(1))
      .transformedParameter('mu', vector('N'))
      .transformedParameter(
        forRange('n', 1, 'N', (n) =>
          assign(v('mu').index(n), v('alpha').add(v('beta').mul(v('x').index(n).sub('x_mean')))),
        ),
      )
      .model(decl('lp', array(2, real())))
      .sample('alpha', normal(0, 5))
      .sample('beta', studentT(3, 0, 2.5))
      .sample('sigma', normal(0, 1).truncate(0))
      .model(
        forRange('n', 1, 'N', (n) => [
          assign(v('lp').index(1), c(0.5).mul(normal(v('mu').index(n), 'sigma').lpdf(v('y').index(n)))),
          assign(
            'lp',
            arrayOf(v('lp').index(1), normal(v('mu').index(n), v('sigma').mul(3)).lpdf(v('y').index(n))),
            '=',
          ),
          ifThen(v('n').gt(0).and(v('tiny').gt(0)), target(logSumExp(v('lp').index(1), v('lp').index(2)))),
        ]),
      )
      .potential(v('p').sub(0.5).pow(2).div(2))
      .generated('y_rep', array('N', real()))
      .generated(forRange('n', 1, 'N', (n) => assign(v('y_rep').index(n), normal(v('mu').index(n), 'sigma').rng())));
    expect(withoutSpans(parse(m.toStan()))).toEqual(withoutSpans(m.toAST()));
    const compiled = m.compileSync({ data: { N: 3, y: [0.5, -1, 2], x: [1, 2, 3] } });
    expect(compiled.name).toBe('features');
    expect(compiled.dim).toBe(4);
    const { logDensity } = compiled.logDensityAndGradient(new Float64Array([0.1, 0.2, 0.3, 0.4]), 1);
    expect(Number.isFinite(logDensity[0])).toBe(true);
  });

  test("the checker's errors point at lines of toStan() and renderError shows them", async () => {
    const m = model('typo').parameter('sigma', real().lower(0)).sample('sigma', normal(0, 'sigmaa'));
    const error = await m.compile().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LangevinError);
    const rendered = m.renderError(error);
    expect(rendered).toMatch(/^typo\.stan:5:\d+: error: .*sigmaa/);
    expect(rendered).toContain("did you mean 'sigma'");
    expect(rendered).toContain('  sigma ~ normal(0, sigmaa);\n');
    expect(rendered).toMatch(/\^+/);
  });

  test('data errors name the generated file and the variable', () => {
    const m = model('needs_data').data('N', int().lower(0)).parameter('x', vector('N')).sample('x', normal(0, 1));
    expect(() => m.compileSync({ data: {} })).toThrow(LangevinError);
    expect(() => m.compileSync({ data: { N: -1 } })).toThrow(/N/);
  });
});
