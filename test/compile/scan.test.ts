/**
 * Loop-carried recurrences become one scan node (src/compile/scan-loop.ts):
 * the scan gives the unrolled loop's log density and gradient to 1e-12,
 * its graph does not grow with T, tfjs agrees with f64, and loops the
 * pattern does not cover still unroll.
 */
import { describe, expect, test } from 'vitest';
import { compile, compileSync, lowerSource, lowerToGraph } from '../../src/compile/compile.js';
import { printGraph } from '../../src/ir/print.js';
import type { ModelData } from '../../src/model/types.js';
import { example, points } from './helpers.js';

const AR2 = `
data { int T; vector[T] y; }
parameters {
  real<lower=-0.6, upper=0.6> phi1;
  real<lower=-0.3, upper=0.3> phi2;
  real<lower=0> s;
  real m0;
}
transformed parameters {
  vector[T] m;
  m[1] = m0;
  m[2] = phi1 * m0;
  for (t in 3:T) m[t] = phi1 * m[t - 1] + phi2 * m[t - 2] + 0.1 * y[t - 1];
}
model {
  y ~ normal(m, s);
  m0 ~ normal(0, 1);
  s ~ lognormal(0, 1);
}
`;

const HMM = `
data { int T; int K; array[T] real y; }
parameters {
  simplex[K] rho;
  array[K] simplex[K] Gamma;
  ordered[K] mu;
  real<lower=0> sigma;
}
transformed parameters {
  matrix[T, K] la;
  for (k in 1:K) la[1, k] = log(rho[k]) + normal_lpdf(y[1] | mu[k], sigma);
  for (t in 2:T) {
    for (k in 1:K) {
      vector[K] acc;
      for (j in 1:K) acc[j] = la[t - 1, j] + log(Gamma[j, k]) + normal_lpdf(y[t] | mu[k], sigma);
      la[t, k] = log_sum_exp(acc);
    }
  }
}
model {
  mu ~ normal(0, 3);
  sigma ~ lognormal(0, 1);
  target += log_sum_exp(la[T]);
}
`;

/** The state is a model-block local and the likelihood sits in the recurrence loop. */
const AR1_MODEL_BLOCK = `
data { int T; vector[T] y; }
parameters { real<lower=-0.9, upper=0.9> phi; real<lower=0> s; real m0; }
model {
  vector[T] m;
  m[1] = m0;
  y[1] ~ normal(m[1], s);
  for (t in 2:T) {
    real drift = 0.2 * y[t - 1];
    m[t] = phi * m[t - 1] + drift;
    y[t] ~ normal(m[t], s);
    target += -0.5 * square(m[t] - m[t - 1]);
  }
  m0 ~ normal(0, 1);
  s ~ lognormal(0, 1);
}
`;

function series(T: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: T }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 4 - 2;
  });
}

const garch = example('garch');
const CASES: Array<{ name: string; source: string; data: (T: number) => ModelData }> = [
  {
    name: 'GARCH(1,1)',
    source: garch.source,
    data: (T) => ({ T, y: series(T, 3), sigma1: 1 }),
  },
  { name: 'AR(2) with a parameter-dependent state', source: AR2, data: (T) => ({ T, y: series(T, 5) }) },
  { name: 'HMM forward', source: HMM, data: (T) => ({ T, K: 3, y: series(T, 7) }) },
  {
    name: 'AR(1) state with ~ in the loop',
    source: AR1_MODEL_BLOCK,
    data: (T) => ({ T, y: series(T, 13) }),
  },
];

function scans(source: string, data: ModelData): number {
  return lowerToGraph(source, data).nodes.filter((n) => n.kind === 'scan').length;
}

describe('recurrences as scans', () => {
  for (const c of CASES) {
    test(`${c.name}: the scan equals the unrolled loop to 1e-12`, () => {
      const data = c.data(60);
      expect(scans(c.source, data)).toBe(1);
      const scan = compileSync(c.source, { data, backend: 'f64' });
      const unrolled = compileSync(c.source, { data, backend: 'f64', vectorise: false });
      const chains = 3;
      const x = points(scan.dim * chains, 11, 1);
      const a = scan.logDensityAndGradient(x, chains);
      const lp = Float64Array.from(a.logDensity);
      const grad = Float64Array.from(a.gradient);
      const b = unrolled.logDensityAndGradient(x, chains);
      for (let i = 0; i < chains; i++) {
        expect(Number.isFinite(lp[i]!)).toBe(true);
        expect(Math.abs(lp[i]! - b.logDensity[i]!) / Math.max(1, Math.abs(b.logDensity[i]!))).toBeLessThan(1e-12);
      }
      for (let i = 0; i < grad.length; i++)
        expect(Math.abs(grad[i]! - b.gradient[i]!) / Math.max(1, Math.abs(b.gradient[i]!))).toBeLessThan(1e-12);
      // the log density alone agrees with the gradient pass
      const only = scan.logDensity(x, chains);
      for (let i = 0; i < chains; i++) expect(only[i]).toBe(lp[i]);
      scan.dispose();
      unrolled.dispose();
    });

    test(`${c.name}: the graph does not grow with T`, () => {
      const small = lowerToGraph(c.source, c.data(100)).nodes.length;
      const large = lowerToGraph(c.source, c.data(10_000)).nodes.length;
      expect(large).toBe(small);
    });

    test(`${c.name}: tfjs agrees with f64`, async () => {
      const data = c.data(25);
      const f64 = await compile(c.source, { data, backend: 'f64' });
      const tfjs = await compile(c.source, { data, backend: 'tfjs' });
      try {
        const x = points(f64.dim * 2, 23, 0.8);
        const a = f64.logDensityAndGradient(x, 2);
        const b = tfjs.logDensityAndGradient(x, 2);
        for (let i = 0; i < 2; i++)
          expect(Math.abs(b.logDensity[i]! - a.logDensity[i]!)).toBeLessThan(
            1e-4 * Math.max(1, Math.abs(a.logDensity[i]!)),
          );
        for (let i = 0; i < a.gradient.length; i++)
          expect(Math.abs(b.gradient[i]! - a.gradient[i]!)).toBeLessThan(2e-3 * Math.max(1, Math.abs(a.gradient[i]!)));
      } finally {
        f64.dispose();
        tfjs.dispose();
      }
    });
  }

  test('the IR listing shows the scan and its body, the loop report says scan', () => {
    const lowered = lowerSource(garch.source, { data: garch.data });
    const text = printGraph(lowered.graph);
    expect(text).toMatch(/scan \d+ steps, carry %\d+/);
    expect(text).toContain('unary sqrt');
    expect(lowered.loops.some((l) => l.scan)).toBe(true);
  });

  test('a recurrence on data only folds to constants, as the unrolled loop does', () => {
    const source = `
data { int T; vector[T] y; }
parameters { real mu; }
transformed parameters {
  vector[T] m;
  m[1] = 0;
  for (t in 2:T) m[t] = 0.5 * m[t - 1] + y[t];
}
model { y ~ normal(mu + m, 1); }
`;
    const data = { T: 40, y: series(40, 4) };
    const graph = lowerToGraph(source, data);
    expect(graph.nodes.some((n) => n.kind === 'scan')).toBe(false);
    const a = compileSync(source, { data, backend: 'f64' });
    const b = compileSync(source, { data, backend: 'f64', vectorise: false });
    const x = points(2, 5, 1);
    const ga = a.logDensityAndGradient(x, 2);
    const lp = Array.from(ga.logDensity);
    const gb = b.logDensityAndGradient(x, 2);
    for (let i = 0; i < 2; i++) expect(Math.abs(lp[i]! - gb.logDensity[i]!)).toBeLessThan(1e-12 * Math.abs(lp[i]!));
    // and the loop report says it was a scan
    expect(lowerSource(source, { data }).loops.some((l) => l.scan)).toBe(true);
  });

  test('a term that reads the state before this step writes it keeps the loop whole (unrolled)', () => {
    const source = `
data { int T; vector[T] y; }
parameters { real<lower=-0.9, upper=0.9> phi; real<lower=0> s; }
model {
  vector[T] m = rep_vector(0, T);
  for (t in 2:T) {
    real old = m[t];
    m[t] = phi * m[t - 1] + y[t - 1];
    y[t] ~ normal(m[t] + old, s);
  }
}
`;
    const data = { T: 30, y: series(30, 9) };
    expect(scans(source, data)).toBe(0);
    const a = compileSync(source, { data, backend: 'f64' });
    const b = compileSync(source, { data, backend: 'f64', vectorise: false });
    const x = points(4, 3, 1);
    expect(Array.from(a.logDensity(x, 2))).toEqual(Array.from(b.logDensity(x, 2)));
  });

  test('a recurrence the pattern does not cover still unrolls, with the same result', () => {
    // the carried variable is read whole inside the loop: not a scan
    const source = `
data { int T; vector[T] y; }
parameters { real<lower=0, upper=0.5> phi; }
transformed parameters {
  vector[T] m = rep_vector(0, T);
  for (t in 2:T) m[t] = phi * m[t - 1] + 0.01 * sum(m) + y[t];
}
model { y ~ normal(m, 1); }
`;
    const data = { T: 30, y: series(30, 9) };
    expect(scans(source, data)).toBe(0);
    const a = compileSync(source, { data, backend: 'f64' });
    const b = compileSync(source, { data, backend: 'f64', vectorise: false });
    const x = points(2, 3, 1);
    expect(a.logDensity(x, 2)[1]).toBe(b.logDensity(x, 2)[1]);
  });
});
