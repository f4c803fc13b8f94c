/**
 * Metrics: the inverse metric M⁻¹ (an estimate of the posterior
 * covariance) that preconditions every kernel, and the three operations the
 * kernels need per chain row:
 *
 *     velocity  v = M⁻¹ p          (leapfrog position update, NUTS's p♯)
 *     momentum  p = L⁻ᵀ ξ          (p ~ N(0, M), with L Lᵀ = M⁻¹)
 *     noise     L ξ                (Langevin noise with covariance M⁻¹)
 *
 * Kinds (MATH.md, "Metrics"):
 * - unit: M⁻¹ = I.
 * - diag-var: Stan's diag_e, the regularised variance of the window's draws.
 * - diag: nutpie's, M⁻¹_ii = √(var(x_i)/var(∂_i log π)) from draws and
 *   gradients (minimises a Fisher divergence between the preconditioned
 *   target and a standard normal).
 * - dense: Stan's dense_e, (n/(n+5)) Σ̂ + 10⁻³·5/(n+5)·I, Cholesky factor L.
 * - low-rank: diag (Fisher) D times I plus the leading eigenvectors of the
 *   covariance of the whitened draws x/√D: M⁻¹ = S(I + U(Λ − I)Uᵀ)S with
 *   S = D^{1/2} (nutpie's low-rank idea, from draws only).
 */
import { LangevinError } from '../errors.js';

export type MetricKind = 'unit' | 'diag' | 'diag-var' | 'dense' | 'low-rank';
export const METRIC_KINDS: readonly MetricKind[] = ['diag', 'diag-var', 'dense', 'low-rank', 'unit'];

/** Dense metrics keep dim² numbers per chain and factor them: refused above this many parameters. */
export const DENSE_METRIC_LIMIT = 1000;
/** Eigenvectors kept by the low-rank metric. */
export const LOW_RANK_SIZE = 10;

/** A non-diagonal inverse metric, one per chain. */
export interface Metric {
  readonly kind: 'dense' | 'low-rank';
  readonly chains: number;
  readonly dim: number;
  /** out[o..o+dim) = M⁻¹ v[i..i+dim) for chain c (out must not alias v). */
  velocity(c: number, v: Float64Array, i: number, out: Float64Array, o: number): void;
  /** out[o..] = L⁻ᵀ ξ[i..]: a momentum with covariance M. */
  momentum(c: number, xi: Float64Array, i: number, out: Float64Array, o: number): void;
  /** out[o..] = L ξ[i..]: noise with covariance M⁻¹. */
  noise(c: number, xi: Float64Array, i: number, out: Float64Array, o: number): void;
  /** out[o..] = Lᵀ v[i..]: a gradient in the whitened coordinates z = L⁻¹x (microcanonical samplers). */
  noiseTranspose(c: number, v: Float64Array, i: number, out: Float64Array, o: number): void;
  /** Chain c's M⁻¹ as a dim × dim row-major matrix (for the CSV adaptation block). */
  matrix(c: number): Float64Array;
}

export function checkMetricFits(kind: MetricKind, dim: number): void {
  if ((kind === 'dense' || kind === 'low-rank') && dim > DENSE_METRIC_LIMIT) {
    throw new LangevinError(
      `--metric ${kind} is limited to models with at most ${DENSE_METRIC_LIMIT} parameters (this one has ${dim}); use --metric diag`,
    );
  }
}

/** The metric operations for params: the dense/low-rank metric if set, else the diagonal invMetric. */
export function metricOps(
  params: { invMetric: Float64Array; metric?: Metric },
  chains: number,
  dim: number,
): Pick<Metric, 'velocity' | 'momentum' | 'noise'> {
  if (params.metric) return params.metric;
  const m = params.invMetric;
  const perChain = m.length === chains * dim;
  return {
    velocity(c, v, i, out, o) {
      const base = perChain ? c * dim : 0;
      for (let k = 0; k < dim; k++) out[o + k] = m[base + k]! * v[i + k]!;
    },
    momentum(c, xi, i, out, o) {
      const base = perChain ? c * dim : 0;
      for (let k = 0; k < dim; k++) out[o + k] = xi[i + k]! / Math.sqrt(m[base + k]!);
    },
    noise(c, xi, i, out, o) {
      const base = perChain ? c * dim : 0;
      for (let k = 0; k < dim; k++) out[o + k] = Math.sqrt(m[base + k]!) * xi[i + k]!;
    },
  };
}

/** Dense M⁻¹ per chain with its lower Cholesky factor. */
export function denseMetric(chains: number, dim: number, covariance: Float64Array): Metric {
  const chol = new Float64Array(chains * dim * dim);
  for (let c = 0; c < chains; c++) choleskyInto(covariance, chol, c * dim * dim, dim);
  const d2 = dim * dim;
  return {
    kind: 'dense',
    chains,
    dim,
    velocity(c, v, vi, out, o) {
      const base = c * d2;
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j < dim; j++) s += covariance[base + i * dim + j]! * v[vi + j]!;
        out[o + i] = s;
      }
    },
    noise(c, xi, xo, out, o) {
      const base = c * d2;
      for (let i = 0; i < dim; i++) {
        let s = 0;
        for (let j = 0; j <= i; j++) s += chol[base + i * dim + j]! * xi[xo + j]!;
        out[o + i] = s;
      }
    },
    noiseTranspose(c, v, vo, out, o) {
      const base = c * d2;
      for (let j = 0; j < dim; j++) {
        let s = 0;
        for (let i = j; i < dim; i++) s += chol[base + i * dim + j]! * v[vo + i]!;
        out[o + j] = s;
      }
    },
    momentum(c, xi, xo, out, o) {
      // solve Lᵀ p = ξ (back substitution)
      const base = c * d2;
      for (let i = dim - 1; i >= 0; i--) {
        let s = xi[xo + i]!;
        for (let j = i + 1; j < dim; j++) s -= chol[base + j * dim + i]! * out[o + j]!;
        out[o + i] = s / chol[base + i * dim + i]!;
      }
    },
    matrix: (c) => covariance.slice(c * d2, (c + 1) * d2),
  };
}

/** Lower Cholesky factor of the dim × dim block at `offset`; jitter is added until it is positive definite. */
function choleskyInto(a: Float64Array, out: Float64Array, offset: number, dim: number): void {
  for (let jitter = 0; ; jitter = jitter === 0 ? 1e-10 : jitter * 10) {
    let ok = true;
    for (let i = 0; i < dim && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = a[offset + i * dim + j]! + (i === j ? jitter : 0);
        for (let k = 0; k < j; k++) s -= out[offset + i * dim + k]! * out[offset + j * dim + k]!;
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          out[offset + i * dim + i] = Math.sqrt(s);
        } else {
          out[offset + i * dim + j] = s / out[offset + j * dim + j]!;
        }
      }
    }
    if (ok) {
      if (jitter > 0) for (let i = 0; i < dim; i++) a[offset + i * dim + i] += jitter;
      return;
    }
    if (jitter > 1) throw new LangevinError('the dense metric estimate is not positive definite');
  }
}

/**
 * Low-rank M⁻¹ = S(I + U(Λ − I)Uᵀ)S per chain: scale S = √D (chains × dim),
 * U (chains × dim × k, orthonormal columns), λ (chains × k).
 */
export function lowRankMetric(
  chains: number,
  dim: number,
  k: number,
  scale: Float64Array,
  u: Float64Array,
  lambda: Float64Array,
): Metric {
  const t = new Float64Array(k);
  // w + U(f(λ) ∘ Uᵀw) in place on out[row..]
  const correct = (c: number, out: Float64Array, row: number, f: (l: number) => number): void => {
    const base = c * dim * k;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += u[base + i * k + j]! * out[row + i]!;
      t[j] = f(lambda[c * k + j]!) * s;
    }
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += u[base + i * k + j]! * t[j]!;
      out[row + i] += s;
    }
  };
  const metric: Metric = {
    kind: 'low-rank',
    chains,
    dim,
    velocity(c, v, vi, out, o) {
      for (let i = 0; i < dim; i++) out[o + i] = scale[c * dim + i]! * v[vi + i]!;
      correct(c, out, o, (l) => l - 1);
      for (let i = 0; i < dim; i++) out[o + i] *= scale[c * dim + i]!;
    },
    noise(c, xi, xo, out, o) {
      for (let i = 0; i < dim; i++) out[o + i] = xi[xo + i]!;
      correct(c, out, o, (l) => Math.sqrt(l) - 1);
      for (let i = 0; i < dim; i++) out[o + i] *= scale[c * dim + i]!;
    },
    noiseTranspose(c, v, vo, out, o) {
      // L = S W with W = I + U(√Λ − I)Uᵀ symmetric, so Lᵀ v = W (S v)
      for (let i = 0; i < dim; i++) out[o + i] = scale[c * dim + i]! * v[vo + i]!;
      correct(c, out, o, (l) => Math.sqrt(l) - 1);
    },
    momentum(c, xi, xo, out, o) {
      for (let i = 0; i < dim; i++) out[o + i] = xi[xo + i]!;
      correct(c, out, o, (l) => 1 / Math.sqrt(l) - 1);
      for (let i = 0; i < dim; i++) out[o + i] /= scale[c * dim + i]!;
    },
    matrix(c) {
      const m = new Float64Array(dim * dim);
      const e = new Float64Array(dim);
      const col = new Float64Array(dim);
      for (let j = 0; j < dim; j++) {
        e.fill(0);
        e[j] = 1;
        metric.velocity(c, e, 0, col, 0);
        for (let i = 0; i < dim; i++) m[i * dim + j] = col[i]!;
      }
      return m;
    },
  };
  return metric;
}
