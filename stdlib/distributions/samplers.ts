/**
 * Exact random variate generators built only from `Rng.uniform()` and
 * `Rng.normal()`, for the `_rng` functions. No table lookups or
 * approximations: every method below samples the exact law.
 */
import type { Rng } from '../types.js';

/** Uniform on (0, 1), never exactly 0 (safe under log). */
function positiveUniform(rng: Rng): number {
  let u = rng.uniform();
  while (u <= 0) u = rng.uniform();
  return u;
}

/**
 * log of a Gamma(shape, 1) draw. Marsaglia and Tsang (2000) for shape >= 1;
 * for shape < 1 the boost Gamma(a) = Gamma(a + 1)·U^(1/a), kept in log
 * space so tiny shapes do not underflow.
 */
export function logGammaVariate(rng: Rng, shape: number): number {
  if (!(shape > 0)) return NaN;
  if (shape < 1) return logGammaVariate(rng, shape + 1) + Math.log(positiveUniform(rng)) / shape;
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = rng.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = positiveUniform(rng);
    if (u < 1 - 0.0331 * x * x * x * x) return Math.log(d * v);
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return Math.log(d * v);
  }
}

/** Gamma(shape, rate). */
export function gammaVariate(rng: Rng, shape: number, rate: number): number {
  return Math.exp(logGammaVariate(rng, shape)) / rate;
}

/** Beta(a, b) as X/(X+Y) with gamma draws, in log space (accurate for small a, b). */
export function betaVariate(rng: Rng, a: number, b: number): number {
  const lx = logGammaVariate(rng, a);
  const ly = logGammaVariate(rng, b);
  const m = Math.max(lx, ly);
  return Math.exp(lx - m) / (Math.exp(lx - m) + Math.exp(ly - m));
}

/**
 * Binomial(n, p). Small n: count Bernoulli trials. Large n: the beta
 * splitting recursion (Knuth, TAOCP vol. 2, 3.4.1): the a-th order
 * statistic of n uniforms is Beta(a, n - a + 1), which halves n per step.
 */
export function binomialVariate(rng: Rng, n: number, p: number): number {
  if (!(p >= 0 && p <= 1) || !(n >= 0)) return NaN;
  let offset = 0;
  while (n > 40) {
    if (p === 0) return offset;
    if (p === 1) return offset + n;
    const a = 1 + Math.floor(n / 2);
    const b = n - a + 1;
    const x = betaVariate(rng, a, b);
    if (x >= p) {
      n = a - 1;
      p = p / x;
    } else {
      offset += a;
      n = b - 1;
      p = (p - x) / (1 - x);
    }
  }
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.uniform() < p) k++;
  return offset + k;
}

/**
 * Poisson(lambda). Small lambda: multiply uniforms (Knuth). Large lambda:
 * the gamma splitting recursion (Ahrens and Dieter): with m = ⌊7λ/8⌋ the
 * m-th arrival time X ~ Gamma(m, 1); if X < λ the count is m plus a
 * Poisson(λ - X), else Binomial(m - 1, λ/X).
 */
export function poissonVariate(rng: Rng, lambda: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) return NaN;
  let offset = 0;
  while (lambda > 16) {
    const m = Math.floor((7 / 8) * lambda);
    const x = gammaVariate(rng, m, 1);
    if (x < lambda) {
      offset += m;
      lambda -= x;
    } else {
      return offset + binomialVariate(rng, m - 1, lambda / x);
    }
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let prod = rng.uniform();
  while (prod > limit) {
    k++;
    prod *= rng.uniform();
  }
  return offset + k;
}

/** Index in 1..K drawn with probabilities `theta` (inversion). */
export function categoricalVariate(rng: Rng, theta: ArrayLike<number>): number {
  const u = rng.uniform();
  let total = 0;
  for (let k = 0; k < theta.length; k++) total += theta[k]!;
  let acc = 0;
  for (let k = 0; k < theta.length; k++) {
    acc += theta[k]! / total;
    if (u < acc) return k + 1;
  }
  return theta.length;
}

/** Lower Cholesky factor of a symmetric positive-definite n×n row-major matrix (NaN if not PD). */
export function choleskyLower(a: ArrayLike<number>, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    const ljj = d > 0 ? Math.sqrt(d) : NaN;
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** mu + L z for each of the rows of mu ([n] or [m, n]), z standard normal. */
export function multiNormalCholeskyVariate(rng: Rng, mu: Float64Array, l: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(mu.length);
  const z = new Float64Array(n);
  for (let start = 0; start < mu.length; start += n) {
    for (let i = 0; i < n; i++) z[i] = rng.normal();
    for (let i = 0; i < n; i++) {
      let s = mu[start + i]!;
      for (let k = 0; k <= i; k++) s += l[i * n + k]! * z[k]!;
      out[start + i] = s;
    }
  }
  return out;
}
