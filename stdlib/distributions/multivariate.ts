/**
 * Multivariate distributions. Variates and locations are 'vectors': one
 * vector (shape [n]) or an array of them (shape [m, n]); a single vector
 * argument is shared by every row of an array argument, as in Stan.
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { DistributionEntry, Rng } from '../types.js';
import { Build, LOG_2PI, diagonalOf } from '../build.js';
import { extraReferenceCases } from './reference-cases-extra.js';
import { referenceCases } from './reference-cases.js';
import { betaVariate, choleskyLower, gammaVariate, logGammaVariate, multiNormalCholeskyVariate } from './samplers.js';

/** Number of vectors and their length for a 'vectors' value. */
function vectorsShape(name: string, v: Val): { m: number; n: number } {
  if (v.shape.length === 1) return { m: 1, n: v.shape[0]! };
  if (v.shape.length === 2) return { m: v.shape[0]!, n: v.shape[1]! };
  throw new LangevinError(`${name}: expected a vector or an array of vectors`);
}

/** Repeat a vector [n] as m rows [m, n]. */
function tileRows(ops: Ops, v: Val, m: number): Val {
  const n = v.shape[0]!;
  const idx = new Int32Array(m * n);
  for (let i = 0; i < m * n; i++) idx[i] = i % n;
  return ops.gather(v, idx, [m, n]);
}

/** Bring two 'vectors' values to a common shape ([n] or [m, n]). */
function matchVectors(ops: Ops, name: string, a: Val, b: Val): { a: Val; b: Val; m: number; n: number } {
  const sa = vectorsShape(name, a);
  const sb = vectorsShape(name, b);
  if (sa.n !== sb.n) throw new LangevinError(`${name}: vectors of sizes ${sa.n} and ${sb.n} do not match`);
  if (a.shape.length === b.shape.length) {
    if (sa.m !== sb.m) throw new LangevinError(`${name}: arrays of ${sa.m} and ${sb.m} vectors do not match`);
    return { a, b, m: sa.m, n: sa.n };
  }
  if (a.shape.length === 1) return { a: tileRows(ops, a, sb.m), b, m: sb.m, n: sa.n };
  return { a, b: tileRows(ops, b, sa.m), m: sa.m, n: sa.n };
}

/** Sum of multi-normal log densities given the lower Cholesky factor L of the covariance. */
function multiNormalFromCholesky(ops: Ops, name: string, y: Val, mu: Val, l: Val): Val {
  const b = new Build(ops);
  const { a: yy, b: mm, m, n } = matchVectors(ops, name, y, mu);
  if (l.shape.length !== 2 || l.shape[0] !== n || l.shape[1] !== n) {
    throw new LangevinError(
      `${name}: expected a ${n}x${n} covariance matrix (or factor), got shape [${l.shape.join(', ')}]`,
    );
  }
  const residual = b.sub(yy, mm);
  const z = ops.triangularSolveLower(l, residual.shape.length === 1 ? residual : ops.transpose(residual));
  const halfLogDet = b.sum(b.log(diagonalOf(ops, l)));
  return b.plus(b.mul(-0.5, b.sum(b.square(z))), b.mul(-m, halfLogDet), -0.5 * m * n * LOG_2PI);
}

export const multiNormal: DistributionEntry = {
  name: 'multi_normal',
  discrete: false,
  variate: 'vectors',
  support: 'real',
  params: [
    { name: 'mu', type: 'vectors', constraint: 'real' },
    { name: 'Sigma', type: 'matrix', constraint: 'cov' },
  ],
  logDensity: (ops, y, [mu, sigma]) => multiNormalFromCholesky(ops, 'multi_normal', y, mu!, ops.cholesky(sigma!)),
  rng: (rng, [mu, sigma], shapes) => {
    const n = shapes[1]![0]!;
    return multiNormalCholeskyVariate(rng, mu as Float64Array, choleskyLower(sigma as Float64Array, n), n);
  },
  cases: referenceCases.multi_normal ?? [],
  doc: 'Multivariate normal with mean mu and covariance Sigma (symmetric positive definite).',
};

export const multiNormalCholesky: DistributionEntry = {
  name: 'multi_normal_cholesky',
  discrete: false,
  variate: 'vectors',
  support: 'real',
  params: [
    { name: 'mu', type: 'vectors', constraint: 'real' },
    { name: 'L', type: 'matrix', constraint: 'cholesky' },
  ],
  logDensity: (ops, y, [mu, l]) => multiNormalFromCholesky(ops, 'multi_normal_cholesky', y, mu!, l!),
  rng: (rng, [mu, l], shapes) => multiNormalCholeskyVariate(rng, mu as Float64Array, l as Float64Array, shapes[1]![0]!),
  cases: referenceCases.multi_normal_cholesky ?? [],
  doc: 'Multivariate normal with mean mu and covariance L·Lᵀ, L lower triangular with positive diagonal.',
};

export const dirichlet: DistributionEntry = {
  name: 'dirichlet',
  discrete: false,
  variate: 'vectors',
  support: 'simplex',
  params: [{ name: 'alpha', type: 'vectors', constraint: 'positive' }],
  logDensity(ops, theta, [alpha]) {
    const b = new Build(ops);
    const { a: t, b: al, m, n } = matchVectors(ops, 'dirichlet', theta, alpha!);
    // Normalising term per vector: lgamma(Σα) − Σ lgamma(α); with a shared alpha
    // it is computed once and counted m times.
    let normaliser: Val;
    if (alpha!.shape.length === 1) {
      normaliser = b.mul(b.sub(b.lgamma(b.sum(alpha!)), b.sum(b.lgamma(alpha!))), m);
    } else {
      const rowSums = ops.matmul(alpha!, ops.constant(new Float64Array(n).fill(1), [n]));
      normaliser = b.sub(b.sum(b.lgamma(rowSums)), b.sum(b.lgamma(alpha!)));
    }
    const lp = b.add(normaliser, b.sum(b.b('multiply_log', b.sub(al, 1), t)));
    return b.positive(lp, alpha!);
  },
  rng(rng, [alpha]) {
    const a = alpha as Float64Array;
    const logs = Array.from(a, (x) => logGammaVariate(rng, x));
    const m = Math.max(...logs);
    const w = logs.map((l) => Math.exp(l - m));
    const total = w.reduce((s, x) => s + x, 0);
    return Float64Array.from(w, (x) => x / total);
  },
  cases: referenceCases.dirichlet ?? [],
  doc: 'Dirichlet over simplexes with concentrations alpha > 0.',
};

/** Sum of multivariate Student-t log densities given the lower Cholesky factor L of the scale. */
function multiStudentTFromCholesky(ops: Ops, name: string, y: Val, nu: Val, mu: Val, l: Val): Val {
  const b = new Build(ops);
  const { a: yy, b: mm, m, n } = matchVectors(ops, name, y, mu);
  if (l.shape.length !== 2 || l.shape[0] !== n || l.shape[1] !== n) {
    throw new LangevinError(
      `${name}: expected a ${n}x${n} scale matrix (or factor), got shape [${l.shape.join(', ')}]`,
    );
  }
  const residual = b.sub(yy, mm);
  const z = ops.triangularSolveLower(l, residual.shape.length === 1 ? residual : ops.transpose(residual));
  // squared Mahalanobis distance of each vector: column sums of z² ([n] or [n, m])
  const q =
    z.shape.length === 1 ? b.sum(b.square(z)) : ops.matmul(ops.constant(new Float64Array(n).fill(1), [n]), b.square(z));
  const half = b.mul(0.5, b.add(nu, n));
  const perVector = b.plus(
    b.lgamma(half),
    b.neg(b.lgamma(b.mul(0.5, nu))),
    b.mul(-0.5 * n, b.log(nu)),
    -0.5 * n * Math.log(Math.PI),
    b.neg(b.sum(b.log(diagonalOf(ops, l)))),
  );
  const lp = b.sub(b.mul(perVector, m), b.mul(half, b.sum(b.log1p(b.div(q, nu)))));
  return b.positive(lp, nu);
}

/** mu + sqrt(nu / chi²_nu) · L z, z standard normal. */
function multiStudentTVariate(rng: Rng, nu: number, centre: Float64Array, l: Float64Array, n: number): Float64Array {
  const scale = Math.sqrt(nu / gammaVariate(rng, nu / 2, 0.5));
  const draw = multiNormalCholeskyVariate(rng, new Float64Array(centre.length), l, n);
  return draw.map((v, i) => centre[i]! + scale * v);
}

export const multiStudentT: DistributionEntry = {
  name: 'multi_student_t',
  discrete: false,
  variate: 'vectors',
  support: 'real',
  params: [
    { name: 'nu', type: 'real', constraint: 'positive' },
    { name: 'mu', type: 'vectors', constraint: 'real' },
    { name: 'Sigma', type: 'matrix', constraint: 'cov' },
  ],
  logDensity: (ops, y, [nu, mu, sigma]) =>
    multiStudentTFromCholesky(ops, 'multi_student_t', y, nu!, mu!, ops.cholesky(sigma!)),
  rng(rng, [nu, mu, sigma], shapes) {
    const n = shapes[2]![0]!;
    return multiStudentTVariate(rng, nu as number, mu as Float64Array, choleskyLower(sigma as Float64Array, n), n);
  },
  cases: referenceCases.multi_student_t ?? [],
  doc: "Multivariate Student's t with nu > 0 degrees of freedom, location mu and scale matrix Sigma.",
};

export const multiStudentTCholesky: DistributionEntry = {
  name: 'multi_student_t_cholesky',
  discrete: false,
  variate: 'vectors',
  support: 'real',
  params: [
    { name: 'nu', type: 'real', constraint: 'positive' },
    { name: 'mu', type: 'vectors', constraint: 'real' },
    { name: 'L', type: 'matrix', constraint: 'cholesky' },
  ],
  logDensity: (ops, y, [nu, mu, l]) => multiStudentTFromCholesky(ops, 'multi_student_t_cholesky', y, nu!, mu!, l!),
  rng(rng, [nu, mu, l], shapes) {
    const n = shapes[2]![0]!;
    return multiStudentTVariate(rng, nu as number, mu as Float64Array, l as Float64Array, n);
  },
  cases: extraReferenceCases.multi_student_t_cholesky ?? [],
  doc: "Multivariate Student's t with nu > 0 degrees of freedom, location mu and the lower Cholesky factor L of the scale matrix.",
};

/**
 * log of the LKJ normalising constant (Lewandowski, Kurowicka and Joe 2009,
 * eq. 16): the density of a K×K correlation matrix Ω is det(Ω)^(η−1) / c_K(η),
 * log c_K = Σ_{k=1}^{K−1} [(2η − 2 + K − k)(K − k) log 2 + (K − k) lbeta(b_k, b_k)],
 * b_k = η + (K − k − 1)/2.
 */
function lkjLogNormaliser(b: Build, eta: Val, k: number): Val {
  let acc: Val = b.k(0);
  for (let i = 1; i < k; i++) {
    const bk = b.add(eta, (k - i - 1) / 2);
    acc = b.plus(
      acc,
      b.mul(b.mul(b.add(b.mul(2, eta), k - i - 2), k - i), Math.LN2),
      b.mul(k - i, b.b('lbeta', bk, bk)),
    );
  }
  return acc;
}

function squareSide(name: string, m: Val): number {
  if (m.shape.length !== 2 || m.shape[0] !== m.shape[1]) throw new LangevinError(`${name}: expected a square matrix`);
  return m.shape[0]!;
}

/** Draw the Cholesky factor of an LKJ(eta) correlation matrix from canonical partial correlations (C-vine). */
function lkjCholeskyVariate(rng: Rng, eta: number, k: number): Float64Array {
  const l = new Float64Array(k * k);
  const acc = new Float64Array(k).fill(1);
  l[0] = 1;
  for (let col = 0; col < k - 1; col++) {
    const alpha = eta + (k - 2 - col) / 2;
    if (col > 0) l[col * k + col] = Math.sqrt(acc[col]!);
    for (let row = col + 1; row < k; row++) {
      const cpc = 2 * betaVariate(rng, alpha, alpha) - 1;
      l[row * k + col] = cpc * Math.sqrt(acc[row]!);
      acc[row]! *= 1 - cpc * cpc;
    }
  }
  l[k * k - 1] = Math.sqrt(acc[k - 1]!);
  return l;
}

export const lkjCorrCholesky: DistributionEntry = {
  name: 'lkj_corr_cholesky',
  discrete: false,
  variate: 'matrix',
  support: 'cholesky factor of a correlation matrix',
  params: [{ name: 'eta', type: 'real', constraint: 'positive' }],
  logDensity(ops, l, [eta]) {
    const b = new Build(ops);
    const k = squareSide('lkj_corr_cholesky', l);
    if (k < 2) return b.k(0);
    // Σ_{i=2}^{K} (K − i + 2η − 2) log L_ii (the LKJ density of L Lᵀ plus the Jacobian of L ↦ L Lᵀ)
    const logDiag = ops.gather(
      b.log(diagonalOf(ops, l)),
      Int32Array.from({ length: k - 1 }, (_, i) => i + 1),
      [k - 1],
    );
    const weights = b.add(
      ops.constant(
        Float64Array.from({ length: k - 1 }, (_, i) => k - (i + 2) - 2),
        [k - 1],
      ),
      b.mul(2, eta!),
    );
    const lp = b.sub(b.sum(b.mul(weights, logDiag)), lkjLogNormaliser(b, eta!, k));
    return b.positive(lp, eta!);
  },
  // Stan's signature is lkj_corr_cholesky_rng(int K, real eta): K comes first.
  rngParams: [
    { name: 'K', type: 'int', constraint: 'int>=0' },
    { name: 'eta', type: 'real', constraint: 'positive' },
  ],
  rng: (rng, [k, eta]) => lkjCholeskyVariate(rng, eta as number, k as number),
  cases: referenceCases.lkj_corr_cholesky ?? [],
  doc: 'LKJ(eta) prior on the Cholesky factor L of a correlation matrix (eta > 0); lkj_corr_cholesky_rng(K, eta).',
};

export const lkjCorr: DistributionEntry = {
  name: 'lkj_corr',
  discrete: false,
  variate: 'matrix',
  support: 'correlation matrix',
  params: [{ name: 'eta', type: 'real', constraint: 'positive' }],
  logDensity(ops, omega, [eta]) {
    const b = new Build(ops);
    const k = squareSide('lkj_corr', omega);
    if (k < 2) return b.k(0);
    const logDet = b.mul(2, b.sum(b.log(diagonalOf(ops, ops.cholesky(omega)))));
    return b.positive(b.sub(b.mul(b.sub(eta!, 1), logDet), lkjLogNormaliser(b, eta!, k)), eta!);
  },
  // Stan's signature is lkj_corr_rng(int K, real eta): K comes first.
  rngParams: [
    { name: 'K', type: 'int', constraint: 'int>=0' },
    { name: 'eta', type: 'real', constraint: 'positive' },
  ],
  rng: (rng, [k, eta]) => {
    const n = k as number;
    const l = lkjCholeskyVariate(rng, eta as number, n);
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let t = 0; t <= Math.min(i, j); t++) s += l[i * n + t]! * l[j * n + t]!;
        out[i * n + j] = s;
      }
    return out;
  },
  cases: referenceCases.lkj_corr ?? [],
  doc: 'LKJ(eta) prior on a correlation matrix: density ∝ det(Omega)^(eta − 1); lkj_corr_rng(K, eta).',
};

export const multivariateDistributions: DistributionEntry[] = [
  multiNormal,
  multiNormalCholesky,
  multiStudentT,
  multiStudentTCholesky,
  dirichlet,
  lkjCorrCholesky,
  lkjCorr,
];
