import { InternalError } from '../errors.js';

export interface EnergyDistanceOptions {
  /**
   * In more than one dimension the cost is O((nx + ny)² d): samples larger
   * than this are thinned evenly (every k-th point, deterministic) first.
   * One-dimensional samples are always used whole (an O(n log n) sort).
   */
  maxPoints?: number;
}

/**
 * Energy distance between the samples X (nx points) and Y (ny points) in
 * `dim` dimensions, both row-major:
 *
 *     D = 2 E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖
 *
 * The cross term averages all nx·ny pairs; the within terms average the
 * n(n − 1) pairs of distinct points (U-statistics), so D is an unbiased
 * estimate of the population energy distance, which is ≥ 0 and zero only
 * when the laws are equal. The estimate itself can be slightly negative
 * for equal laws. D is the square of a metric on distributions (Székely and
 * Rizzo 2013); with ‖·‖ Euclidean it is invariant to rotations and shifts.
 */
export function energyDistance(
  x: Float64Array,
  nx: number,
  y: Float64Array,
  ny: number,
  dim: number,
  options: EnergyDistanceOptions = {},
): number {
  if (x.length !== nx * dim || y.length !== ny * dim)
    throw new InternalError(`energyDistance: sizes ${x.length}, ${y.length} do not match ${nx}, ${ny} × ${dim}`);
  if (nx < 2 || ny < 2) throw new InternalError('energyDistance: each sample needs at least two points');
  if (dim === 1) return energyDistance1d(x, y);
  const maxPoints = options.maxPoints ?? 4000;
  const xs = thinEvenly(x, nx, dim, maxPoints);
  const ys = thinEvenly(y, ny, dim, maxPoints);
  const cross = meanDistance(xs.values, xs.n, ys.values, ys.n, dim);
  return 2 * cross - meanWithinDistance(xs.values, xs.n, dim) - meanWithinDistance(ys.values, ys.n, dim);
}

/** Σ_{i<j} |z_i − z_j| of sorted values: Σ_k z_(k)(2k − n − 1), k from 1. */
function sumPairwiseSorted(sorted: Float64Array): number {
  const n = sorted.length;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += sorted[k]! * (2 * k + 1 - n);
  return sum;
}

function energyDistance1d(x: Float64Array, y: Float64Array): number {
  const sx = Float64Array.from(x).sort();
  const sy = Float64Array.from(y).sort();
  const pooled = new Float64Array(x.length + y.length);
  pooled.set(x);
  pooled.set(y, x.length);
  pooled.sort();
  const withinX = sumPairwiseSorted(sx);
  const withinY = sumPairwiseSorted(sy);
  // Pairs of the pooled sample are the within pairs of each plus the cross pairs.
  const cross = sumPairwiseSorted(pooled) - withinX - withinY;
  const nx = x.length;
  const ny = y.length;
  return (2 * cross) / (nx * ny) - (2 * withinX) / (nx * (nx - 1)) - (2 * withinY) / (ny * (ny - 1));
}

function thinEvenly(v: Float64Array, n: number, dim: number, maxPoints: number): { values: Float64Array; n: number } {
  if (n <= maxPoints) return { values: v, n };
  const kept = Math.max(2, Math.floor(maxPoints));
  const out = new Float64Array(kept * dim);
  for (let i = 0; i < kept; i++) {
    const src = Math.floor((i * n) / kept);
    out.set(v.subarray(src * dim, (src + 1) * dim), i * dim);
  }
  return { values: out, n: kept };
}

function distance(a: Float64Array, i: number, b: Float64Array, j: number, dim: number): number {
  let s = 0;
  for (let k = 0; k < dim; k++) {
    const d = a[i * dim + k]! - b[j * dim + k]!;
    s += d * d;
  }
  return Math.sqrt(s);
}

function meanDistance(a: Float64Array, na: number, b: Float64Array, nb: number, dim: number): number {
  let sum = 0;
  for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) sum += distance(a, i, b, j, dim);
  return sum / (na * nb);
}

function meanWithinDistance(a: Float64Array, n: number, dim: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sum += distance(a, i, a, j, dim);
  return (2 * sum) / (n * (n - 1));
}

/**
 * The exact energy distance between N(μ₁, σ₁²) and N(μ₂, σ₂²) in one
 * dimension, for checking samplers against a Gaussian target: with
 * δ = μ₁ − μ₂ and s² = σ₁² + σ₂², E|X − Y| = s√(2/π) e^{−δ²/(2s²)} + δ(1 − 2Φ(−δ/s))
 * and E|X − X′| = 2σ/√π.
 */
export function gaussianEnergyDistance1d(mu1: number, sigma1: number, mu2: number, sigma2: number): number {
  const delta = mu1 - mu2;
  const s = Math.sqrt(sigma1 * sigma1 + sigma2 * sigma2);
  const z = Math.abs(delta) / s;
  // δ(1 − 2Φ(−|δ|/s)) written with erf for accuracy: |δ|·erf(|δ|/(s√2)).
  const crossMean = s * Math.sqrt(2 / Math.PI) * Math.exp(-0.5 * z * z) + Math.abs(delta) * erf(z / Math.SQRT2);
  return 2 * crossMean - (2 * sigma1) / Math.sqrt(Math.PI) - (2 * sigma2) / Math.sqrt(Math.PI);
}

/** erf by its Taylor series for small |x| and a continued fraction of erfc beyond (relative error ~1e-15). */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // erf(x) = 2/√π Σ (−1)^k x^{2k+1}/(k!(2k+1))
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let k = 1; k < 200; k++) {
      term *= -x2 / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    const v = (2 / Math.sqrt(Math.PI)) * sum;
    return x < 0 ? -v : v;
  }
  // erfc(x) = e^{−x²}/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …)))) evaluated bottom-up.
  let f = ax;
  for (let k = 60; k >= 1; k--) f = ax + k / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  const v = 1 - erfc;
  return x < 0 ? -v : v;
}
