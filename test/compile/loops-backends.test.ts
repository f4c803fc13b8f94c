/**
 * Vectorised loops on both backends and on every example model: tfjs
 * agrees with f64 on loop models (float32 accuracy), and each example
 * model gives the same log density and gradient vectorised and unrolled.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compile, compileSync } from '../../src/compile/compile.js';
import { EXAMPLES, example, points } from './helpers.js';

const LOOP_MODEL = `
data { int N; vector[N] x; array[N] int<lower=1, upper=3> g; vector[N] y; }
parameters { vector[3] a; real b; real<lower=0> s; }
transformed parameters {
  vector[N] mu;
  for (n in 1:N) mu[n] = a[g[n]] + b * x[n];
}
model {
  vector[3] lps;
  a ~ normal(0, 1); b ~ normal(0, 1); s ~ lognormal(0, 1);
  for (n in 1:N) {
    if (y[n] > 0.97) continue;
    if (n > 45) break;
    if (x[n] > 0) {
      y[n] ~ normal(mu[n], s);
    } else {
      for (k in 1:3) lps[k] = normal_lpdf(y[n] | a[k] + b * x[n], s);
      target += log_sum_exp(lps);
    }
  }
}
`;

describe('tfjs agrees with f64 on a vectorised loop model', () => {
  test('log density and gradient, 3 chains', async () => {
    const N = 50;
    const data = {
      N,
      x: Array.from({ length: N }, (_, i) => Math.sin(1.3 * i)),
      g: Array.from({ length: N }, (_, i) => 1 + (i % 3)),
      y: Array.from({ length: N }, (_, i) => Math.cos(0.7 * i)),
    };
    const f64 = await compile(LOOP_MODEL, { data, backend: 'f64' });
    const tfjs = await compile(LOOP_MODEL, { data, backend: 'tfjs' });
    try {
      const x = points(f64.dim * 3, 21, 1);
      const a = f64.logDensityAndGradient(x, 3);
      const b = tfjs.logDensityAndGradient(x, 3);
      for (let c = 0; c < 3; c++)
        expect(Math.abs(b.logDensity[c]! - a.logDensity[c]!)).toBeLessThan(
          1e-4 * Math.max(1, Math.abs(a.logDensity[c]!)),
        );
      for (let i = 0; i < a.gradient.length; i++)
        expect(Math.abs(b.gradient[i]! - a.gradient[i]!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(a.gradient[i]!)));
    } finally {
      f64.dispose();
      tfjs.dispose();
    }
  });
});

describe('every example model: vectorised and unrolled loops agree to 1e-12', () => {
  const names = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.stan'))
    .map((f) => f.replace(/\.stan$/, ''));
  for (const name of names) {
    test(name, () => {
      const { source, data } = example(name);
      const v = compileSync(source, { data, backend: 'f64', vectorise: true, print: () => {} });
      const u = compileSync(source, { data, backend: 'f64', vectorise: false, print: () => {} });
      const x = points(v.dim * 2, 17, 0.8);
      const a = v.logDensityAndGradient(x, 2);
      const lpA = Float64Array.from(a.logDensity);
      const gA = Float64Array.from(a.gradient);
      const b = u.logDensityAndGradient(x, 2);
      for (let i = 0; i < 2; i++) {
        if (Number.isFinite(b.logDensity[i]!))
          expect(Math.abs(lpA[i]! - b.logDensity[i]!) / Math.max(1, Math.abs(b.logDensity[i]!))).toBeLessThan(1e-12);
        else expect(lpA[i]).toBe(b.logDensity[i]);
      }
      for (let i = 0; i < gA.length; i++) {
        if (Number.isFinite(b.gradient[i]!))
          expect(Math.abs(gA[i]! - b.gradient[i]!) / Math.max(1, Math.abs(b.gradient[i]!))).toBeLessThan(1e-12);
      }
    });
  }
});
