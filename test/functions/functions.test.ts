/**
 * User-defined functions end to end: parse, check, lower by inlining, and
 * the log density against the same model written without functions.
 * Recursion over data, overloading, forward declarations, the suffix
 * rules (`_lpdf` with `~` and `|` inside a loop, `_lp`, `_rng`, `_lcdf` for
 * truncation), void functions and `jacobian +=`.
 */
import { describe, expect, test } from 'vitest';
import { compileSync } from '../../src/compile/compile.js';
import { check } from '../../src/check/check.js';
import { parse } from '../../src/language/parse.js';
import { printProgram } from '../../src/language/print.js';
import { LangevinError } from '../../src/errors.js';
import { deriveStream } from '../../src/random/index.js';

const lp = (source: string, x: number[], data = {}): number =>
  compileSync(source, { data, backend: 'f64' }).logDensity(Float64Array.from(x), 1)[0]!;

const grad = (source: string, x: number[], data = {}): number[] =>
  Array.from(compileSync(source, { data, backend: 'f64' }).logDensityAndGradient(Float64Array.from(x), 1).gradient);

const LOG_2PI = Math.log(2 * Math.PI);
const normal = (y: number, m: number, s: number) => -0.5 * LOG_2PI - Math.log(s) - 0.5 * ((y - m) / s) ** 2;

function errors(source: string): string[] {
  try {
    check(parse(source));
  } catch (e) {
    if (e instanceof LangevinError) return e.diagnostics.map((d) => d.message);
    throw e;
  }
  return [];
}

describe('functions: lowering by inlining', () => {
  test('a user _lpdf with ~ inside a loop equals the stdlib density', () => {
    const withFn = `
      functions {
        real my_normal_lpdf(real y, real mu, real sigma) {
          return -0.5 * square((y - mu) / sigma) - log(sigma) - 0.5 * log(2 * pi());
        }
      }
      data { int N; array[N] real y; }
      parameters { real mu; real<lower=0> sigma; }
      model {
        for (n in 1:N) y[n] ~ my_normal(mu, sigma);
        mu ~ my_normal(0, 10);
        target += my_normal_lupdf(sigma | 0, 5);
      }`;
    const plain = withFn.replace(/my_normal/g, 'normal').replace(/functions \{[\s\S]*?\n {6}\}\n/, '');
    const data = { N: 3, y: [0.5, -1.2, 2.0] };
    for (const x of [
      [0.1, -0.3],
      [1.5, 0.7],
    ]) {
      expect(lp(withFn, x, data)).toBeCloseTo(lp(plain, x, data), 10);
      const g1 = grad(withFn, x, data);
      const g2 = grad(plain, x, data);
      g1.forEach((g, i) => expect(g).toBeCloseTo(g2[i]!, 9));
    }
  });

  test('recursion over data terminates and overloads resolve by argument type', () => {
    const source = `
      functions {
        int fib(int n);
        int fib(int n) { if (n <= 1) return n; return fib(n - 1) + fib(n - 2); }
        real twice(real x) { return 2 * x; }
        vector twice(vector x) { return 3 * x; }
        real sum_to(data int n, real x) { if (n == 0) return 0; return x + sum_to(n - 1, x); }
      }
      parameters { real mu; }
      model {
        target += fib(10) * mu;          // 55 mu
        target += twice(mu);             // 2 mu
        target += sum(twice([mu, mu]'));  // 6 mu
        target += sum_to(4, mu);         // 4 mu
      }`;
    expect(lp(source, [1])).toBeCloseTo(55 + 2 + 6 + 4, 12);
    expect(grad(source, [0.3])[0]).toBeCloseTo(67, 12);
  });

  test('_lp functions add to target, void functions run as statements, _rng in generated quantities', () => {
    const source = `
      functions {
        void add_prior_lp(real x, real s) { x ~ normal(0, s); }
        void check_positive(real s) { if (s <= 0) reject("s must be positive"); }
        real draw_rng(real mu) { return normal_rng(mu, 1); }
      }
      data { real s; }
      transformed data { check_positive(s); }
      parameters { real mu; }
      model { add_prior_lp(mu, s); }
      generated quantities { real d = draw_rng(mu); }`;
    expect(lp(source, [0.4], { s: 2 })).toBeCloseTo(normal(0.4, 0, 2), 12);
    expect(() => compileSync(source, { data: { s: -1 } })).toThrow(/s must be positive/);
    const model = compileSync(source, { data: { s: 2 } });
    const draws: number[] = [];
    const rng = deriveStream(7, 'test');
    for (let i = 0; i < 2000; i++) draws.push(model.generate(Float64Array.of(3), 1, rng)[1]!);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(Math.abs(mean - 3)).toBeLessThan(4 / Math.sqrt(draws.length));
  });

  test('truncation with a user _lcdf / _lccdf', () => {
    const source = `
      functions {
        real myexp_lpdf(real y, real rate) { return log(rate) - rate * y; }
        real myexp_lcdf(real y, real rate) { return log1m_exp(-rate * y); }
        real myexp_lccdf(real y, real rate) { return -rate * y; }
      }
      data { real y; }
      parameters { real<lower=0> rate; }
      model { y ~ myexp(rate) T[, 3]; }`;
    const plain = source.replace(/myexp/g, 'exponential').replace(/functions \{[\s\S]*?\n {6}\}\n/, '');
    for (const x of [-0.5, 0.2]) expect(lp(source, [x], { y: 1.2 })).toBeCloseTo(lp(plain, [x], { y: 1.2 }), 10);
  });

  test('jacobian += in transformed parameters adds to the log density', () => {
    const source = `
      parameters { real x; }
      transformed parameters {
        real<lower=0> y = exp(x);
        jacobian += x;
      }
      model { y ~ exponential(1); }`;
    for (const x of [-0.4, 0.9]) expect(lp(source, [x])).toBeCloseTo(-Math.exp(x) + x, 12);
  });

  test('a _jacobian function called from transformed parameters', () => {
    const source = `
      functions {
        real upper_exp_jacobian(real x) { jacobian += x; return exp(x); }
      }
      parameters { real x; }
      transformed parameters { real y = upper_exp_jacobian(x); }
      model { y ~ exponential(1); }`;
    expect(lp(source, [0.3])).toBeCloseTo(-Math.exp(0.3) + 0.3, 12);
  });

  test('runaway recursion is a user error, not a stack overflow', () => {
    const source = `
      functions { real f(real x) { return f(x); } }
      parameters { real mu; }
      model { target += f(mu); }`;
    expect(() => compileSync(source)).toThrow(/recurses more than/);
  });

  test('the printer round-trips a functions block', () => {
    const source = `functions {
  real f(data array[] real x, vector v);
  real f(data array[] real x, vector v) {
    return sum(x) + sum(v);
  }
  void g() {
    return;
  }
}
model {
}
`;
    expect(printProgram(parse(source))).toBe(source);
  });
});

describe('functions: checker rules', () => {
  test('the rest of the file is checked after a functions block', () => {
    expect(errors('functions { real scale_it(real x) { return x; } } model { target += scale_itt(1); }')).toEqual([
      "unknown function 'scale_itt' (did you mean 'scale_it'?)",
    ]);
  });

  test('misuse is reported', () => {
    const cases: Array<[string, RegExp]> = [
      [
        'functions { real f(real x) { if (x > 0) return x; } } model {}',
        /must return a value of type 'real' on every path/,
      ],
      ['functions { real f(real x) { return x; } real f(real y) { return y; } } model {}', /already defined/],
      ['functions { real f(real x); } model {}', /declared but never defined/],
      ['functions { real f_lpmf(real y) { return y; } } model {}', /must be int/],
      ['functions { real f_lpdf(int y) { return y; } } model {}', /'_lpmf'/],
      ['functions { void f(real x) { x = 1; } } model {}', /cannot assign to function argument 'x'/],
      ['functions { void f(real x) { target += x; } } model {}', /functions whose names end in '_lp'/],
      [
        'functions { real f(real x) { return normal_rng(x, 1); } } model {}',
        /only allowed in transformed data, generated quantities and functions whose names end in '_rng'/,
      ],
      [
        'functions { real f_rng(real x) { return normal_rng(x, 1); } } parameters { real mu; } model { target += f_rng(mu); }',
        /only allowed in transformed data and generated quantities, not in model/,
      ],
      ['functions { void f_lp(real x) { target += x; } } generated quantities { f_lp(1); }', /changes target/],
      [
        'functions { real f(data real x) { return x; } } parameters { real mu; } model { target += f(mu); }',
        /declared 'data'/,
      ],
      ['functions { void f(real x) { } } model { target += f(1); }', /returns void/],
      ['functions { real f(real x) { return x; } } model { f(1); }', /is discarded/],
      [
        'functions { real f(vector x) { return 1; } } model { target += f(1); }',
        /has no overload accepting arguments \(int\)/,
      ],
      ['functions { real f(real x) { return [x]; } } model {}', /returns 'real', but this value has type 'row_vector'/],
      [
        'parameters { real x; } model { jacobian += x; }',
        /'jacobian \+=' is only allowed in the transformed parameters block/,
      ],
      ['model {} functions { }', /must come first/],
    ];
    for (const [source, pattern] of cases) {
      const found = errors(source);
      expect(
        found.some((m) => pattern.test(m)),
        `${source}\n→ ${found.join('\n')}`,
      ).toBe(true);
    }
  });

  test('valid programs check', () => {
    const ok = [
      'functions { real f(real x) { while (1) { return x; } } } model {}',
      'functions { real f(real x) { if (x > 0) return x; else return -x; } } model {}',
      'functions { real f(real x) { reject("no"); } } model {}',
      'functions { real g(real x); real f(real x) { return g(x); } real g(real x) { return x; } } model {}',
      'functions { real f(array[] real x) { return sum(x); } } model { target += f({1, 2}); }',
      'functions { real foo_lpdf(vector y, real mu) { return normal_lpdf(y | mu, 1); } } parameters { vector[2] y; } model { y ~ foo(0); target += foo_lupdf(y | 1); }',
    ];
    for (const source of ok) expect(errors(source), source).toEqual([]);
  });
});
