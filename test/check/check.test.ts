import { describe, expect, it } from 'vitest';
import { check, type CheckedProgram } from '../../src/check/check.js';
import { describeDeclarations } from '../../src/check/summary.js';
import { typeToString } from '../../src/check/types.js';
import { LangevinError } from '../../src/errors.js';
import type { Expr, Stmt } from '../../src/language/ast.js';
import { parse } from '../../src/language/parse.js';

function checkText(source: string): CheckedProgram {
  return check(parse(source, 'model.stan'), 'model.stan');
}

function errorsOf(source: string): string[] {
  try {
    checkText(source);
  } catch (e) {
    if (e instanceof LangevinError) return e.diagnostics.map((d) => d.message);
    throw e;
  }
  return [];
}

/** The type recorded for the initial value of each declaration, by variable name. */
function initTypes(checked: CheckedProgram): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (s: Stmt): void => {
    if (s.kind === 'VarDecl' && s.init) {
      const t = checked.types.get(s.init as Expr);
      out[s.name] = t ? typeToString(t) : '?';
    }
    if (s.kind === 'Block') s.body.forEach(visit);
    if (s.kind === 'For' || s.kind === 'ForEach' || s.kind === 'While') visit(s.body);
  };
  for (const b of checked.program.blocks) b.body.forEach(visit);
  return out;
}

describe('indexing', () => {
  it('types every index form as Stan does', () => {
    const checked = checkText(`
      data {
        int<lower=1> N;
        matrix[3, 3] M;
        array[2] vector[3] xs;
        array[2, 3] real a;
        vector[3] v;
        array[2] int idx;
      }
      generated quantities {
        row_vector[3] r1 = M[1];
        vector[3] c1 = M[:, 1];
        real m12 = M[1, 2];
        vector[2] c2 = M[2:3, 1];
        row_vector[2] r2 = M[1, idx];
        matrix[2, 3] m2 = M[idx];
        matrix[2, 2] m22 = M[idx, 2:];
        vector[3] x1 = xs[1];
        array[2] real xcol = xs[:, 1];
        real x12 = xs[1, 2];
        array[2] vector[3] xsub = xs[idx];
        array[2] vector[2] xsub2 = xs[:, 1:2];
        array[3] real a1 = a[1];
        array[2] real acol = a[:, 3];
        real a11 = a[1, 1];
        vector[2] vsub = v[idx];
        real v1 = v[N];
        vector[1] vr = v[:1];
      }`);
    expect(initTypes(checked)).toEqual({
      r1: 'row_vector',
      c1: 'vector',
      m12: 'real',
      c2: 'vector',
      r2: 'row_vector',
      m2: 'matrix',
      m22: 'matrix',
      x1: 'vector',
      xcol: 'array[] real',
      x12: 'real',
      xsub: 'array[] vector',
      xsub2: 'array[] vector',
      a1: 'array[] real',
      acol: 'array[] real',
      a11: 'real',
      vsub: 'vector',
      v1: 'real',
      vr: 'vector',
    });
  });

  it('rejects too many indexes and non-int indexes', () => {
    expect(errorsOf('data { vector[3] v; } generated quantities { real x = v[1, 1]; }')).toEqual([
      "too many indexes for a value of type 'vector': at most 1 allowed, got 2",
    ]);
    expect(errorsOf('data { array[2] real a; } generated quantities { real x = a[1.0]; }')).toEqual([
      "index must be int or array[] int, got 'real'",
    ]);
    expect(errorsOf('data { array[2] real a; } generated quantities { array[1] real x = a[1:2.5]; }')).toEqual([
      "range bound must be int, got 'real'",
    ]);
  });
});

describe('expressions and statements Stan accepts', () => {
  it('accepts a model using most of the language', () => {
    const checked = checkText(
      `
      data {
        int<lower=0> N;
        int<lower=1> K;
        matrix[N, K] X;
        array[N] int<lower=0, upper=1> y;
        vector<lower=0>[K] scale;
      }
      transformed data {
        matrix[N, K] Xc = X;
        real s = 0;
        int count = 0;
        for (k in 1:K) {
          Xc[:, k] = (X[:, k] - mean(X[:, k])) / sd(X[:, k]);
        }
        foreach_placeholder
        while (count < 3) {
          count += 1;
          if (count == 2) break;
          else continue;
        }
        print("s = ", s, ", count = ", count);
        s = count > 1 ? 1 : 2.5;
        s *= 2;
        row_vector[2] rv = [1, 2.5];
        matrix[2, 2] m = [rv, rv];
        array[3] int ai = {1, 2, 3};
        array[2] real ar = {1, 2.5};
        real dot = rv * rv';
        matrix[2, 2] outer = rv' * rv;
        vector[2] solve = m \\ rv';
        int q = 7 %/% 2 + 7 % 2;
        real p = 2 ^ 3 + -s;
        int truth = !(s > 1) || (s < 3 && 1);
        vector[2] e = rv' .* rv' ./ (1 + rv');
      }
      parameters {
        real alpha;
        vector<offset=0, multiplier=scale>[K] beta;
        simplex[3] theta;
        real<lower=-1, upper=alpha + 1> bounded;
      }
      transformed parameters {
        vector[N] eta = alpha + X * beta;
      }
      model {
        vector[3] local_theta = theta;
        alpha ~ normal(0, 2.5);
        beta ~ normal(0, 1);
        bounded ~ uniform(-1, alpha + 1);
        y ~ bernoulli_logit(eta);
        target += dirichlet_lpdf(theta | rep_vector(2, 3));
        potential += 0.5 * alpha ^ 2;
      }
      generated quantities {
        array[N] int y_rep = bernoulli_logit_rng(eta);
        int one = bernoulli_rng(0.5);
        real z = normal_rng(0, 1);
        array[N] real zs = normal_rng(eta, 1);
        vector[3] th = dirichlet_rng(rep_vector(1, 3));
      }`.replace('foreach_placeholder', 'for (x in scale) { s += x; }\n for (row in {1, 2}) { count += row; }'),
    );
    expect(checked.readsNoise).toBe(false);
    expect(checked.declarations.map((d) => `${d.block}:${d.name}:${typeToString(d.type)}`)).toEqual([
      'data:N:int',
      'data:K:int',
      'data:X:matrix',
      'data:y:array[] int',
      'data:scale:vector',
      'transformed data:Xc:matrix',
      'transformed data:s:real',
      'transformed data:count:int',
      'transformed data:rv:row_vector',
      'transformed data:m:matrix',
      'transformed data:ai:array[] int',
      'transformed data:ar:array[] real',
      'transformed data:dot:real',
      'transformed data:outer:matrix',
      'transformed data:solve:vector',
      'transformed data:q:int',
      'transformed data:p:real',
      'transformed data:truth:int',
      'transformed data:e:vector',
      'parameters:alpha:real',
      'parameters:beta:vector',
      'parameters:theta:vector',
      'parameters:bounded:real',
      'transformed parameters:eta:vector',
      'generated quantities:y_rep:array[] int',
      'generated quantities:one:int',
      'generated quantities:z:real',
      'generated quantities:zs:array[] real',
      'generated quantities:th:vector',
    ]);
    expect(checked.blocks.parameters.map((d) => d.name)).toEqual(['alpha', 'beta', 'theta', 'bounded']);
  });

  it('records whether the model reads noise', () => {
    const checked = checkText(`
      parameters { real x; }
      model { x ~ normal(0, sqrt(1 + noise ^ 2)); }`);
    expect(checked.readsNoise).toBe(true);
  });
});

describe('errors', () => {
  it('reports every error of the stage, in source order, with spans', () => {
    const source = `data { int N; }
parameters { real mu; }
model {
  mu ~ nromal(0, 1);
  N = 3;
  mu ~ normal(0, sigma);
}`;
    let error: unknown;
    try {
      checkText(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LangevinError);
    const diags = (error as LangevinError).diagnostics;
    expect(diags.map((d) => d.message)).toEqual([
      "unknown distribution 'nromal' (did you mean 'normal'?)",
      "cannot assign to data variable 'N'",
      "identifier 'sigma' not in scope",
    ]);
    expect(diags.map((d) => [d.span?.start.line, d.span?.start.column])).toEqual([
      [4, 8],
      [5, 3],
      [6, 18],
    ]);
    expect(diags.every((d) => d.file === 'model.stan' && d.severity === 'error')).toBe(true);
  });

  it('enforces what each block may do', () => {
    expect(
      errorsOf('parameters { real x; } model { x ~ normal(0, 1); } generated quantities { x ~ normal(0, 1); }'),
    ).toEqual(["'~' statements are only allowed in the model block, not in generated quantities"]);
    expect(errorsOf('parameters { real x; } transformed parameters { real y = normal_rng(0, 1); }')).toEqual([
      "random number generator 'normal_rng' is only allowed in transformed data and generated quantities, not in transformed parameters",
    ]);
    expect(errorsOf('transformed data { real y = noise; }')).toEqual([
      "'noise' can only be read in the model and transformed parameters blocks",
    ]);
    expect(errorsOf('parameters { real x; } transformed parameters { real y = noise * x; }')).toEqual([]);
    expect(errorsOf('parameters { real x; } model { real y; y = x; for (i in 1:3) { real z = i; z = 2; } }')).toEqual(
      [],
    );
    expect(errorsOf('parameters { real x; } model { for (i in 1:3) { real z = i; } z = 1; }')).toEqual([
      "identifier 'z' not in scope (did you mean 'x'?)",
    ]);
    expect(
      errorsOf('parameters { real x; } transformed parameters { real y = x; } generated quantities { y = 1; }'),
    ).toEqual(["cannot assign to 'y' (declared in transformed parameters) in the generated quantities block"]);
  });

  it('checks distribution and function calls against the stdlib', () => {
    expect(errorsOf('data { array[3] real y; } parameters { real l; } model { y ~ poisson(l); }')).toEqual([
      "the variate of 'poisson' must be ints (int or array[] int), got 'array[] real'",
    ]);
    expect(errorsOf('parameters { real l; } model { target += poisson_lpdf(1 | l); }')).toEqual([
      "'poisson' is a discrete distribution: use 'poisson_lpmf', not 'poisson_lpdf'",
    ]);
    expect(errorsOf('parameters { real l; } model { target += normal_lupmf(l | 0, 1); }')).toEqual([
      "'normal' is a continuous distribution: use 'normal_lupdf', not 'normal_lupmf'",
    ]);
    expect(errorsOf('parameters { real l; } model { l ~ normal(0); }')).toEqual([
      "distribution 'normal' takes 2 parameters (mu, sigma), got 1",
    ]);
    expect(errorsOf('generated quantities { real x = exq(1); }')).toEqual([
      "unknown function 'exq' (did you mean 'exp'?)",
    ]);
    expect(errorsOf('generated quantities { real x = normal_rgn(0, 1); }')).toEqual([
      "unknown function 'normal_rgn' (did you mean 'normal_rng'?)",
    ]);
  });

  it('rejects constrained and invalid declarations', () => {
    // The parser rejects this already; ASTs from the builder API reach the checker.
    const program = parse('parameters { real x; } model { real y = 1; }', 'model.stan');
    const decl = program.blocks[1]!.body[0]!;
    if (decl.kind !== 'VarDecl') throw new Error('expected a declaration');
    decl.type.constraint = { lower: { kind: 'IntLiteral', value: 0, span: decl.type.span } };
    expect(() => check(program)).toThrow("local variables cannot have constraints ('y')");
    decl.type.constraint = undefined;
    decl.type.base = 'ordered';
    decl.type.sizes = [{ kind: 'IntLiteral', value: 2, span: decl.type.span }];
    decl.init = undefined;
    expect(() => check(program)).toThrow(
      "local variables cannot have constrained type 'ordered'; declare 'y' as 'vector'",
    );
    expect(errorsOf('data { real N; } parameters { vector[N] x; }')).toEqual(["size must be int, got 'real'"]);
    expect(errorsOf('parameters { int k; }')).toEqual(["parameters cannot be int ('k'); use real"]);
    expect(errorsOf('data { int k; } parameters { real k; }')).toEqual([
      "'k' is already declared (line 1, in the data block)",
    ]);
    // `potential` is a keyword to the parser; a builder AST can still use it as a name.
    const reserved = parse('parameters { real x; }', 'model.stan');
    const x = reserved.blocks[0]!.body[0]!;
    if (x.kind !== 'VarDecl') throw new Error('expected a declaration');
    x.name = 'potential';
    expect(() => check(reserved)).toThrow("'potential' is a reserved word and cannot be used as a variable name");
  });
});

describe('describeDeclarations', () => {
  it('lists data, parameters, transformed parameters and generated quantities as written', () => {
    const checked = checkText(`
      data {
        int<lower=0> J;
        array[J] real<lower=0> sigma;
        matrix[J, 2] X;
      }
      transformed data { real half = 0.5; }
      parameters {
        real mu;
        vector<lower=0>[J] tau;
        simplex[J] w;
        real<lower=-1, upper=1> rho;
        vector<offset=mu, multiplier=2>[J] eta;
      }
      transformed parameters { vector[J] theta = mu + tau .* eta; }
      model { mu ~ normal(0, 5); }
      generated quantities { array[J] int<lower=0> k; }`);
    expect(describeDeclarations(checked)).toEqual([
      { name: 'J', block: 'data', type: 'int<lower=0>', constraint: 'lower=0' },
      { name: 'sigma', block: 'data', type: 'array[J] real<lower=0>', constraint: 'lower=0' },
      { name: 'X', block: 'data', type: 'matrix[J, 2]' },
      { name: 'mu', block: 'parameters', type: 'real' },
      { name: 'tau', block: 'parameters', type: 'vector<lower=0>[J]', constraint: 'lower=0' },
      { name: 'w', block: 'parameters', type: 'simplex[J]', constraint: 'simplex' },
      { name: 'rho', block: 'parameters', type: 'real<lower=-1, upper=1>', constraint: 'lower=-1, upper=1' },
      {
        name: 'eta',
        block: 'parameters',
        type: 'vector<offset=mu, multiplier=2>[J]',
        constraint: 'offset=mu, multiplier=2',
      },
      { name: 'theta', block: 'transformed parameters', type: 'vector[J]' },
      { name: 'k', block: 'generated quantities', type: 'array[J] int<lower=0>', constraint: 'lower=0' },
    ]);
  });
});
