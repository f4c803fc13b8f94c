/**
 * Loops stay loops: a loop over data traced once for all iterations gives
 * the same log density and gradient as the unrolled loop (to 1e-12) and as
 * the hand-vectorised model, and its graph does not grow with the data.
 */
import { describe, expect, test } from 'vitest';
import { compileSync, lowerSource } from '../../src/compile/compile.js';
import type { ModelData } from '../../src/model/types.js';
import { points } from './helpers.js';
import { LangevinError } from '../../src/errors.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Regression-shaped data: N rows, K predictors, G groups. */
function regressionData(N: number, K = 3, G = 4, seed = 7): ModelData {
  const u = rng(seed);
  const x = Array.from({ length: N }, () => Array.from({ length: K }, () => u() * 2 - 1));
  return {
    N,
    K,
    G,
    x,
    x1: x.map((r) => r[0]!),
    g: Array.from({ length: N }, () => 1 + Math.floor(u() * G)),
    y: Array.from({ length: N }, () => u() * 4 - 2),
    yb: Array.from({ length: N }, () => (u() < 0.4 ? 1 : 0)),
    c: Array.from({ length: N }, () => Math.floor(u() * 5)),
    len: Array.from({ length: N }, () => 1 + Math.floor(u() * 3)),
  };
}

const PARAMS = `
parameters {
  real alpha;
  vector[K] beta;
  real<lower=0> sigma;
  vector[G] a;
}`;
const DATA = `
data {
  int N; int K; int G;
  matrix[N, K] x;
  vector[N] x1;
  array[N] int<lower=1, upper=G> g;
  vector[N] y;
  array[N] int<lower=0, upper=1> yb;
  array[N] int<lower=0> c;
  array[N] int<lower=1> len;
}`;

/** Loop bodies (model block) and, where there is one, the same model written with vectors. */
const CASES: Array<{ name: string; loop: string; vector?: string; extra?: string }> = [
  {
    name: 'linear regression',
    loop: 'for (n in 1:N) y[n] ~ normal(alpha + x[n] * beta, sigma);',
    vector: 'y ~ normal(alpha + x * beta, sigma);',
  },
  {
    name: 'logistic regression with group intercepts',
    loop: 'for (n in 1:N) yb[n] ~ bernoulli_logit(a[g[n]] + x[n] * beta);',
    vector: 'yb ~ bernoulli_logit(a[g] + x * beta);',
  },
  {
    name: 'target += and a local in the body',
    loop: `for (n in 1:N) { real mu = alpha + beta[1] * x1[n]; mu += a[g[n]]; target += normal_lpdf(y[n] | mu, sigma); }`,
    vector: 'target += normal_lpdf(y | alpha + beta[1] * x1 + a[g], sigma);',
  },
  {
    name: 'nested loops over predictors',
    loop: `for (n in 1:N) { real eta = alpha; for (k in 1:K) eta += x[n, k] * beta[k]; y[n] ~ normal(eta, sigma); }`,
    vector: 'y ~ normal(alpha + x * beta, sigma);',
  },
  {
    name: 'doubly nested independent loops',
    loop: 'for (n in 1:N) for (k in 1:K) target += normal_lpdf(x[n, k] | beta[k] + alpha, sigma);',
  },
  {
    name: 'conditional on data',
    loop: `for (n in 1:N) { if (yb[n] == 1) y[n] ~ normal(alpha, sigma); else y[n] ~ student_t(3, a[g[n]], sigma); }`,
  },
  {
    name: 'ternary and short-circuit on data',
    loop: `for (n in 1:N) target += (n > 1 && y[n - 1] > 0) ? normal_lpdf(y[n] | alpha * y[n - 1], sigma) : -square(y[n]);`,
  },
  {
    name: 'poisson counts with log link',
    loop: 'for (n in 1:N) c[n] ~ poisson_log(alpha + beta[2] * x1[n]);',
    vector: 'c ~ poisson_log(alpha + beta[2] * x1);',
  },
  {
    name: 'truncation',
    loop: 'for (n in 1:N) y[n] ~ normal(alpha, sigma) T[-3, 3];',
  },
  {
    name: 'lower truncation with per-row location',
    loop: 'for (n in 1:N) y[n] ~ normal(alpha + beta[1] * x1[n], sigma) T[-2.5, ];',
  },
  {
    name: 'mixture with log_mix and log_sum_exp',
    loop: `for (n in 1:N) target += log_mix(inv_logit(alpha), normal_lpdf(y[n] | a[1], sigma), normal_lpdf(y[n] | a[2], 2 * sigma))
              + log_sum_exp(normal_lpdf(y[n] | beta[1], 1), normal_lpdf(y[n] | beta[2], 1));`,
  },
  {
    name: 'per-iteration vector local and its reductions',
    loop: `for (n in 1:N) { vector[K] lps; for (k in 1:K) lps[k] = normal_lpdf(y[n] | beta[k], sigma); target += log_sum_exp(lps) + 0.1 * sum(lps) - max(lps); }`,
  },
  {
    name: 'ragged inner loop',
    loop: 'for (n in 1:N) for (j in 1:len[n]) target += normal_lpdf(y[n] | beta[j], sigma);',
  },
  {
    name: 'accumulator outside the loop',
    loop: 'real acc = 0; for (n in 1:N) acc += bernoulli_logit_lpmf(yb[n] | alpha + a[g[n]]); target += acc;',
    vector: 'target += bernoulli_logit_lpmf(yb | alpha + a[g]);',
  },
  {
    name: 'element assignment into a model-block vector',
    loop: 'vector[N] mu; for (n in 1:N) mu[n] = alpha + x[n] * beta; y ~ normal(mu, sigma);',
    vector: 'y ~ normal(alpha + x * beta, sigma);',
  },
  {
    name: 'break on the loop index',
    loop: 'for (n in 1:N) { if (n > 5) break; y[n] ~ normal(alpha, sigma); }',
  },
  {
    name: 'break on data after the statement it guards',
    loop: 'for (n in 1:N) { y[n] ~ normal(alpha + a[g[n]], sigma); if (c[n] == 4) break; }',
  },
  {
    name: 'continue on data',
    loop: 'for (n in 1:N) { if (yb[n] == 0) continue; y[n] ~ normal(alpha + a[g[n]], sigma); }',
    vector: `for (n in 1:N) if (yb[n] == 1) y[n] ~ normal(alpha + a[g[n]], sigma);`,
  },
  {
    name: 'break and continue in nested branches',
    loop: `for (n in 1:N) { if (yb[n] == 1) { if (c[n] > 3) { target += -square(alpha); break; } continue; }
              y[n] ~ normal(a[g[n]], sigma); }`,
  },
  {
    name: 'break in an inner loop (ragged rows)',
    loop: `for (n in 1:N) { real eta = alpha; for (k in 1:K) { if (k > len[n]) break; eta += x[n, k] * beta[k]; }
              y[n] ~ normal(eta, sigma); }`,
  },
  {
    name: 'break on a condition the same in every iteration',
    loop: 'for (n in 1:N) { y[n] ~ normal(alpha, sigma); if (N > 5) break; }',
    vector: 'y[1] ~ normal(alpha, sigma);',
  },
  {
    name: 'break in a while loop inside the body',
    loop: `for (n in 1:N) { int j = 0; real s = 0; while (j < 3) { j += 1; if (c[n] < j) break; s += beta[1] * j; } target += -square(s - y[n]); }`,
  },
  {
    name: 'continue in an inner loop',
    loop: `for (n in 1:N) for (k in 1:K) { if (x[n, k] < 0) continue; target += normal_lpdf(x[n, k] | beta[k], sigma); }`,
  },
  {
    name: 'while on data and a loop with a uniform body',
    loop: 'int m = 0; while (m < 3) { m += 1; } for (n in 1:N) target += -0.5 * square(alpha - m);',
  },
];

function model(body: string, extra = ''): string {
  return `${DATA}${PARAMS}${extra}\nmodel {\n  alpha ~ normal(0, 2); beta ~ normal(0, 1); sigma ~ lognormal(0, 1); a ~ normal(0, 1);\n  ${body}\n}\n`;
}

function evaluateAt(source: string, data: ModelData, x: Float64Array, chains: number, vectorise: boolean) {
  const m = compileSync(source, { data, backend: 'f64', vectorise });
  const r = m.logDensityAndGradient(x, chains);
  return { lp: Float64Array.from(r.logDensity), grad: Float64Array.from(r.gradient), dim: m.dim };
}

function expectClose(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(1, Math.abs(a[i]!), Math.abs(b[i]!));
    expect(Math.abs(a[i]! - b[i]!) / scale).toBeLessThan(1e-12);
  }
}

describe('vectorised loops agree with the unrolled and the vector form', () => {
  const data = regressionData(60);
  for (const c of CASES) {
    test(c.name, () => {
      const source = model(c.loop);
      const lowered = lowerSource(source, { data });
      expect(lowered.loops.length).toBeGreaterThan(0);
      for (const l of lowered.loops) expect(l.reason ?? 'vectorised').toBe('vectorised');
      const dim = lowered.dim;
      const chains = 3;
      const x = points(dim * chains, 11);
      const v = evaluateAt(source, data, x, chains, true);
      const u = evaluateAt(source, data, x, chains, false);
      expect(Number.isFinite(v.lp[0]!)).toBe(true);
      expectClose(v.lp, u.lp);
      expectClose(v.grad, u.grad);
      if (c.vector) {
        const w = evaluateAt(model(c.vector), data, x, chains, true);
        expectClose(v.lp, w.lp);
        expectClose(v.grad, w.grad);
      }
    });
  }
});

describe('graph size does not grow with N', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const source = model(c.loop);
      const size = (N: number) => lowerSource(source, { data: regressionData(N) }).graph.nodes.length;
      expect(size(200)).toBe(size(50));
    });
  }
});

describe('loops in transformed parameters and generated quantities', () => {
  const source = `${DATA}${PARAMS}
transformed parameters {
  vector[N] mu;
  for (n in 1:N) mu[n] = alpha + a[g[n]] + x[n] * beta;
}
model {
  alpha ~ normal(0, 2); beta ~ normal(0, 1); sigma ~ lognormal(0, 1); a ~ normal(0, 1);
  for (n in 1:N) y[n] ~ normal(mu[n], sigma);
}
generated quantities {
  vector[N] log_lik;
  real total = 0;
  for (n in 1:N) { log_lik[n] = normal_lpdf(y[n] | mu[n], sigma); total += log_lik[n]; }
}
`;
  const data = regressionData(40);

  test('density, gradient, constrained values and generated quantities agree', () => {
    const lowered = lowerSource(source, { data });
    expect(lowered.loops.every((l) => l.vectorised)).toBe(true);
    const x = points(lowered.dim * 2, 5);
    const v = evaluateAt(source, data, x, 2, true);
    const u = evaluateAt(source, data, x, 2, false);
    expectClose(v.lp, u.lp);
    expectClose(v.grad, u.grad);
    const gv = compileSync(source, { data, vectorise: true });
    const gu = compileSync(source, { data, vectorise: false });
    const seeded = { uniform: () => 0.5, normal: () => 0 };
    expectClose(gv.generate(x, 2, seeded), gu.generate(x, 2, seeded));
    const out = gv.generate(x, 2, seeded);
    const names = gv.outputNames;
    const total = out[names.indexOf('total')]!;
    let sum = 0;
    for (let n = 1; n <= 40; n++) sum += out[names.indexOf(`log_lik[${n}]`)]!;
    expect(Math.abs(total - sum)).toBeLessThan(1e-9);
  });
});

describe('what must not be vectorised unrolls and stays correct', () => {
  const data = regressionData(30);
  const cases: Array<[string, string]> = [
    [
      'a recurrence through a model-block vector',
      'vector[N] s; s[1] = alpha; for (n in 2:N) s[n] = 0.5 * s[n - 1] + y[n]; y ~ normal(s, sigma);',
    ],
    [
      'a running value read in the loop',
      'real acc = 0; for (n in 1:N) { acc += y[n]; target += -0.01 * square(acc - alpha); }',
    ],
    [
      'break after a recurrence',
      'vector[N] s; s[1] = alpha; for (n in 2:N) { s[n] = 0.5 * s[n - 1] + y[n]; if (c[n] == 4) break; } target += -square(s[1]);',
    ],
  ];
  for (const [name, body] of cases) {
    test(name, () => {
      const source = model(body);
      const lowered = lowerSource(source, { data });
      expect(lowered.loops.some((l) => !l.vectorised)).toBe(true);
      const x = points(lowered.dim, 3);
      const v = evaluateAt(source, data, x, 1, true);
      const u = evaluateAt(source, data, x, 1, false);
      expectClose(v.lp, u.lp);
      expectClose(v.grad, u.grad);
    });
  }
});

describe('break and continue', () => {
  test('a break on parameter values is a user error that names the line', () => {
    const source = model('for (n in 1:N) { if (alpha > 0) break; y[n] ~ normal(alpha, sigma); }');
    let error: unknown;
    try {
      lowerSource(source, { data: regressionData(10) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LangevinError);
    const d = (error as LangevinError).diagnostics[0]!;
    expect(d.message).toMatch(/^break or continue on parameter values is not supported/);
    expect(d.span?.start.line).toBe(source.split('\n').findIndex((l) => l.includes('alpha > 0')) + 1);
  });

  test('an iteration after a break is never run, even when it would fail', () => {
    // g[n] + 1 is out of range only after the first n with c[n] == 4.
    const data = regressionData(30);
    const c = data.c as number[];
    const stop = c.indexOf(4);
    expect(stop).toBeGreaterThan(0);
    data.g = (data.g as number[]).map((_, n) => (n > stop ? 4 : 1));
    const source = model('for (n in 1:N) { y[n] ~ normal(a[g[n] + 1], sigma); if (c[n] == 4) break; }');
    const x = points(lowerSource(source, { data }).dim, 2);
    expectClose(evaluateAt(source, data, x, 1, true).lp, evaluateAt(source, data, x, 1, false).lp);
  });

  test('generated quantities and transformed data: break and continue without draws', () => {
    const source = `${DATA}
transformed data {
  array[N] real w = rep_array(0.0, N);
  for (n in 1:N) { if (c[n] == 4) break; if (yb[n] == 1) continue; w[n] = y[n] + n; }
}
${PARAMS}
model { y ~ normal(alpha, sigma); }
generated quantities {
  vector[N] z = rep_vector(-1, N);
  real tw = sum(w);
  for (n in 1:N) { if (yb[n] == 0) continue; z[n] = alpha * y[n]; if (c[n] >= 3) break; }
}
`;
    const data = regressionData(30);
    const v = compileSync(source, { data, vectorise: true });
    const u = compileSync(source, { data, vectorise: false });
    const x = points(v.dim, 6);
    const seeded = { uniform: () => 0.5, normal: () => 0 };
    const a = v.generate(x, 1, seeded);
    expectClose(a, u.generate(x, 1, seeded));
    // By hand: the z loop stops after the first n with yb[n] == 1 and c[n] >= 3.
    const yb = data.yb as number[];
    const c = data.c as number[];
    const stop = yb.findIndex((b, n) => b === 1 && c[n]! >= 3);
    expect(stop).toBeGreaterThan(0);
    const z = v.outputNames.flatMap((name, i) => (name.startsWith('z[') ? [a[i]!] : []));
    expect(z.slice(stop + 1).every((zi) => zi === -1)).toBe(true);
    expect(z[stop]).not.toBe(-1);
  });

  test('generated quantities: draws after a break or continue match the unrolled loop', async () => {
    const { deriveStream } = await import('../../src/random/index.js');
    const source = `${DATA}${PARAMS}
model { y ~ normal(alpha, sigma); }
generated quantities {
  array[N] real z = rep_array(0.0, N);
  for (n in 1:N) { if (yb[n] == 0) continue; if (c[n] == 4) break; z[n] = normal_rng(alpha, sigma); }
}
`;
    const data = regressionData(30);
    const v = compileSync(source, { data, vectorise: true });
    const u = compileSync(source, { data, vectorise: false });
    const x = points(v.dim, 4);
    expect(Array.from(v.generate(x, 1, deriveStream(3, 'gq')))).toEqual(
      Array.from(u.generate(x, 1, deriveStream(3, 'gq'))),
    );
  });
});

describe('errors inside a vectorised loop', () => {
  test('an index out of range names the line', () => {
    const source = model('for (n in 1:N) y[n] ~ normal(a[g[n] + 1], sigma);');
    const data = regressionData(20);
    data.g = (data.g as number[]).map(() => 4);
    expect(() => compileSync(source, { data })).toThrow(/index 5 out of range; expecting index to be between 1 and 4/);
  });
});

describe('scratch variables declared outside the loop get a private copy per iteration', () => {
  const data = regressionData(50);
  const cases: Array<[string, string]> = [
    [
      'mixture with a model-block lps (ordered_mixture shape)',
      'vector[K] lps; for (n in 1:N) { for (k in 1:K) lps[k] = log(inv_logit(beta[k])) + normal_lpdf(y[n] | a[k], sigma); target += log_sum_exp(lps); }',
    ],
    [
      'dina shape: accumulate per class, then log_sum_exp',
      `array[G] real ps; for (n in 1:N) { for (j in 1:G) { ps[j] = a[j]; for (k in 1:K) ps[j] += bernoulli_lpmf(yb[n] | inv_logit(beta[k] + a[j])); } target += log_sum_exp(ps); }`,
    ],
    [
      'the value after the loop is the last iteration’s',
      'real last; for (n in 1:N) { last = alpha * y[n]; target += -square(last); } target += last;',
    ],
  ];
  for (const [name, body] of cases) {
    test(name, () => {
      const source = model(body);
      const lowered = lowerSource(source, { data });
      expect(lowered.loops.map((l) => l.reason ?? 'vectorised')).toEqual(lowered.loops.map(() => 'vectorised'));
      const x = points(lowered.dim * 2, 9);
      const v = evaluateAt(source, data, x, 2, true);
      const u = evaluateAt(source, data, x, 2, false);
      expectClose(v.lp, u.lp);
      expectClose(v.grad, u.grad);
      const size = (N: number) => lowerSource(source, { data: regressionData(N) }).graph.nodes.length;
      expect(size(120)).toBe(size(40));
    });
  }
});

describe('random draws in a vectorised generated-quantities loop', () => {
  const source = `${DATA}${PARAMS}
model { y ~ normal(alpha + x * beta, sigma); }
generated quantities {
  array[N] real y_rep;
  array[N] int z;
  real last;
  for (n in 1:N) {
    real mu = alpha + x[n] * beta;
    y_rep[n] = normal_rng(mu, sigma);
    last = y_rep[n];
  }
  for (n in 1:N) z[n] = bernoulli_logit_rng(a[g[n]]);
}
`;
  test('the same draws as the unrolled loop, in the same order', async () => {
    const { deriveStream } = await import('../../src/random/index.js');
    const data = regressionData(30);
    const v = compileSync(source, { data, vectorise: true });
    const u = compileSync(source, { data, vectorise: false });
    const x = points(v.dim * 2, 4);
    const a = v.generate(x, 2, deriveStream(5, 'gq'));
    const b = u.generate(x, 2, deriveStream(5, 'gq'));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(new Set(Array.from(a)).size).toBeGreaterThan(30);
  });
});
