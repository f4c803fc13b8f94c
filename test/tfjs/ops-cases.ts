/**
 * Every primitive of src/ir/ops.ts (table-driven over the op lists, so a new
 * op is tested with the default domain until it gets its own) evaluated by
 * tfjs against the Float64 reference: value within float32 tolerance,
 * gradient against central finite differences.
 */
import { describe, expect, it } from 'vitest';
import type { TfjsBackendName } from '../../src/backends/tfjs/setup.js';
import { BINARY_OPS, REDUCE_OPS, UNARY_OPS, type BinaryOp, type Shape, type UnaryOp } from '../../src/ir/ops.js';
import { HandGraph } from './graphs.js';
import { checkAgainstReference, makeRng, sample, type Domain } from './harness.js';

export const DEFAULT: Domain = { intervals: [[-2, 2]] };
const POSITIVE: Domain = { intervals: [[0.1, 5]] };
const AWAY_FROM_ZERO: Domain = {
  intervals: [
    [-2, -0.2],
    [0.2, 2],
  ],
};
const UNIT_OPEN: Domain = { intervals: [[-0.9, 0.9]] };
/** Exact float32 values with ties, halves and zero, for piecewise-constant ops. */
const GRID: Domain = { points: [-2.5, -1.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5, 2.5, 3] };
const GAMMA: Domain = {
  intervals: [
    [-2.9, -2.1],
    [-0.9, -0.1],
    [0.1, 3],
    [3, 30],
  ],
};

/** Piecewise-constant ops: zero derivative everywhere (ops.ts). */
export const ZERO_DERIVATIVE = new Set<string>([
  'floor',
  'ceil',
  'round',
  'trunc',
  'sign',
  'step',
  'logical_not',
  'is_nan',
  'is_inf',
  'lt',
  'le',
  'gt',
  'ge',
  'eq',
  'ne',
  'logical_and',
  'logical_or',
]);

export const UNARY_DOMAINS: Partial<Record<UnaryOp, Domain>> = {
  log: POSITIVE,
  sqrt: POSITIVE,
  inv_sqrt: POSITIVE,
  log2: POSITIVE,
  log10: POSITIVE,
  cbrt: AWAY_FROM_ZERO,
  inv: AWAY_FROM_ZERO,
  inv_square: AWAY_FROM_ZERO,
  abs: AWAY_FROM_ZERO,
  log1p: { intervals: [[-0.9, 3]] },
  log1m: { intervals: [[-3, 0.9]] },
  logit: { intervals: [[0.02, 0.98]] },
  log1p_exp: { intervals: [[-20, 20]] },
  log_inv_logit: { intervals: [[-20, 20]] },
  log1m_inv_logit: { intervals: [[-20, 20]] },
  inv_logit: { intervals: [[-10, 10]] },
  log1m_exp: {
    intervals: [
      [-8, -0.75],
      [-0.6, -0.01],
    ],
  },
  lgamma: GAMMA,
  digamma: GAMMA,
  trigamma: GAMMA,
  tgamma: {
    intervals: [
      [-2.9, -2.1],
      [-0.9, -0.1],
      [0.2, 6],
    ],
  },
  asin: UNIT_OPEN,
  acos: UNIT_OPEN,
  atanh: UNIT_OPEN,
  acosh: { intervals: [[1.1, 4]] },
  tan: { intervals: [[-1.2, 1.2]] },
  erf: { intervals: [[-4, 4]] },
  erfc: { intervals: [[-3, 9]] },
  Phi: { intervals: [[-12, 6]] },
  log_Phi: {
    intervals: [
      [-40, -5],
      [-5, 6],
    ],
  },
  inv_Phi: {
    intervals: [
      [1e-6, 0.02],
      [0.024, 0.0245],
      [0.02, 0.98],
      [0.9755, 0.976],
      [0.98, 0.99999],
    ],
  },
  exp: { intervals: [[-5, 5]] },
  exp2: { intervals: [[-5, 5]] },
  floor: GRID,
  ceil: GRID,
  round: GRID,
  trunc: GRID,
  sign: GRID,
  step: GRID,
  logical_not: GRID,
  is_nan: { points: [0, 1, -2, Infinity, -Infinity, NaN] },
  is_inf: { points: [0, 1, -2, Infinity, -Infinity, NaN] },
};

const BOOLISH: Domain = { points: [-0.5, 0, 0, 1, 2] };
export const BINARY_DOMAINS: Partial<Record<BinaryOp, [Domain, Domain]>> = {
  div: [DEFAULT, AWAY_FROM_ZERO],
  pow: [{ intervals: [[0.2, 3]] }, DEFAULT],
  fmod: [
    { intervals: [[-5, 5]] },
    {
      intervals: [
        [-2, -0.7],
        [0.7, 2],
      ],
    },
  ],
  hypot: [AWAY_FROM_ZERO, AWAY_FROM_ZERO],
  log_sum_exp2: [{ intervals: [[-30, 5]] }, { intervals: [[-30, 5]] }],
  log_diff_exp: [{ intervals: [[0, 2]] }, { intervals: [[-6, -0.1]] }],
  gamma_p: [
    {
      intervals: [
        [0.3, 5],
        [5, 40],
      ],
    },
    {
      intervals: [
        [0.05, 5],
        [5, 50],
      ],
    },
  ],
  gamma_q: [
    {
      intervals: [
        [0.3, 5],
        [5, 40],
      ],
    },
    {
      intervals: [
        [0.05, 5],
        [5, 50],
      ],
    },
  ],
  lbeta: [
    {
      intervals: [
        [0.1, 8],
        [8, 50],
        [100, 1e5],
      ],
    },
    {
      intervals: [
        [0.1, 8],
        [8, 50],
        [100, 1e5],
      ],
    },
  ],
  lchoose: [
    {
      intervals: [
        [3, 8],
        [20, 1e4],
      ],
    },
    { intervals: [[0.1, 2.9]] },
  ],
  binary_log_loss: [{ points: [0, 1, 0.25] }, { intervals: [[0.05, 0.95]] }],
  multiply_log: [DEFAULT, { intervals: [[0.1, 3]] }],
  lmultiply: [DEFAULT, { intervals: [[0.1, 3]] }],
  lt: [GRID, GRID],
  le: [GRID, GRID],
  gt: [GRID, GRID],
  ge: [GRID, GRID],
  eq: [GRID, GRID],
  ne: [GRID, GRID],
  logical_and: [BOOLISH, BOOLISH],
  logical_or: [BOOLISH, BOOLISH],
};

const CHAINS = 3;

export function defineOpTests(backend: TfjsBackendName): void {
  describe(`${backend}: tfjs unary ops vs Float64 reference`, () => {
    it.each([...UNARY_OPS])('%s', async (op) => {
      const rng = makeRng(`unary-${op}`);
      const domain = UNARY_DOMAINS[op] ?? DEFAULT;
      const g = new HandGraph();
      const x = g.param([2, 3]);
      const graph = g.build(g.unary(op, x));
      const worst = await checkAgainstReference(graph, {
        backend,
        chains: CHAINS,
        x: sample(domain, CHAINS * graph.dim, rng),
        zeroGradient: ZERO_DERIVATIVE.has(op),
      });
      if (process.env.TFJS_REPORT)
        console.log(`ERR ${op} value ${worst.value.toExponential(1)} gradient ${worst.gradient.toExponential(1)}`);
    });
  });

  /** Operand layouts: each side a parameter or a constant, a vector, a scalar or a matrix. */
  type Side = { kind: 'param' | 'const'; shape: Shape };
  const LAYOUTS: [string, Side, Side][] = [
    ['param[4] ∘ param[4]', { kind: 'param', shape: [4] }, { kind: 'param', shape: [4] }],
    ['param[4] ∘ const[4]', { kind: 'param', shape: [4] }, { kind: 'const', shape: [4] }],
    ['const[4] ∘ param[4]', { kind: 'const', shape: [4] }, { kind: 'param', shape: [4] }],
    ['param[] ∘ param[2,3]', { kind: 'param', shape: [] }, { kind: 'param', shape: [2, 3] }],
    ['param[2,3] ∘ param[]', { kind: 'param', shape: [2, 3] }, { kind: 'param', shape: [] }],
    ['const[] ∘ param[4]', { kind: 'const', shape: [] }, { kind: 'param', shape: [4] }],
    ['param[4] ∘ const[]', { kind: 'param', shape: [4] }, { kind: 'const', shape: [] }],
    ['param[] ∘ const[4]', { kind: 'param', shape: [] }, { kind: 'const', shape: [4] }],
  ];

  describe(`${backend}: tfjs binary ops vs Float64 reference`, () => {
    const cases = BINARY_OPS.flatMap((op) => LAYOUTS.map(([name, a, b]) => [op, name, a, b] as const));
    it.each(cases)('%s %s', async (op, name, a, b) => {
      const rng = makeRng(`binary-${op}-${name}`);
      const [da, db] = BINARY_DOMAINS[op] ?? [DEFAULT, DEFAULT];
      const g = new HandGraph();
      const operand = (side: Side, domain: Domain): number =>
        side.kind === 'param'
          ? g.param(side.shape)
          : g.constant(
              sample(domain, side.shape.length === 0 ? 1 : side.shape.reduce((p, q) => p * q, 1), rng),
              side.shape,
            );
      const ia = operand(a, da);
      const ib = operand(b, db);
      const graph = g.build(g.binary(op, ia, ib));
      // Positions: each chain's a-part then b-part, from their own domains.
      const x: number[] = [];
      for (let c = 0; c < CHAINS; c++) {
        for (const [side, domain] of [
          [a, da],
          [b, db],
        ] as const) {
          if (side.kind === 'param')
            x.push(
              ...sample(
                domain,
                side.shape.reduce((p, q) => p * q, 1),
                rng,
              ),
            );
        }
      }
      const worst = await checkAgainstReference(graph, {
        backend,
        chains: CHAINS,
        x,
        zeroGradient: ZERO_DERIVATIVE.has(op),
      });
      if (process.env.TFJS_REPORT)
        console.log(
          `ERR ${op} ${name} value ${worst.value.toExponential(1)} gradient ${worst.gradient.toExponential(1)}`,
        );
    });
  });

  describe(`${backend}: tfjs reductions vs Float64 reference`, () => {
    it.each([...REDUCE_OPS])('%s of a batched matrix', async (op) => {
      const rng = makeRng(`reduce-${op}`);
      const g = new HandGraph();
      const x = g.param([2, 3]);
      const graph = g.build(g.reduce(op, x));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: sample(DEFAULT, CHAINS * 6, rng) });
    });
    it.each([...REDUCE_OPS])('%s of a constant, added to a parameter', async (op) => {
      const g = new HandGraph();
      const k = g.constant([0.5, -1.25, 2, 0.75]);
      const x = g.param([]);
      const graph = g.build(g.binary('mul', g.reduce(op, k), x));
      await checkAgainstReference(graph, { backend, chains: 2, x: [0.5, -2] });
    });
    it('log_sum_exp far from zero and with −∞ entries', async () => {
      const g = new HandGraph();
      const x = g.param([3]);
      const graph = g.build(g.reduce('log_sum_exp', x));
      await checkAgainstReference(graph, { backend, chains: 2, x: [500, 499, 498, -1e30, 0, -Infinity] });
    });
  });

  describe(`${backend}: op coverage`, () => {
    it('every op list entry has a kernel', async () => {
      const { UNARY_KERNELS, BINARY_KERNELS, REDUCE_KERNELS } = await import('../../src/backends/tfjs/elementwise.js');
      for (const op of UNARY_OPS) expect(typeof UNARY_KERNELS[op]).toBe('function');
      for (const op of BINARY_OPS) expect(typeof BINARY_KERNELS[op]).toBe('function');
      for (const op of REDUCE_OPS) expect(typeof REDUCE_KERNELS[op]).toBe('function');
    });
  });
}
