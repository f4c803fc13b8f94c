/**
 * In-place iterative radix-2 complex FFT on separate real and imaginary
 * arrays whose length is a power of two. `inverse` flips the sign of the
 * exponent and does not scale (as R's fft(inverse = TRUE)).
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (n !== im.length || (n & (n - 1)) !== 0) throw new Error(`fft: length ${n} is not a power of two`);
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]!;
      re[i] = re[j]!;
      re[j] = t;
      t = im[i]!;
      im[i] = im[j]!;
      im[j] = t;
    }
  }
  const { cosTable, sinTable } = twiddles(n, inverse);
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const stride = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cosTable[k * stride]!;
        const wi = sinTable[k * stride]!;
        const a = start + k;
        const b = a + half;
        const xr = re[b]! * wr - im[b]! * wi;
        const xi = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - xr;
        im[b] = im[a]! - xi;
        re[a] = re[a]! + xr;
        im[a] = im[a]! + xi;
      }
    }
  }
}

const twiddleCache = new Map<number, { cosTable: Float64Array; sinTable: Float64Array }>();

/**
 * Twiddle table exp(∓2πik/n), each entry computed directly to keep rounding
 * small; cached per (n, direction): the ESS of 10 000 chains runs tens of
 * thousands of transforms of one length.
 */
function twiddles(n: number, inverse: boolean): { cosTable: Float64Array; sinTable: Float64Array } {
  const key = inverse ? -n : n;
  let table = twiddleCache.get(key);
  if (!table) {
    const half0 = n >> 1;
    const cosTable = new Float64Array(half0);
    const sinTable = new Float64Array(half0);
    const sign = inverse ? 1 : -1;
    for (let k = 0; k < half0; k++) {
      cosTable[k] = Math.cos((2 * Math.PI * k) / n);
      sinTable[k] = sign * Math.sin((2 * Math.PI * k) / n);
    }
    table = { cosTable, sinTable };
    twiddleCache.set(key, table);
  }
  return table;
}

/** The smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}
