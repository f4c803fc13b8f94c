/**
 * Pieces both microcanonical tunings share (BlackJAX
 * `adaptation/mclmc_adaptation.py`, `adjusted_mclmc_adaptation.py`):
 * step-weighted running moments of the position (the diagonal
 * preconditioner and the scale of the posterior), and the integrated
 * autocorrelation time of a stored stretch of the chain (for L).
 */
import { essGeyer } from '../diagnostics/ess.js';
import type { IsokineticState } from './isokinetic.js';

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
