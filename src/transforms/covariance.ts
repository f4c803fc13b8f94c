/**
 * cov_matrix[K] and cholesky_factor_cov[M, N] (Stan reference manual):
 * a lower-triangular factor filled row by row from the free coordinates,
 * with exp() on the diagonal.
 * cov_matrix: K(K+1)/2 free, Σ = L Lᵀ; log |J| of y ↦ lower Σ (with the
 *   diagonal) = K log 2 + Σ_k (K − k + 2) log L_kk (1-based k), as Stan.
 * cholesky_factor_cov: N(N+1)/2 + (M − N)N free; log |J| = Σ diagonal y.
 */
import type { Ops, Val } from '../ir/ops.js';
import { choleskyFloat } from './correlation.js';
import type { Constrained, Transform } from './types.js';

/** The M×N lower-trapezoid factor, its log diagonal (the free diagonal y's). */
function lowerFactor(ops: Ops, y: Val, m: number, n: number): { L: Val; logDiagonal: Val[] } {
  const free = ops.reshape(y, [y.shape.length === 0 ? 1 : y.shape.reduce((a, b) => a * b, 1)]);
  const zero = ops.constant(0);
  const cells: Val[] = new Array<Val>(m * n).fill(zero);
  const logDiagonal: Val[] = [];
  let position = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= Math.min(i, n - 1); j++) {
      const v = ops.gather(free, Int32Array.of(position++), []);
      if (i === j) {
        logDiagonal.push(v);
        cells[i * n + j] = ops.unary('exp', v);
      } else cells[i * n + j] = v;
    }
  }
  return { L: ops.concat(cells, [m, n]), logDiagonal };
}

function unconstrainFactor(L: Float64Array, m: number, n: number): Float64Array {
  const y: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= Math.min(i, n - 1); j++) y.push(i === j ? Math.log(L[i * n + j]!) : L[i * n + j]!);
  }
  return Float64Array.from(y);
}

function sumVals(ops: Ops, terms: Val[]): Val {
  if (terms.length === 0) return ops.constant(0);
  if (terms.length === 1) return terms[0]!;
  return ops.reduce('sum', ops.concat(terms, [terms.length]));
}

export const covMatrixTransform: Transform = {
  name: 'cov_matrix',
  shape: (sizes) => [sizes[0]!, sizes[0]!],
  freeSize: (sizes) => (sizes[0]! * (sizes[0]! + 1)) / 2,
  constrain(ops, y, sizes): Constrained {
    const k = sizes[0]!;
    if (k === 0) return { x: ops.constant(new Float64Array(0), [0, 0]), logJacobian: ops.constant(0) };
    const { L, logDiagonal } = lowerFactor(ops, y, k, k);
    const terms = logDiagonal.map((d, i) => ops.binary('mul', ops.constant(k - i + 1), d));
    terms.push(ops.constant(k * Math.LN2));
    return { x: ops.matmul(L, ops.transpose(L)), logJacobian: sumVals(ops, terms) };
  },
  unconstrain: (x, sizes) => unconstrainFactor(choleskyFloat(x, sizes[0]!), sizes[0]!, sizes[0]!),
  violation(x, sizes) {
    const k = sizes[0]!;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) {
        const a = x[i * k + j]!;
        const b = x[j * k + i]!;
        if (!(Math.abs(a - b) <= 1e-8 * Math.max(1, Math.abs(a), Math.abs(b)))) return 'is not symmetric';
      }
    }
    try {
      choleskyFloat(x, k);
    } catch {
      return 'is not positive definite';
    }
    return undefined;
  },
};

export const choleskyCovTransform: Transform = {
  name: 'cholesky_factor_cov',
  shape: (sizes) => [sizes[0]!, sizes[1] ?? sizes[0]!],
  freeSize: (sizes) => {
    const m = sizes[0]!;
    const n = sizes[1] ?? m;
    return (n * (n + 1)) / 2 + (m - n) * n;
  },
  constrain(ops, y, sizes): Constrained {
    const m = sizes[0]!;
    const n = sizes[1] ?? m;
    if (m === 0 || n === 0) return { x: ops.constant(new Float64Array(0), [m, n]), logJacobian: ops.constant(0) };
    const { L, logDiagonal } = lowerFactor(ops, y, m, n);
    return { x: L, logJacobian: sumVals(ops, logDiagonal) };
  },
  unconstrain: (x, sizes) => unconstrainFactor(x, sizes[0]!, sizes[1] ?? sizes[0]!),
  violation(x, sizes) {
    const m = sizes[0]!;
    const n = sizes[1] ?? m;
    if (m < n) return `has fewer rows (${m}) than columns (${n})`;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const v = x[i * n + j]!;
        if (j > i && v !== 0) return `is not lower triangular (element [${i + 1},${j + 1}] = ${v})`;
        if (i === j && !(v > 0)) return `has a non-positive diagonal element [${i + 1},${i + 1}]`;
      }
    }
    return undefined;
  },
};
