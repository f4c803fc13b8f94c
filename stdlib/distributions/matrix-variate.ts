/**
 * The multivariate normal by its precision matrix and the Wishart family
 * over covariance matrices, from Cholesky factors (MATH: log|A| = 2 Σ log
 * L_ii, tr(A⁻¹B) = Σ (L⁻¹) ∘ (L⁻¹B) for A = L·Lᵀ):
 *   multi_normal_prec(y | mu, Ω)  = ½log|Ω| − ½(y−mu)ᵀΩ(y−mu) − (n/2)log 2π
 *   wishart(W | nu, S)     = ((nu−k−1)/2)log|W| − ½tr(S⁻¹W) − (nu k/2)log 2 − (nu/2)log|S| − lmgamma_k(nu/2)
 *   inv_wishart(W | nu, S) = (nu/2)log|S| − (nu k/2)log 2 − lmgamma_k(nu/2) − ((nu+k+1)/2)log|W| − ½tr(S W⁻¹)
 * and their Cholesky parameterisations (Stan 2.30): the density of the factor
 * L_W of W = L_W·L_Wᵀ given the factor L_S of the scale, which adds the
 * Jacobian of L ↦ L·Lᵀ, log 2^k + Σ_i (k − i + 1) log L_ii (i = 1..k).
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { DistributionEntry, Rng } from '../types.js';
import { Build, LOG_2PI, diagonalOf } from '../build.js';
import { gaussJordan } from '../functions/matrix-algebra.js';
import { extraReferenceCases } from './reference-cases-extra.js';
import { choleskyLower, gammaVariate, multiNormalCholeskyVariate } from './samplers.js';

function sideOf(name: string, m: Val): number {
  if (m.shape.length !== 2 || m.shape[0] !== m.shape[1]) {
    throw new LangevinError(`${name}: expected a square matrix, got shape [${m.shape.join(', ')}]`);
  }
  return m.shape[0]!;
}

function identity(ops: Ops, n: number): Val {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return ops.constant(m, [n, n]);
}

/** log|A| from the Cholesky factor L of A. */
function logDetFromCholesky(b: Build, l: Val): Val {
  return b.mul(2, b.sum(b.log(diagonalOf(b.ops, l))));
}

/** tr(A⁻¹·B) for A = L·Lᵀ. */
function traceSolve(ops: Ops, l: Val, bm: Val): Val {
  const li = ops.triangularSolveLower(l, identity(ops, l.shape[0]!));
  const lib = ops.triangularSolveLower(l, bm);
  return ops.reduce('sum', ops.binary('mul', li, lib));
}

/** log of the multivariate gamma function Γ_k(x). */
function lmgamma(b: Build, k: number, x: Val): Val {
  const terms: Val[] = [b.k(((k * (k - 1)) / 4) * Math.log(Math.PI))];
  for (let j = 1; j <= k; j++) terms.push(b.lgamma(b.add(x, (1 - j) / 2)));
  return b.plus(...terms);
}

/** Bartlett: W = L·A·Aᵀ·Lᵀ with A lower triangular, A_ii² ~ χ²(nu − i + 1), A_ij ~ N(0, 1). */
function wishartVariate(rng: Rng, nu: number, sigma: Float64Array, k: number): Float64Array {
  const l = choleskyLower(sigma, k);
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    a[i * k + i] = Math.sqrt(2 * gammaVariate(rng, (nu - i) / 2, 1));
    for (let j = 0; j < i; j++) a[i * k + j] = rng.normal();
  }
  const la = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += l[i * k + q]! * a[q * k + j]!;
      la[i * k + j] = s;
    }
  const w = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += la[i * k + q]! * la[j * k + q]!;
      w[i * k + j] = s;
    }
  return w;
}

export const multiNormalPrec: DistributionEntry = {
  name: 'multi_normal_prec',
  discrete: false,
  variate: 'vector',
  support: 'real',
  params: [
    { name: 'mu', type: 'vector', constraint: 'real' },
    { name: 'Omega', type: 'matrix', constraint: 'cov' },
  ],
  logDensity(ops, y, [mu, omega]) {
    const b = new Build(ops);
    const n = sideOf('multi_normal_prec', omega!);
    if (ops.size(y) !== n || ops.size(mu!) !== n) {
      throw new LangevinError(
        `multi_normal_prec: vectors of sizes ${ops.size(y)} and ${ops.size(mu!)} for a ${n}x${n} precision`,
      );
    }
    const l = ops.cholesky(omega!);
    const z = ops.matmul(ops.transpose(l), b.sub(y, mu!));
    return b.plus(b.mul(0.5, logDetFromCholesky(b, l)), b.mul(-0.5, b.sum(b.square(z))), -0.5 * n * LOG_2PI);
  },
  rng(rng, [mu, omega], shapes) {
    const n = shapes[0]![0]!;
    const sigma = gaussJordan(omega as Float64Array, n).inverse;
    return multiNormalCholeskyVariate(rng, mu as Float64Array, choleskyLower(sigma, n), n);
  },
  cases: extraReferenceCases.multi_normal_prec ?? [],
  doc: 'Multivariate normal with mean mu and precision (inverse covariance) Omega.',
};

export const wishart: DistributionEntry = {
  name: 'wishart',
  discrete: false,
  variate: 'matrix',
  support: 'cov',
  params: [
    { name: 'nu', type: 'real', constraint: 'positive' },
    { name: 'Sigma', type: 'matrix', constraint: 'cov' },
  ],
  logDensity(ops, w, [nu, sigma]) {
    const b = new Build(ops);
    const k = sideOf('wishart', w);
    if (sideOf('wishart', sigma!) !== k)
      throw new LangevinError(`wishart: a ${k}x${k} variate needs a ${k}x${k} scale`);
    const lw = ops.cholesky(w);
    const ls = ops.cholesky(sigma!);
    const lp = b.plus(
      b.mul(b.mul(0.5, b.sub(nu!, k + 1)), logDetFromCholesky(b, lw)),
      b.mul(-0.5, traceSolve(ops, ls, w)),
      b.mul(nu!, -0.5 * k * Math.LN2),
      b.mul(b.mul(-0.5, nu!), logDetFromCholesky(b, ls)),
      b.neg(lmgamma(b, k, b.mul(0.5, nu!))),
    );
    return b.unless(b.le(nu!, k - 1), -Infinity, lp);
  },
  rng(rng, [nu, sigma], shapes) {
    return wishartVariate(rng, nu as number, sigma as Float64Array, shapes[1]![0]!);
  },
  cases: extraReferenceCases.wishart ?? [],
  doc: 'Wishart over k×k covariance matrices with nu > k − 1 degrees of freedom and scale Sigma.',
};

export const invWishart: DistributionEntry = {
  name: 'inv_wishart',
  discrete: false,
  variate: 'matrix',
  support: 'cov',
  params: [
    { name: 'nu', type: 'real', constraint: 'positive' },
    { name: 'Sigma', type: 'matrix', constraint: 'cov' },
  ],
  logDensity(ops, w, [nu, sigma]) {
    const b = new Build(ops);
    const k = sideOf('inv_wishart', w);
    if (sideOf('inv_wishart', sigma!) !== k)
      throw new LangevinError(`inv_wishart: a ${k}x${k} variate needs a ${k}x${k} scale`);
    const lw = ops.cholesky(w);
    const ls = ops.cholesky(sigma!);
    const lp = b.plus(
      b.mul(b.mul(0.5, nu!), logDetFromCholesky(b, ls)),
      b.mul(nu!, -0.5 * k * Math.LN2),
      b.neg(lmgamma(b, k, b.mul(0.5, nu!))),
      b.mul(b.mul(-0.5, b.add(nu!, k + 1)), logDetFromCholesky(b, lw)),
      b.mul(-0.5, traceSolve(ops, lw, sigma!)),
    );
    return b.unless(b.le(nu!, k - 1), -Infinity, lp);
  },
  rng(rng, [nu, sigma], shapes) {
    const k = shapes[1]![0]!;
    const inverseScale = gaussJordan(sigma as Float64Array, k).inverse;
    return gaussJordan(wishartVariate(rng, nu as number, inverseScale, k), k).inverse;
  },
  cases: extraReferenceCases.inv_wishart ?? [],
  doc: 'Inverse Wishart over k×k covariance matrices with nu > k − 1 degrees of freedom and scale Sigma.',
};

/** ‖L⁻¹·B‖²_F = tr((L·Lᵀ)⁻¹·B·Bᵀ) for lower-triangular L. */
function squaredSolveNorm(ops: Ops, l: Val, bm: Val): Val {
  return ops.reduce('sum', ops.unary('square', ops.triangularSolveLower(l, bm)));
}

function choleskySides(name: string, lw: Val, ls: Val): number {
  const k = sideOf(name, lw);
  if (sideOf(name, ls) !== k) throw new LangevinError(`${name}: a ${k}x${k} factor needs a ${k}x${k} scale factor`);
  return k;
}

/** Lower Cholesky factor of a draw of the full matrix. */
function factorOf(w: Float64Array, k: number): Float64Array {
  return choleskyLower(w, k);
}

function fromFactor(l: Float64Array, k: number): Float64Array {
  const w = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += l[i * k + q]! * l[j * k + q]!;
      w[i * k + j] = s;
    }
  return w;
}

export const wishartCholesky: DistributionEntry = {
  name: 'wishart_cholesky',
  discrete: false,
  variate: 'matrix',
  support: 'cholesky factor of a covariance matrix',
  params: [
    { name: 'nu', type: 'real', constraint: 'positive' },
    { name: 'L_S', type: 'matrix', constraint: 'cholesky' },
  ],
  logDensity(ops, lw, [nu, ls]) {
    const b = new Build(ops);
    const k = choleskySides('wishart_cholesky', lw, ls!);
    // log|W| = 2 Σ log LW_ii; with the Jacobian the log LW_ii weights are nu − i (i = 1..k)
    const lp = b.plus(
      k * Math.LN2,
      b.sum(
        b.mul(
          b.sub(
            nu!,
            b.ops.constant(
              Float64Array.from({ length: k }, (_, i) => i + 1),
              [k],
            ),
          ),
          b.log(diagonalOf(ops, lw)),
        ),
      ),
      b.mul(-0.5, squaredSolveNorm(ops, ls!, lw)),
      b.mul(nu!, -0.5 * k * Math.LN2),
      b.mul(b.neg(nu!), b.sum(b.log(diagonalOf(ops, ls!)))),
      b.neg(lmgamma(b, k, b.mul(0.5, nu!))),
    );
    return b.unless(b.le(nu!, k - 1), -Infinity, lp);
  },
  rng(rng, [nu, ls], shapes) {
    const k = shapes[1]![0]!;
    return factorOf(wishartVariate(rng, nu as number, fromFactor(ls as Float64Array, k), k), k);
  },
  cases: extraReferenceCases.wishart_cholesky ?? [],
  doc: 'Wishart over the Cholesky factor L_W of a k×k covariance matrix, nu > k − 1, given the Cholesky factor L_S of the scale.',
};

export const invWishartCholesky: DistributionEntry = {
  name: 'inv_wishart_cholesky',
  discrete: false,
  variate: 'matrix',
  support: 'cholesky factor of a covariance matrix',
  params: [
    { name: 'nu', type: 'real', constraint: 'positive' },
    { name: 'L_S', type: 'matrix', constraint: 'cholesky' },
  ],
  logDensity(ops, lw, [nu, ls]) {
    const b = new Build(ops);
    const k = choleskySides('inv_wishart_cholesky', lw, ls!);
    // −((nu + k + 1)/2)·2 Σ log LW_ii plus the Jacobian's (k − i + 1) log LW_ii: weights −(nu + i) (i = 1..k)
    const lp = b.plus(
      k * Math.LN2,
      b.neg(
        b.sum(
          b.mul(
            b.add(
              nu!,
              b.ops.constant(
                Float64Array.from({ length: k }, (_, i) => i + 1),
                [k],
              ),
            ),
            b.log(diagonalOf(ops, lw)),
          ),
        ),
      ),
      b.mul(-0.5, squaredSolveNorm(ops, lw, ls!)),
      b.mul(nu!, -0.5 * k * Math.LN2),
      b.mul(nu!, b.sum(b.log(diagonalOf(ops, ls!)))),
      b.neg(lmgamma(b, k, b.mul(0.5, nu!))),
    );
    return b.unless(b.le(nu!, k - 1), -Infinity, lp);
  },
  rng(rng, [nu, ls], shapes) {
    const k = shapes[1]![0]!;
    const inverseScale = gaussJordan(fromFactor(ls as Float64Array, k), k).inverse;
    return factorOf(gaussJordan(wishartVariate(rng, nu as number, inverseScale, k), k).inverse, k);
  },
  cases: extraReferenceCases.inv_wishart_cholesky ?? [],
  doc: 'Inverse Wishart over the Cholesky factor L_W of a k×k covariance matrix, nu > k − 1, given the Cholesky factor L_S of the scale.',
};

export const matrixVariateDistributions: DistributionEntry[] = [
  multiNormalPrec,
  wishart,
  invWishart,
  wishartCholesky,
  invWishartCholesky,
];
