/**
 * Linear algebra: dot products, distances, diagonal helpers, Cholesky,
 * quadratic forms, triangular solves and Gaussian-process covariance
 * functions, all from matmul/gather/elementwise IR primitives.
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { FunctionEntry } from '../types.js';
import { Build, constantInt, diagonalOf } from '../build.js';
import { each, fn, typeOf, type SigSpec } from './define.js';

const VEC_PAIRS: SigSpec[] = [
  [['vector', 'vector'], 'real'],
  [['row_vector', 'row_vector'], 'real'],
  [['vector', 'row_vector'], 'real'],
  [['row_vector', 'vector'], 'real'],
];

function flat(ops: Ops, x: Val): Val {
  return x.shape.length === 1 ? x : ops.reshape(x, [ops.size(x)]);
}

function sameLength(name: string, ops: Ops, a: Val, b: Val): void {
  if (ops.size(a) !== ops.size(b)) throw new LangevinError(`${name}: sizes ${ops.size(a)} and ${ops.size(b)} differ`);
}

function squareSize(name: string, m: Val): number {
  if (m.shape.length !== 2 || m.shape[0] !== m.shape[1]) {
    throw new LangevinError(`${name}: expected a square matrix, got shape [${m.shape.join(', ')}]`);
  }
  return m.shape[0]!;
}

function ones(ops: Ops, n: number): Val {
  return ops.constant(new Float64Array(n).fill(1), [n]);
}

/** n×n identity as a constant. */
function identity(ops: Ops, n: number): Val {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return ops.constant(m, [n, n]);
}

/** diag(v) for v [n]: gather from [v, 0] so off-diagonal entries read the zero. */
export function diagMatrix(ops: Ops, v: Val): Val {
  const n = ops.size(v);
  const padded = ops.concat([v, ops.constant(0)], [n + 1]);
  const idx = new Int32Array(n * n).fill(n);
  for (let i = 0; i < n; i++) idx[i * n + i] = i;
  return ops.gather(padded, idx, [n, n]);
}

/** v_i repeated along row i ([r, c]) or v_j along column j. */
function spread(ops: Ops, v: Val, r: number, c: number, alongRows: boolean): Val {
  const idx = new Int32Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) idx[i * c + j] = alongRows ? i : j;
  return ops.gather(flat(ops, v), idx, [r, c]);
}

/** Squared Euclidean distances between the points of x1 and x2 (array[] real [n] or array[] vector [n, d]). */
function squaredDistances(ops: Ops, name: string, x1: Val, x2: Val): Val {
  const b = new Build(ops);
  const n1 = x1.shape[0]!;
  const n2 = x2.shape[0]!;
  const d1 = x1.shape.length === 2 ? x1.shape[1]! : 1;
  const d2 = x2.shape.length === 2 ? x2.shape[1]! : 1;
  if (d1 !== d2) throw new LangevinError(`${name}: points of dimensions ${d1} and ${d2} differ`);
  const d = d1;
  const left = new Int32Array(n1 * n2 * d);
  const right = new Int32Array(n1 * n2 * d);
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < n2; j++) {
      for (let k = 0; k < d; k++) {
        left[(i * n2 + j) * d + k] = i * d + k;
        right[(i * n2 + j) * d + k] = j * d + k;
      }
    }
  }
  const shape = d === 1 ? [n1, n2] : [n1 * n2, d];
  const sq = b.square(b.sub(ops.gather(x1, left, shape), ops.gather(x2, right, shape)));
  if (d === 1) return sq;
  return ops.reshape(ops.matmul(sq, ones(ops, d)), [n1, n2]);
}

type Kernel = (b: Build, d2: Val, alpha: Val, rho: Val) => Val;

const expQuad: Kernel = (b, d2, alpha, rho) => b.mul(b.square(alpha), b.exp(b.div(d2, b.mul(-2, b.square(rho)))));
/**
 * Euclidean distance from squared distance, with a finite derivative at 0
 * (on the diagonal): sqrt's infinite slope times a zero change would be NaN.
 */
const distanceOf = (b: Build, d2: Val): Val => b.sqrt(b.b('fmax', d2, 1e-300));
const exponentialKernel: Kernel = (b, d2, alpha, rho) =>
  b.mul(b.square(alpha), b.exp(b.neg(b.div(distanceOf(b, d2), rho))));
const matern32: Kernel = (b, d2, alpha, rho) => {
  const t = b.div(b.mul(Math.sqrt(3), distanceOf(b, d2)), rho);
  return b.mul(b.mul(b.square(alpha), b.add(1, t)), b.exp(b.neg(t)));
};
const matern52: Kernel = (b, d2, alpha, rho) => {
  const t = b.div(b.mul(Math.sqrt(5), distanceOf(b, d2)), rho);
  const poly = b.plus(1, t, b.div(b.mul(5 / 3, d2), b.square(rho)));
  return b.mul(b.mul(b.square(alpha), poly), b.exp(b.neg(t)));
};

const GP_SIGS: SigSpec[] = [
  [['array[] real', 'real', 'real'], 'matrix'],
  [['array[] vector', 'real', 'real'], 'matrix'],
  [['array[] real', 'array[] real', 'real', 'real'], 'matrix'],
  [['array[] vector', 'array[] vector', 'real', 'real'], 'matrix'],
];

/** Automatic relevance determination: one length scale per input dimension (array[] vector points). */
const ARD_SIGS: SigSpec[] = [
  [['array[] vector', 'real', 'array[] real'], 'matrix'],
  [['array[] vector', 'array[] vector', 'real', 'array[] real'], 'matrix'],
];

function gpKernel(name: string, kernel: Kernel, doc: string, ard = false): FunctionEntry {
  return fn(name, doc, ard ? [...GP_SIGS, ...ARD_SIGS] : GP_SIGS, (ops, args, types) => {
    const [x1, x2, alpha, rho] =
      args.length === 3 ? [args[0]!, args[0]!, args[1]!, args[2]!] : (args as [Val, Val, Val, Val]);
    if (types[types.length - 1] === 'array[] real') {
      // x / l per dimension, then unit length scale
      const d = x1.shape[1]!;
      if (ops.size(rho) !== d)
        throw new LangevinError(`${name}: ${ops.size(rho)} length scales for points of dimension ${d}`);
      const scale = (x: Val) =>
        ops.binary(
          'div',
          x,
          ops.gather(
            rho,
            Int32Array.from({ length: x.shape[0]! * d }, (_, i) => i % d),
            x.shape,
          ),
        );
      return kernel(new Build(ops), squaredDistances(ops, name, scale(x1), scale(x2)), alpha, ops.constant(1));
    }
    return kernel(new Build(ops), squaredDistances(ops, name, x1, x2), alpha, rho);
  });
}

function columnsDot(ops: Ops, a: Val, b: Val, type: string): Val {
  const bb = new Build(ops);
  sameLength('columns_dot_product', ops, a, b);
  const prod = bb.mul(a, b);
  if (type === 'vector') return ops.reshape(bb.sum(prod), [1]);
  if (type === 'row_vector') return prod;
  return ops.matmul(ones(ops, a.shape[0]!), prod);
}

function rowsDot(ops: Ops, a: Val, b: Val, type: string): Val {
  const bb = new Build(ops);
  sameLength('rows_dot_product', ops, a, b);
  const prod = bb.mul(a, b);
  if (type === 'row_vector') return ops.reshape(bb.sum(prod), [1]);
  if (type === 'vector') return prod;
  return ops.matmul(prod, ones(ops, a.shape[1]!));
}

const SAME_VECS_OR_MATRIX = (returns: string): SigSpec[] => [
  [['vector', 'vector'], returns],
  [['row_vector', 'row_vector'], returns],
  [['matrix', 'matrix'], returns],
];

/** L⁻¹ for lower-triangular L, by solving L X = I. */
function lowerInverse(ops: Ops, l: Val): Val {
  return ops.triangularSolveLower(l, identity(ops, l.shape[0]!));
}

/** (Lower Cholesky factor of A)⁻¹ for a symmetric positive-definite A. */
function choleskyInverse(ops: Ops, name: string, a: Val): Val {
  squareSize(name, a);
  return lowerInverse(ops, ops.cholesky(a));
}

export const linalgFunctions: FunctionEntry[] = [
  fn(
    'inverse_spd',
    'Inverse of a symmetric positive-definite matrix (through its Cholesky factor).',
    [[['matrix'], 'matrix']],
    (ops, [a]) => {
      const li = choleskyInverse(ops, 'inverse_spd', a!);
      return ops.matmul(ops.transpose(li), li);
    },
  ),
  fn(
    'log_determinant_spd',
    'log det of a symmetric positive-definite matrix: 2 Σ log diag(cholesky(A)).',
    [[['matrix'], 'real']],
    (ops, [a]) => {
      squareSize('log_determinant_spd', a!);
      return ops.binary('mul', ops.constant(2), ops.reduce('sum', ops.unary('log', diagonalOf(ops, ops.cholesky(a!)))));
    },
  ),
  fn(
    'mdivide_left_spd',
    'A⁻¹·b for symmetric positive-definite A.',
    [
      [['matrix', 'vector'], 'vector'],
      [['matrix', 'matrix'], 'matrix'],
    ],
    (ops, [a, b]) => {
      const li = choleskyInverse(ops, 'mdivide_left_spd', a!);
      if (b!.shape[0] !== li.shape[0])
        throw new LangevinError(
          `mdivide_left_spd: ${li.shape[0]}x${li.shape[0]} matrix but ${b!.shape[0]} rows on the right`,
        );
      return ops.matmul(ops.transpose(li), ops.matmul(li, b!));
    },
  ),
  fn(
    'mdivide_right_spd',
    'b·A⁻¹ for symmetric positive-definite A.',
    [
      [['row_vector', 'matrix'], 'row_vector'],
      [['matrix', 'matrix'], 'matrix'],
    ],
    (ops, [b, a]) => {
      const li = choleskyInverse(ops, 'mdivide_right_spd', a!);
      const cols = b!.shape[b!.shape.length - 1];
      if (cols !== li.shape[0])
        throw new LangevinError(
          `mdivide_right_spd: ${cols} columns on the left but a ${li.shape[0]}x${li.shape[0]} matrix`,
        );
      return ops.matmul(ops.matmul(b!, ops.transpose(li)), li);
    },
  ),
  fn(
    'mdivide_right_tri_low',
    'b·L⁻¹ for lower-triangular L.',
    [
      [['row_vector', 'matrix'], 'row_vector'],
      [['matrix', 'matrix'], 'matrix'],
    ],
    (ops, [b, l]) => {
      const n = squareSize('mdivide_right_tri_low', l!);
      const cols = b!.shape[b!.shape.length - 1];
      if (cols !== n)
        throw new LangevinError(`mdivide_right_tri_low: ${cols} columns on the left but a ${n}x${n} matrix`);
      return ops.matmul(b!, lowerInverse(ops, l!));
    },
  ),
  fn(
    'sub_col',
    'sub_col(A, i, j, n): n elements of column j from row i (1-based).',
    [[['matrix', 'int', 'int', 'int'], 'vector']],
    (ops, [m, iv, jv, nv]) => {
      const [r, c] = m!.shape as [number, number];
      const i = constantInt(iv!, 'the row in sub_col') - 1;
      const j = constantInt(jv!, 'the column in sub_col') - 1;
      const n = constantInt(nv!, 'the count in sub_col');
      if (i < 0 || j < 0 || j >= c || n < 0 || i + n > r)
        throw new LangevinError(`sub_col: outside a ${r}x${c} matrix`);
      return ops.gather(
        m!,
        Int32Array.from({ length: n }, (_, k) => (i + k) * c + j),
        [n],
      );
    },
  ),
  fn(
    'sub_row',
    'sub_row(A, i, j, n): n elements of row i from column j (1-based).',
    [[['matrix', 'int', 'int', 'int'], 'row_vector']],
    (ops, [m, iv, jv, nv]) => {
      const [r, c] = m!.shape as [number, number];
      const i = constantInt(iv!, 'the row in sub_row') - 1;
      const j = constantInt(jv!, 'the column in sub_row') - 1;
      const n = constantInt(nv!, 'the count in sub_row');
      if (i < 0 || i >= r || j < 0 || n < 0 || j + n > c)
        throw new LangevinError(`sub_row: outside a ${r}x${c} matrix`);
      return ops.gather(
        m!,
        Int32Array.from({ length: n }, (_, k) => i * c + j + k),
        [n],
      );
    },
  ),
  fn(
    'symmetrize_from_lower_tri',
    'The symmetric matrix with the lower triangle of A.',
    [[['matrix'], 'matrix']],
    (ops, [m]) => {
      const n = squareSize('symmetrize_from_lower_tri', m!);
      const idx = new Int32Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) idx[i * n + j] = i >= j ? i * n + j : j * n + i;
      return ops.gather(m!, idx, [n, n]);
    },
  ),
  fn('dot_product', 'Σ a_i b_i.', [...VEC_PAIRS, [['array[] real', 'array[] real'], 'real']], (ops, [a, b]) => {
    sameLength('dot_product', ops, a!, b!);
    return ops.matmul(flat(ops, a!), flat(ops, b!));
  }),
  fn('dot_self', 'Σ x_i².', each(['vector', 'row_vector'], 'real'), (ops, [x]) =>
    ops.reduce('sum', ops.unary('square', x!)),
  ),
  fn(
    'columns_dot_product',
    'Dot products of corresponding columns.',
    SAME_VECS_OR_MATRIX('row_vector'),
    (ops, [a, b], t) => columnsDot(ops, a!, b!, typeOf(t, 0, 'columns_dot_product')),
  ),
  fn('rows_dot_product', 'Dot products of corresponding rows.', SAME_VECS_OR_MATRIX('vector'), (ops, [a, b], t) =>
    rowsDot(ops, a!, b!, typeOf(t, 0, 'rows_dot_product')),
  ),
  fn(
    'columns_dot_self',
    'Dot product of each column with itself.',
    each(['vector', 'row_vector', 'matrix'], 'row_vector'),
    (ops, [x], t) => columnsDot(ops, x!, x!, typeOf(t, 0, 'columns_dot_self')),
  ),
  fn(
    'rows_dot_self',
    'Dot product of each row with itself.',
    each(['vector', 'row_vector', 'matrix'], 'vector'),
    (ops, [x], t) => rowsDot(ops, x!, x!, typeOf(t, 0, 'rows_dot_self')),
  ),
  fn('squared_distance', 'Σ (a_i - b_i)².', [[['real', 'real'], 'real'], ...VEC_PAIRS], (ops, [a, b]) => {
    sameLength('squared_distance', ops, a!, b!);
    return ops.reduce('sum', ops.unary('square', ops.binary('sub', flat(ops, a!), flat(ops, b!))));
  }),
  fn(
    'distance',
    'Euclidean distance sqrt(Σ (a_i - b_i)²).',
    [[['real', 'real'], 'real'], ...VEC_PAIRS],
    (ops, [a, b]) => {
      sameLength('distance', ops, a!, b!);
      return ops.unary('sqrt', ops.reduce('sum', ops.unary('square', ops.binary('sub', flat(ops, a!), flat(ops, b!)))));
    },
  ),
  fn('norm1', 'Σ |x_i|.', each(['vector', 'row_vector', 'array[] real'], 'real'), (ops, [x]) =>
    ops.reduce('sum', ops.unary('abs', x!)),
  ),
  fn('norm2', 'sqrt(Σ x_i²).', each(['vector', 'row_vector', 'array[] real'], 'real'), (ops, [x]) =>
    ops.unary('sqrt', ops.reduce('sum', ops.unary('square', x!))),
  ),

  fn('diag_matrix', 'Square matrix with v on the diagonal.', [[['vector'], 'matrix']], (ops, [v]) =>
    diagMatrix(ops, v!),
  ),
  fn('diagonal', 'The diagonal of a square matrix as a vector.', [[['matrix'], 'vector']], (ops, [m]) => {
    const r = m!.shape[0]!;
    const c = m!.shape[1]!;
    const n = Math.min(r, c);
    return ops.gather(
      m!,
      Int32Array.from({ length: n }, (_, i) => i * c + i),
      [n],
    );
  }),
  fn('identity_matrix', 'The n×n identity matrix.', [[['int'], 'matrix']], (ops, [n]) =>
    identity(ops, constantInt(n!, 'the size in identity_matrix')),
  ),
  fn('trace', 'Sum of the diagonal.', [[['matrix'], 'real']], (ops, [m]) => {
    squareSize('trace', m!);
    return ops.reduce('sum', diagonalOf(ops, m!));
  }),
  fn(
    'add_diag',
    'Add a scalar or a vector to the diagonal of a square matrix.',
    [
      [['matrix', 'real'], 'matrix'],
      [['matrix', 'vector'], 'matrix'],
      [['matrix', 'row_vector'], 'matrix'],
    ],
    (ops, [m, d]) => {
      const n = squareSize('add_diag', m!);
      if (d!.shape.length === 0) return ops.binary('add', m!, ops.binary('mul', d!, identity(ops, n)));
      if (ops.size(d!) !== n) throw new LangevinError(`add_diag: ${ops.size(d!)} values for a ${n}x${n} matrix`);
      return ops.binary('add', m!, diagMatrix(ops, d!));
    },
  ),
  fn(
    'cholesky_decompose',
    'Lower Cholesky factor L (L·Lᵀ = A) of a symmetric positive-definite matrix.',
    [[['matrix'], 'matrix']],
    (ops, [m]) => {
      squareSize('cholesky_decompose', m!);
      return ops.cholesky(m!);
    },
  ),
  fn('crossprod', 'xᵀ·x.', [[['matrix'], 'matrix']], (ops, [x]) => ops.matmul(ops.transpose(x!), x!)),
  fn('tcrossprod', 'x·xᵀ.', [[['matrix'], 'matrix']], (ops, [x]) => ops.matmul(x!, ops.transpose(x!))),
  fn(
    'multiply_lower_tri_self_transpose',
    'L·Lᵀ using the lower triangle of L.',
    [[['matrix'], 'matrix']],
    (ops, [x]) => {
      const r = x!.shape[0]!;
      const c = x!.shape[1]!;
      const mask = new Float64Array(r * c);
      for (let i = 0; i < r; i++) for (let j = 0; j <= Math.min(i, c - 1); j++) mask[i * c + j] = 1;
      const lower = ops.binary('mul', x!, ops.constant(mask, [r, c]));
      return ops.matmul(lower, ops.transpose(lower));
    },
  ),
  fn(
    'quad_form',
    'Bᵀ·A·B (a real when B is a vector).',
    [
      [['matrix', 'matrix'], 'matrix'],
      [['matrix', 'vector'], 'real'],
    ],
    (ops, [a, b]) => {
      squareSize('quad_form', a!);
      if (b!.shape.length === 1) return ops.matmul(b!, ops.matmul(a!, b!));
      return ops.matmul(ops.transpose(b!), ops.matmul(a!, b!));
    },
  ),
  fn(
    'quad_form_diag',
    'diag(v)·A·diag(v).',
    [
      [['matrix', 'vector'], 'matrix'],
      [['matrix', 'row_vector'], 'matrix'],
    ],
    (ops, [m, v]) => {
      const n = squareSize('quad_form_diag', m!);
      const bb = new Build(ops);
      return bb.mul(bb.mul(m!, spread(ops, v!, n, n, true)), spread(ops, v!, n, n, false));
    },
  ),
  fn(
    'diag_pre_multiply',
    'diag(v)·A.',
    [
      [['vector', 'matrix'], 'matrix'],
      [['row_vector', 'matrix'], 'matrix'],
    ],
    (ops, [v, m]) => {
      const [r, c] = m!.shape as [number, number];
      if (ops.size(v!) !== r) throw new LangevinError(`diag_pre_multiply: ${ops.size(v!)} values for ${r} rows`);
      return ops.binary('mul', m!, spread(ops, v!, r, c, true));
    },
  ),
  fn(
    'diag_post_multiply',
    'A·diag(v).',
    [
      [['matrix', 'vector'], 'matrix'],
      [['matrix', 'row_vector'], 'matrix'],
    ],
    (ops, [m, v]) => {
      const [r, c] = m!.shape as [number, number];
      if (ops.size(v!) !== c) throw new LangevinError(`diag_post_multiply: ${ops.size(v!)} values for ${c} columns`);
      return ops.binary('mul', m!, spread(ops, v!, r, c, false));
    },
  ),
  fn(
    'mdivide_left_tri_low',
    'L⁻¹·b for lower-triangular L (b a vector or matrix).',
    [
      [['matrix', 'vector'], 'vector'],
      [['matrix', 'matrix'], 'matrix'],
    ],
    (ops, [l, b]) => {
      const n = squareSize('mdivide_left_tri_low', l!);
      if (b!.shape[0] !== n)
        throw new LangevinError(`mdivide_left_tri_low: ${n}x${n} matrix but ${b!.shape[0]} rows on the right`);
      return ops.triangularSolveLower(l!, b!);
    },
  ),
  fn('col', 'Column j (1-based) of a matrix.', [[['matrix', 'int'], 'vector']], (ops, [m, jVal]) => {
    const [r, c] = m!.shape as [number, number];
    const j = constantInt(jVal!, 'the column index') - 1;
    if (j < 0 || j >= c) throw new LangevinError(`col: index ${j + 1} is outside 1..${c}`);
    return ops.gather(
      m!,
      Int32Array.from({ length: r }, (_, i) => i * c + j),
      [r],
    );
  }),
  fn('row', 'Row i (1-based) of a matrix.', [[['matrix', 'int'], 'row_vector']], (ops, [m, iVal]) => {
    const [r, c] = m!.shape as [number, number];
    const i = constantInt(iVal!, 'the row index') - 1;
    if (i < 0 || i >= r) throw new LangevinError(`row: index ${i + 1} is outside 1..${r}`);
    return ops.gather(
      m!,
      Int32Array.from({ length: c }, (_, j) => i * c + j),
      [c],
    );
  }),
  fn(
    'block',
    'block(A, i, j, nr, nc): the nr×nc sub-matrix from row i, column j (1-based).',
    [[['matrix', 'int', 'int', 'int', 'int'], 'matrix']],
    (ops, [m, iv, jv, nrv, ncv]) => {
      const [r, c] = m!.shape as [number, number];
      const i = constantInt(iv!, 'the row in block') - 1;
      const j = constantInt(jv!, 'the column in block') - 1;
      const nr = constantInt(nrv!, 'the rows in block');
      const nc = constantInt(ncv!, 'the columns in block');
      if (i < 0 || j < 0 || nr < 0 || nc < 0 || i + nr > r || j + nc > c) {
        throw new LangevinError(
          `block: rows ${i + 1}..${i + nr}, columns ${j + 1}..${j + nc} outside a ${r}x${c} matrix`,
        );
      }
      const idx = new Int32Array(nr * nc);
      for (let a = 0; a < nr; a++) for (let b = 0; b < nc; b++) idx[a * nc + b] = (i + a) * c + (j + b);
      return ops.gather(m!, idx, [nr, nc]);
    },
  ),

  gpKernel(
    'gp_exp_quad_cov',
    expQuad,
    'Squared-exponential covariance alpha²·exp(-|x_i - x_j|²/(2 rho²)); with array[] real rho, one length scale per dimension.',
    true,
  ),
  gpKernel('cov_exp_quad', expQuad, 'Old name of gp_exp_quad_cov.'),
  gpKernel('gp_exponential_cov', exponentialKernel, 'Exponential covariance alpha²·exp(-|x_i - x_j|/rho).'),
  gpKernel('gp_matern32_cov', matern32, 'Matérn 3/2 covariance alpha²(1 + √3 d/rho)·exp(-√3 d/rho).'),
  gpKernel('gp_matern52_cov', matern52, 'Matérn 5/2 covariance alpha²(1 + √5 d/rho + 5d²/(3rho²))·exp(-√5 d/rho).'),
];
