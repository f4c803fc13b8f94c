/**
 * Matrix decompositions:
 *  - qr_thin_Q, qr_thin_R by modified Gram–Schmidt built from IR
 *    primitives, so they have gradients in both backends (Stan's
 *    convention: R has a nonnegative diagonal);
 *  - eigenvalues_sym, eigenvectors_sym and singular_values need iterative
 *    algorithms the IR cannot express, and take values known before
 *    sampling only (data, transformed data, generated quantities): the
 *    Jacobi methods of src/math/decompositions.ts. On a parameter they are
 *    a user error that says so.
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import { singularValues, symmetricEigen } from '../../src/math/decompositions.js';
import type { FunctionEntry } from '../types.js';
import { fn } from './define.js';

function matrixDims(name: string, m: Val): [number, number] {
  if (m.shape.length !== 2) throw new LangevinError(`${name}: expected a matrix, got shape [${m.shape.join(', ')}]`);
  return [m.shape[0]!, m.shape[1]!];
}

function squareSide(name: string, m: Val): number {
  const [r, c] = matrixDims(name, m);
  if (r !== c) throw new LangevinError(`${name}: expected a square matrix, got ${r}x${c}`);
  return r;
}

/** The argument's values; a user error when it depends on the parameters. */
function knownValues(name: string, m: Val): Float64Array {
  if (!m.constant) {
    throw new LangevinError(
      `${name} takes a matrix known before sampling (data, transformed data or generated quantities); ` +
        'its argument here depends on the parameters, and langevin has no derivative for it',
    );
  }
  return m.constant;
}

/** Column j of an [r, c] value as [r]. */
function column(ops: Ops, a: Val, j: number): Val {
  const [r, c] = a.shape as [number, number];
  return ops.gather(
    a,
    Int32Array.from({ length: r }, (_, i) => i * c + j),
    [r],
  );
}

/** Thin QR by modified Gram–Schmidt: Q [r, k], R [k, c], k = min(r, c), diag(R) ≥ 0. */
export function thinQr(ops: Ops, name: string, a: Val): { q: Val; r: Val } {
  const [rows, cols] = matrixDims(name, a);
  const k = Math.min(rows, cols);
  const qs: Val[] = [];
  // rEntries[i][j] for i ≤ j (and i < k)
  const rEntries: Val[][] = Array.from({ length: k }, () => new Array<Val>(cols));
  const zero = ops.constant(0);
  for (let j = 0; j < cols; j++) {
    let v = column(ops, a, j);
    for (let i = 0; i < Math.min(j, k); i++) {
      const rij = ops.matmul(qs[i]!, v);
      rEntries[i]![j] = rij;
      v = ops.binary('sub', v, ops.binary('mul', rij, qs[i]!));
    }
    if (j < k) {
      const norm = ops.unary('sqrt', ops.reduce('sum', ops.unary('square', v)));
      rEntries[j]![j] = norm;
      qs.push(ops.binary('div', v, norm));
    }
  }
  const q = ops.transpose(ops.concat(qs, [k, rows]));
  const flat: Val[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < cols; j++) flat.push(j < i ? zero : rEntries[i]![j]!);
  return { q, r: ops.concat(flat, [k, cols]) };
}

export const decompositionFunctions: FunctionEntry[] = [
  fn(
    'qr_thin_Q',
    'Orthonormal factor Q (r×min(r, c)) of the thin QR decomposition A = Q·R, with diag(R) >= 0.',
    [[['matrix'], 'matrix']],
    (ops, [a]) => thinQr(ops, 'qr_thin_Q', a!).q,
  ),
  fn(
    'qr_thin_R',
    'Upper-triangular factor R (min(r, c)×c) of the thin QR decomposition A = Q·R, with diag(R) >= 0.',
    [[['matrix'], 'matrix']],
    (ops, [a]) => thinQr(ops, 'qr_thin_R', a!).r,
  ),
  fn(
    'eigenvalues_sym',
    'Eigenvalues of a symmetric matrix, ascending. Data only: the argument must be known before sampling.',
    [[['matrix'], 'vector']],
    (ops, [a]) => {
      const n = squareSide('eigenvalues_sym', a!);
      return ops.constant(symmetricEigen(knownValues('eigenvalues_sym', a!), n).values, [n]);
    },
  ),
  fn(
    'eigenvectors_sym',
    'Unit eigenvectors of a symmetric matrix as columns, in the order of eigenvalues_sym. Data only.',
    [[['matrix'], 'matrix']],
    (ops, [a]) => {
      const n = squareSide('eigenvectors_sym', a!);
      return ops.constant(symmetricEigen(knownValues('eigenvectors_sym', a!), n).vectors, [n, n]);
    },
  ),
  fn(
    'singular_values',
    'Singular values of a matrix, descending (min(r, c) of them). Data only.',
    [[['matrix'], 'vector']],
    (ops, [a]) => {
      const [r, c] = matrixDims('singular_values', a!);
      const values = singularValues(knownValues('singular_values', a!), r, c);
      return ops.constant(values, [values.length]);
    },
  ),
];
