/**
 * Per-chain estimates of the inverse metric from one adaptation window's
 * draws (and gradients), for each MetricKind of metric.ts. `add` is called
 * with every state inside a slow window; `estimate` writes params.invMetric
 * (chains × dim, always the diagonal of M⁻¹) and, for dense and low-rank,
 * params.metric; `restart` opens the next window.
 */
import { denseMetric, LOW_RANK_SIZE, lowRankMetric, type MetricKind } from './metric.js';
import type { KernelParams, LangevinState } from './types.js';

/** Stan's shrinkage toward 10⁻³: (n/(n + 5)) v + 10⁻³ · 5/(n + 5). */
function regularise(v: number, n: number): number {
  return (n / (n + 5)) * v + 1e-3 * (5 / (n + 5));
}

/** Running per-chain means and sums of squares (Welford). */
class Welford {
  n = 0;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  constructor(size: number) {
    this.mean = new Float64Array(size);
    this.m2 = new Float64Array(size);
  }
  add(x: Float64Array): void {
    this.n++;
    for (let k = 0; k < this.mean.length; k++) {
      const delta = x[k] - this.mean[k];
      this.mean[k] += delta / this.n;
      this.m2[k] += delta * (x[k] - this.mean[k]);
    }
  }
  variance(k: number): number {
    return this.n > 1 ? this.m2[k] / (this.n - 1) : 0;
  }
  restart(): void {
    this.n = 0;
    this.mean.fill(0);
    this.m2.fill(0);
  }
}

export interface MetricEstimator {
  add(state: LangevinState): void;
  estimate(params: KernelParams): void;
  restart(): void;
}

/**
 * `scaleFree`: the dense estimate shrinks toward 10⁻³ diag(Σ̂) instead of
 * Stan's 10⁻³ I, so that it does not depend on the units of the parameters
 * (the microcanonical samplers, whose start has no unit scale; on
 * kilpisjarvi a slope with variance 4·10⁻⁷ was widened 50×).
 */
export function createMetricEstimator(
  kind: MetricKind,
  chains: number,
  dim: number,
  scaleFree = false,
): MetricEstimator | undefined {
  switch (kind) {
    case 'unit':
      return undefined;
    case 'diag-var':
      return varianceEstimator(chains, dim);
    case 'diag':
      return fisherEstimator(chains, dim, false);
    case 'low-rank':
      return fisherEstimator(chains, dim, true);
    case 'dense':
      return denseEstimator(chains, dim, scaleFree);
  }
}

/** Stan's diag_e: the regularised variance of the positions. */
function varianceEstimator(chains: number, dim: number): MetricEstimator {
  const positions = new Welford(chains * dim);
  return {
    add: (state) => positions.add(state.position),
    estimate(params) {
      const n = positions.n;
      for (let k = 0; k < chains * dim; k++) params.invMetric[k] = regularise(positions.variance(k), n);
      params.metric = undefined;
    },
    restart: () => positions.restart(),
  };
}

/**
 * nutpie's diagonal √(var x / var ∇log π), shrunk like Stan's (the variance
 * alone where the gradient does not vary), clamped to [1e-10, 1e10]; with
 * `lowRank` also the leading eigenvectors of the whitened draws' covariance.
 */
function fisherEstimator(chains: number, dim: number, lowRank: boolean): MetricEstimator {
  const positions = new Welford(chains * dim);
  const gradients = new Welford(chains * dim);
  const kept: Float64Array[] = [];
  return {
    add(state) {
      positions.add(state.position);
      gradients.add(state.gradient);
      if (lowRank) kept.push(state.position.slice());
    },
    estimate(params) {
      const n = positions.n;
      for (let k = 0; k < chains * dim; k++) {
        const vx = positions.variance(k);
        const vg = gradients.variance(k);
        const raw = vg > 0 && vx > 0 ? Math.sqrt(vx / vg) : vx;
        params.invMetric[k] = Math.min(1e10, Math.max(1e-10, regularise(raw, n)));
      }
      params.metric = undefined;
      if (lowRank && n > 2) params.metric = lowRankFrom(kept, positions.mean, params.invMetric, chains, dim);
    },
    restart() {
      positions.restart();
      gradients.restart();
      kept.length = 0;
    },
  };
}

/**
 * The k leading eigenpairs of the covariance of z = (x − mean)/√D, by
 * subspace iteration on C = ZᵀZ/(n − 1) applied through Z (O(n·dim·k)),
 * eigenvalues shrunk toward 1 like Stan's regularisation.
 */
function lowRankFrom(kept: Float64Array[], mean: Float64Array, diag: Float64Array, chains: number, dim: number) {
  const n = kept.length;
  const k = Math.min(LOW_RANK_SIZE, dim, n - 1);
  const scale = new Float64Array(chains * dim);
  for (let i = 0; i < chains * dim; i++) scale[i] = Math.sqrt(diag[i]!);
  const u = new Float64Array(chains * dim * k);
  const lambda = new Float64Array(chains * k);
  const z = new Float64Array(n * dim);
  const q = new Float64Array(dim * k);
  const y = new Float64Array(n * k);
  const w = new Float64Array(dim * k);
  for (let c = 0; c < chains; c++) {
    for (let t = 0; t < n; t++) {
      for (let i = 0; i < dim; i++)
        z[t * dim + i] = (kept[t]![c * dim + i]! - mean[c * dim + i]!) / scale[c * dim + i]!;
    }
    // a fixed, deterministic start: the first k coordinate axes perturbed
    for (let i = 0; i < dim; i++)
      for (let j = 0; j < k; j++) q[i * k + j] = (i === j ? 1 : 0) + 1e-3 * Math.sin(1 + i * 7 + j * 13);
    orthonormalise(q, dim, k);
    for (let iteration = 0; iteration < 40; iteration++) {
      applyCovariance(z, q, y, w, n, dim, k);
      q.set(w);
      orthonormalise(q, dim, k);
    }
    // Rayleigh quotients of the final basis
    applyCovariance(z, q, y, w, n, dim, k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += q[i * k + j]! * w[i * k + j]!;
      lambda[c * k + j] = Math.max(1e-6, (n / (n + 5)) * s + 5 / (n + 5));
    }
    u.set(q, c * dim * k);
  }
  return lowRankMetric(chains, dim, k, scale, u, lambda);
}

/** w = (Zᵀ(Z q))/(n − 1). */
function applyCovariance(
  z: Float64Array,
  q: Float64Array,
  y: Float64Array,
  w: Float64Array,
  n: number,
  dim: number,
  k: number,
): void {
  y.fill(0);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < dim; i++) {
      const zi = z[t * dim + i]!;
      for (let j = 0; j < k; j++) y[t * k + j] += zi * q[i * k + j]!;
    }
  }
  w.fill(0);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < dim; i++) {
      const zi = z[t * dim + i]! / (n - 1);
      for (let j = 0; j < k; j++) w[i * k + j] += zi * y[t * k + j]!;
    }
  }
}

/** Modified Gram–Schmidt on the k columns of q (dim × k). */
function orthonormalise(q: Float64Array, dim: number, k: number): void {
  for (let j = 0; j < k; j++) {
    for (let l = 0; l < j; l++) {
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += q[i * k + j]! * q[i * k + l]!;
      for (let i = 0; i < dim; i++) q[i * k + j] -= dot * q[i * k + l]!;
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += q[i * k + j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < dim; i++) q[i * k + j] /= norm;
  }
}

/** Stan's dense_e: (n/(n + 5)) Σ̂ + 10⁻³ · 5/(n + 5) I per chain (scale-free: diag(Σ̂) for I). */
function denseEstimator(chains: number, dim: number, scaleFree: boolean): MetricEstimator {
  let n = 0;
  const mean = new Float64Array(chains * dim);
  const m2 = new Float64Array(chains * dim * dim);
  const delta = new Float64Array(dim);
  return {
    add(state) {
      n++;
      const x = state.position;
      for (let c = 0; c < chains; c++) {
        const row = c * dim;
        const base = c * dim * dim;
        for (let i = 0; i < dim; i++) {
          delta[i] = x[row + i]! - mean[row + i]!;
          mean[row + i] += delta[i]! / n;
        }
        for (let i = 0; i < dim; i++) {
          const after = x[row + i]! - mean[row + i]!;
          for (let j = 0; j < dim; j++) m2[base + i * dim + j] += after * delta[j]!;
        }
      }
    },
    estimate(params) {
      const covariance = new Float64Array(chains * dim * dim);
      for (let k = 0; k < covariance.length; k++) {
        const i = Math.floor(k / dim) % dim;
        const j = k % dim;
        const v = n > 1 ? m2[k]! / (n - 1) : 0;
        const target = scaleFree ? (n > 1 ? m2[k]! / (n - 1) : 1) : 1;
        covariance[k] = (n / (n + 5)) * v + (i === j ? 1e-3 * target * (5 / (n + 5)) : 0);
      }
      // symmetrise (Welford's cross term is symmetric only up to rounding)
      for (let c = 0; c < chains; c++) {
        const base = c * dim * dim;
        for (let i = 0; i < dim; i++) {
          for (let j = 0; j < i; j++) {
            const s = 0.5 * (covariance[base + i * dim + j]! + covariance[base + j * dim + i]!);
            covariance[base + i * dim + j] = s;
            covariance[base + j * dim + i] = s;
          }
          params.invMetric[c * dim + i] = covariance[base + i * dim + i]!;
        }
      }
      params.metric = denseMetric(chains, dim, covariance);
    },
    restart() {
      n = 0;
      mean.fill(0);
      m2.fill(0);
    },
  };
}
