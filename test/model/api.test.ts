/**
 * The BridgeStan-shaped model API against closed forms: the jacobian and
 * propto flags (propto + Jacobian is Stan's lp__), unconstrain from Stan
 * JSON values and back, and the finite-difference Hessian.
 */
import { describe, expect, test } from 'vitest';
import { compileSync } from '../../src/compile/compile.js';
import { createRng } from '../../src/random/index.js';

const LOG_2PI = Math.log(2 * Math.PI);
const normalLpdf = (y: number, mu: number, s: number) => -0.5 * ((y - mu) / s) ** 2 - Math.log(s) - 0.5 * LOG_2PI;

const normalModel = `
data { int N; vector[N] y; }
parameters { real mu; real<lower=0> sigma; }
model {
  mu ~ normal(0, 10);
  sigma ~ exponential(2);
  y ~ normal(mu, sigma);
}`;
const y = [0.3, -1.2, 2.5, 0.7];

describe('jacobian and propto flags', () => {
  const model = compileSync(normalModel, { data: { N: 4, y } });
  const x = Float64Array.of(0.4, Math.log(1.7));
  const [mu, sigma] = [0.4, 1.7];
  const likelihood = y.reduce((s, yi) => s + normalLpdf(yi, mu, sigma), 0);
  const full = normalLpdf(mu, 0, 10) + Math.log(2) - 2 * sigma + likelihood;

  test('full density with and without the Jacobian', () => {
    expect(model.logDensity(x, 1)[0]).toBeCloseTo(full + Math.log(sigma), 12);
    expect(model.logDensity(x, 1, { jacobian: false })[0]).toBeCloseTo(full, 12);
  });

  test("propto with the Jacobian is Stan's lp__ (constants of ~ dropped)", () => {
    // Stan keeps what depends on a parameter: -(mu/10)^2/2, -2 sigma,
    // -N log sigma - sum((y-mu)/sigma)^2/2; drops log 10, log 2 and the 2π terms.
    const quad = y.reduce((s, yi) => s + ((yi - mu) / sigma) ** 2, 0);
    const lp = -0.5 * (mu / 10) ** 2 - 2 * sigma - 4 * Math.log(sigma) - 0.5 * quad + Math.log(sigma);
    expect(model.logDensity(x, 1, { propto: true })[0]).toBeCloseTo(lp, 12);
    expect(model.logDensity(x, 1, { propto: true, jacobian: false })[0]).toBeCloseTo(lp - Math.log(sigma), 12);
  });

  test('gradients follow the flags', () => {
    const h = 1e-6;
    for (const options of [{}, { jacobian: false }, { propto: true }, { propto: true, jacobian: false }]) {
      const { logDensity, gradient } = model.logDensityAndGradient(x, 1, options);
      expect(logDensity[0]).toBeCloseTo(model.logDensity(x, 1, options)[0]!, 12);
      for (let i = 0; i < 2; i++) {
        const up = Float64Array.from(x);
        const down = Float64Array.from(x);
        up[i]! += h;
        down[i]! -= h;
        const numeric = (model.logDensity(up, 1, options)[0]! - model.logDensity(down, 1, options)[0]!) / (2 * h);
        expect(gradient[i]).toBeCloseTo(numeric, 5);
      }
    }
  });

  test('batched chains get the same adjustment', () => {
    const two = Float64Array.of(...x, ...x);
    const lp = model.logDensity(two, 2, { propto: true, jacobian: false });
    expect(lp[0]).toBeCloseTo(lp[1]!, 14);
  });

  test('data-valued sigma drops its log as Stan does', () => {
    const m = compileSync('data { real s; } parameters { real mu; } model { 1.5 ~ normal(mu, s); }', {
      data: { s: 3 },
    });
    const at = Float64Array.of(0.2);
    expect(m.logDensity(at, 1)[0]).toBeCloseTo(normalLpdf(1.5, 0.2, 3), 12);
    expect(m.logDensity(at, 1, { propto: true })[0]).toBeCloseTo(-0.5 * ((1.5 - 0.2) / 3) ** 2, 12);
  });
});

describe('unconstrain and constrainJson', () => {
  const source = `
parameters {
  real a;
  real<lower=a> b;
  real<lower=0, upper=1> p;
  simplex[3] s;
  array[2] vector<lower=-1>[2] v;
  cov_matrix[2] S;
}
model { }`;
  const model = compileSync(source);
  const values = {
    a: -0.5,
    b: 1.25,
    p: 0.3,
    s: [0.2, 0.5, 0.3],
    v: [
      [0, 2],
      [-0.5, 4],
    ],
    S: [
      [2, 0.3],
      [0.3, 1],
    ],
  };

  test('round trip through the unconstrained space', () => {
    const x = model.unconstrain(values);
    expect(x.length).toBe(model.dim);
    const back = model.constrainJson(x);
    expect(back.a).toBeCloseTo(-0.5, 12);
    expect(back.b).toBeCloseTo(1.25, 12);
    expect(back.p).toBeCloseTo(0.3, 12);
    (back.s as number[]).forEach((v, i) => expect(v).toBeCloseTo(values.s[i]!, 12));
    (back.v as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(values.v[i]![j]!, 12)));
    (back.S as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(values.S[i]![j]!, 12)));
  });

  test('the bound of b uses the given a', () => {
    const x = model.unconstrain(values);
    expect(x[1]).toBeCloseTo(Math.log(1.25 + 0.5), 12);
  });

  test('missing values, wrong shapes and broken constraints are user errors', () => {
    const { S: _S, ...noS } = values;
    expect(() => model.unconstrain(noS)).toThrow("initial values has no value for 'S'");
    expect(() => model.unconstrain({ ...values, s: [0.5, 0.5] })).toThrow("'s' should be an array of 3");
    expect(() => model.unconstrain({ ...values, p: 1.5 })).toThrow("'p' violates its declared constraint");
    expect(() => model.unconstrain({ ...values, b: -1 })).toThrow("'b' violates its declared constraint");
  });

  test('with an rng, transformed parameters and generated quantities too', () => {
    const m = compileSync(`parameters { real<lower=0> t; } transformed parameters { real t2 = 2 * t; }
      model { t ~ exponential(1); } generated quantities { real z = normal_rng(0, 1); }`);
    const out = m.constrainJson(m.unconstrain({ t: 1.5 }), createRng(1));
    expect(out.t).toBeCloseTo(1.5, 12);
    expect(out.t2).toBeCloseTo(3, 12);
    expect(typeof out.z).toBe('number');
  });
});

describe('Hessian', () => {
  test('a correlated quadratic: exact up to finite-difference error', () => {
    const m = compileSync(
      'parameters { vector[2] x; } model { target += -0.5 * (x[1]^2 + x[1] * x[2] + 3 * x[2]^2); }',
    );
    const { logDensity, gradient, hessian } = m.logDensityHessian(Float64Array.of(0.5, -1));
    expect(logDensity).toBeCloseTo(-0.5 * (0.25 - 0.5 + 3), 12);
    expect(Array.from(gradient)).toEqual([expect.closeTo(-(0.5 - 0.5), 10), expect.closeTo(-(0.25 - 3), 10)]);
    const expected = [-1, -0.5, -0.5, -3];
    hessian.forEach((h, i) => expect(h).toBeCloseTo(expected[i]!, 6));
  });

  test('jacobian: false on a positive parameter: Hessian of -exp(2u)/2', () => {
    // log density of s ~ normal(0,1) on s = exp(u) without Jacobian: -exp(2u)/2; second derivative -2 exp(2u).
    const m = compileSync('parameters { real<lower=0> s; } model { s ~ normal(0, 1); }');
    const u = 0.3;
    const { hessian } = m.logDensityHessian(Float64Array.of(u), { jacobian: false });
    expect(hessian[0]).toBeCloseTo(-2 * Math.exp(2 * u), 6);
  });
});
