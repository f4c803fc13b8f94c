/**
 * A generated corpus of loop programs (fast-check): random bodies built
 * from data indexing, group intercepts, locals, conditions on data, nested
 * loops, break and continue on data, ~ and target += give the same log density and gradient
 * vectorised and unrolled (to 1e-12), and their graphs do not grow with N.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileSync, lowerSource } from '../../src/compile/compile.js';
import type { ModelData } from '../../src/model/types.js';
import { points } from './helpers.js';

const HEADER = `
data { int N; int G; vector[N] x; vector[N] y; array[N] int<lower=1, upper=G> g; array[N] int<lower=0, upper=1> b; }
parameters { real alpha; vector[2] beta; vector[G] a; real<lower=0> sigma; }
`;

function data(N: number): ModelData {
  return {
    N,
    G: 3,
    x: Array.from({ length: N }, (_, i) => Math.sin(0.9 * i + 0.3)),
    y: Array.from({ length: N }, (_, i) => Math.cos(1.7 * i)),
    g: Array.from({ length: N }, (_, i) => 1 + ((i * 7) % 3)),
    b: Array.from({ length: N }, (_, i) => ((i * 5) % 3 === 0 ? 1 : 0)),
  };
}

/** Per-iteration real expressions (n is the loop variable, t a local when in scope). */
function expr(withLocal: boolean): fc.Arbitrary<string> {
  const leaves = [
    'alpha',
    'beta[1]',
    'beta[2]',
    'x[n]',
    'y[n]',
    'a[g[n]]',
    '0.5',
    'n * 0.01',
    ...(withLocal ? ['t'] : []),
  ];
  return fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...leaves),
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([l, op, r]) => `(${l} ${op} ${r})`),
      fc.tuple(fc.constantFrom('inv_logit', 'log1p_exp', 'square', 'tanh'), tie('e')).map(([f, x]) => `${f}(${x})`),
      fc.tuple(tie('e'), tie('e')).map(([l, r]) => `(b[n] == 1 ? ${l} : ${r})`),
    ),
  })).e;
}

const statement = fc.oneof(
  expr(true).map((e) => `y[n] ~ normal(${e}, sigma);`),
  expr(true).map((e) => `target += normal_lpdf(y[n] | ${e}, sigma);`),
  expr(true).map((e) => `b[n] ~ bernoulli_logit(${e});`),
  expr(true).map((e) => `if (x[n] > 0) target += -0.5 * square(${e});`),
  expr(true).map((e) => `for (k in 1:2) target += normal_lpdf(beta[k] | ${e}, 1);`),
  fc.constantFrom('if (x[n] > 0.8) continue;', 'if (b[n] == 1 && y[n] < -0.9) break;'),
  expr(true).map((e) => `for (k in 1:2) { if (k > g[n]) break; target += normal_lpdf(beta[k] | ${e}, 1); }`),
  expr(true).map((e) => `if (g[n] == 2) { target += -square(${e}); continue; }`),
);

const body = fc
  .tuple(expr(false), fc.array(statement, { minLength: 1, maxLength: 3 }))
  .map(([local, stmts]) => `for (n in 1:N) {\n  real t = ${local};\n  ${stmts.join('\n  ')}\n}`);

function model(loop: string): string {
  return `${HEADER}model {\n alpha ~ normal(0, 1); beta ~ normal(0, 1); a ~ normal(0, 1); sigma ~ lognormal(0, 0.5);\n ${loop}\n}\n`;
}

describe('random loop programs', () => {
  test('vectorised == unrolled to 1e-12, and graph size independent of N', () => {
    const d = data(24);
    fc.assert(
      fc.property(body, (loop) => {
        const source = model(loop);
        const lowered = lowerSource(source, { data: d });
        expect(lowered.loops.every((l) => l.vectorised)).toBe(true);
        const x = points(lowered.dim * 2, 13, 0.7);
        const v = compileSync(source, { data: d, backend: 'f64' }).logDensityAndGradient(x, 2);
        const lp = Float64Array.from(v.logDensity);
        const grad = Float64Array.from(v.gradient);
        const u = compileSync(source, { data: d, backend: 'f64', vectorise: false }).logDensityAndGradient(x, 2);
        for (let i = 0; i < 2; i++)
          expect(Math.abs(lp[i]! - u.logDensity[i]!) / Math.max(1, Math.abs(lp[i]!))).toBeLessThan(1e-12);
        for (let i = 0; i < grad.length; i++)
          expect(Math.abs(grad[i]! - u.gradient[i]!) / Math.max(1, Math.abs(grad[i]!))).toBeLessThan(1e-12);
        expect(lowerSource(source, { data: data(60) }).graph.nodes.length).toBe(lowered.graph.nodes.length);
      }),
      { numRuns: 25, seed: 20261203 },
    );
  });
});
