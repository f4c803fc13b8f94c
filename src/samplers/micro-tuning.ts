/**
 * Pieces both microcanonical tunings share (BlackJAX
 * `adaptation/mclmc_adaptation.py`, `adjusted_mclmc_adaptation.py`):
 * step-weighted running moments of the position (the diagonal
 * preconditioner and the scale of the posterior), and the integrated
 * autocorrelation time of a stored stretch of the chain (for L).
 */
import { essGeyer } from '../diagnostics/ess.js';
import type { IsokineticState } from './isokinetic.js';
import { denseMetric, type MetricKind } from './metric.js';
import { laplaceCovariances } from './mode-start.js';
import type { MicroKernel } from './micro-types.js';
import { nutsKernel, nutsSampler } from './nuts.js';
import type { Potential } from '../model/types.js';
import type { Kernel, KernelParams, LangevinState, WarmupStrategy } from './types.js';
import { Warmup, type WarmupOptions } from './warmup.js';

/**
 * The isokinetic dynamics need d ≥ 2 (the velocity lives on the unit
 * sphere and the updates divide by d − 1). On a one-parameter model, where
 * a default sampler must still work, mams and mclmc run NUTS's transition
 * with Stan's warm-up instead (docs/samplers.md says so).
 */
export function microOrNuts(potential: Potential, chains: number, micro: () => MicroKernel): Kernel {
  return potential.dim < 2 ? nutsKernel(potential, chains, 10) : micro();
}

/** The microcanonical tuning for a microcanonical kernel, Stan's warm-up for microOrNuts's NUTS. */
export function microOrNutsWarmup(
  kernel: Kernel,
  options: WarmupOptions,
  tuning: (kernel: MicroKernel) => WarmupStrategy,
): WarmupStrategy {
  if ('trajectoryLength' in kernel) return tuning(kernel as MicroKernel);
  return new Warmup(kernel, { ...options, targetAcceptance: options.targetAcceptance ?? nutsSampler.targetAcceptance });
}

/**
 * mams and mclmc default to a dense metric up to this many parameters (the
 * Laplace start costs 2·dim gradients and O(dim³); every step O(dim²)), and
 * to the authors' diagonal above it.
 */
export const DENSE_DEFAULT_LIMIT = 200;

export function microDefaultMetric(dim: number): MetricKind {
  return dim <= DENSE_DEFAULT_LIMIT ? 'dense' : 'diag-var';
}

/**
 * A dense covariance from fewer draws than this per dimension is noisier
 * than the Laplace start: on the 100-d Gaussian of the bench (250 draws per
 * chain) re-estimating it made MAMS 5× slower. Below it the start is kept.
 */
export const DENSE_DRAWS_PER_DIMENSION = 10;

/** Whether a dense metric is re-estimated from `draws` warm-up states (else the Laplace start stays). */
export function denseFromDraws(draws: number, dim: number): boolean {
  return draws >= DENSE_DRAWS_PER_DIMENSION * dim;
}

/** Newton steps at most that polish the L-BFGS point before the Laplace covariance is taken. */
const NEWTON_STEPS = 8;

/**
 * `--metric dense`'s first metric: the Laplace covariance Σ = (−∇²log π)⁻¹
 * at each chain's mode, where it is positive definite, else the L-BFGS
 * diagonal. Without it the first dense estimate comes from chains that
 * have not yet crossed a ridge (kilpisjarvi: R-hat 1.28, bulk ESS 12).
 * L-BFGS may stop early on a narrow ridge, so the point is first polished
 * by Newton steps x ← x + Σ∇log π (each kept only if log π rises; stop when
 * the decrement ∇log π·Σ∇log π is below 10⁻⁸), which land on the mode of a
 * Gaussian at once. Moves the state in place; returns the batched
 * evaluations each chain used (2·dim per Hessian, one per step).
 */
export function denseStart(kernel: MicroKernel, state: LangevinState, params: KernelParams): Float64Array {
  const { chains, dim, potential } = kernel;
  const scales = kernel.startVariances.slice();
  let laplace = laplaceCovariances(potential, state.position, chains, scales);
  // Each chain polishes on its own: once it stops, its covariance is frozen and
  // its count closed, so neither depends on how long its batch-mates go on.
  const evaluations = new Float64Array(chains).fill(laplace.evaluations);
  const covariance = laplace.covariance.slice();
  const positive = Uint8Array.from(laplace.positive, (p) => (p ? 1 : 0));
  const active = new Uint8Array(chains).fill(1);
  const trial = new Float64Array(chains * dim);
  const decrement = new Float64Array(chains);
  for (let iteration = 0; iteration < NEWTON_STEPS; iteration++) {
    trial.set(state.position);
    let wanted = false;
    for (let c = 0; c < chains; c++) {
      decrement[c] = 0;
      if (!active[c] || !laplace.positive[c]) {
        active[c] = 0;
        continue;
      }
      const base = c * dim * dim;
      for (let i = 0; i < dim; i++) {
        let move = 0;
        for (let j = 0; j < dim; j++) move += laplace.covariance[base + i * dim + j] * state.gradient[c * dim + j];
        trial[c * dim + i] += move;
        decrement[c] += move * state.gradient[c * dim + i];
      }
      if (decrement[c] > 1e-8) wanted = true;
      else active[c] = 0;
    }
    if (!wanted) break;
    const evaluated = potential.logDensityAndGradient(trial, chains);
    let moved = false;
    for (let c = 0; c < chains; c++) {
      if (!active[c]) continue;
      evaluations[c]++;
      const better = evaluated.logDensity[c] > state.logDensity[c];
      const row = evaluated.gradient.subarray(c * dim, (c + 1) * dim);
      if (!better || !row.every(Number.isFinite)) {
        active[c] = 0;
        continue;
      }
      state.position.set(trial.subarray(c * dim, (c + 1) * dim), c * dim);
      state.gradient.set(row, c * dim);
      state.logDensity[c] = evaluated.logDensity[c];
      moved = true;
    }
    if (!moved) break;
    // the next Hessian's differences on the scales the last one found
    for (let c = 0; c < chains; c++) {
      if (!active[c]) continue;
      for (let i = 0; i < dim; i++) scales[c * dim + i] = laplace.covariance[c * dim * dim + i * dim + i];
    }
    laplace = laplaceCovariances(potential, state.position, chains, scales);
    for (let c = 0; c < chains; c++) {
      if (!active[c]) continue;
      evaluations[c] += laplace.evaluations;
      covariance.set(laplace.covariance.subarray(c * dim * dim, (c + 1) * dim * dim), c * dim * dim);
      positive[c] = laplace.positive[c] ? 1 : 0;
    }
  }
  for (let c = 0; c < chains; c++) {
    const base = c * dim * dim;
    if (!positive[c] || !kernel.modeFound[c]) {
      covariance.fill(0, base, base + dim * dim);
      for (let i = 0; i < dim; i++) covariance[base + i * dim + i] = kernel.startVariances[c * dim + i];
    }
    for (let i = 0; i < dim; i++) params.invMetric[c * dim + i] = covariance[base + i * dim + i];
  }
  params.metric = denseMetric(chains, dim, covariance);
  return evaluations;
}

/** Per chain, weighted averages of x and x² (weights: the step sizes). */
export class RunningMoments {
  private readonly weight: Float64Array;
  private readonly first: Float64Array;
  private readonly second: Float64Array;

  constructor(
    readonly chains: number,
    readonly dim: number,
  ) {
    this.weight = new Float64Array(chains);
    this.first = new Float64Array(chains * dim);
    this.second = new Float64Array(chains * dim);
  }

  add(position: Float64Array, c: number, weight: number): void {
    if (!(weight > 0)) return;
    const total = this.weight[c] + weight;
    const share = weight / total;
    const row = c * this.dim;
    for (let k = row; k < row + this.dim; k++) {
      const x = position[k];
      this.first[k] += share * (x - this.first[k]);
      this.second[k] += share * (x * x - this.second[k]);
    }
    this.weight[c] = total;
  }

  /** Chain c's variances into `out` (row c); false if nothing was recorded. */
  variances(c: number, out: Float64Array): boolean {
    if (!(this.weight[c] > 0)) return false;
    const row = c * this.dim;
    for (let k = row; k < row + this.dim; k++) {
      const v = this.second[k] - this.first[k] * this.first[k];
      out[k] = v > 0 ? v : 0;
    }
    return true;
  }
}

/** A stretch of each chain's positions, for its autocorrelation time. */
export class ChainRecord {
  private readonly values: Float64Array;
  private readonly column: Float64Array;
  private count = 0;

  constructor(
    readonly chains: number,
    readonly dim: number,
    readonly capacity: number,
  ) {
    this.values = new Float64Array(chains * capacity * dim);
    this.column = new Float64Array(capacity);
  }

  push(state: IsokineticState): void {
    if (this.count >= this.capacity) return;
    const { chains, dim } = this;
    for (let c = 0; c < chains; c++) {
      this.values.set(state.position.subarray(c * dim, (c + 1) * dim), (c * this.capacity + this.count) * dim);
    }
    this.count++;
  }

  get length(): number {
    return this.count;
  }

  /**
   * Chain c's ESS per draw, per coordinate, reduced over coordinates: the
   * mean of draws/ESS (MCLMC, BlackJAX `make_adaptation_L`) or of ESS/draws
   * (MAMS). NaN when no coordinate has an ESS.
   */
  autocorrelation(c: number, reduce: 'mean-time' | 'mean-ess'): number {
    const { dim, capacity } = this;
    const n = this.count;
    if (n < 4) return NaN;
    const column = this.column.subarray(0, n);
    let sum = 0;
    let used = 0;
    for (let i = 0; i < dim; i++) {
      for (let t = 0; t < n; t++) column[t] = this.values[(c * capacity + t) * dim + i];
      const ess = essGeyer({ values: column, chains: 1, draws: n });
      if (ess === null || !(ess > 0)) continue;
      sum += reduce === 'mean-time' ? n / ess : ess / n;
      used++;
    }
    return used > 0 ? sum / used : NaN;
  }
}
