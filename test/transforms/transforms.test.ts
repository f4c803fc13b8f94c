/**
 * Every constraint transform: unconstrain ∘ constrain is the identity, the
 * constrained value satisfies the constraint, and the traced log-Jacobian
 * equals log |det| of the finite-difference Jacobian of y ↦ (free
 * coordinates of x).
 */
import { describe, expect, test } from 'vitest';
import { GraphBuilder } from '../../src/ir/graph.js';
import type { Val } from '../../src/ir/ops.js';
import {
  affineTransform,
  boundsTransform,
  choleskyCorrTransform,
  choleskyCovTransform,
  corrMatrixTransform,
  covMatrixTransform,
  orderedTransform,
  positiveOrderedTransform,
  simplexTransform,
  type Bounds,
  type NumericBound,
  type Transform,
  unitVectorTransform,
} from '../../src/transforms/index.js';

interface Case {
  label: string;
  transform: Transform;
  sizes: number[];
  bounds?: Bounds<NumericBound>;
  /** Which entries of x (row-major) are free coordinates, for the Jacobian. */
  free: (sizes: number[]) => number[];
}

const all = (sizes: number[]) => Array.from({ length: sizes.reduce((a, b) => a * b, 1) }, (_, i) => i);
const firstK1 = (sizes: number[]) => Array.from({ length: sizes[0]! - 1 }, (_, i) => i);
const strictLower = (sizes: number[]) => {
  const k = sizes[0]!;
  const out: number[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) out.push(i * k + j);
  return out;
};
const lowerWithDiagonal = (sizes: number[]) => {
  const m = sizes[0]!;
  const n = sizes[1] ?? m;
  const out: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j <= Math.min(i, n - 1); j++) out.push(i * n + j);
  return out;
};

const cases: Case[] = [
  { label: 'lower scalar bound', transform: boundsTransform, sizes: [3], bounds: { lower: 1.5 }, free: all },
  { label: 'upper scalar bound', transform: boundsTransform, sizes: [3], bounds: { upper: -2 }, free: all },
  { label: 'lower+upper', transform: boundsTransform, sizes: [4], bounds: { lower: -1, upper: 3 }, free: all },
  {
    label: 'lower+upper, elementwise bounds',
    transform: boundsTransform,
    sizes: [3],
    bounds: { lower: Float64Array.of(0, -5, 2), upper: Float64Array.of(1, 5, 2.5) },
    free: all,
  },
  {
    label: 'lower = -inf is no bound',
    transform: boundsTransform,
    sizes: [2],
    bounds: { lower: -Infinity },
    free: all,
  },
  {
    label: 'offset/multiplier',
    transform: affineTransform,
    sizes: [3],
    bounds: { offset: 2, multiplier: 0.5 },
    free: all,
  },
  {
    label: 'offset/multiplier, vector multiplier',
    transform: affineTransform,
    sizes: [3],
    bounds: { offset: Float64Array.of(1, 2, 3), multiplier: Float64Array.of(0.5, 2, 3) },
    free: all,
  },
  { label: 'ordered', transform: orderedTransform, sizes: [4], free: all },
  { label: 'positive_ordered', transform: positiveOrderedTransform, sizes: [4], free: all },
  { label: 'simplex[2]', transform: simplexTransform, sizes: [2], free: firstK1 },
  { label: 'simplex[5]', transform: simplexTransform, sizes: [5], free: firstK1 },
  { label: 'cholesky_factor_corr[4]', transform: choleskyCorrTransform, sizes: [4], free: strictLower },
  { label: 'corr_matrix[3]', transform: corrMatrixTransform, sizes: [3], free: strictLower },
  { label: 'corr_matrix[4]', transform: corrMatrixTransform, sizes: [4], free: strictLower },
  { label: 'cov_matrix[3]', transform: covMatrixTransform, sizes: [3], free: lowerWithDiagonal },
  { label: 'cholesky_factor_cov[4,2]', transform: choleskyCovTransform, sizes: [4, 2], free: lowerWithDiagonal },
];

/** Deterministic pseudo-random points in (-1.5, 1.5). */
function points(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 3 - 1.5;
  });
}

function toVal(ops: GraphBuilder, b: NumericBound | undefined, shape: number[]): Val | undefined {
  if (b === undefined) return undefined;
  return typeof b === 'number' ? ops.constant(b) : ops.constant(b, shape);
}

function run(c: Case, y: Float64Array): { x: Float64Array; logJacobian: number } {
  const ops = new GraphBuilder();
  const shape = c.transform.shape(c.sizes);
  const bounds: Bounds<Val> = {};
  for (const key of ['lower', 'upper', 'offset', 'multiplier'] as const) {
    const v = toVal(ops, c.bounds?.[key], shape);
    if (v) bounds[key] = v;
  }
  const r = c.transform.constrain(ops, ops.constant(y, [y.length]), c.sizes, bounds);
  expect(r.x.constant, 'constant inputs fold').toBeDefined();
  expect(r.x.shape).toEqual(shape);
  return { x: r.x.constant!, logJacobian: r.logJacobian.constant![0]! };
}

/** log |det A| by Gaussian elimination with partial pivoting. */
function logAbsDet(a: number[][]): number {
  const n = a.length;
  const m = a.map((r) => [...r]);
  let logDet = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[p]![k]!)) p = i;
    [m[k], m[p]] = [m[p]!, m[k]!];
    const pivot = m[k]![k]!;
    logDet += Math.log(Math.abs(pivot));
    for (let i = k + 1; i < n; i++) {
      const f = m[i]![k]! / pivot;
      for (let j = k; j < n; j++) m[i]![j]! -= f * m[k]![j]!;
    }
  }
  return logDet;
}

describe.each(cases)('$label', (c) => {
  const n = c.transform.freeSize(c.sizes);

  test('unconstrain(constrain(y)) = y and the value satisfies the constraint', () => {
    for (const seed of [1, 2, 3]) {
      const y = points(n, seed);
      const { x } = run(c, y);
      expect(c.transform.violation(x, c.sizes, c.bounds ?? {})).toBeUndefined();
      const back = c.transform.unconstrain(x, c.sizes, c.bounds ?? {});
      expect(back.length).toBe(n);
      for (let i = 0; i < n; i++) expect(back[i]).toBeCloseTo(y[i]!, 9);
    }
  });

  test('log-Jacobian matches the finite-difference Jacobian', () => {
    const free = c.free(c.sizes);
    expect(free.length).toBe(n);
    for (const seed of [4, 5]) {
      const y = points(n, seed);
      const h = 1e-6;
      const J: number[][] = free.map(() => new Array<number>(n).fill(0));
      for (let j = 0; j < n; j++) {
        const up = Float64Array.from(y);
        const down = Float64Array.from(y);
        up[j]! += h;
        down[j]! -= h;
        const xu = run(c, up).x;
        const xd = run(c, down).x;
        free.forEach((f, i) => (J[i]![j] = (xu[f]! - xd[f]!) / (2 * h)));
      }
      expect(run(c, y).logJacobian).toBeCloseTo(logAbsDet(J), 5);
    }
  });
});

describe('unit_vector (not one-to-one: Stan adds −½‖y‖²)', () => {
  test('x = y / ‖y‖ and the log term is −½‖y‖²', () => {
    const y = Float64Array.of(0.3, -1.2, 2);
    const norm = Math.hypot(...y);
    const ops = new GraphBuilder();
    const r = unitVectorTransform.constrain(ops, ops.constant(y, [3]), [3], {});
    Array.from(y).forEach((v, i) => expect(r.x.constant![i]).toBeCloseTo(v / norm, 14));
    expect(r.logJacobian.constant![0]).toBeCloseTo(-0.5 * norm * norm, 14);
    expect(unitVectorTransform.violation(r.x.constant!, [3], {})).toBeUndefined();
    expect(Array.from(unitVectorTransform.unconstrain(r.x.constant!, [3], {}))).toEqual(Array.from(r.x.constant!));
    expect(unitVectorTransform.violation(Float64Array.of(1, 1), [2], {})).toMatch(/norm/);
  });
});

describe('data checks', () => {
  test('simplex must sum to one within 1e-8', () => {
    expect(simplexTransform.violation(Float64Array.of(0.2, 0.3, 0.5), [3], {})).toBeUndefined();
    expect(simplexTransform.violation(Float64Array.of(0.2, 0.3, 0.6), [3], {})).toMatch(/sum to/);
    expect(simplexTransform.violation(Float64Array.of(-0.1, 0.6, 0.5), [3], {})).toMatch(/negative/);
  });
  test('ordered must increase strictly', () => {
    expect(orderedTransform.violation(Float64Array.of(1, 1, 2), [3], {})).toMatch(/increasing/);
    expect(positiveOrderedTransform.violation(Float64Array.of(-1, 1, 2), [3], {})).toMatch(/positive/);
  });
  test('bounds name the element', () => {
    expect(boundsTransform.violation(Float64Array.of(1, -2), [2], { lower: 0 })).toMatch(
      /element 2 = -2 is below its lower bound 0/,
    );
  });
  test('cov and corr matrices', () => {
    expect(covMatrixTransform.violation(Float64Array.of(1, 2, 2, 1), [2], {})).toMatch(/positive definite/);
    expect(corrMatrixTransform.violation(Float64Array.of(1, 0.5, 0.5, 1), [2], {})).toBeUndefined();
    expect(corrMatrixTransform.violation(Float64Array.of(2, 0.5, 0.5, 1), [2], {})).toMatch(/diagonal/);
  });
});
