/**
 * cholesky_factor_corr[K] and corr_matrix[K] (Stan reference manual,
 * "Cholesky factors of correlation matrices"): K(K−1)/2 free coordinates,
 * canonical partial correlations z = tanh(y) filled row by row into the
 * strict lower triangle:
 *   L₁₁ = 1;  L_i1 = z;  L_ij = z · √(1 − Σ_{k<j} L_ik²);  L_ii = √(1 − Σ_{k<i} L_ik²)
 * log |J| (y ↦ strict lower L) = Σ log(1 − z²) + ½ Σ_{i, 1<j<i} log(1 − Σ_{k<j} L_ik²).
 * corr_matrix: Ω = L Lᵀ, and the map from the strict lower L to the strict
 * lower Ω is triangular with diagonal L_jj, so it adds Σ_j (K − j) log L_jj
 * (1-based j).
 */
import type { Ops, Val } from '../ir/ops.js';
import { InternalError } from '../errors.js';
import type { Constrained, Transform } from './types.js';

function scalarAt(ops: Ops, v: Val, i: number): Val {
  return ops.gather(v, Int32Array.of(i), []);
}

/** L [K, K] from y [K(K−1)/2], and the log |J| of y ↦ strict lower L, and log L_jj. */
export function choleskyCorrFactor(ops: Ops, y: Val, k: number): { L: Val; logJacobian: Val; logDiagonal: Val[] } {
  const zero = ops.constant(0);
  const one = ops.constant(1);
  if (k === 0) return { L: ops.constant(new Float64Array(0), [0, 0]), logJacobian: zero, logDiagonal: [] };
  const z = ops.unary('tanh', ops.reshape(y, [(k * (k - 1)) / 2]));
  const terms: Val[] = [];
  if (k > 1) terms.push(ops.reduce('sum', ops.unary('log1m', ops.unary('square', z))));
  const cells: Val[] = new Array<Val>(k * k).fill(zero);
  const logDiagonal: Val[] = [zero];
  cells[0] = one;
  let position = 0;
  for (let i = 1; i < k; i++) {
    const first = scalarAt(ops, z, position++);
    cells[i * k] = first;
    let sumSquares = ops.unary('square', first);
    for (let j = 1; j < i; j++) {
      const remaining = ops.unary('log1m', sumSquares);
      terms.push(ops.binary('mul', ops.constant(0.5), remaining));
      const entry = ops.binary(
        'mul',
        scalarAt(ops, z, position++),
        ops.unary('exp', ops.binary('mul', ops.constant(0.5), remaining)),
      );
      cells[i * k + j] = entry;
      sumSquares = ops.binary('add', sumSquares, ops.unary('square', entry));
    }
    const logDiag = ops.binary('mul', ops.constant(0.5), ops.unary('log1m', sumSquares));
    logDiagonal.push(logDiag);
    cells[i * k + i] = ops.unary('exp', logDiag);
  }
  const logJacobian =
    terms.length === 0 ? zero : terms.length === 1 ? terms[0]! : ops.reduce('sum', ops.concat(terms, [terms.length]));
  return { L: ops.concat(cells, [k, k]), logJacobian, logDiagonal };
}

/** Float64 Cholesky factor (lower) of a symmetric positive-definite row-major matrix. */
export function choleskyFloat(a: Float64Array, k: number): Float64Array {
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j]!;
      for (let m = 0; m < j; m++) s -= L[i * k + m]! * L[j * k + m]!;
      if (i === j) {
        if (!(s > 0)) throw new InternalError('matrix is not positive definite');
        L[i * k + i] = Math.sqrt(s);
      } else L[i * k + j] = s / L[j * k + j]!;
    }
  }
  return L;
}

/** y from a Cholesky factor of a correlation matrix. */
function unconstrainCorrFactor(L: Float64Array, k: number): Float64Array {
  const y = new Float64Array((k * (k - 1)) / 2);
  let position = 0;
  for (let i = 1; i < k; i++) {
    let sumSquares = 0;
    for (let j = 0; j < i; j++) {
      const v = L[i * k + j]!;
      const z = j === 0 ? v : v / Math.sqrt(1 - sumSquares);
      y[position++] = Math.atanh(z);
      sumSquares += v * v;
    }
  }
  return y;
}

function squareViolation(x: Float64Array, k: number): string | undefined {
  if (x.length !== k * k) return `has ${x.length} elements, expected ${k * k}`;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) return `element ${i + 1} is not finite`;
  return undefined;
}

export const choleskyCorrTransform: Transform = {
  name: 'cholesky_factor_corr',
  shape: (sizes) => [sizes[0]!, sizes[0]!],
  freeSize: (sizes) => (sizes[0]! * (sizes[0]! - 1)) / 2,
  constrain(ops, y, sizes): Constrained {
    const { L, logJacobian } = choleskyCorrFactor(ops, y, sizes[0]!);
    return { x: L, logJacobian };
  },
  unconstrain: (x, sizes) => unconstrainCorrFactor(x, sizes[0]!),
  violation(x, sizes) {
    const k = sizes[0]!;
    const bad = squareViolation(x, k);
    if (bad) return bad;
    for (let i = 0; i < k; i++) {
      let norm = 0;
      for (let j = 0; j < k; j++) {
        const v = x[i * k + j]!;
        if (j > i && v !== 0) return `is not lower triangular (element [${i + 1},${j + 1}] = ${v})`;
        norm += v * v;
      }
      if (!(x[i * k + i]! > 0)) return `has a non-positive diagonal element [${i + 1},${i + 1}]`;
      if (Math.abs(norm - 1) > 1e-8) return `row ${i + 1} does not have unit length`;
    }
    return undefined;
  },
};

export const corrMatrixTransform: Transform = {
  name: 'corr_matrix',
  shape: (sizes) => [sizes[0]!, sizes[0]!],
  freeSize: (sizes) => (sizes[0]! * (sizes[0]! - 1)) / 2,
  constrain(ops, y, sizes): Constrained {
    const k = sizes[0]!;
    const { L, logJacobian, logDiagonal } = choleskyCorrFactor(ops, y, k);
    const terms = [logJacobian];
    for (let j = 1; j < k - 1; j++) terms.push(ops.binary('mul', ops.constant(k - 1 - j), logDiagonal[j]!));
    const total = terms.length === 1 ? logJacobian : ops.reduce('sum', ops.concat(terms, [terms.length]));
    return { x: ops.matmul(L, ops.transpose(L)), logJacobian: total };
  },
  unconstrain: (x, sizes) => unconstrainCorrFactor(choleskyFloat(x, sizes[0]!), sizes[0]!),
  violation(x, sizes) {
    const k = sizes[0]!;
    const bad = squareViolation(x, k);
    if (bad) return bad;
    for (let i = 0; i < k; i++) {
      if (Math.abs(x[i * k + i]! - 1) > 1e-8) return `diagonal element [${i + 1},${i + 1}] is not 1`;
      for (let j = 0; j < i; j++) {
        if (Math.abs(x[i * k + j]! - x[j * k + i]!) > 1e-8) return 'is not symmetric';
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
