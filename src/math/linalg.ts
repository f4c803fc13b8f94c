/**
 * Batched linear algebra kernels with exact reverse-mode rules: matmul,
 * transpose, Cholesky factor, lower-triangular solve. Operands are chain-
 * major (chain c at offset c·size) when batched, or one shared copy when
 * constant (stride 0). Backward functions add into their gradient arrays;
 * a null gradient array means "not needed".
 */

/**
 * Y = A·B per chain with A [r, k], B [k, m], Y [r, m] (vectors are m = 1 or
 * r = 1). The constant-matrix × batched-vector case (X·β in regression) runs
 * four chains at a time so each row of A is read once per four chains.
 */
export function matmulForward(
  A: Float64Array,
  aBatched: boolean,
  B: Float64Array,
  bBatched: boolean,
  Y: Float64Array,
  c0: number,
  c1: number,
  r: number,
  k: number,
  m: number,
): void {
  if (!aBatched && bBatched && m === 1) {
    matrixTimesVectors(A, B, Y, c0, c1, r, k);
    return;
  }
  const aStride = aBatched ? r * k : 0;
  const bStride = bBatched ? k * m : 0;
  for (let c = c0; c < c1; c++) {
    const ao = c * aStride;
    const bo = c * bStride;
    const yo = c * r * m;
    if (m === 1) {
      for (let i = 0; i < r; i++) {
        let s = 0;
        const ai = ao + i * k;
        for (let j = 0; j < k; j++) s += A[ai + j] * B[bo + j];
        Y[yo + i] = s;
      }
      continue;
    }
    for (let i = 0; i < r; i++) {
      const yi = yo + i * m;
      for (let l = 0; l < m; l++) Y[yi + l] = 0;
      for (let j = 0; j < k; j++) {
        const a = A[ao + i * k + j];
        const bj = bo + j * m;
        for (let l = 0; l < m; l++) Y[yi + l] += a * B[bj + l];
      }
    }
  }
}

function matrixTimesVectors(
  A: Float64Array,
  B: Float64Array,
  Y: Float64Array,
  c0: number,
  c1: number,
  r: number,
  k: number,
): void {
  let c = c0;
  for (; c + 4 <= c1; c += 4) {
    const b0 = c * k,
      b1 = b0 + k,
      b2 = b1 + k,
      b3 = b2 + k;
    const y0 = c * r,
      y1 = y0 + r,
      y2 = y1 + r,
      y3 = y2 + r;
    for (let i = 0; i < r; i++) {
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      const ai = i * k;
      for (let j = 0; j < k; j++) {
        const a = A[ai + j];
        s0 += a * B[b0 + j];
        s1 += a * B[b1 + j];
        s2 += a * B[b2 + j];
        s3 += a * B[b3 + j];
      }
      Y[y0 + i] = s0;
      Y[y1 + i] = s1;
      Y[y2 + i] = s2;
      Y[y3 + i] = s3;
    }
  }
  for (; c < c1; c++) {
    const b0 = c * k;
    const y0 = c * r;
    for (let i = 0; i < r; i++) {
      let s = 0;
      const ai = i * k;
      for (let j = 0; j < k; j++) s += A[ai + j] * B[b0 + j];
      Y[y0 + i] = s;
    }
  }
}

/** gA += G·Bᵀ, gB += Aᵀ·G per chain. */
export function matmulBackward(
  A: Float64Array,
  aBatched: boolean,
  B: Float64Array,
  bBatched: boolean,
  G: Float64Array,
  gA: Float64Array | null,
  gB: Float64Array | null,
  c0: number,
  c1: number,
  r: number,
  k: number,
  m: number,
): void {
  if (gB && !aBatched && bBatched && m === 1) matrixTransposeTimesVectors(A, G, gB, c0, c1, r, k);
  else if (gB) {
    const aStride = aBatched ? r * k : 0;
    for (let c = c0; c < c1; c++) {
      const ao = c * aStride;
      const go = c * r * m;
      const bo = c * k * m;
      for (let i = 0; i < r; i++) {
        const gi = go + i * m;
        for (let j = 0; j < k; j++) {
          const a = A[ao + i * k + j];
          const bj = bo + j * m;
          for (let l = 0; l < m; l++) gB[bj + l] += a * G[gi + l];
        }
      }
    }
  }
  if (gA) {
    const bStride = bBatched ? k * m : 0;
    for (let c = c0; c < c1; c++) {
      const ao = c * r * k;
      const bo = c * bStride;
      const go = c * r * m;
      for (let i = 0; i < r; i++) {
        const gi = go + i * m;
        for (let j = 0; j < k; j++) {
          let s = 0;
          const bj = bo + j * m;
          for (let l = 0; l < m; l++) s += G[gi + l] * B[bj + l];
          gA[ao + i * k + j] += s;
        }
      }
    }
  }
}

function matrixTransposeTimesVectors(
  A: Float64Array,
  G: Float64Array,
  gB: Float64Array,
  c0: number,
  c1: number,
  r: number,
  k: number,
): void {
  let c = c0;
  for (; c + 4 <= c1; c += 4) {
    const b0 = c * k,
      b1 = b0 + k,
      b2 = b1 + k,
      b3 = b2 + k;
    const y0 = c * r,
      y1 = y0 + r,
      y2 = y1 + r,
      y3 = y2 + r;
    for (let i = 0; i < r; i++) {
      const g0 = G[y0 + i],
        g1 = G[y1 + i],
        g2 = G[y2 + i],
        g3 = G[y3 + i];
      const ai = i * k;
      for (let j = 0; j < k; j++) {
        const a = A[ai + j];
        gB[b0 + j] += a * g0;
        gB[b1 + j] += a * g1;
        gB[b2 + j] += a * g2;
        gB[b3 + j] += a * g3;
      }
    }
  }
  for (; c < c1; c++) {
    const b0 = c * k;
    const y0 = c * r;
    for (let i = 0; i < r; i++) {
      const g0 = G[y0 + i];
      const ai = i * k;
      for (let j = 0; j < k; j++) gB[b0 + j] += A[ai + j] * g0;
    }
  }
}

/** Y = Xᵀ per chain, X [r, c]. */
export function transposeForward(
  X: Float64Array,
  Y: Float64Array,
  c0: number,
  c1: number,
  r: number,
  cols: number,
): void {
  const size = r * cols;
  for (let ch = c0; ch < c1; ch++) {
    const o = ch * size;
    for (let i = 0; i < r; i++) for (let j = 0; j < cols; j++) Y[o + j * r + i] = X[o + i * cols + j];
  }
}

/** gX += Gᵀ per chain. */
export function transposeBackward(
  G: Float64Array,
  gX: Float64Array,
  c0: number,
  c1: number,
  r: number,
  cols: number,
): void {
  const size = r * cols;
  for (let ch = c0; ch < c1; ch++) {
    const o = ch * size;
    for (let i = 0; i < r; i++) for (let j = 0; j < cols; j++) gX[o + i * cols + j] += G[o + j * r + i];
  }
}

/**
 * Lower Cholesky factor per chain, reading only the lower triangle of A.
 * A matrix that is not positive definite (or holds NaN) gives an all-NaN
 * factor for that chain: the density is then NaN, which samplers reject.
 */
export function choleskyForward(A: Float64Array, L: Float64Array, c0: number, c1: number, n: number): void {
  const size = n * n;
  for (let c = c0; c < c1; c++) {
    const o = c * size;
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const rj = o + j * n;
      let s = A[rj + j];
      for (let k = 0; k < j; k++) s -= L[rj + k] * L[rj + k];
      if (!(s > 0)) {
        ok = false;
        break;
      }
      const d = Math.sqrt(s);
      L[rj + j] = d;
      for (let k = j + 1; k < n; k++) L[rj + k] = 0;
      for (let i = j + 1; i < n; i++) {
        const ri = o + i * n;
        let t = A[ri + j];
        for (let k = 0; k < j; k++) t -= L[ri + k] * L[rj + k];
        L[ri + j] = t / d;
      }
    }
    if (!ok) L.fill(NaN, o, o + size);
  }
}

/**
 * Reverse mode of the Cholesky factor (Murray 2016, "Differentiation of the
 * Cholesky decomposition", unblocked algorithm): gA (lower triangle) += Ā
 * from L̄ = G. `work` holds n·n scratch entries.
 */
export function choleskyBackward(
  L: Float64Array,
  G: Float64Array,
  gA: Float64Array,
  c0: number,
  c1: number,
  n: number,
  work: Float64Array,
): void {
  const size = n * n;
  for (let c = c0; c < c1; c++) {
    const o = c * size;
    const W = work;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) W[i * n + j] = G[o + i * n + j];
      for (let j = i + 1; j < n; j++) W[i * n + j] = 0;
    }
    for (let j = n - 1; j >= 0; j--) {
      const d = L[o + j * n + j];
      let s = 0;
      for (let i = j + 1; i < n; i++) s += L[o + i * n + j] * W[i * n + j];
      W[j * n + j] -= s / d;
      for (let i = j; i < n; i++) W[i * n + j] /= d;
      for (let k = 0; k < j; k++) {
        let t = 0;
        for (let i = j; i < n; i++) t += W[i * n + j] * L[o + i * n + k];
        W[j * n + k] -= t;
      }
      for (let i = j + 1; i < n; i++) {
        const wij = W[i * n + j];
        for (let k = 0; k < j; k++) W[i * n + k] -= wij * L[o + j * n + k];
      }
      W[j * n + j] *= 0.5;
    }
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) gA[o + i * n + j] += W[i * n + j];
  }
}

/** Z = L⁻¹ B per chain, L [n, n] lower (only its lower triangle is read), B [n, m]. */
export function triangularSolveForward(
  L: Float64Array,
  lBatched: boolean,
  B: Float64Array,
  bBatched: boolean,
  Z: Float64Array,
  c0: number,
  c1: number,
  n: number,
  m: number,
): void {
  const lStride = lBatched ? n * n : 0;
  const bStride = bBatched ? n * m : 0;
  for (let c = c0; c < c1; c++) {
    const lo = c * lStride;
    const bo = c * bStride;
    const zo = c * n * m;
    for (let l = 0; l < m; l++) {
      for (let i = 0; i < n; i++) {
        let s = B[bo + i * m + l];
        const li = lo + i * n;
        for (let j = 0; j < i; j++) s -= L[li + j] * Z[zo + j * m + l];
        Z[zo + i * m + l] = s / L[li + i];
      }
    }
  }
}

/**
 * Reverse mode of Z = L⁻¹B: T = L⁻ᵀ Ḡ, gB += T, gL -= tril(T Zᵀ).
 * `work` holds n·m scratch entries.
 */
export function triangularSolveBackward(
  L: Float64Array,
  lBatched: boolean,
  Z: Float64Array,
  G: Float64Array,
  gL: Float64Array | null,
  gB: Float64Array | null,
  c0: number,
  c1: number,
  n: number,
  m: number,
  work: Float64Array,
): void {
  const lStride = lBatched ? n * n : 0;
  for (let c = c0; c < c1; c++) {
    const lo = c * lStride;
    const zo = c * n * m;
    const T = work;
    for (let l = 0; l < m; l++) {
      for (let i = n - 1; i >= 0; i--) {
        let s = G[zo + i * m + l];
        for (let j = i + 1; j < n; j++) s -= L[lo + j * n + i] * T[j * m + l];
        T[i * m + l] = s / L[lo + i * n + i];
      }
    }
    if (gB) for (let t = 0; t < n * m; t++) gB[zo + t] += T[t];
    if (gL) {
      const go = c * n * n;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let l = 0; l < m; l++) s += T[i * m + l] * Z[zo + j * m + l];
          gL[go + i * n + j] -= s;
        }
      }
    }
  }
}
