import { fft, nextPowerOfTwo } from './fft.js';
import { mean, variance } from './moments.js';

/**
 * Biased autocovariance of one chain at lags 0 … n−1 by FFT, as posterior's
 * `autocovariance`: acov(t) = Σᵢ cᵢ cᵢ₊ₜ / n with c = x − mean(x), rescaled
 * so that acov(0) is exactly var(x)·(n − 1)/n. Zero padding to at least 2n
 * makes the circular correlation a linear one. A constant chain gives zeros.
 */
export function autocovariance(x: Float64Array): Float64Array {
  return autocovarianceInto(x, new Float64Array(x.length));
}

/** FFT work arrays, reused across calls (ESS runs one transform per chain, often 10⁴–10⁵ of one size). */
let scratchRe = new Float64Array(0);
let scratchIm = new Float64Array(0);

/**
 * `autocovariance` of x[start … start + n) written into `out` (length ≥ n);
 * returns `out`. Offsets instead of a subarray per chain: the ESS of 10 000
 * chains would otherwise create as many short-lived views.
 */
export function autocovarianceInto(x: Float64Array, out: Float64Array, start = 0, n = x.length - start): Float64Array {
  out.fill(0, 0, n);
  const varx = variance(x, start, start + n);
  if (!(varx !== 0) || n < 2) return out;
  const size = nextPowerOfTwo(2 * n);
  if (scratchRe.length !== size) {
    scratchRe = new Float64Array(size);
    scratchIm = new Float64Array(size);
  }
  const re = scratchRe;
  const im = scratchIm;
  const m = mean(x, start, start + n);
  for (let i = 0; i < n; i++) re[i] = x[start + i]! - m;
  re.fill(0, n);
  im.fill(0);
  fft(re, im);
  for (let i = 0; i < size; i++) {
    re[i] = re[i]! * re[i]! + im[i]! * im[i]!;
    im[i] = 0;
  }
  fft(re, im, true);
  const scale = (varx * (n - 1)) / n / re[0]!;
  for (let t = 0; t < n; t++) out[t] = re[t]! * scale;
  return out;
}
