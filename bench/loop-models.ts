/**
 * The loop bench's models: each written with a loop over the data and
 * with whole-vector statements, and data of any size generated from a
 * fixed seed (no files, so N = 1e6 costs no disk).
 */
import type { ModelData } from '../src/model/types.js';

export interface LoopModel {
  name: string;
  loop: string;
  vector: string;
  data(n: number): ModelData;
}

function uniforms(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

function normals(seed: number): () => number {
  const u = uniforms(seed);
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

const LINEAR_DATA = 'data { int N; int K; matrix[N, K] x; vector[N] y; }';
const LINEAR_PARAMS = 'parameters { real alpha; vector[K] beta; real<lower=0> sigma; }';
const LINEAR_PRIORS = 'alpha ~ normal(0, 5); beta ~ normal(0, 5); sigma ~ normal(0, 5);';

const LOGISTIC_DATA =
  'data { int N; int K; int G; matrix[N, K] x; array[N] int<lower=1, upper=G> g; array[N] int<lower=0, upper=1> y; }';
const LOGISTIC_PARAMS = 'parameters { vector[G] a; vector[K] beta; real<lower=0> tau; }';
const LOGISTIC_PRIORS = 'a ~ normal(0, tau); beta ~ normal(0, 2); tau ~ normal(0, 1);';

const AR_DATA = 'data { int N; vector[N] y; }';
const AR_PARAMS = 'parameters { real alpha; real<lower=-1, upper=1> rho; real<lower=0> sigma; }';
const AR_PRIORS = 'alpha ~ normal(0, 2); sigma ~ normal(0, 2);';

export const LOOP_MODELS: LoopModel[] = [
  {
    name: 'linear regression',
    loop: `${LINEAR_DATA} ${LINEAR_PARAMS} model { ${LINEAR_PRIORS} for (n in 1:N) y[n] ~ normal(alpha + x[n] * beta, sigma); }`,
    vector: `${LINEAR_DATA} ${LINEAR_PARAMS} model { ${LINEAR_PRIORS} y ~ normal(alpha + x * beta, sigma); }`,
    data(N) {
      const z = normals(1);
      const K = 3;
      const x = Array.from({ length: N }, () => Array.from({ length: K }, z));
      const y = x.map((r) => 1 + r[0]! - 0.5 * r[1]! + 0.25 * r[2]! + 0.7 * z());
      return { N, K, x, y };
    },
  },
  {
    name: 'logistic, a[g[n]]',
    loop: `${LOGISTIC_DATA} ${LOGISTIC_PARAMS} model { ${LOGISTIC_PRIORS} for (n in 1:N) y[n] ~ bernoulli_logit(a[g[n]] + x[n] * beta); }`,
    vector: `${LOGISTIC_DATA} ${LOGISTIC_PARAMS} model { ${LOGISTIC_PRIORS} y ~ bernoulli_logit(a[g] + x * beta); }`,
    data(N) {
      const z = normals(2);
      const u = uniforms(3);
      const K = 3;
      const G = 50;
      const effects = Array.from({ length: G }, () => 0.5 * z());
      const x = Array.from({ length: N }, () => Array.from({ length: K }, z));
      const g = Array.from({ length: N }, () => 1 + Math.floor(u() * G));
      const y = x.map((r, n) => (u() < 1 / (1 + Math.exp(-(effects[g[n]! - 1]! + r[0]! - r[1]!))) ? 1 : 0));
      return { N, K, G, x, g, y };
    },
  },
  {
    name: 'AR(1)',
    loop: `${AR_DATA} ${AR_PARAMS} model { ${AR_PRIORS} for (t in 2:N) y[t] ~ normal(alpha + rho * y[t - 1], sigma); }`,
    vector: `${AR_DATA} ${AR_PARAMS} model { ${AR_PRIORS} y[2:N] ~ normal(alpha + rho * y[1:(N - 1)], sigma); }`,
    data(N) {
      const z = normals(4);
      const y = new Array<number>(N);
      y[0] = 0;
      for (let t = 1; t < N; t++) y[t] = 0.3 + 0.6 * y[t - 1]! + 0.5 * z();
      return { N, y };
    },
  },
];

/**
 * The loop shape of example-models' education/dina_independent: J
 * respondents × C latent classes × I items, a scratch vector declared
 * before the loops, 320 000 scalar iterations and 44 parameters.
 */
export const DINA = {
  name: 'dina-shaped',
  source: `
data {
  int<lower=1> J; int<lower=1> I; int<lower=1> C;
  array[J, I] int<lower=0, upper=1> y;
  matrix[I, C] xi;
}
parameters {
  simplex[C] nu;
  array[I] real<lower=0, upper=1> slip;
  array[I] real<lower=0, upper=1> guess;
}
transformed parameters {
  matrix[I, C] pi;
  for (i in 1:I) for (c in 1:C) pi[i, c] = (1 - slip[i]) ^ xi[i, c] * guess[i] ^ (1 - xi[i, c]);
}
model {
  vector[C] ps;
  slip ~ beta(5, 25);
  guess ~ beta(5, 25);
  for (j in 1:J) {
    for (c in 1:C) {
      ps[c] = log(nu[c]);
      for (i in 1:I) ps[c] += bernoulli_lpmf(y[j, i] | pi[i, c]);
    }
    target += log_sum_exp(ps);
  }
}
`,
  data(): ModelData {
    const u = uniforms(5);
    const J = 2000;
    const I = 20;
    const C = 8;
    const xi = Array.from({ length: I }, (_, i) => Array.from({ length: C }, (_, c) => (c >> (i % 3)) & 1));
    const y = Array.from({ length: J }, () => Array.from({ length: I }, () => (u() < 0.6 ? 1 : 0)));
    return { J, I, C, y, xi };
  },
};
