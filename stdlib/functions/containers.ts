/**
 * Sizes (rows, cols, size, num_elements, dims), construction (rep_*,
 * zeros/ones, linspaced_*), conversion (to_vector, to_matrix, ...),
 * concatenation (append_row, append_col, append_array) and slicing (head,
 * tail, segment, reverse). Matrices are row-major [r, c] internally; Stan's
 * column-major conversions (to_vector(matrix), to_matrix(v, m, n)) reorder
 * with a gather.
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { FunctionEntry } from '../types.js';
import { Build, constantInt } from '../build.js';
import { each, fn, typeOf, type SigSpec } from './define.js';

const ELEMENTS = ['int', 'real', 'vector', 'row_vector', 'matrix'] as const;

/** The type of an array of `dims` more dimensions around t: arrayOf('real', 2) = 'array[,] real'. */
const arrayOf = (t: string, dims = 1): string => {
  const m = /^array\[(,*)\] (.*)$/.exec(t);
  const base = m ? m[2]! : t;
  const total = (m ? m[1]!.length + 1 : 0) + dims;
  return `array[${','.repeat(total - 1)}] ${base}`;
};

const isArrayType = (t: string): boolean => t.startsWith('array[');

/** Flat indices of a column-major traversal of an [r, c] row-major value. */
function columnMajor(r: number, c: number): Int32Array {
  const idx = new Int32Array(r * c);
  let k = 0;
  for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) idx[k++] = i * c + j;
  return idx;
}

/** Flat indices that fill an [r, c] row-major result from a source read in column-major order. */
function fillColumnMajor(r: number, c: number): Int32Array {
  const idx = new Int32Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) idx[i * c + j] = j * r + i;
  return idx;
}

/** The elements of a value in Stan's natural order (column-major for a matrix). */
function stanOrder(ops: Ops, x: Val, type: string): Val {
  const n = ops.size(x);
  if (type === 'matrix') return ops.gather(x, columnMajor(x.shape[0]!, x.shape[1]!), [n]);
  return ops.reshape(x, [n]);
}

/** Rows [start, start + count) along the first axis. */
function sliceFirstAxis(ops: Ops, x: Val, start: number, count: number, name: string): Val {
  const outer = x.shape[0] ?? 0;
  if (count < 0 || start < 0 || start + count > outer) {
    throw new LangevinError(`${name}: range ${start + 1}..${start + count} is outside 1..${outer}`);
  }
  const inner = ops.size(x) / Math.max(outer, 1);
  const idx = new Int32Array(count * inner);
  for (let i = 0; i < count * inner; i++) idx[i] = start * inner + i;
  return ops.gather(x, idx, [count, ...x.shape.slice(1)]);
}

function constantVector(ops: Ops, values: ArrayLike<number>): Val {
  return ops.constant(Float64Array.from(values), [values.length]);
}

/** Values that append_row/append_col see as matrices: [r, c]. */
function asMatrix(ops: Ops, x: Val, type: string, vectorIsColumn: boolean): Val {
  if (type === 'matrix') return x;
  if (type === 'real' || type === 'int') return ops.reshape(x, [1, 1]);
  const n = x.shape[0]!;
  const column = type === 'vector' || (vectorIsColumn && type !== 'row_vector');
  return ops.reshape(x, column ? [n, 1] : [1, n]);
}

function appendRow(ops: Ops, a: Val, b: Val, ta: string, tb: string): Val {
  const columnLike = (t: string) => t === 'vector' || t === 'real' || t === 'int';
  if (columnLike(ta) && columnLike(tb)) return ops.concat([a, b], [ops.size(a) + ops.size(b)]);
  const ma = asMatrix(ops, a, ta, false);
  const mb = asMatrix(ops, b, tb, false);
  if (ma.shape[1] !== mb.shape[1]) {
    throw new LangevinError(`append_row: ${ma.shape[1]} and ${mb.shape[1]} columns do not match`);
  }
  return ops.concat([ma, mb], [ma.shape[0]! + mb.shape[0]!, ma.shape[1]!]);
}

function appendCol(ops: Ops, a: Val, b: Val, ta: string, tb: string): Val {
  const rowLike = (t: string) => t === 'row_vector' || t === 'real' || t === 'int';
  if (rowLike(ta) && rowLike(tb)) return ops.concat([a, b], [ops.size(a) + ops.size(b)]);
  const ma = asMatrix(ops, a, ta, true);
  const mb = asMatrix(ops, b, tb, true);
  const r = ma.shape[0]!;
  if (mb.shape[0] !== r) throw new LangevinError(`append_col: ${r} and ${mb.shape[0]} rows do not match`);
  const ca = ma.shape[1]!;
  const cb = mb.shape[1]!;
  const both = ops.concat([ma, mb], [r * (ca + cb)]);
  const idx = new Int32Array(r * (ca + cb));
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < ca + cb; j++) idx[i * (ca + cb) + j] = j < ca ? i * ca + j : r * ca + i * cb + (j - ca);
  }
  return ops.gather(both, idx, [r, ca + cb]);
}

function linspaced(ops: Ops, nVal: Val, lo: Val, hi: Val): Val {
  const n = constantInt(nVal, 'the size of a linspaced container');
  if (n < 0) throw new LangevinError('linspaced: the size must be >= 0');
  if (n === 0) return ops.constant(new Float64Array(0), [0]);
  if (n === 1) return ops.reshape(hi, [1]);
  const b = new Build(ops);
  const t = constantVector(
    ops,
    Array.from({ length: n }, (_, i) => i / (n - 1)),
  );
  return b.add(lo, b.mul(b.sub(hi, lo), t));
}

function sizeArg(v: Val, what: string): number {
  const n = constantInt(v, what);
  if (n < 0) throw new LangevinError(`${what} must be >= 0 (got ${n})`);
  return n;
}

function filled(name: string, value: number, returns: string): FunctionEntry {
  return fn(name, `A ${returns} of n elements, all ${value}.`, [[['int'], returns]], (ops, [n]) =>
    ops.constant(new Float64Array(sizeArg(n!, `the size in ${name}`)).fill(value), [sizeArg(n!, name)]),
  );
}

const REP_ARRAY_SIGS: SigSpec[] = [1, 2, 3].flatMap((d) =>
  ELEMENTS.map((t): SigSpec => [[t, ...Array<string>(d).fill('int')], arrayOf(t, d)]),
);

export const containerFunctions: FunctionEntry[] = [
  fn(
    'rows',
    'Number of rows (1 for a row vector).',
    each(['vector', 'row_vector', 'matrix'], 'int'),
    (ops, [x], types) => {
      const t = typeOf(types, 0, 'rows');
      return ops.constant(t === 'row_vector' ? 1 : x!.shape[0]!);
    },
  ),
  fn(
    'cols',
    'Number of columns (1 for a vector).',
    each(['vector', 'row_vector', 'matrix'], 'int'),
    (ops, [x], types) => {
      const t = typeOf(types, 0, 'cols');
      return ops.constant(t === 'vector' ? 1 : t === 'row_vector' ? x!.shape[0]! : x!.shape[1]!);
    },
  ),
  fn(
    'size',
    'Number of elements of an array (top level), vector or matrix; 1 for a scalar.',
    [[['any'], 'int']],
    (ops, [x], types) => {
      const t = typeOf(types, 0, 'size');
      if (isArrayType(t)) return ops.constant(x!.shape[0]!);
      return ops.constant(ops.size(x!));
    },
  ),
  fn('num_elements', 'Total number of scalars in a container.', [[['any'], 'int']], (ops, [x]) =>
    ops.constant(ops.size(x!)),
  ),
  fn('dims', 'The dimensions of a value (empty for a scalar).', [[['any'], 'array[] int']], (ops, [x]) =>
    constantVector(ops, x!.shape),
  ),

  fn('rep_vector', 'Vector of n copies of x.', [[['real', 'int'], 'vector']], (ops, [x, n]) =>
    ops.fill(x!, [sizeArg(n!, 'the size in rep_vector')]),
  ),
  fn('rep_row_vector', 'Row vector of n copies of x.', [[['real', 'int'], 'row_vector']], (ops, [x, n]) =>
    ops.fill(x!, [sizeArg(n!, 'the size in rep_row_vector')]),
  ),
  fn(
    'rep_matrix',
    'rep_matrix(x, m, n): m×n copies of x; rep_matrix(vector v, n): n columns v; rep_matrix(row_vector v, m): m rows v.',
    [
      [['real', 'int', 'int'], 'matrix'],
      [['vector', 'int'], 'matrix'],
      [['row_vector', 'int'], 'matrix'],
    ],
    (ops, args, types) => {
      if (args.length === 3) {
        return ops.fill(args[0]!, [
          sizeArg(args[1]!, 'rows in rep_matrix'),
          sizeArg(args[2]!, 'columns in rep_matrix'),
        ]);
      }
      const v = args[0]!;
      const len = v.shape[0]!;
      const k = sizeArg(args[1]!, 'the count in rep_matrix');
      if (typeOf(types, 0, 'rep_matrix') === 'vector') {
        const idx = Int32Array.from({ length: len * k }, (_, f) => Math.floor(f / k));
        return ops.gather(v, idx, [len, k]);
      }
      const idx = Int32Array.from({ length: k * len }, (_, f) => f % len);
      return ops.gather(v, idx, [k, len]);
    },
  ),
  fn('rep_array', 'Array of copies of x with the given dimensions.', REP_ARRAY_SIGS, (ops, [x, ...dims]) => {
    const sizes = dims.map((d) => sizeArg(d, 'a size in rep_array'));
    const inner = ops.size(x!);
    if (x!.shape.length === 0) return ops.fill(x!, sizes);
    const outer = sizes.reduce((a, b) => a * b, 1);
    const idx = Int32Array.from({ length: outer * inner }, (_, f) => f % inner);
    return ops.gather(x!, idx, [...sizes, ...x!.shape]);
  }),
  filled('zeros_vector', 0, 'vector'),
  filled('ones_vector', 1, 'vector'),
  filled('zeros_row_vector', 0, 'row_vector'),
  filled('ones_row_vector', 1, 'row_vector'),
  filled('zeros_array', 0, 'array[] real'),
  filled('ones_array', 1, 'array[] real'),
  filled('zeros_int_array', 0, 'array[] int'),
  filled('ones_int_array', 1, 'array[] int'),
  fn('uniform_simplex', 'The simplex with n equal elements 1/n.', [[['int'], 'vector']], (ops, [nVal]) => {
    const n = sizeArg(nVal!, 'the size in uniform_simplex');
    return ops.constant(new Float64Array(n).fill(1 / n), [n]);
  }),
  fn(
    'linspaced_vector',
    'n equally spaced values from lo to hi.',
    [[['int', 'real', 'real'], 'vector']],
    (ops, [n, lo, hi]) => linspaced(ops, n!, lo!, hi!),
  ),
  fn(
    'linspaced_row_vector',
    'n equally spaced values from lo to hi.',
    [[['int', 'real', 'real'], 'row_vector']],
    (ops, [n, lo, hi]) => linspaced(ops, n!, lo!, hi!),
  ),
  fn(
    'linspaced_array',
    'n equally spaced values from lo to hi.',
    [[['int', 'real', 'real'], 'array[] real']],
    (ops, [n, lo, hi]) => linspaced(ops, n!, lo!, hi!),
  ),

  fn(
    'to_vector',
    'Elements as a vector (a matrix in column-major order).',
    each(['vector', 'row_vector', 'matrix', 'array[] real', 'array[] int'], 'vector'),
    (ops, [x], types) => stanOrder(ops, x!, typeOf(types, 0, 'to_vector')),
  ),
  fn(
    'to_row_vector',
    'Elements as a row vector (a matrix in column-major order).',
    each(['vector', 'row_vector', 'matrix', 'array[] real', 'array[] int'], 'row_vector'),
    (ops, [x], types) => stanOrder(ops, x!, typeOf(types, 0, 'to_row_vector')),
  ),
  fn(
    'to_array_1d',
    'Elements as a 1-d array (a matrix in column-major order, arrays in row-major order).',
    [
      ...each(['vector', 'row_vector', 'matrix', 'array[] real', 'array[,] real', 'array[,,] real'], 'array[] real'),
      ...each(['array[] int', 'array[,] int', 'array[,,] int'], 'array[] int'),
    ],
    (ops, [x], types) => stanOrder(ops, x!, typeOf(types, 0, 'to_array_1d')),
  ),
  fn(
    'to_matrix',
    'to_matrix(x): a matrix, array[,] or array[] row_vector as matrix; to_matrix(x, m, n[, col_major]): the elements of x (column-major) as an m×n matrix.',
    [
      ...each(['matrix', 'array[,] real', 'array[,] int', 'array[] row_vector'], 'matrix'),
      ...['vector', 'row_vector', 'matrix', 'array[] real', 'array[] int'].map((t): SigSpec => [
        [t, 'int', 'int'],
        'matrix',
      ]),
      [['array[] real', 'int', 'int', 'int'], 'matrix'],
      [['array[] int', 'int', 'int', 'int'], 'matrix'],
    ],
    (ops, [x, mVal, nVal, colMajor], types) => {
      if (!mVal) return x!;
      const m = sizeArg(mVal, 'rows in to_matrix');
      const n = sizeArg(nVal!, 'columns in to_matrix');
      if (m * n !== ops.size(x!)) {
        throw new LangevinError(`to_matrix: ${ops.size(x!)} elements do not fill a ${m}x${n} matrix`);
      }
      const flat = stanOrder(ops, x!, typeOf(types, 0, 'to_matrix'));
      if (colMajor && constantInt(colMajor, 'col_major in to_matrix') === 0) return ops.reshape(flat, [m, n]);
      return ops.gather(flat, fillColumnMajor(m, n), [m, n]);
    },
  ),
  fn('to_array_2d', 'A matrix as a 2-d array of its rows.', [[['matrix'], 'array[,] real']], (ops, [x]) => x!),
  fn(
    'to_int',
    'Truncate a real (data) toward zero to an int.',
    [
      [['real'], 'int'],
      [['array[] real'], 'array[] int'],
    ],
    (ops, [x]) => ops.unary('trunc', x!),
  ),

  fn(
    'append_row',
    'Stack vertically: vectors (and reals) into a vector, matrices and row vectors into a matrix.',
    [
      [['vector', 'vector'], 'vector'],
      [['real', 'vector'], 'vector'],
      [['vector', 'real'], 'vector'],
      [['matrix', 'matrix'], 'matrix'],
      [['row_vector', 'row_vector'], 'matrix'],
      [['matrix', 'row_vector'], 'matrix'],
      [['row_vector', 'matrix'], 'matrix'],
    ],
    (ops, [a, b], types) => appendRow(ops, a!, b!, typeOf(types, 0, 'append_row'), typeOf(types, 1, 'append_row')),
  ),
  fn(
    'append_col',
    'Stack horizontally: row vectors (and reals) into a row vector, matrices and vectors into a matrix.',
    [
      [['row_vector', 'row_vector'], 'row_vector'],
      [['real', 'row_vector'], 'row_vector'],
      [['row_vector', 'real'], 'row_vector'],
      [['matrix', 'matrix'], 'matrix'],
      [['vector', 'vector'], 'matrix'],
      [['matrix', 'vector'], 'matrix'],
      [['vector', 'matrix'], 'matrix'],
    ],
    (ops, [a, b], types) => appendCol(ops, a!, b!, typeOf(types, 0, 'append_col'), typeOf(types, 1, 'append_col')),
  ),
  fn(
    'append_array',
    'Concatenate two arrays of the same element type.',
    [
      ...ELEMENTS.map((t): SigSpec => [[arrayOf(t), arrayOf(t)], arrayOf(t)]),
      [['array[,] real', 'array[,] real'], 'array[,] real'],
      [['array[,] int', 'array[,] int'], 'array[,] int'],
    ],
    (ops, [a, b]) => {
      const inner = a!.shape.slice(1);
      if (inner.join() !== b!.shape.slice(1).join()) throw new LangevinError('append_array: element shapes differ');
      return ops.concat([a!, b!], [a!.shape[0]! + b!.shape[0]!, ...inner]);
    },
  ),
  fn(
    'head',
    'The first n elements.',
    [
      [['vector', 'int'], 'vector'],
      [['row_vector', 'int'], 'row_vector'],
      ...ELEMENTS.map((t): SigSpec => [[arrayOf(t), 'int'], arrayOf(t)]),
    ],
    (ops, [x, n]) => sliceFirstAxis(ops, x!, 0, sizeArg(n!, 'the count in head'), 'head'),
  ),
  fn(
    'tail',
    'The last n elements.',
    [
      [['vector', 'int'], 'vector'],
      [['row_vector', 'int'], 'row_vector'],
      ...ELEMENTS.map((t): SigSpec => [[arrayOf(t), 'int'], arrayOf(t)]),
    ],
    (ops, [x, n]) => {
      const k = sizeArg(n!, 'the count in tail');
      return sliceFirstAxis(ops, x!, (x!.shape[0] ?? 0) - k, k, 'tail');
    },
  ),
  fn(
    'segment',
    'segment(x, i, n): n elements starting at (1-based) i.',
    [
      [['vector', 'int', 'int'], 'vector'],
      [['row_vector', 'int', 'int'], 'row_vector'],
      ...ELEMENTS.map((t): SigSpec => [[arrayOf(t), 'int', 'int'], arrayOf(t)]),
    ],
    (ops, [x, i, n]) =>
      sliceFirstAxis(
        ops,
        x!,
        constantInt(i!, 'the start in segment') - 1,
        sizeArg(n!, 'the count in segment'),
        'segment',
      ),
  ),
  fn(
    'reverse',
    'Elements in reverse order.',
    [
      [['vector'], 'vector'],
      [['row_vector'], 'row_vector'],
      ...ELEMENTS.map((t): SigSpec => [[arrayOf(t)], arrayOf(t)]),
    ],
    (ops, [x]) => {
      const outer = x!.shape[0]!;
      const inner = ops.size(x!) / Math.max(outer, 1);
      const idx = Int32Array.from(
        { length: outer * inner },
        (_, f) => (outer - 1 - Math.floor(f / inner)) * inner + (f % inner),
      );
      return ops.gather(x!, idx, x!.shape);
    },
  ),
];
