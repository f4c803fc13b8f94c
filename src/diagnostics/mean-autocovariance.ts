/**
 * The mean over chains of the biased autocovariance at lag t, as essGeyer
 * reads it: lag by lag, on demand. Geyer's sequence usually stops after a
 * few lags, so the first lags are summed directly (O(m·n) each); past
 * DIRECT_LAGS the remaining lags come from the FFT (autocovariance.ts) all
 * at once. Each chain is scaled as the FFT path scales it (acov(0) is
 * exactly var·(n − 1)/n), so both give posterior's numbers to rounding.
 */
import { autocovarianceInto } from './autocovariance.js';
import { mean, variance } from './moments.js';

/** Direct lags before the FFT is cheaper: about its cost of 2 transforms of size 2n, in lag sums. */
function directLagLimit(n: number): number {
  return 2 * Math.ceil(Math.log2(2 * n)) + 8;
}

export class MeanAutocovariance {
  /** Per chain mean: draws are centred on the fly (no chains × n copy: 8 MB per call at 10⁶ draws). */
  private readonly means: Float64Array;
  /** Per chain: var·(n − 1)/n ÷ Σ c², or 0 for a constant chain (its autocovariance is 0). */
  private readonly scale: Float64Array;
  private readonly cache: Float64Array;
  private readonly limit: number;
  private fromFft = false;

  constructor(
    private readonly values: Float64Array,
    private readonly chains: number,
    private readonly n: number,
  ) {
    this.means = new Float64Array(chains);
    this.scale = new Float64Array(chains);
    for (let c = 0; c < chains; c++) {
      const start = c * n;
      const varx = variance(values, start, start + n);
      if (!(varx !== 0) || n < 2) continue;
      const m = mean(values, start, start + n);
      this.means[c] = m;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const v = values[start + i]! - m;
        squares += v * v;
      }
      this.scale[c] = (varx * (n - 1)) / n / squares;
    }
    this.cache = new Float64Array(n).fill(NaN);
    this.limit = directLagLimit(n);
  }

  at(t: number): number {
    const cached = this.cache[t]!;
    if (!Number.isNaN(cached)) return cached;
    if (t >= this.limit && !this.fromFft) this.fillByFft();
    if (this.fromFft) return this.cache[t]!;
    const { values, n } = this;
    let total = 0;
    for (let c = 0; c < this.chains; c++) {
      const k = this.scale[c]!;
      if (k === 0) continue;
      const start = c * n;
      const m = this.means[c]!;
      let sum = 0;
      for (let i = start, end = start + n - t; i < end; i++) sum += (values[i]! - m) * (values[i + t]! - m);
      total += sum * k;
    }
    const value = total / this.chains;
    this.cache[t] = value;
    return value;
  }

  /** Every lag from the FFT, keeping the lags already summed directly. */
  private fillByFft(): void {
    const sums = new Float64Array(this.n);
    const acov = new Float64Array(this.n);
    for (let c = 0; c < this.chains; c++) {
      autocovarianceInto(this.values, acov, c * this.n, this.n);
      for (let t = 0; t < this.n; t++) sums[t] = sums[t]! + acov[t]!;
    }
    for (let t = 0; t < this.n; t++) if (Number.isNaN(this.cache[t]!)) this.cache[t] = sums[t]! / this.chains;
    this.fromFft = true;
  }
}
