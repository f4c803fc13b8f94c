/**
 * Reductions, container and linear-algebra functions: each case checks the
 * value and shape against numbers worked out by hand or in plain
 * JavaScript, and, where the result is real and an argument is real, the
 * gradient of a weighted sum of the result against finite differences.
 * A last test makes sure every function entry is covered here or in
 * elementwise.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { functions, findFunction } from '../../stdlib/index.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import { gradientError } from '../ir/evaluate.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import { LangevinError } from '../../src/errors.js';
import { close, constantOf, flatten, plainShape, type Plain } from './helpers.js';
import { BINARY, UNARY } from './elementwise-references.js';
import { MATRIX_CASES, TESTED_ELSEWHERE } from './matrix-cases.js';

interface Case {
  name: string;
  args: Array<[Plain, string]>;
  expected: Plain;
  /** Result shape when it differs from the expected value's plain shape (e.g. [1]). */
  shape?: number[];
  /** 'symmetric': a matrix argument is symmetrised when traced (Cholesky); false: no gradient check. */
  grad?: 'symmetric' | false;
}

const A: number[][] = [
  [1, 2],
  [3, 4],
];
const S: number[][] = [
  [2, 1],
  [1, 3],
];
const lse = (xs: number[]) => Math.log(xs.reduce((s, x) => s + Math.exp(x), 0));
const gp = (x: number[], alpha: number, rho: number, k: (d: number) => number) =>
  x.map((a) => x.map((b) => alpha * alpha * k(Math.abs(a - b) / rho)));

const CASES: Case[] = [
  ...MATRIX_CASES,
  // reductions
  { name: 'sum', args: [[[1, 2, 3.5], 'vector']], expected: 6.5 },
  { name: 'sum', args: [[A, 'matrix']], expected: 10 },
  { name: 'sum', args: [[[1, 2, 3], 'array[] int']], expected: 6 },
  { name: 'sum', args: [[[], 'vector']], expected: 0 },
  { name: 'prod', args: [[[2, 3, 4], 'array[] real']], expected: 24 },
  { name: 'min', args: [[[2, -3, 4], 'vector']], expected: -3 },
  {
    name: 'min',
    args: [
      [2, 'int'],
      [5, 'int'],
    ],
    expected: 2,
  },
  { name: 'min', args: [[[], 'array[] real']], expected: Infinity },
  { name: 'max', args: [[[2, -3, 4], 'row_vector']], expected: 4 },
  {
    name: 'max',
    args: [
      [2.5, 'real'],
      [-1, 'real'],
    ],
    expected: 2.5,
  },
  { name: 'log_sum_exp', args: [[[1, 2, 3], 'vector']], expected: lse([1, 2, 3]) },
  {
    name: 'log_sum_exp',
    args: [
      [
        [
          [1000, 1001],
          [999, 1000],
        ],
        'matrix',
      ],
    ],
    expected: 1000 + lse([0, 1, -1, 0]),
  },
  { name: 'mean', args: [[[1, 2, 3, 6], 'vector']], expected: 3 },
  { name: 'variance', args: [[[1, 2, 3, 6], 'array[] real']], expected: 14 / 3 },
  { name: 'variance', args: [[[5], 'vector']], expected: 0, grad: false },
  { name: 'sd', args: [[A, 'matrix']], expected: Math.sqrt(5 / 3) },
  { name: 'log_softmax', args: [[[1, 2, 3], 'vector']], expected: [1, 2, 3].map((x) => x - lse([1, 2, 3])) },
  { name: 'softmax', args: [[[1, 2, 3], 'vector']], expected: [1, 2, 3].map((x) => Math.exp(x - lse([1, 2, 3]))) },
  { name: 'cumulative_sum', args: [[[1, 2, 3, 4], 'vector']], expected: [1, 3, 6, 10] },
  { name: 'cumulative_sum', args: [[[1, 2, 3], 'array[] int']], expected: [1, 3, 6] },
  {
    name: 'log_mix',
    args: [
      [0.3, 'real'],
      [-1, 'real'],
      [-2, 'real'],
    ],
    expected: Math.log(0.3 * Math.exp(-1) + 0.7 * Math.exp(-2)),
  },
  {
    name: 'log_mix',
    args: [
      [[0.2, 0.8], 'vector'],
      [[-1, -3], 'vector'],
    ],
    expected: Math.log(0.2 * Math.exp(-1) + 0.8 * Math.exp(-3)),
  },
  {
    name: 'log_mix',
    args: [
      [[0.2, 0.8], 'vector'],
      [
        [
          [-1, -3],
          [-2, -0.5],
        ],
        'array[] vector',
      ],
    ],
    expected: Math.log(0.2 * Math.exp(-1) + 0.8 * Math.exp(-3)) + Math.log(0.2 * Math.exp(-2) + 0.8 * Math.exp(-0.5)),
  },
  // I_x(2, 3) = 1 − (1 − x)³(1 + 3x); I_x(1/2, 1/2) = (2/π) asin √x
  {
    name: 'inc_beta',
    args: [
      [2, 'real'],
      [3, 'real'],
      [0.3, 'real'],
    ],
    expected: 1 - 0.7 ** 3 * 1.9,
  },
  {
    name: 'inc_beta',
    args: [
      [2, 'real'],
      [3, 'real'],
      [0.8, 'real'],
    ],
    expected: 1 - 0.2 ** 3 * 3.4,
  },
  {
    name: 'inc_beta',
    args: [
      [0.5, 'real'],
      [0.5, 'real'],
      [[0.25, 0.75], 'vector'],
    ],
    expected: [1 / 3, 2 / 3],
  },
  {
    name: 'fma',
    args: [
      [2, 'real'],
      [3, 'real'],
      [4, 'real'],
    ],
    expected: 10,
  },

  // sizes
  { name: 'rows', args: [[[1, 2, 3], 'vector']], expected: 3 },
  { name: 'rows', args: [[[1, 2, 3], 'row_vector']], expected: 1 },
  { name: 'rows', args: [[[[1, 2, 3]], 'matrix']], expected: 1 },
  { name: 'cols', args: [[[1, 2, 3], 'vector']], expected: 1 },
  { name: 'cols', args: [[[[1, 2, 3]], 'matrix']], expected: 3 },
  {
    name: 'size',
    args: [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'array[] vector',
      ],
    ],
    expected: 2,
  },
  {
    name: 'size',
    args: [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'matrix',
      ],
    ],
    expected: 6,
  },
  { name: 'size', args: [[2.5, 'real']], expected: 1 },
  {
    name: 'num_elements',
    args: [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'array[] vector',
      ],
    ],
    expected: 6,
  },
  {
    name: 'dims',
    args: [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'array[] vector',
      ],
    ],
    expected: [2, 3],
  },

  // construction
  {
    name: 'rep_vector',
    args: [
      [2.5, 'real'],
      [3, 'int'],
    ],
    expected: [2.5, 2.5, 2.5],
  },
  {
    name: 'rep_row_vector',
    args: [
      [2.5, 'real'],
      [2, 'int'],
    ],
    expected: [2.5, 2.5],
  },
  {
    name: 'rep_matrix',
    args: [
      [1.5, 'real'],
      [2, 'int'],
      [3, 'int'],
    ],
    expected: [
      [1.5, 1.5, 1.5],
      [1.5, 1.5, 1.5],
    ],
  },
  {
    name: 'rep_matrix',
    args: [
      [[1, 2], 'vector'],
      [3, 'int'],
    ],
    expected: [
      [1, 1, 1],
      [2, 2, 2],
    ],
  },
  {
    name: 'rep_matrix',
    args: [
      [[1, 2], 'row_vector'],
      [3, 'int'],
    ],
    expected: [
      [1, 2],
      [1, 2],
      [1, 2],
    ],
  },
  {
    name: 'rep_array',
    args: [
      [1, 'int'],
      [3, 'int'],
    ],
    expected: [1, 1, 1],
  },
  {
    name: 'rep_array',
    args: [
      [[1, 2], 'vector'],
      [2, 'int'],
    ],
    expected: [
      [1, 2],
      [1, 2],
    ],
  },
  {
    name: 'rep_array',
    args: [
      [0.5, 'real'],
      [2, 'int'],
      [2, 'int'],
    ],
    expected: [
      [0.5, 0.5],
      [0.5, 0.5],
    ],
  },
  { name: 'zeros_vector', args: [[2, 'int']], expected: [0, 0] },
  { name: 'ones_vector', args: [[2, 'int']], expected: [1, 1] },
  { name: 'zeros_row_vector', args: [[2, 'int']], expected: [0, 0] },
  { name: 'ones_row_vector', args: [[2, 'int']], expected: [1, 1] },
  { name: 'zeros_array', args: [[3, 'int']], expected: [0, 0, 0] },
  { name: 'ones_array', args: [[1, 'int']], expected: [1] },
  { name: 'zeros_int_array', args: [[2, 'int']], expected: [0, 0] },
  { name: 'ones_int_array', args: [[2, 'int']], expected: [1, 1] },
  { name: 'uniform_simplex', args: [[4, 'int']], expected: [0.25, 0.25, 0.25, 0.25] },
  {
    name: 'linspaced_vector',
    args: [
      [5, 'int'],
      [0, 'real'],
      [1, 'real'],
    ],
    expected: [0, 0.25, 0.5, 0.75, 1],
  },
  {
    name: 'linspaced_row_vector',
    args: [
      [3, 'int'],
      [-1, 'real'],
      [1, 'real'],
    ],
    expected: [-1, 0, 1],
  },
  {
    name: 'linspaced_array',
    args: [
      [1, 'int'],
      [2, 'real'],
      [5, 'real'],
    ],
    expected: [5],
  },
  {
    name: 'identity_matrix',
    args: [[2, 'int']],
    expected: [
      [1, 0],
      [0, 1],
    ],
  },

  // conversion (matrices are column-major in Stan's conversions)
  { name: 'to_vector', args: [[A, 'matrix']], expected: [1, 3, 2, 4] },
  { name: 'to_vector', args: [[[1, 2], 'array[] int']], expected: [1, 2] },
  { name: 'to_row_vector', args: [[A, 'matrix']], expected: [1, 3, 2, 4] },
  { name: 'to_array_1d', args: [[A, 'matrix']], expected: [1, 3, 2, 4] },
  { name: 'to_array_1d', args: [[A, 'array[,] real']], expected: [1, 2, 3, 4] },
  {
    name: 'to_matrix',
    args: [
      [[1, 2, 3, 4, 5, 6], 'vector'],
      [2, 'int'],
      [3, 'int'],
    ],
    expected: [
      [1, 3, 5],
      [2, 4, 6],
    ],
  },
  {
    name: 'to_matrix',
    args: [
      [[1, 2, 3, 4, 5, 6], 'array[] real'],
      [2, 'int'],
      [3, 'int'],
      [0, 'int'],
    ],
    expected: [
      [1, 2, 3],
      [4, 5, 6],
    ],
  },
  {
    name: 'to_matrix',
    args: [
      [A, 'matrix'],
      [1, 'int'],
      [4, 'int'],
    ],
    expected: [[1, 3, 2, 4]],
  },
  { name: 'to_matrix', args: [[A, 'array[] row_vector']], expected: A },
  { name: 'to_array_2d', args: [[A, 'matrix']], expected: A },
  { name: 'to_int', args: [[-3.7, 'real']], expected: -3, grad: false },

  // concatenation and slicing
  {
    name: 'append_row',
    args: [
      [[1, 2], 'vector'],
      [[3], 'vector'],
    ],
    expected: [1, 2, 3],
  },
  {
    name: 'append_row',
    args: [
      [0, 'real'],
      [[1, 2], 'vector'],
    ],
    expected: [0, 1, 2],
  },
  {
    name: 'append_row',
    args: [
      [[[1, 2]], 'matrix'],
      [[3, 4], 'row_vector'],
    ],
    expected: A,
  },
  {
    name: 'append_row',
    args: [
      [[1, 2], 'row_vector'],
      [[3, 4], 'row_vector'],
    ],
    expected: A,
  },
  {
    name: 'append_col',
    args: [
      [[[1], [2]], 'matrix'],
      [[3, 4], 'vector'],
    ],
    expected: [
      [1, 3],
      [2, 4],
    ],
  },
  {
    name: 'append_col',
    args: [
      [[1, 2], 'vector'],
      [[3, 4], 'vector'],
    ],
    expected: [
      [1, 3],
      [2, 4],
    ],
  },
  {
    name: 'append_col',
    args: [
      [[1, 2], 'row_vector'],
      [3, 'real'],
    ],
    expected: [1, 2, 3],
  },
  {
    name: 'append_col',
    args: [
      [A, 'matrix'],
      [[[5], [6]], 'matrix'],
    ],
    expected: [
      [1, 2, 5],
      [3, 4, 6],
    ],
  },
  {
    name: 'append_array',
    args: [
      [[1, 2], 'array[] real'],
      [[3], 'array[] real'],
    ],
    expected: [1, 2, 3],
  },
  {
    name: 'head',
    args: [
      [[1, 2, 3, 4], 'vector'],
      [2, 'int'],
    ],
    expected: [1, 2],
  },
  {
    name: 'head',
    args: [
      [
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        'array[] vector',
      ],
      [2, 'int'],
    ],
    expected: [
      [1, 2],
      [3, 4],
    ],
  },
  {
    name: 'tail',
    args: [
      [[1, 2, 3, 4], 'row_vector'],
      [3, 'int'],
    ],
    expected: [2, 3, 4],
  },
  {
    name: 'segment',
    args: [
      [[1, 2, 3, 4, 5], 'array[] real'],
      [2, 'int'],
      [3, 'int'],
    ],
    expected: [2, 3, 4],
  },
  { name: 'reverse', args: [[[1, 2, 3], 'vector']], expected: [3, 2, 1] },
  {
    name: 'reverse',
    args: [
      [
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
        'array[] vector',
      ],
    ],
    expected: [
      [5, 6],
      [3, 4],
      [1, 2],
    ],
  },

  // linear algebra
  {
    name: 'dot_product',
    args: [
      [[1, 2, 3], 'vector'],
      [[4, 5, 6], 'row_vector'],
    ],
    expected: 32,
  },
  { name: 'dot_self', args: [[[1, 2, 3], 'vector']], expected: 14 },
  {
    name: 'columns_dot_product',
    args: [
      [A, 'matrix'],
      [
        [
          [5, 6],
          [7, 8],
        ],
        'matrix',
      ],
    ],
    expected: [26, 44],
  },
  {
    name: 'columns_dot_product',
    args: [
      [[1, 2, 3], 'vector'],
      [[4, 5, 6], 'vector'],
    ],
    expected: [32],
    shape: [1],
  },
  {
    name: 'rows_dot_product',
    args: [
      [A, 'matrix'],
      [
        [
          [5, 6],
          [7, 8],
        ],
        'matrix',
      ],
    ],
    expected: [17, 53],
  },
  {
    name: 'rows_dot_product',
    args: [
      [[1, 2, 3], 'vector'],
      [[4, 5, 6], 'vector'],
    ],
    expected: [4, 10, 18],
  },
  { name: 'columns_dot_self', args: [[A, 'matrix']], expected: [10, 20] },
  { name: 'rows_dot_self', args: [[A, 'matrix']], expected: [5, 25] },
  {
    name: 'squared_distance',
    args: [
      [[1, 2], 'vector'],
      [[4, 6], 'vector'],
    ],
    expected: 25,
  },
  {
    name: 'distance',
    args: [
      [[1, 2], 'row_vector'],
      [[4, 6], 'row_vector'],
    ],
    expected: 5,
  },
  { name: 'norm1', args: [[[-1, 2, -3], 'vector']], expected: 6 },
  { name: 'norm2', args: [[[3, 4], 'vector']], expected: 5 },
  {
    name: 'diag_matrix',
    args: [[[1, 2], 'vector']],
    expected: [
      [1, 0],
      [0, 2],
    ],
  },
  { name: 'diagonal', args: [[A, 'matrix']], expected: [1, 4] },
  { name: 'trace', args: [[A, 'matrix']], expected: 5 },
  {
    name: 'add_diag',
    args: [
      [A, 'matrix'],
      [1, 'real'],
    ],
    expected: [
      [2, 2],
      [3, 5],
    ],
  },
  {
    name: 'add_diag',
    args: [
      [A, 'matrix'],
      [[1, 2], 'vector'],
    ],
    expected: [
      [2, 2],
      [3, 6],
    ],
  },
  {
    name: 'cholesky_decompose',
    args: [
      [
        [
          [4, 2],
          [2, 3],
        ],
        'matrix',
      ],
    ],
    expected: [
      [2, 0],
      [1, Math.SQRT2],
    ],
    grad: 'symmetric',
  },
  {
    name: 'crossprod',
    args: [[A, 'matrix']],
    expected: [
      [10, 14],
      [14, 20],
    ],
  },
  {
    name: 'tcrossprod',
    args: [[A, 'matrix']],
    expected: [
      [5, 11],
      [11, 25],
    ],
  },
  {
    name: 'multiply_lower_tri_self_transpose',
    args: [
      [
        [
          [1, 9],
          [3, 4],
        ],
        'matrix',
      ],
    ],
    expected: [
      [1, 3],
      [3, 25],
    ],
  },
  {
    name: 'quad_form',
    args: [
      [S, 'matrix'],
      [[1, 2], 'vector'],
    ],
    expected: 18,
  },
  {
    name: 'quad_form',
    args: [
      [S, 'matrix'],
      [
        [
          [1, 0],
          [1, 1],
        ],
        'matrix',
      ],
    ],
    expected: [
      [7, 4],
      [4, 3],
    ],
  },
  {
    name: 'quad_form_diag',
    args: [
      [S, 'matrix'],
      [[1, 2], 'vector'],
    ],
    expected: [
      [2, 2],
      [2, 12],
    ],
  },
  {
    name: 'diag_pre_multiply',
    args: [
      [[1, 2], 'vector'],
      [A, 'matrix'],
    ],
    expected: [
      [1, 2],
      [6, 8],
    ],
  },
  {
    name: 'diag_post_multiply',
    args: [
      [A, 'matrix'],
      [[1, 2], 'vector'],
    ],
    expected: [
      [1, 4],
      [3, 8],
    ],
  },
  {
    name: 'mdivide_left_tri_low',
    args: [
      [
        [
          [2, 0],
          [1, 1],
        ],
        'matrix',
      ],
      [[4, 3], 'vector'],
    ],
    expected: [2, 1],
  },
  {
    name: 'mdivide_left_tri_low',
    args: [
      [
        [
          [2, 0],
          [1, 1],
        ],
        'matrix',
      ],
      [
        [
          [4, 2],
          [3, 1],
        ],
        'matrix',
      ],
    ],
    expected: [
      [2, 1],
      [1, 0],
    ],
  },
  {
    name: 'col',
    args: [
      [A, 'matrix'],
      [2, 'int'],
    ],
    expected: [2, 4],
  },
  {
    name: 'row',
    args: [
      [A, 'matrix'],
      [2, 'int'],
    ],
    expected: [3, 4],
  },
  {
    name: 'block',
    args: [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        'matrix',
      ],
      [2, 'int'],
      [2, 'int'],
      [2, 'int'],
      [1, 'int'],
    ],
    expected: [[5], [8]],
  },
  {
    name: 'gp_exp_quad_cov',
    args: [
      [[0, 1, 3], 'array[] real'],
      [2, 'real'],
      [1.5, 'real'],
    ],
    expected: gp([0, 1, 3], 2, 1.5, (t) => Math.exp(-0.5 * t * t)),
  },
  {
    name: 'cov_exp_quad',
    args: [
      [[0, 1, 3], 'array[] real'],
      [2, 'real'],
      [1.5, 'real'],
    ],
    expected: gp([0, 1, 3], 2, 1.5, (t) => Math.exp(-0.5 * t * t)),
  },
  {
    name: 'gp_exp_quad_cov',
    args: [
      [
        [
          [0, 0],
          [1, 1],
        ],
        'array[] vector',
      ],
      [1.5, 'real'],
      [0.8, 'real'],
    ],
    expected: [
      [2.25, 2.25 * Math.exp(-1 / 0.64)],
      [2.25 * Math.exp(-1 / 0.64), 2.25],
    ],
  },
  {
    name: 'gp_exp_quad_cov',
    args: [
      [[0, 1], 'array[] real'],
      [[2.5], 'array[] real'],
      [1, 'real'],
      [2, 'real'],
    ],
    expected: [[Math.exp(-6.25 / 8)], [Math.exp(-2.25 / 8)]],
  },
  {
    name: 'gp_exponential_cov',
    args: [
      [[0, 1, 3], 'array[] real'],
      [2, 'real'],
      [1.5, 'real'],
    ],
    expected: gp([0, 1, 3], 2, 1.5, (t) => Math.exp(-t)),
  },
  {
    name: 'gp_matern32_cov',
    args: [
      [[0, 1, 3], 'array[] real'],
      [2, 'real'],
      [1.5, 'real'],
    ],
    expected: gp([0, 1, 3], 2, 1.5, (t) => (1 + Math.sqrt(3) * t) * Math.exp(-Math.sqrt(3) * t)),
  },
  {
    name: 'gp_matern52_cov',
    args: [
      [[0, 1, 3], 'array[] real'],
      [2, 'real'],
      [1.5, 'real'],
    ],
    expected: gp([0, 1, 3], 2, 1.5, (t) => (1 + Math.sqrt(5) * t + (5 / 3) * t * t) * Math.exp(-Math.sqrt(5) * t)),
  },
  // added: SPD algebra, sub blocks, sorting (data only)
  { name: 'cumulative_sum', args: [[[1, 2, 3, 4, 5, 6, 7], 'row_vector']], expected: [1, 3, 6, 10, 15, 21, 28] },
  {
    name: 'inverse_spd',
    args: [[S, 'matrix']],
    expected: [
      [0.6, -0.2],
      [-0.2, 0.4],
    ],
    grad: 'symmetric',
  },
  { name: 'log_determinant_spd', args: [[S, 'matrix']], expected: Math.log(5), grad: 'symmetric' },
  {
    name: 'mdivide_left_spd',
    args: [
      [S, 'matrix'],
      [[1, 2], 'vector'],
    ],
    expected: [0.2, 0.6],
    grad: 'symmetric',
  },
  {
    name: 'mdivide_right_spd',
    args: [
      [[1, 2], 'row_vector'],
      [S, 'matrix'],
    ],
    expected: [0.2, 0.6],
    grad: 'symmetric',
  },
  {
    name: 'mdivide_right_tri_low',
    args: [
      [[4, 3], 'row_vector'],
      [
        [
          [2, 0],
          [1, 1],
        ],
        'matrix',
      ],
    ],
    expected: [0.5, 3],
  },
  {
    name: 'sub_col',
    args: [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        'matrix',
      ],
      [2, 'int'],
      [3, 'int'],
      [2, 'int'],
    ],
    expected: [6, 9],
  },
  {
    name: 'sub_row',
    args: [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        'matrix',
      ],
      [1, 'int'],
      [2, 'int'],
      [2, 'int'],
    ],
    expected: [2, 3],
  },
  {
    name: 'symmetrize_from_lower_tri',
    args: [
      [
        [
          [1, 9],
          [3, 4],
        ],
        'matrix',
      ],
    ],
    expected: [
      [1, 3],
      [3, 4],
    ],
  },
  { name: 'sort_asc', args: [[[3, 1, 2], 'vector']], expected: [1, 2, 3], grad: false },
  { name: 'sort_desc', args: [[[3, 1, 2], 'array[] int']], expected: [3, 2, 1] },
  { name: 'sort_indices_asc', args: [[[3, 1, 2], 'vector']], expected: [2, 3, 1], grad: false },
  { name: 'sort_indices_desc', args: [[[3, 1, 2], 'vector']], expected: [1, 3, 2], grad: false },
  {
    name: 'rank',
    args: [
      [[3, 1, 2], 'array[] real'],
      [1, 'int'],
    ],
    expected: 2,
    grad: false,
  },
];

const isRealType = (t: string) => !t.includes('int');

function run(c: Case, ops: Ops, vals: Val[]): Val {
  return findFunction(c.name)!.apply(
    ops,
    vals,
    c.args.map(([, t]) => t),
  );
}

/** A weighted sum of the result, traced in every real-typed argument. */
function traced(c: Case) {
  const slots: Array<{ offset: number; shape: number[] } | undefined> = [];
  const x: number[] = [];
  for (const [value, type] of c.args) {
    if (!isRealType(type)) {
      slots.push(undefined);
      continue;
    }
    slots.push({ offset: x.length, shape: plainShape(value) });
    x.push(...flatten(value));
  }
  const build = (ops: Ops, p: Val): Val => {
    const vals = c.args.map(([value], i) => {
      const slot = slots[i];
      if (!slot) return constantOf(ops, value);
      const n = slot.shape.reduce((s, d) => s * d, 1);
      let v = ops.gather(
        p,
        Int32Array.from({ length: n }, (_, k) => slot.offset + k),
        slot.shape,
      );
      if (c.grad === 'symmetric') v = ops.binary('mul', ops.binary('add', v, ops.transpose(v)), ops.constant(0.5));
      return v;
    });
    const out = run(c, ops, vals);
    const size = ops.size(out);
    const w = ops.constant(
      Float64Array.from({ length: size }, (_, i) => 1 + 0.37 * i),
      out.shape,
    );
    return ops.reduce('sum', ops.binary('mul', out, w));
  };
  return { build, x };
}

describe.each(CASES.map((c, i) => [`${c.name}(${c.args.map(([, t]) => t).join(', ')}) #${i}`, c] as const))(
  '%s',
  (_label, c) => {
    it('gives the expected value and shape', () => {
      const ops = new GraphBuilder();
      const out = run(
        c,
        ops,
        c.args.map(([v]) => constantOf(ops, v)),
      );
      expect(out.constant, 'folds to a constant').toBeDefined();
      expect([...out.shape]).toEqual(c.shape ?? plainShape(c.expected));
      const want = flatten(c.expected);
      expect(out.constant!.length).toBe(want.length);
      want.forEach((w, i) =>
        expect(close(out.constant![i]!, w, 1e-12), `element ${i}: ${out.constant![i]} vs ${w}`).toBe(true),
      );
    });

    const realArgs = c.args.some(([, t]) => isRealType(t)) && c.grad !== false;
    const realResult = flatten(c.expected).every(Number.isFinite) && flatten(c.expected).length > 0;
    it.runIf(realArgs && realResult)('traces, with gradients matching finite differences', () => {
      const { build, x } = traced(c);
      const r = gradientError(build, x, [x.length], 1e-5);
      const want = flatten(c.expected).reduce((s, v, i) => s + v * (1 + 0.37 * i), 0);
      expect(close(r.value, want, 1e-10), `value ${r.value} vs ${want}`).toBe(true);
      expect(r.maxError, `${Array.from(r.gradient)} vs ${Array.from(r.numeric)}`).toBeLessThan(1e-5);
    });
  },
);

describe('function table', () => {
  it('has a test for every entry', () => {
    const constants = [
      'pi',
      'e',
      'sqrt2',
      'not_a_number',
      'positive_infinity',
      'negative_infinity',
      'machine_precision',
    ];
    const tested = new Set([
      ...Object.keys(UNARY),
      ...Object.keys(BINARY),
      ...CASES.map((c) => c.name),
      ...constants,
      ...TESTED_ELSEWHERE,
    ]);
    const untested = functions.map((f) => f.name).filter((n) => !tested.has(n));
    expect(untested).toEqual([]);
  });

  it('has unique names, signatures and docs', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of functions) {
      expect(f.signatures.length, f.name).toBeGreaterThan(0);
      expect(f.doc.length, f.name).toBeGreaterThan(3);
    }
  });

  it('reports non-constant sizes and bad ranges as user errors', () => {
    const ops = new GraphBuilder();
    const f = (name: string, args: Val[], types: string[]) => () => findFunction(name)!.apply(ops, args, types);
    expect(f('rep_vector', [ops.constant(1), ops.constant(2.5)], ['real', 'int'])).toThrow(LangevinError);
    expect(f('head', [ops.constant([1, 2, 3]), ops.constant(4)], ['vector', 'int'])).toThrow(LangevinError);
    expect(
      f('to_matrix', [ops.constant([1, 2, 3]), ops.constant(2), ops.constant(2)], ['vector', 'int', 'int']),
    ).toThrow(LangevinError);
    expect(f('sort_asc', [ops.param(0, [3])], ['vector'])).toThrow(/not supported yet/);
  });
});
