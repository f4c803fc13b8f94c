import { fft, nextPowerOfTwo } from './fft.js';
import { mean, variance } from './moments.js';

/**
 * Biased autocovariance of one chain at lags 0 … n−1 by FFT, as posterior's
 * `autocovariance`: acov(t) = Σᵢ cᵢ cᵢ₊ₜ / n with c = x − mean(x), rescaled
 * so that acov(0) is exactly var(x)·(n − 1)/n. Zero padding to at least 2n
 * makes the circular correlation a linear one. A constant chain gives zeros.
 */
export function autocovariance(x: Float64Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  const varx = variance(x);
  if (!(varx !== 0) || n < 2) return out;
  const size = nextPowerOfTwo(2 * n);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  const m = mean(x);
  for (let i = 0; i < n; i++) re[i] = x[i]! - m;
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
