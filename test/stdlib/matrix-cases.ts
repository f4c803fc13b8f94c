/**
 * Reference cases for the matrix-algebra functions (stdlib/functions/
 * matrix-algebra.ts), worked out here in plain JavaScript with cofactor
 * expansion and Cramer's rule: an implementation independent of the
 * Cholesky / elimination code under test. functions.test.ts runs them.
 */
type Plain = number | number[] | number[][];

export interface MatrixCase {
  name: string;
  args: Array<[Plain, string]>;
  expected: Plain;
  grad?: 'symmetric' | false;
}

/** det by cofactor expansion along the first row. */
export function det(m: number[][]): number {
  const n = m.length;
  if (n === 1) return m[0]![0]!;
  let s = 0;
  for (let j = 0; j < n; j++) {
    const minor = m.slice(1).map((row) => row.filter((_, k) => k !== j));
    s += (j % 2 === 0 ? 1 : -1) * m[0]![j]! * det(minor);
  }
  return s;
}

/** The inverse by the adjugate: inv[i][j] = (-1)^(i+j) det(minor(j, i)) / det. */
export function inv(m: number[][]): number[][] {
  const n = m.length;
  const d = det(m);
  return m.map((_, i) =>
    m.map((__, j) => {
      const minor = m.filter((_r, r) => r !== j).map((row) => row.filter((_c, c) => c !== i));
      return (((i + j) % 2 === 0 ? 1 : -1) * (n === 1 ? 1 : det(minor))) / d;
    }),
  );
}

const mul = (a: number[][], b: number[][]) =>
  a.map((r) => b[0]!.map((_, j) => r.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
const mv = (a: number[][], v: number[]) => a.map((r) => r.reduce((s, x, k) => s + x * v[k]!, 0));
const vm = (v: number[], a: number[][]) => a[0]!.map((_, j) => v.reduce((s, x, k) => s + x * a[k]![j]!, 0));

const G = [
  [2, -1, 0.5],
  [1, 3, -2],
  [0.3, 1, 4],
];
const NEG = [
  [0, 1],
  [1, 0.5],
]; // det < 0, and a zero leading entry
const S = [
  [4, 1, 0.5],
  [1, 3, 0.2],
  [0.5, 0.2, 2],
];
const L = [
  [2, 0, 0],
  [0.5, 1.5, 0],
  [-0.3, 0.4, 1.2],
];
const LU = [
  [2, 9, 9],
  [0.5, 1.5, 9],
  [-0.3, 0.4, 1.2],
]; // upper triangle must be ignored
const b = [1, -2, 0.5];
const B = [
  [1, 0],
  [-2, 1],
  [0.5, 3],
];

const QA = [
  [3, 1],
  [4, 2],
];
const QT = [
  [1, 0],
  [0, 1],
  [1, 1],
];
const E = [
  [2, 1],
  [1, 3],
];
function eigenvectorsE(): number[][] {
  const cols = [(5 - Math.sqrt(5)) / 2, (5 + Math.sqrt(5)) / 2].map((l) => {
    const n = Math.hypot(1, l - 2);
    return [1 / n, (l - 2) / n];
  });
  return [
    [cols[0]![0]!, cols[1]![0]!],
    [cols[0]![1]!, cols[1]![1]!],
  ];
}

export const MATRIX_CASES: MatrixCase[] = [
  {
    name: 'transpose',
    args: [
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'matrix',
      ],
    ],
    expected: [
      [1, 4],
      [2, 5],
      [3, 6],
    ],
  },
  { name: 'transpose', args: [[[1, 2], 'vector']], expected: [1, 2] },
  { name: 'inverse', args: [[G, 'matrix']], expected: inv(G) },
  { name: 'inverse', args: [[NEG, 'matrix']], expected: inv(NEG) },
  { name: 'inverse_spd', args: [[S, 'matrix']], expected: inv(S), grad: 'symmetric' },
  { name: 'determinant', args: [[G, 'matrix']], expected: det(G) },
  { name: 'determinant', args: [[[[3]], 'matrix']], expected: 3 },
  {
    name: 'determinant',
    args: [
      [
        [
          [0, 1],
          [1, 0.5],
        ],
        'matrix',
      ],
    ],
    expected: -1,
    grad: false,
  },
  { name: 'log_determinant', args: [[G, 'matrix']], expected: Math.log(Math.abs(det(G))) },
  { name: 'log_determinant', args: [[NEG, 'matrix']], expected: 0 },
  { name: 'log_determinant_spd', args: [[S, 'matrix']], expected: Math.log(det(S)), grad: 'symmetric' },
  {
    name: 'mdivide_left',
    args: [
      [G, 'matrix'],
      [b, 'vector'],
    ],
    expected: mv(inv(G), b),
  },
  {
    name: 'mdivide_left',
    args: [
      [G, 'matrix'],
      [B, 'matrix'],
    ],
    expected: mul(inv(G), B),
  },
  {
    name: 'mdivide_right',
    args: [
      [b, 'row_vector'],
      [G, 'matrix'],
    ],
    expected: vm(b, inv(G)),
  },
  {
    name: 'mdivide_right',
    args: [
      [[[1, 2, 3]], 'matrix'],
      [G, 'matrix'],
    ],
    expected: mul([[1, 2, 3]], inv(G)),
  },
  {
    name: 'mdivide_left_tri_low',
    args: [
      [LU, 'matrix'],
      [b, 'vector'],
    ],
    expected: mv(inv(L), b),
  },
  {
    name: 'mdivide_left_tri_low',
    args: [
      [L, 'matrix'],
      [B, 'matrix'],
    ],
    expected: mul(inv(L), B),
  },
  {
    name: 'mdivide_right_tri_low',
    args: [
      [b, 'row_vector'],
      [LU, 'matrix'],
    ],
    expected: vm(b, inv(L)),
  },
  {
    name: 'mdivide_right_tri_low',
    args: [
      [[[1, 2, 3]], 'matrix'],
      [L, 'matrix'],
    ],
    expected: mul([[1, 2, 3]], inv(L)),
  },
  {
    name: 'mdivide_left_spd',
    args: [
      [S, 'matrix'],
      [b, 'vector'],
    ],
    expected: mv(inv(S), b),
    grad: 'symmetric',
  },
  {
    name: 'mdivide_left_spd',
    args: [
      [S, 'matrix'],
      [B, 'matrix'],
    ],
    expected: mul(inv(S), B),
    grad: false,
  },
  {
    name: 'mdivide_right_spd',
    args: [
      [b, 'row_vector'],
      [S, 'matrix'],
    ],
    expected: vm(b, inv(S)),
    grad: 'symmetric',
  },
  {
    name: 'mdivide_right_spd',
    args: [
      [[[1, 2, 3]], 'matrix'],
      [S, 'matrix'],
    ],
    expected: mul([[1, 2, 3]], inv(S)),
    grad: false,
  },
  // thin QR by hand (Gram–Schmidt): A = [[3, 1], [4, 2]] → q1 = (0.6, 0.8), r12 = 2.2, q2 = (−0.8, 0.6), r22 = 0.4
  {
    name: 'qr_thin_Q',
    args: [[QA, 'matrix']],
    expected: [
      [0.6, -0.8],
      [0.8, 0.6],
    ],
  },
  {
    name: 'qr_thin_R',
    args: [[QA, 'matrix']],
    expected: [
      [5, 2.2],
      [0, 0.4],
    ],
  },
  // wide: one more column (0, 5): r13 = q1·(0, 5) = 4, r23 = q2·(0, 5) = 3
  {
    name: 'qr_thin_R',
    args: [
      [
        [
          [3, 1, 0],
          [4, 2, 5],
        ],
        'matrix',
      ],
    ],
    expected: [
      [5, 2.2, 4],
      [0, 0.4, 3],
    ],
  },
  // tall: [[1, 0], [0, 1], [1, 1]] → q1 = (1, 0, 1)/√2, q2 = (−1/2, 1, 1/2)/√(3/2)
  {
    name: 'qr_thin_Q',
    args: [[QT, 'matrix']],
    expected: [
      [Math.SQRT1_2, -0.5 / Math.sqrt(1.5)],
      [0, 1 / Math.sqrt(1.5)],
      [Math.SQRT1_2, 0.5 / Math.sqrt(1.5)],
    ],
  },
  {
    name: 'qr_thin_R',
    args: [[QT, 'matrix']],
    expected: [
      [Math.SQRT2, Math.SQRT1_2],
      [0, Math.sqrt(1.5)],
    ],
  },
  // [[2, 1], [1, 3]]: λ = (5 ∓ √5)/2, eigenvectors (1, λ − 2) normalised (largest component positive)
  {
    name: 'eigenvalues_sym',
    args: [[E, 'matrix']],
    expected: [(5 - Math.sqrt(5)) / 2, (5 + Math.sqrt(5)) / 2],
    grad: false,
  },
  { name: 'eigenvectors_sym', args: [[E, 'matrix']], expected: eigenvectorsE(), grad: false },
  // AᵀA = [[25, 11], [11, 5]]: σ² = 15 ± √221
  {
    name: 'singular_values',
    args: [[QA, 'matrix']],
    expected: [Math.sqrt(15 + Math.sqrt(221)), Math.sqrt(15 - Math.sqrt(221))],
    grad: false,
  },
  {
    name: 'singular_values',
    args: [
      [
        [
          [3, 1, 0],
          [4, 2, 5],
        ],
        'matrix',
      ],
    ],
    // AAᵀ = [[10, 14], [14, 45]]: σ² = (55 ± √(35² + 4·14²))/2
    expected: [
      Math.sqrt((55 + Math.sqrt(35 ** 2 + 4 * 14 ** 2)) / 2),
      Math.sqrt((55 - Math.sqrt(35 ** 2 + 4 * 14 ** 2)) / 2),
    ],
    grad: false,
  },
];

/** Brute force over every state path: p(y) and p(z_n = k | y) of a small HMM. */
function hmmBrute(lo: number[][], g: number[][], rho: number[]): { logp: number; post: number[][] } {
  const k = rho.length;
  const n = lo[0]!.length;
  let total = 0;
  const post = lo.map((r) => r.map(() => 0));
  const paths = k ** n;
  for (let p = 0; p < paths; p++) {
    const z = Array.from({ length: n }, (_, t) => Math.floor(p / k ** t) % k);
    let w = rho[z[0]!]! * Math.exp(lo[z[0]!]![0]!);
    for (let t = 1; t < n; t++) w *= g[z[t - 1]!]![z[t]!]! * Math.exp(lo[z[t]!]![t]!);
    total += w;
    z.forEach((s, t) => (post[s]![t]! += w));
  }
  return { logp: Math.log(total), post: post.map((r) => r.map((v) => v / total)) };
}

const LO = [
  [-1.2, -0.3, -2.5, -0.7],
  [-0.4, -1.9, -0.2, -1.1],
  [-3, -0.8, -1, -0.5],
];
const GAMMA = [
  [0.8, 0.15, 0.05],
  [0.1, 0.7, 0.2],
  [0.25, 0.25, 0.5],
];
const RHO = [0.5, 0.3, 0.2];
const HMM = hmmBrute(LO, GAMMA, RHO);

MATRIX_CASES.push(
  {
    name: 'hmm_marginal',
    args: [
      [LO, 'matrix'],
      [GAMMA, 'matrix'],
      [RHO, 'vector'],
    ],
    expected: HMM.logp,
  },
  {
    name: 'hmm_marginal',
    args: [
      [[[-800], [-801]], 'matrix'],
      [
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        'matrix',
      ],
      [[0.4, 0.6], 'vector'],
    ],
    expected: -800 + Math.log(0.4 + 0.6 * Math.exp(-1)),
  },
  {
    name: 'hmm_hidden_state_prob',
    args: [
      [LO, 'matrix'],
      [GAMMA, 'matrix'],
      [RHO, 'vector'],
    ],
    expected: HMM.post,
    grad: false,
  },
);

const PTS = [
  [0, 1],
  [1, -0.5],
  [2, 0.3],
];
const ARD_L = [0.7, 2];
const ard = PTS.map((a) =>
  PTS.map((b) => 1.3 ** 2 * Math.exp(-0.5 * a.reduce((s, v, i) => s + ((v - b[i]!) / ARD_L[i]!) ** 2, 0))),
);
MATRIX_CASES.push({
  name: 'gp_exp_quad_cov',
  args: [
    [PTS, 'array[] vector'],
    [1.3, 'real'],
    [ARD_L, 'array[] real'],
  ],
  expected: ard,
});

/** Entries whose tests live in their own files (random draws). */
export const TESTED_ELSEWHERE = ['hmm_latent_rng'];
