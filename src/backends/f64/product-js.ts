/**
 * The JS matrix-product kernels: a constant matrix A [n, k] (row-major)
 * against a chain-major batch (one row per chain). Both keep, for every
 * output, one fixed summation order over the data dimension whatever the
 * number of chains, the tiling or the kernel (product-wasm.ts computes the
 * same operations in the same order), so a chain's result is bitwise the
 * same alone, in any batch, on any thread, in JS or in wasm:
 *
 *  - rowsDot: Y[c, i] = (s0 + s1) (+ A[i, k−1]·B[c, k−1] when k is odd),
 *    s0 = Σ_p A[i, 2p]·B[c, 2p], s1 = Σ_p A[i, 2p+1]·B[c, 2p+1], each summed
 *    from 0 in order of p (the two lanes of an f64x2 accumulator);
 *  - colsDot: T[c, j] = Σ_i A[i, j]·G[c, i], summed from 0 in order of i.
 *
 * `add` adds the result into the target instead of writing it (one final
 * addition per output, after the sum).
 */

/** Y[yo + c·n + i] (= or +=) A[i, :]·B[bo + c·k + :] for c < chains; four chains share each row of A. */
export function rowsDot(
  A: Float64Array,
  n: number,
  k: number,
  B: Float64Array,
  bo: number,
  Y: Float64Array,
  yo: number,
  chains: number,
  add: boolean,
): void {
  const kp = k >> 1;
  const odd = (k & 1) === 1;
  const last = k - 1;
  let c = 0;
  for (; c + 4 <= chains; c += 4) {
    const b0 = bo + c * k;
    const b1 = b0 + k;
    const b2 = b1 + k;
    const b3 = b2 + k;
    const y0 = yo + c * n;
    for (let i = 0; i < n; i++) {
      const a = i * k;
      // prettier-ignore
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let p = 0, j = 0; p < kp; p++, j += 2) {
        const x0 = A[a + j];
        const x1 = A[a + j + 1];
        s00 += x0 * B[b0 + j];
        s01 += x1 * B[b0 + j + 1];
        s10 += x0 * B[b1 + j];
        s11 += x1 * B[b1 + j + 1];
        s20 += x0 * B[b2 + j];
        s21 += x1 * B[b2 + j + 1];
        s30 += x0 * B[b3 + j];
        s31 += x1 * B[b3 + j + 1];
      }
      let v0 = s00 + s01;
      let v1 = s10 + s11;
      let v2 = s20 + s21;
      let v3 = s30 + s31;
      if (odd) {
        const x = A[a + last];
        v0 += x * B[b0 + last];
        v1 += x * B[b1 + last];
        v2 += x * B[b2 + last];
        v3 += x * B[b3 + last];
      }
      put(Y, y0 + i, v0, add);
      put(Y, y0 + n + i, v1, add);
      put(Y, y0 + 2 * n + i, v2, add);
      put(Y, y0 + 3 * n + i, v3, add);
    }
  }
  for (; c < chains; c++) {
    const b = bo + c * k;
    const y = yo + c * n;
    for (let i = 0; i < n; i++) {
      const a = i * k;
      let s0 = 0;
      let s1 = 0;
      for (let p = 0, j = 0; p < kp; p++, j += 2) {
        s0 += A[a + j] * B[b + j];
        s1 += A[a + j + 1] * B[b + j + 1];
      }
      let v = s0 + s1;
      if (odd) v += A[a + last] * B[b + last];
      put(Y, y + i, v, add);
    }
  }
}

function put(Y: Float64Array, at: number, v: number, add: boolean): void {
  if (add) Y[at] += v;
  else Y[at] = v;
}

/**
 * T[to + c·k + j] (= or +=) Σ_i A[i, j]·G[go + c·n + i] for c < chains:
 * tiles of 4 chains × 4 columns (16 sums in registers) over all rows, then
 * the remaining columns one at a time; `work` holds 4·k finished sums.
 */
export function colsDot(
  A: Float64Array,
  n: number,
  k: number,
  G: Float64Array,
  go: number,
  T: Float64Array,
  to: number,
  chains: number,
  add: boolean,
  work: Float64Array,
): void {
  let c = 0;
  for (; c + 4 <= chains; c += 4) {
    const g0 = go + c * n;
    const g1 = g0 + n;
    const g2 = g1 + n;
    const g3 = g2 + n;
    let j = 0;
    for (; j + 4 <= k; j += 4) {
      // prettier-ignore
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0,
        s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let i = 0, a = j; i < n; i++, a += k) {
        const x0 = A[a];
        const x1 = A[a + 1];
        const x2 = A[a + 2];
        const x3 = A[a + 3];
        const v0 = G[g0 + i];
        const v1 = G[g1 + i];
        const v2 = G[g2 + i];
        const v3 = G[g3 + i];
        s00 += x0 * v0;
        s01 += x1 * v0;
        s02 += x2 * v0;
        s03 += x3 * v0;
        s10 += x0 * v1;
        s11 += x1 * v1;
        s12 += x2 * v1;
        s13 += x3 * v1;
        s20 += x0 * v2;
        s21 += x1 * v2;
        s22 += x2 * v2;
        s23 += x3 * v2;
        s30 += x0 * v3;
        s31 += x1 * v3;
        s32 += x2 * v3;
        s33 += x3 * v3;
      }
      work[j] = s00;
      work[j + 1] = s01;
      work[j + 2] = s02;
      work[j + 3] = s03;
      work[k + j] = s10;
      work[k + j + 1] = s11;
      work[k + j + 2] = s12;
      work[k + j + 3] = s13;
      work[2 * k + j] = s20;
      work[2 * k + j + 1] = s21;
      work[2 * k + j + 2] = s22;
      work[2 * k + j + 3] = s23;
      work[3 * k + j] = s30;
      work[3 * k + j + 1] = s31;
      work[3 * k + j + 2] = s32;
      work[3 * k + j + 3] = s33;
    }
    for (; j < k; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // prettier-ignore
      for (let i = 0, a = j; i < n; i++, a += k) {
        const x = A[a];
        s0 += x * G[g0 + i];
        s1 += x * G[g1 + i];
        s2 += x * G[g2 + i];
        s3 += x * G[g3 + i];
      }
      work[j] = s0;
      work[k + j] = s1;
      work[2 * k + j] = s2;
      work[3 * k + j] = s3;
    }
    store(work, T, to + c * k, 4 * k, add);
  }
  for (; c < chains; c++) {
    const g = go + c * n;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0, a = j; i < n; i++, a += k) s += A[a] * G[g + i];
      work[j] = s;
    }
    store(work, T, to + c * k, k, add);
  }
}

function store(work: Float64Array, T: Float64Array, to: number, size: number, add: boolean): void {
  if (add) for (let j = 0; j < size; j++) T[to + j] += work[j];
  else for (let j = 0; j < size; j++) T[to + j] = work[j];
}
