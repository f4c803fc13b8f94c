/**
 * The new stdlib entries reached from model text: `_cdf`, matrix `/` and
 * `\`, a GLM with `~`, hmm_marginal, wishart; each against the same
 * density written with older building blocks.
 */
import { describe, expect, test } from 'vitest';
import { compileSync } from '../../src/compile/compile.js';

const lp = (source: string, x: number[], data = {}): number =>
  compileSync(source, { data, backend: 'f64' }).logDensity(Float64Array.from(x), 1)[0]!;

describe('new stdlib entries in models', () => {
  test('exponential_cdf(y | lambda) is 1 − exp(−lambda y)', () => {
    const source =
      'data { real y; } parameters { real<lower=0> lambda; } model { target += exponential_cdf(y | lambda); }';
    const x = 0.4;
    const jac = x; // log-transform Jacobian
    expect(lp(source, [x], { y: 1.3 })).toBeCloseTo(1 - Math.exp(-Math.exp(x) * 1.3) + jac, 12);
  });

  test("matrix '/' and '\\' agree with inverse()", () => {
    const source = `
      data { matrix[2, 2] A; vector[2] b; }
      parameters { vector[2] v; }
      model {
        target += sum(A \\ v) - sum(inverse(A) * v);
        target += sum(v' / A) - sum(v' * inverse(A));
        target += sum(A \\ v);
      }`;
    const data = {
      A: [
        [2, 1],
        [0.5, 3],
      ],
      b: [1, 2],
    };
    const det = 2 * 3 - 0.5;
    const v = [0.3, -1.1];
    const sol = [(3 * v[0]! - 1 * v[1]!) / det, (-0.5 * v[0]! + 2 * v[1]!) / det];
    expect(lp(source, v, data)).toBeCloseTo(sol[0]! + sol[1]!, 10);
  });

  test('y ~ normal_id_glm(x, alpha, beta, sigma) equals y ~ normal(alpha + x * beta, sigma)', () => {
    const glm = `
      data { int N; int K; matrix[N, K] x; vector[N] y; }
      parameters { real alpha; vector[K] beta; real<lower=0> sigma; }
      model { y ~ normal_id_glm(x, alpha, beta, sigma); }`;
    const plain = glm.replace('normal_id_glm(x, alpha, beta, sigma)', 'normal(alpha + x * beta, sigma)');
    const data = {
      N: 3,
      K: 2,
      x: [
        [1, 0.5],
        [-0.3, 2],
        [0.8, -1.1],
      ],
      y: [0.5, 1.2, -0.7],
    };
    const x = [0.2, -0.4, 0.9, 0.1];
    expect(lp(glm, x, data)).toBeCloseTo(lp(plain, x, data), 10);
  });

  test('categorical_logit_glm and ordered_logistic_glm equal their per-row forms', () => {
    const data = {
      N: 3,
      x: [
        [1, 0.5],
        [-0.3, 2],
        [0.8, -1.1],
      ],
      y: [1, 3, 2],
    };
    const glm = `
      data { int N; matrix[N, 2] x; array[N] int y; }
      parameters { vector[3] alpha; matrix[2, 3] beta; ordered[2] c; vector[2] b; }
      model {
        y ~ categorical_logit_glm(x, alpha, beta);
        y ~ ordered_logistic_glm(x, b, c);
      }`;
    const plain = glm.replace(
      /y ~ categorical_logit_glm[^;]*;\s*y ~ ordered_logistic_glm[^;]*;/,
      "for (n in 1:N) { y[n] ~ categorical_logit((alpha' + x[n] * beta)'); y[n] ~ ordered_logistic(x[n] * b, c); }",
    );
    expect(plain).not.toBe(glm);
    const x = Array.from({ length: 13 }, (_, i) => Math.sin(i + 1) * 0.7);
    expect(lp(glm, x, data)).toBeCloseTo(lp(plain, x, data), 10);
  });

  test('hmm_marginal with one state is the sum of the log emissions', () => {
    const source = `
      parameters { real mu; }
      model {
        matrix[1, 3] lo = [[normal_lpdf(1 | mu, 1), normal_lpdf(2 | mu, 1), normal_lpdf(0.5 | mu, 1)]];
        target += hmm_marginal(lo, [[1]], [1]');
      }`;
    const plain = 'parameters { real mu; } model { target += normal_lpdf({1, 2, 0.5} | mu, 1); }';
    expect(lp(source, [0.3])).toBeCloseTo(lp(plain, [0.3]), 12);
  });

  test('a wishart prior on a covariance parameter compiles and is finite', () => {
    const source = `
      parameters { cov_matrix[2] S; }
      model { S ~ wishart(4, [[1, 0], [0, 1]]); }`;
    expect(Number.isFinite(lp(source, [0.1, -0.2, 0.3]))).toBe(true);
  });
});
