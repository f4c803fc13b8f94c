/**
 * Batched structural kernels: gather, concat, fill and select. Operands are
 * chain-major when batched, one shared copy (stride 0) when constant;
 * backward functions add into their gradient arrays.
 */

/** Y[c, i] = X[c, idx[i]]; `xStride` is the per-chain size of X (0 if constant). */
export function gatherForward(
  X: Float64Array,
  xStride: number,
  idx: Int32Array,
  Y: Float64Array,
  c0: number,
  c1: number,
): void {
  const m = idx.length;
  for (let c = c0; c < c1; c++) {
    const xo = c * xStride;
    const yo = c * m;
    for (let i = 0; i < m; i++) Y[yo + i] = X[xo + idx[i]];
  }
}

export function gatherBackward(
  G: Float64Array,
  idx: Int32Array,
  gX: Float64Array,
  xSize: number,
  c0: number,
  c1: number,
): void {
  const m = idx.length;
  for (let c = c0; c < c1; c++) {
    const xo = c * xSize;
    const go = c * m;
    for (let i = 0; i < m; i++) gX[xo + idx[i]] += G[go + i];
  }
}

/** Y[c] = concat of parts[p][c] (a constant part is copied into every chain). */
export function concatForward(
  parts: Float64Array[],
  sizes: number[],
  batched: boolean[],
  Y: Float64Array,
  c0: number,
  c1: number,
  total: number,
): void {
  for (let c = c0; c < c1; c++) {
    let o = c * total;
    for (let p = 0; p < parts.length; p++) {
      const n = sizes[p];
      const src = parts[p];
      const so = batched[p] ? c * n : 0;
      for (let i = 0; i < n; i++) Y[o + i] = src[so + i];
      o += n;
    }
  }
}

export function concatBackward(
  G: Float64Array,
  sizes: number[],
  grads: (Float64Array | null)[],
  c0: number,
  c1: number,
  total: number,
): void {
  for (let c = c0; c < c1; c++) {
    let o = c * total;
    for (let p = 0; p < sizes.length; p++) {
      const n = sizes[p];
      const g = grads[p];
      if (g) {
        const go = c * n;
        for (let i = 0; i < n; i++) g[go + i] += G[o + i];
      }
      o += n;
    }
  }
}

/** Y[c, i] = x[c] (x a batched scalar). */
export function fillForward(X: Float64Array, Y: Float64Array, c0: number, c1: number, n: number): void {
  for (let c = c0; c < c1; c++) Y.fill(X[c], c * n, (c + 1) * n);
}

export function fillBackward(G: Float64Array, gX: Float64Array, c0: number, c1: number, n: number): void {
  for (let c = c0; c < c1; c++) {
    let s = 0;
    for (let i = c * n; i < (c + 1) * n; i++) s += G[i];
    gX[c] += s;
  }
}

/**
 * Addressing of one select operand: element i of chain c is at
 * c·chainStride + i·elementStride (strides 0 for constants and scalars).
 */
export interface Strided {
  value: Float64Array;
  chainStride: number;
  elementStride: number;
}

/** Y = cond ≠ 0 ? a : b elementwise (a NaN condition gives NaN). */
export function selectForward(
  cond: Strided,
  a: Strided,
  b: Strided,
  Y: Float64Array,
  c0: number,
  c1: number,
  n: number,
): void {
  for (let c = c0; c < c1; c++) {
    for (let i = 0; i < n; i++) {
      const t = cond.value[c * cond.chainStride + i * cond.elementStride];
      Y[c * n + i] =
        t !== 0 && !Number.isNaN(t)
          ? a.value[c * a.chainStride + i * a.elementStride]
          : t === 0
            ? b.value[c * b.chainStride + i * b.elementStride]
            : NaN;
    }
  }
}

/** Routes G to the chosen branch; gA, gB indexed with the branch's own strides. */
export function selectBackward(
  cond: Strided,
  a: Strided,
  b: Strided,
  G: Float64Array,
  gA: Float64Array | null,
  gB: Float64Array | null,
  c0: number,
  c1: number,
  n: number,
): void {
  for (let c = c0; c < c1; c++) {
    for (let i = 0; i < n; i++) {
      const t = cond.value[c * cond.chainStride + i * cond.elementStride];
      const g = G[c * n + i];
      if (t !== 0 && !Number.isNaN(t)) {
        if (gA) gA[c * a.chainStride + i * a.elementStride] += g;
      } else if (t === 0) {
        if (gB) gB[c * b.chainStride + i * b.elementStride] += g;
      }
    }
  }
}
