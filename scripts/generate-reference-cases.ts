/**
 * Writes stdlib/distributions/reference-cases.ts: reference log densities
 * for every distribution of the stdlib table, computed independently of our
 * IR code, from @stdlib/stats-base-dists (a dev dependency) where it has
 * the distribution, else from closed forms written here with @stdlib's
 * gammaln/betaln. Parameters outside their support get -Infinity (our
 * convention; Stan raises an error).
 *
 * Run:  npx tsc scripts/generate-reference-cases.ts --outDir out/gen --module nodenext \
 *         --moduleResolution nodenext --target es2022 --types node --skipLibCheck \
 *       && node out/gen/generate-reference-cases.js
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const d: any = require('@stdlib/stats-base-dists');
const gammaln: (x: number) => number = require('@stdlib/math-base-special-gammaln');
const betaln: (a: number, b: number) => number = require('@stdlib/math-base-special-betaln');
const binomcoefln: (n: number, k: number) => number = require('@stdlib/math-base-special-binomcoefln');
const erfc: (x: number) => number = require('@stdlib/math-base-special-erfc');

type Arg = number | number[] | number[][];
interface Case {
  args: Arg[];
  logDensity: number;
  source: string;
}

const invLogit = (x: number): number => 1 / (1 + Math.exp(-x));

/** Elementwise references (variate first), summed over broadcast elements. */
const univariate: Record<string, { source: string; f: (...a: number[]) => number; cases: Arg[][] }> = {
  normal: {
    source: '@stdlib/stats-base-dists normal.logpdf',
    f: (y, mu, s) => d.normal.logpdf(y, mu, s),
    cases: [
      [0.3, -1.2, 2.5],
      [[-1, 0, 2.5], 0.5, 1.5],
      [
        [1, 2, 3],
        [0, 1, 2],
        [0.5, 1, 2],
      ],
      [40, 0, 1],
      [1e-3, 0, 1e-3],
    ],
  },
  std_normal: {
    source: '@stdlib/stats-base-dists normal.logpdf(y, 0, 1)',
    f: (y) => d.normal.logpdf(y, 0, 1),
    cases: [[0.7], [[-3, 0, 1, 10]]],
  },
  student_t: {
    source: '@stdlib/stats-base-dists t.logpdf((y - mu)/sigma, nu) - log(sigma)',
    f: (y, nu, mu, s) => d.t.logpdf((y - mu) / s, nu) - Math.log(s),
    cases: [
      [1.3, 3, 0.5, 2],
      [[-2, 0, 5], 4.5, 1, 0.7],
      [2, [1, 10, 1000], 0, 1],
    ],
  },
  cauchy: {
    source: '@stdlib/stats-base-dists cauchy.logpdf',
    f: (y, mu, s) => d.cauchy.logpdf(y, mu, s),
    cases: [
      [0.4, -1, 2],
      [[-100, 0, 3], 1, [0.5, 1, 2]],
    ],
  },
  double_exponential: {
    source: '@stdlib/stats-base-dists laplace.logpdf',
    f: (y, mu, s) => d.laplace.logpdf(y, mu, s),
    cases: [
      [0.4, -1, 2],
      [[-3, 0, 3], 0.5, 1.5],
    ],
  },
  logistic: {
    source: '@stdlib/stats-base-dists logistic.logpdf',
    f: (y, mu, s) => d.logistic.logpdf(y, mu, s),
    cases: [
      [0.4, -1, 2],
      [[-30, 0, 30], 0.5, 1.5],
    ],
  },
  lognormal: {
    source: '@stdlib/stats-base-dists lognormal.logpdf',
    f: (y, mu, s) => d.lognormal.logpdf(y, mu, s),
    cases: [
      [2.5, 0.3, 0.8],
      [[0.1, 1, 10], 0, [0.5, 1, 2]],
    ],
  },
  exponential: {
    source: '@stdlib/stats-base-dists exponential.logpdf',
    f: (y, b) => d.exponential.logpdf(y, b),
    cases: [
      [1.7, 0.6],
      [[0, 1, 5], 2],
      [
        [0.5, 0.5],
        [1, 3],
      ],
    ],
  },
  gamma: {
    source: '@stdlib/stats-base-dists gamma.logpdf (shape, rate)',
    f: (y, a, b) => d.gamma.logpdf(y, a, b),
    cases: [
      [2.2, 3, 1.5],
      [[0.1, 1, 4], 0.5, 2],
      [0, 1, 2],
      [
        [1, 2],
        [2, 7],
        [0.1, 3],
      ],
    ],
  },
  inv_gamma: {
    source: '@stdlib/stats-base-dists invgamma.logpdf (shape, scale)',
    f: (y, a, b) => d.invgamma.logpdf(y, a, b),
    cases: [
      [0.8, 3, 1.5],
      [[0.1, 1, 4], 2.5, 2],
    ],
  },
  beta: {
    source: '@stdlib/stats-base-dists beta.logpdf',
    f: (y, a, b) => d.beta.logpdf(y, a, b),
    cases: [
      [0.3, 2, 5],
      [[0.01, 0.5, 0.99], 0.5, 0.5],
      [1, 1, 1],
      [0, 1, 3],
    ],
  },
  uniform: {
    source: '@stdlib/stats-base-dists uniform.logpdf',
    f: (y, a, b) => d.uniform.logpdf(y, a, b),
    cases: [
      [0.3, -1, 2],
      [[0, 1, 2], 0, 4],
      [5, 0, 1],
    ],
  },
  chi_square: {
    source: '@stdlib/stats-base-dists chisquare.logpdf',
    f: (y, nu) => d.chisquare.logpdf(y, nu),
    cases: [
      [2.5, 3],
      [[0.5, 1, 7], 4.5],
    ],
  },
  inv_chi_square: {
    source: '@stdlib/stats-base-dists invgamma.logpdf(y, nu/2, 1/2)',
    f: (y, nu) => d.invgamma.logpdf(y, nu / 2, 0.5),
    cases: [
      [0.4, 3],
      [[0.1, 1, 7], 4.5],
    ],
  },
  weibull: {
    source: '@stdlib/stats-base-dists weibull.logpdf (shape, scale)',
    f: (y, a, s) => d.weibull.logpdf(y, a, s),
    cases: [
      [1.3, 2, 1.5],
      [[0.1, 1, 4], 0.7, 2],
      [
        [0.5, 2],
        [1, 3],
        [2, 0.5],
      ],
    ],
  },
  gumbel: {
    source: '@stdlib/stats-base-dists gumbel.logpdf',
    f: (y, mu, b) => d.gumbel.logpdf(y, mu, b),
    cases: [
      [1.3, 0.5, 2],
      [[-2, 0, 5], 1, 0.7],
    ],
  },
  pareto: {
    source: '@stdlib/stats-base-dists pareto1.logpdf(y, alpha, y_min)',
    f: (y, ymin, a) => d.pareto1.logpdf(y, a, ymin),
    cases: [
      [2.5, 1, 3],
      [[1.5, 2, 10], 1.2, 0.8],
      [0.5, 1, 3],
    ],
  },
  bernoulli: {
    source: 'log of @stdlib/stats-base-dists bernoulli.pmf',
    f: (n, t) => Math.log(d.bernoulli.pmf(n, t)),
    cases: [
      [1, 0.3],
      [[0, 1, 1, 0], 0.8],
      [
        [0, 1],
        [0.2, 0.6],
      ],
      [0, 0],
      [1, 1],
    ],
  },
  bernoulli_logit: {
    source: 'log of @stdlib/stats-base-dists bernoulli.pmf(n, inv_logit(alpha))',
    f: (n, a) => Math.log(d.bernoulli.pmf(n, invLogit(a))),
    cases: [
      [1, 0.3],
      [
        [0, 1, 1, 0],
        [-2, -0.5, 1, 3],
      ],
    ],
  },
  binomial: {
    source: '@stdlib/stats-base-dists binomial.logpmf',
    f: (n, N, t) => d.binomial.logpmf(n, N, t),
    cases: [
      [3, 10, 0.4],
      [[0, 5, 20], 20, 0.25],
      [
        [2, 7],
        [5, 9],
        [0.1, 0.9],
      ],
      [5, 5, 1],
      [0, 4, 0],
    ],
  },
  binomial_logit: {
    source: '@stdlib/stats-base-dists binomial.logpmf(n, N, inv_logit(alpha))',
    f: (n, N, a) => d.binomial.logpmf(n, N, invLogit(a)),
    cases: [
      [3, 10, -0.4],
      [[0, 5, 20], 20, [0.25, -1, 2]],
    ],
  },
  beta_binomial: {
    source: 'closed form lchoose(N, n) + lbeta(n + a, N - n + b) - lbeta(a, b) with @stdlib binomcoefln, betaln',
    f: (n, N, a, b) => binomcoefln(N, n) + betaln(n + a, N - n + b) - betaln(a, b),
    cases: [
      [3, 10, 2, 3],
      [[0, 5, 9], 9, 0.5, [1, 2, 3]],
    ],
  },
  poisson: {
    source: '@stdlib/stats-base-dists poisson.logpmf',
    f: (n, l) => d.poisson.logpmf(n, l),
    cases: [
      [3, 2.5],
      [[0, 1, 10, 50], 7.5],
      [0, 0],
      [
        [2, 4],
        [0.5, 30],
      ],
    ],
  },
  poisson_log: {
    source: '@stdlib/stats-base-dists poisson.logpmf(n, exp(alpha))',
    f: (n, a) => d.poisson.logpmf(n, Math.exp(a)),
    cases: [
      [3, 0.9],
      [
        [0, 1, 10, 50],
        [-1, 0, 2, 4],
      ],
    ],
  },
  neg_binomial_2: {
    source: '@stdlib/stats-base-dists negativeBinomial.logpmf(n, phi, phi/(mu + phi))',
    f: (n, mu, phi) => d.negativeBinomial.logpmf(n, phi, phi / (mu + phi)),
    cases: [
      [3, 2.5, 4],
      [[0, 1, 10, 50], 7.5, 0.7],
      [
        [2, 4],
        [0.5, 30],
        [100, 2],
      ],
      [3, 2.5, 1e4],
    ],
  },
  neg_binomial_2_log: {
    source: '@stdlib/stats-base-dists negativeBinomial.logpmf(n, phi, phi/(exp(eta) + phi))',
    f: (n, eta, phi) => d.negativeBinomial.logpmf(n, phi, phi / (Math.exp(eta) + phi)),
    cases: [
      [3, 0.9, 4],
      [[0, 1, 10, 50], [-1, 0, 2, 4], 1.5],
      [3, 0.9, 1e4],
    ],
  },
  rayleigh: {
    source: '@stdlib/stats-base-dists rayleigh.logpdf',
    f: (y, s) => d.rayleigh.logpdf(y, s),
    cases: [
      [1.3, 0.8],
      [[0.1, 1, 4], 2],
    ],
  },
  frechet: {
    source: '@stdlib/stats-base-dists frechet.logpdf(y, alpha, sigma, 0)',
    f: (y, a, s) => d.frechet.logpdf(y, a, s, 0),
    cases: [
      [1.3, 2, 0.8],
      [[0.5, 1, 4], 1.5, [0.5, 1, 2]],
    ],
  },
  scaled_inv_chi_square: {
    source: '@stdlib/stats-base-dists invgamma.logpdf(y, nu/2, nu s²/2)',
    f: (y, nu, sc) => d.invgamma.logpdf(y, nu / 2, (nu * sc * sc) / 2),
    cases: [
      [0.7, 3, 0.9],
      [[0.2, 1, 5], 4.5, 1.2],
    ],
  },
  skew_normal: {
    source: 'closed form log 2 + @stdlib normal.logpdf(y, xi, omega) + log(normal.cdf(alpha (y - xi)/omega))',
    f: (y, xi, om, al) => Math.log(2) + d.normal.logpdf(y, xi, om) + Math.log(d.normal.cdf((al * (y - xi)) / om, 0, 1)),
    cases: [
      [0.7, 0.2, 1.5, 2],
      [[-1, 0, 2], 0.5, 1.2, [-1, 0.5, 3]],
    ],
  },
  exp_mod_normal: {
    source: "closed form (Stan's): log λ + λ(μ + λσ²/2 − y) + log erfc((μ + λσ² − y)/(σ√2)) − log 2 with @stdlib erfc",
    f: (y, mu, s, l) =>
      Math.log(l) +
      l * (mu + 0.5 * l * s * s - y) +
      Math.log(erfc((mu + l * s * s - y) / (s * Math.SQRT2))) -
      Math.log(2),
    cases: [
      [1.7, 0.5, 1.2, 0.8],
      [[-1, 0, 3], 0.2, 0.7, [0.5, 1, 2]],
    ],
  },
};

/** Positive-constrained parameter positions (1-based in args, after y) for -Infinity cases. */
const positiveParams: Record<string, number[]> = {
  normal: [2],
  student_t: [1, 3],
  cauchy: [2],
  double_exponential: [2],
  logistic: [2],
  lognormal: [2],
  exponential: [1],
  gamma: [1, 2],
  inv_gamma: [1, 2],
  beta: [1, 2],
  chi_square: [1],
  inv_chi_square: [1],
  weibull: [1, 2],
  gumbel: [2],
  pareto: [1, 2],
  rayleigh: [1],
  frechet: [1, 2],
  scaled_inv_chi_square: [1, 2],
  skew_normal: [2],
  exp_mod_normal: [2, 3],
  neg_binomial_2: [1, 2],
  neg_binomial_2_log: [2],
  beta_binomial: [2, 3],
};

function broadcastSum(f: (...a: number[]) => number, args: Arg[]): number {
  const n = Math.max(1, ...args.map((a) => (Array.isArray(a) ? a.length : 1)));
  let total = 0;
  for (let i = 0; i < n; i++) total += f(...args.map((a) => (Array.isArray(a) ? (a[i] as number) : a)));
  return total;
}

// ---------------------------------------------------------------- multivariate closed forms

/** log det and inverse of a symmetric matrix by Gauss–Jordan elimination with partial pivoting. */
function logDetAndInverse(m: number[][]): { logDet: number; inv: number[][] } {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  let logDet = 0;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pivot = a[c]![c]!;
    logDet += Math.log(Math.abs(pivot));
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= pivot;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = a[r]![c]!;
      for (let j = 0; j < 2 * n; j++) a[r]![j]! -= factor * a[c]![j]!;
    }
  }
  return { logDet, inv: a.map((row) => row.slice(n)) };
}

function multiNormalLogDensity(y: number[], mu: number[], sigma: number[][]): number {
  const { logDet, inv } = logDetAndInverse(sigma);
  const r = y.map((v, i) => v - mu[i]!);
  let q = 0;
  for (let i = 0; i < r.length; i++) for (let j = 0; j < r.length; j++) q += r[i]! * inv[i]![j]! * r[j]!;
  return -0.5 * r.length * Math.log(2 * Math.PI) - 0.5 * logDet - 0.5 * q;
}

const rows = (a: number[] | number[][]): number[][] => (Array.isArray(a[0]) ? (a as number[][]) : [a as number[]]);

function multiNormalCases(): Case[] {
  const sigma = [
    [2, 0.3, -0.4],
    [0.3, 1, 0.2],
    [-0.4, 0.2, 1.5],
  ];
  const mu = [0.5, -1, 2];
  const ys: Array<number[] | number[][]> = [
    [1, 0, 1],
    [
      [1, 0, 1],
      [0, 0, 0],
      [3, -2, 2.5],
    ],
  ];
  const out: Case[] = ys.map((y) => ({
    args: [y, mu, sigma],
    logDensity: rows(y).reduce((s, row) => s + multiNormalLogDensity(row, mu, sigma), 0),
    source: 'closed form (Gauss–Jordan inverse and determinant)',
  }));
  const mus = [
    [0, 0, 0],
    [1, 1, 1],
  ];
  out.push({
    args: [[0.2, 0.1, -0.3], mus, sigma],
    logDensity: mus.reduce((s, m) => s + multiNormalLogDensity([0.2, 0.1, -0.3], m, sigma), 0),
    source: 'closed form (Gauss–Jordan inverse and determinant)',
  });
  return out;
}

function multiNormalCholeskyCases(): Case[] {
  const l = [
    [1.4, 0, 0],
    [0.2, 0.9, 0],
    [-0.3, 0.25, 1.1],
  ];
  const sigma = l.map((ri) => l.map((rj) => ri.reduce((s, v, k) => s + v * rj[k]!, 0)));
  const mu = [0.5, -1, 2];
  const ys: Array<number[] | number[][]> = [
    [1, 0, 1],
    [
      [1, 0, 1],
      [3, -2, 2.5],
    ],
  ];
  return ys.map((y) => ({
    args: [y, mu, l],
    logDensity: rows(y).reduce((s, row) => s + multiNormalLogDensity(row, mu, sigma), 0),
    source: 'closed form with Sigma = L·Lᵀ (Gauss–Jordan inverse and determinant)',
  }));
}

function dirichletLogDensity(theta: number[], alpha: number[]): number {
  const a0 = alpha.reduce((s, a) => s + a, 0);
  return (
    gammaln(a0) -
    alpha.reduce((s, a) => s + gammaln(a), 0) +
    theta.reduce((s, t, i) => s + (alpha[i]! - 1) * Math.log(t), 0)
  );
}

function dirichletCases(): Case[] {
  const src = 'closed form with @stdlib gammaln';
  const cases: Array<[number[] | number[][], number[] | number[][]]> = [
    [
      [0.2, 0.3, 0.5],
      [1, 2, 3],
    ],
    [
      [0.1, 0.85, 0.05],
      [0.5, 0.5, 0.5],
    ],
    [
      [
        [0.2, 0.3, 0.5],
        [0.6, 0.2, 0.2],
      ],
      [2, 2, 4],
    ],
    [
      [
        [0.2, 0.3, 0.5],
        [0.6, 0.2, 0.2],
      ],
      [
        [1, 1, 1],
        [3, 0.5, 2],
      ],
    ],
  ];
  return cases.map(([theta, alpha]) => {
    const ts = rows(theta);
    const as = rows(alpha);
    return {
      args: [theta, alpha],
      logDensity: ts.reduce((s, t, i) => s + dirichletLogDensity(t, as[Math.min(i, as.length - 1)]!), 0),
      source: src,
    };
  });
}

function categoricalCases(): Record<string, Case[]> {
  const theta = [0.1, 0.6, 0.3];
  const beta = [0.5, -1, 2, 0];
  const lse = Math.log(beta.reduce((s, b) => s + Math.exp(b), 0));
  const outcomes: Array<number | number[]> = [2, [1, 3, 3, 2]];
  return {
    categorical: outcomes.map((y) => ({
      args: [y, theta],
      logDensity: (Array.isArray(y) ? y : [y]).reduce((s, k) => s + Math.log(theta[k - 1]!), 0),
      source: 'closed form Σ log theta[y]',
    })),
    categorical_logit: [...outcomes, [4, 4]].map((y) => ({
      args: [y, beta],
      logDensity: (Array.isArray(y) ? y : [y]).reduce((s, k) => s + beta[k - 1]! - lse, 0),
      source: 'closed form Σ (beta[y] - log Σ exp(beta))',
    })),
  };
}

function multiStudentTLogDensity(y: number[], nu: number, mu: number[], sigma: number[][]): number {
  const { logDet, inv } = logDetAndInverse(sigma);
  const r = y.map((v, i) => v - mu[i]!);
  const n = r.length;
  let q = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q += r[i]! * inv[i]![j]! * r[j]!;
  return (
    gammaln((nu + n) / 2) -
    gammaln(nu / 2) -
    (n / 2) * Math.log(nu * Math.PI) -
    0.5 * logDet -
    ((nu + n) / 2) * Math.log1p(q / nu)
  );
}

function multiStudentTCases(): Case[] {
  const sigma = [
    [2, 0.3, -0.4],
    [0.3, 1, 0.2],
    [-0.4, 0.2, 1.5],
  ];
  const mu = [0.5, -1, 2];
  const ys: Array<number[] | number[][]> = [
    [1, 0, 1],
    [
      [1, 0, 1],
      [3, -2, 2.5],
    ],
  ];
  return ys.map((y) => ({
    args: [y, 4.5, mu, sigma],
    logDensity: rows(y).reduce((s, row) => s + multiStudentTLogDensity(row, 4.5, mu, sigma), 0),
    source: 'closed form (Gauss–Jordan inverse and determinant, @stdlib gammaln)',
  }));
}

function multinomialCases(): Case[] {
  const cases: Array<[number[], number[]]> = [
    [
      [2, 0, 5],
      [0.2, 0.3, 0.5],
    ],
    [
      [1, 1, 1, 4],
      [0.1, 0.2, 0.3, 0.4],
    ],
  ];
  return cases.map(([y, theta]) => ({
    args: [y, theta],
    logDensity:
      gammaln(y.reduce((s, v) => s + v, 0) + 1) -
      y.reduce((s, v) => s + gammaln(v + 1), 0) +
      y.reduce((s, v, i) => s + (v === 0 ? 0 : v * Math.log(theta[i]!)), 0),
    source: 'closed form with @stdlib gammaln',
  }));
}

function orderedLogisticCases(): Case[] {
  const c = [-1, 0.5, 2];
  const prob = (k: number, eta: number, cuts: number[]) => {
    const F = (j: number) => (j <= 0 ? 0 : j > cuts.length ? 1 : invLogit(cuts[j - 1]! - eta));
    return F(k) - F(k - 1);
  };
  const src = 'closed form: log(inv_logit(eta - c[k-1]) - inv_logit(eta - c[k]))';
  const cutRows = [
    [-1, 0.5, 2],
    [-0.5, 0, 1],
  ];
  return [
    { args: [2, 0.3, c], logDensity: Math.log(prob(2, 0.3, c)), source: src },
    {
      args: [[1, 2, 3, 4], [0.3, -1, 1.5, 0.2], c],
      logDensity: [1, 2, 3, 4].reduce((s, k, i) => s + Math.log(prob(k, [0.3, -1, 1.5, 0.2][i]!, c)), 0),
      source: src,
    },
    {
      args: [[4, 1], 0.5, cutRows],
      logDensity: Math.log(prob(4, 0.5, cutRows[0]!)) + Math.log(prob(1, 0.5, cutRows[1]!)),
      source: src,
    },
  ];
}

/**
 * LKJ references from normalising constants derived independently of the
 * LKJ paper's general formula: for K = 2, ∫(1 − r²)^(η−1) dr = B(1/2, η);
 * for K = 3, integrating r23 first, c = B(1/2, η)·B(1/2, η + 1/2)².
 */
function lkjCases(): Record<string, Case[]> {
  const beta = (a: number, b: number) => Math.exp(betaln(a, b));
  const logC2 = (eta: number) => Math.log(beta(0.5, eta));
  const logC3 = (eta: number) => Math.log(beta(0.5, eta)) + 2 * Math.log(beta(0.5, eta + 0.5));
  const r = 0.4;
  const l2 = [
    [1, 0],
    [r, Math.sqrt(1 - r * r)],
  ];
  const omega2 = [
    [1, r],
    [r, 1],
  ];
  // a 3×3 correlation Cholesky factor
  const l3 = [
    [1, 0, 0],
    [0.3, Math.sqrt(1 - 0.09), 0],
    [-0.2, 0.5, Math.sqrt(1 - 0.04 - 0.25)],
  ];
  const omega3 = l3.map((ri) => l3.map((rj) => ri.reduce((s, v, k) => s + v * rj[k]!, 0)));
  const det3 = (l3[1]![1]! * l3[2]![2]!) ** 2;
  const src2 = 'closed form, K = 2: (eta - 1) log(1 - r²) - log B(1/2, eta)';
  const src3 = 'closed form, K = 3: normaliser B(1/2, eta) B(1/2, eta + 1/2)²';
  return {
    lkj_corr: [
      { args: [omega2, 2.5], logDensity: 1.5 * Math.log(1 - r * r) - logC2(2.5), source: src2 },
      { args: [omega3, 1], logDensity: -logC3(1), source: src3 + ' (volume π²/2 at eta = 1)' },
      { args: [omega3, 3.5], logDensity: 2.5 * Math.log(det3) - logC3(3.5), source: src3 },
    ],
    lkj_corr_cholesky: [
      // density of L = LKJ density of L Lᵀ times the Jacobian Π_{i≥2} L_ii^(K − i)
      { args: [l2, 2.5], logDensity: 1.5 * Math.log(1 - r * r) - logC2(2.5), source: src2 },
      { args: [l3, 1], logDensity: Math.log(l3[1]![1]!) - logC3(1), source: src3 + ', Jacobian Π L_ii^(K − i)' },
      {
        args: [l3, 3.5],
        logDensity: 2.5 * Math.log(det3) + Math.log(l3[1]![1]!) - logC3(3.5),
        source: src3 + ', Jacobian Π L_ii^(K − i)',
      },
    ],
  };
}

// ---------------------------------------------------------------- assemble

const all: Record<string, Case[]> = {};
for (const [name, spec] of Object.entries(univariate)) {
  const cases: Case[] = spec.cases.map((args) => ({
    args,
    logDensity: broadcastSum(spec.f, args),
    source: spec.source,
  }));
  for (const position of positiveParams[name] ?? []) {
    const args = [...spec.cases[0]!];
    args[position] = -1;
    cases.push({
      args,
      logDensity: -Infinity,
      source: 'out of support: -Infinity by convention (Stan raises an error)',
    });
  }
  all[name] = cases;
}
all.multi_normal = multiNormalCases();
all.multi_normal_cholesky = multiNormalCholeskyCases();
all.dirichlet = dirichletCases();
Object.assign(all, categoricalCases());
all.multi_student_t = multiStudentTCases();
all.multinomial = multinomialCases();
all.ordered_logistic = orderedLogisticCases();
Object.assign(all, lkjCases());

const num = (x: number): string => (Number.isFinite(x) ? String(x) : x > 0 ? 'Infinity' : x < 0 ? '-Infinity' : 'NaN');
const arg = (a: Arg): string => (Array.isArray(a) ? `[${(a as Arg[]).map(arg).join(', ')}]` : num(a));

const lines = [
  '// Generated by scripts/generate-reference-cases.ts; do not edit by hand.',
  "import type { ReferenceCase } from '../types.js';",
  '',
  'export const referenceCases: Record<string, ReferenceCase[]> = {',
];
for (const [name, cases] of Object.entries(all)) {
  lines.push(`  ${name}: [`);
  for (const c of cases) {
    lines.push(
      `    { args: [${c.args.map(arg).join(', ')}], logDensity: ${num(c.logDensity)}, source: ${JSON.stringify(c.source)} },`,
    );
  }
  lines.push('  ],');
}
lines.push('};', '');
const target = new URL('../../stdlib/distributions/reference-cases.ts', import.meta.url);
writeFileSync(target, lines.join('\n'));
console.log(`wrote ${Object.values(all).reduce((s, c) => s + c.length, 0)} cases to ${target.pathname}`);
