/**
 * Inverses, determinants and linear solves, built from the IR's Cholesky
 * and lower-triangular solve (so gradients come for free in both backends):
 *  - SPD matrices: A = L·Lᵀ, A⁻¹ = L⁻ᵀ·L⁻¹, log|A| = 2·Σ log L_ii;
 *  - general square A: A⁻¹ = (AᵀA)⁻¹·Aᵀ through the Cholesky factor of the
 *    SPD matrix AᵀA, and log|det A| = Σ log L_ii of that factor;
 *  - det A (with its sign) by Gaussian elimination, with partial pivoting
 *    when A is known before sampling and without when it is a parameter
 *    (a zero leading pivot then gives NaN, which the sampler rejects).
 * Constant arguments are computed exactly in plain Float64 with pivoting.
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { FunctionEntry } from '../types.js';
import { diagonalOf } from '../build.js';
import { fn } from './define.js';

function square(name: string, m: Val): number {
  if (m.shape.length !== 2 || m.shape[0] !== m.shape[1]) {
    throw new LangevinError(`${name}: expected a square matrix, got shape [${m.shape.join(', ')}]`);
  }
  return m.shape[0]!;
}

function identity(ops: Ops, n: number): Val {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return ops.constant(m, [n, n]);
}

/** LU with partial pivoting of a constant n×n matrix: the determinant and the inverse. */
export function gaussJordan(a: Float64Array, n: number): { det: number; inverse: Float64Array } {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let det = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i * n + k]!) > Math.abs(m[p * n + k]!)) p = i;
    if (m[p * n + k] === 0) return { det: 0, inverse: new Float64Array(n * n).fill(NaN) };
    if (p !== k) {
      det = -det;
      for (let j = 0; j < n; j++) {
        [m[k * n + j], m[p * n + j]] = [m[p * n + j]!, m[k * n + j]!];
        [inv[k * n + j], inv[p * n + j]] = [inv[p * n + j]!, inv[k * n + j]!];
      }
    }
    const pivot = m[k * n + k]!;
    det *= pivot;
    for (let j = 0; j < n; j++) {
      m[k * n + j] = m[k * n + j]! / pivot;
      inv[k * n + j] = inv[k * n + j]! / pivot;
    }
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = m[i * n + k]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        m[i * n + j] = m[i * n + j]! - f * m[k * n + j]!;
        inv[i * n + j] = inv[i * n + j]! - f * inv[k * n + j]!;
      }
    }
  }
  return { det, inverse: inv };
}

/** L⁻¹ for a lower-triangular L. */
function lowerInverse(ops: Ops, l: Val): Val {
  return ops.triangularSolveLower(l, identity(ops, l.shape[0]!));
}

export function inverseSpd(ops: Ops, a: Val): Val {
  const li = lowerInverse(ops, ops.cholesky(a));
  return ops.matmul(ops.transpose(li), li);
}

export function inverseGeneral(ops: Ops, a: Val): Val {
  const n = a.shape[0]!;
  if (a.constant) return ops.constant(gaussJordan(a.constant, n).inverse, [n, n]);
  const at = ops.transpose(a);
  return ops.matmul(inverseSpd(ops, ops.matmul(at, a)), at);
}

export function logAbsDeterminant(ops: Ops, a: Val): Val {
  const n = a.shape[0]!;
  if (a.constant) return ops.constant(Math.log(Math.abs(gaussJordan(a.constant, n).det)));
  const d = diagonalOf(ops, ops.cholesky(ops.matmul(ops.transpose(a), a)));
  return ops.reduce('sum', ops.unary('log', d));
}

/** det A by elimination without pivoting: the product of the pivots. */
function determinantTraced(ops: Ops, a: Val): Val {
  const pivots: Val[] = [];
  let m = a;
  for (let size = a.shape[0]!; size > 0; size--) {
    const pivot = ops.gather(m, Int32Array.of(0), []);
    pivots.push(pivot);
    if (size === 1) break;
    const k = size - 1;
    const col = ops.gather(
      m,
      Int32Array.from({ length: k }, (_, i) => (i + 1) * size),
      [k, 1],
    );
    const row = ops.gather(
      m,
      Int32Array.from({ length: k }, (_, j) => j + 1),
      [1, k],
    );
    const rest = ops.gather(
      m,
      Int32Array.from({ length: k * k }, (_, q) => (Math.floor(q / k) + 1) * size + (q % k) + 1),
      [k, k],
    );
    m = ops.binary('sub', rest, ops.matmul(ops.binary('div', col, pivot), row));
  }
  return pivots.length === 1 ? pivots[0]! : ops.reduce('prod', ops.concat(pivots, [pivots.length]));
}

function determinant(ops: Ops, a: Val): Val {
  const n = a.shape[0]!;
  if (n === 0) return ops.constant(1);
  if (a.constant) return ops.constant(gaussJordan(a.constant, n).det);
  return determinantTraced(ops, a);
}

function checkRows(name: string, a: Val, b: Val, onLeft: boolean): void {
  const n = a.shape[0]!;
  const m = onLeft ? b.shape[0]! : b.shape[b.shape.length - 1]!;
  if (m !== n) {
    throw new LangevinError(
      `${name}: a ${n}x${n} matrix and a right-hand side with ${onLeft ? 'rows' : 'columns'} of size ${m} do not match`,
    );
  }
}

/** A \ b (b vector or matrix). */
export function mdivideLeft(ops: Ops, a: Val, b: Val): Val {
  square('mdivide_left', a);
  checkRows('mdivide_left', a, b, true);
  return ops.matmul(inverseGeneral(ops, a), b);
}

/** b / A (b row_vector or matrix). */
export function mdivideRight(ops: Ops, b: Val, a: Val): Val {
  square('mdivide_right', a);
  checkRows('mdivide_right', a, b, false);
  return ops.matmul(b, inverseGeneral(ops, a));
}

const SQUARE =
  (name: string, f: (ops: Ops, a: Val) => Val) =>
  (ops: Ops, [a]: Val[]): Val => {
    square(name, a!);
    return f(ops, a!);
  };

export const matrixAlgebraFunctions: FunctionEntry[] = [
  fn(
    'transpose',
    "The transpose (the function form of the postfix ').",
    [
      [['vector'], 'row_vector'],
      [['row_vector'], 'vector'],
      [['matrix'], 'matrix'],
    ],
    (ops, [x]) => (x!.shape.length === 2 ? ops.transpose(x!) : x!),
  ),
  fn('inverse', 'The inverse of a square matrix.', [[['matrix'], 'matrix']], SQUARE('inverse', inverseGeneral)),
  fn('determinant', 'The determinant of a square matrix.', [[['matrix'], 'real']], SQUARE('determinant', determinant)),
  fn(
    'log_determinant',
    'log |det A| of a square matrix.',
    [[['matrix'], 'real']],
    SQUARE('log_determinant', logAbsDeterminant),
  ),
  fn(
    'mdivide_left',
    'mdivide_left(A, b) = A \\ b = A⁻¹·b.',
    [
      [['matrix', 'vector'], 'vector'],
      [['matrix', 'matrix'], 'matrix'],
    ],
    (ops, [a, b]) => mdivideLeft(ops, a!, b!),
  ),
  fn(
    'mdivide_right',
    'mdivide_right(b, A) = b / A = b·A⁻¹.',
    [
      [['row_vector', 'matrix'], 'row_vector'],
      [['matrix', 'matrix'], 'matrix'],
    ],
    (ops, [b, a]) => mdivideRight(ops, b!, a!),
  ),
];
