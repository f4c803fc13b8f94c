/**
 * Table-driven checks of every primitive in ops.ts through the builder and
 * the f64 tape: values against independent references (Math, the special
 * functions, closed forms) and gradients against finite differences of
 * those references. A new op in UNARY_OPS / BINARY_OPS / REDUCE_OPS must get
 * a reference here (the Record types enforce it).
 */
import { describe, expect, test } from 'vitest';
import { finiteDifferenceGradient, evaluateFunction } from '../ir/evaluate.js';
import { BINARY_OPS, REDUCE_OPS, UNARY_OPS, type BinaryOp, type ReduceOp, type UnaryOp } from '../../src/ir/ops.js';
import * as S from '../../src/math/special.js';
import gammainc from '@stdlib/math-base-special-gammainc';

const GENERAL = [-2.2, -0.7, 0.3, 1.1, 2.6];
const POSITIVE = [0.3, 0.8, 1.7, 3.2, 7.5];
const UNIT = [0.1, 0.35, 0.6, 0.93];
const OPEN_SYM = [-0.8, -0.3, 0.2, 0.7];
const NEGATIVE = [-3, -0.9, -0.2];
const NONZERO = [-2.2, -0.7, 0.3, 1.1, 2.6];
const OFF_INTEGER = [-2.7, -0.6, 0.3, 1.7, 2.2];

interface UnaryCase {
  ref: (x: number) => number;
  domain: number[];
  /** Zero derivative everywhere (piecewise constant). */
  flat?: boolean;
}

const UNARY: Record<UnaryOp, UnaryCase> = {
  neg: { ref: (x) => -x, domain: GENERAL },
  exp: { ref: Math.exp, domain: GENERAL },
  log: { ref: Math.log, domain: POSITIVE },
  log1p: { ref: (x) => Math.log(1 + x), domain: POSITIVE },
  expm1: { ref: (x) => Math.exp(x) - 1, domain: GENERAL },
  sqrt: { ref: Math.sqrt, domain: POSITIVE },
  cbrt: { ref: (x) => Math.sign(x) * Math.abs(x) ** (1 / 3), domain: NONZERO },
  square: { ref: (x) => x * x, domain: GENERAL },
  abs: { ref: Math.abs, domain: NONZERO },
  inv: { ref: (x) => 1 / x, domain: NONZERO },
  inv_sqrt: { ref: (x) => 1 / Math.sqrt(x), domain: POSITIVE },
  inv_square: { ref: (x) => 1 / (x * x), domain: NONZERO },
  inv_logit: { ref: (x) => 1 / (1 + Math.exp(-x)), domain: GENERAL },
  logit: { ref: (p) => Math.log(p / (1 - p)), domain: UNIT },
  log_inv_logit: { ref: (x) => Math.log(1 / (1 + Math.exp(-x))), domain: GENERAL },
  log1m_inv_logit: { ref: (x) => Math.log(1 - 1 / (1 + Math.exp(-x))), domain: GENERAL },
  log1m: { ref: (x) => Math.log(1 - x), domain: [-2, -0.5, 0.2, 0.9] },
  log1p_exp: { ref: (x) => Math.log(1 + Math.exp(x)), domain: GENERAL },
  log1m_exp: { ref: (x) => Math.log(1 - Math.exp(x)), domain: NEGATIVE },
  lgamma: { ref: S.lgamma, domain: [...POSITIVE, -0.5, -1.3] },
  digamma: { ref: S.digamma, domain: [...POSITIVE, -0.5, -1.3] },
  trigamma: { ref: S.trigamma, domain: [...POSITIVE, -0.5, -1.3] },
  tgamma: { ref: S.tgamma, domain: [...POSITIVE, -0.5, -1.3] },
  sin: { ref: Math.sin, domain: GENERAL },
  cos: { ref: Math.cos, domain: GENERAL },
  tan: { ref: Math.tan, domain: [-1.2, -0.4, 0.3, 1.1] },
  asin: { ref: Math.asin, domain: OPEN_SYM },
  acos: { ref: Math.acos, domain: OPEN_SYM },
  atan: { ref: Math.atan, domain: GENERAL },
  sinh: { ref: Math.sinh, domain: GENERAL },
  cosh: { ref: Math.cosh, domain: GENERAL },
  tanh: { ref: Math.tanh, domain: GENERAL },
  asinh: { ref: (x) => Math.log(x + Math.sqrt(x * x + 1)), domain: GENERAL },
  acosh: { ref: (x) => Math.log(x + Math.sqrt(x * x - 1)), domain: [1.2, 2, 5] },
  atanh: { ref: (x) => 0.5 * Math.log((1 + x) / (1 - x)), domain: OPEN_SYM },
  log2: { ref: (x) => Math.log(x) / Math.LN2, domain: POSITIVE },
  log10: { ref: (x) => Math.log(x) / Math.LN10, domain: POSITIVE },
  exp2: { ref: (x) => 2 ** x, domain: GENERAL },
  erf: { ref: S.erf, domain: GENERAL },
  erfc: { ref: S.erfc, domain: GENERAL },
  Phi: { ref: (x) => 0.5 * (1 + S.erf(x / Math.SQRT2)), domain: GENERAL },
  inv_Phi: { ref: S.invPhi, domain: UNIT },
  Phi_approx: { ref: (x) => 1 / (1 + Math.exp(-(0.07056 * x ** 3 + 1.5976 * x))), domain: GENERAL },
  inv_cloglog: { ref: (x) => 1 - Math.exp(-Math.exp(x)), domain: GENERAL },
  log_Phi: { ref: (x) => Math.log(0.5 * (1 + S.erf(x / Math.SQRT2))), domain: GENERAL },
  floor: { ref: Math.floor, domain: OFF_INTEGER, flat: true },
  ceil: { ref: Math.ceil, domain: OFF_INTEGER, flat: true },
  round: { ref: (x) => Math.sign(x) * Math.floor(Math.abs(x) + 0.5), domain: OFF_INTEGER, flat: true },
  trunc: { ref: (x) => (x < 0 ? Math.ceil(x) : Math.floor(x)), domain: OFF_INTEGER, flat: true },
  sign: { ref: Math.sign, domain: NONZERO, flat: true },
  step: { ref: (x) => (x < 0 ? 0 : 1), domain: NONZERO, flat: true },
  logical_not: { ref: (x) => (x === 0 ? 1 : 0), domain: NONZERO, flat: true },
  is_nan: { ref: () => 0, domain: GENERAL, flat: true },
  is_inf: { ref: () => 0, domain: GENERAL, flat: true },
};

interface BinaryCase {
  ref: (a: number, b: number) => number;
  /** [a, b] pairs inside the domain, away from kinks. */
  points: [number, number][];
  flat?: boolean;
}

const GENERAL_PAIRS: [number, number][] = [
  [-1.3, 0.4],
  [0.7, -2.1],
  [2.2, 1.5],
  [-0.6, -0.9],
];
const POSITIVE_PAIRS: [number, number][] = [
  [0.4, 1.3],
  [2.5, 0.7],
  [1.1, 3.9],
  [6.2, 2.5],
];
const ORDERED_PAIRS: [number, number][] = [
  [1.3, 0.4],
  [0.7, -2.1],
  [2.2, 1.5],
  [-0.6, -0.9],
];

const BINARY: Record<BinaryOp, BinaryCase> = {
  add: { ref: (a, b) => a + b, points: GENERAL_PAIRS },
  sub: { ref: (a, b) => a - b, points: GENERAL_PAIRS },
  mul: { ref: (a, b) => a * b, points: GENERAL_PAIRS },
  div: { ref: (a, b) => a / b, points: GENERAL_PAIRS },
  pow: { ref: (a, b) => Math.exp(b * Math.log(a)), points: POSITIVE_PAIRS },
  fmin: { ref: Math.min, points: GENERAL_PAIRS },
  fmax: { ref: Math.max, points: GENERAL_PAIRS },
  fmod: {
    ref: (a, b) => a - b * Math.trunc(a / b),
    points: [
      [5.3, 1.7],
      [-4.1, 1.5],
      [2.2, -0.7],
    ],
  },
  atan2: { ref: Math.atan2, points: GENERAL_PAIRS },
  hypot: { ref: (a, b) => Math.sqrt(a * a + b * b), points: GENERAL_PAIRS },
  log_sum_exp2: { ref: (a, b) => Math.log(Math.exp(a) + Math.exp(b)), points: GENERAL_PAIRS },
  log_diff_exp: { ref: (a, b) => Math.log(Math.exp(a) - Math.exp(b)), points: ORDERED_PAIRS },
  lbeta: { ref: (a, b) => S.lgamma(a) + S.lgamma(b) - S.lgamma(a + b), points: POSITIVE_PAIRS },
  lchoose: {
    ref: (n, k) => S.lgamma(n + 1) - S.lgamma(k + 1) - S.lgamma(n - k + 1),
    points: [
      [5.5, 2.2],
      [10, 3.5],
      [3.2, 0.4],
    ],
  },
  binary_log_loss: {
    ref: (y, p) => -(y * Math.log(p) + (1 - y) * Math.log(1 - p)),
    points: [
      [0, 0.3],
      [1, 0.8],
      [0.4, 0.55],
    ],
  },
  multiply_log: { ref: (a, b) => a * Math.log(b), points: POSITIVE_PAIRS },
  lmultiply: { ref: (a, b) => a * Math.log(b), points: POSITIVE_PAIRS },
  fdim: { ref: (a, b) => Math.max(a - b, 0), points: GENERAL_PAIRS },
  gamma_p: { ref: (a, x) => gammainc(x, a), points: POSITIVE_PAIRS },
  gamma_q: { ref: (a, x) => gammainc(x, a, true, true), points: POSITIVE_PAIRS },
  lt: { ref: (a, b) => +(a < b), points: GENERAL_PAIRS, flat: true },
  le: { ref: (a, b) => +(a <= b), points: GENERAL_PAIRS, flat: true },
  gt: { ref: (a, b) => +(a > b), points: GENERAL_PAIRS, flat: true },
  ge: { ref: (a, b) => +(a >= b), points: GENERAL_PAIRS, flat: true },
  eq: { ref: (a, b) => +(a === b), points: GENERAL_PAIRS, flat: true },
  ne: { ref: (a, b) => +(a !== b), points: GENERAL_PAIRS, flat: true },
  logical_and: {
    ref: (a, b) => +(a !== 0 && b !== 0),
    points: [
      [0, 1.5],
      [2, -1],
      [0.5, 0],
    ],
    flat: true,
  },
  logical_or: {
    ref: (a, b) => +(a !== 0 || b !== 0),
    points: [
      [0, 1.5],
      [2, -1],
      [0.5, 0],
    ],
    flat: true,
  },
};

const REDUCE: Record<ReduceOp, (x: number[]) => number> = {
  sum: (x) => x.reduce((s, v) => s + v, 0),
  prod: (x) => x.reduce((s, v) => s * v, 1),
  max: (x) => Math.max(...x),
  min: (x) => Math.min(...x),
  log_sum_exp: (x) => Math.log(x.reduce((s, v) => s + Math.exp(v), 0)),
};

/** |a − b| ≤ tol · max(1, |b|). */
function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

function expectNear(got: ArrayLike<number>, want: ArrayLike<number>, tol: number, what: string): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!near(got[i], want[i], tol)) expect.fail(`${what}[${i}]: got ${got[i]}, want ${want[i]}`);
  }
}

// Weights make every element's gradient distinct (a wrong index would show).
const weights = (n: number) => Array.from({ length: n }, (_, i) => 1 + 0.25 * i);

describe('unary ops: value and gradient', () => {
  test('the table covers UNARY_OPS', () => expect(Object.keys(UNARY).sort()).toEqual([...UNARY_OPS].sort()));
  for (const op of UNARY_OPS) {
    test(op, () => {
      const { ref, domain, flat } = UNARY[op];
      const w = weights(domain.length);
      const refSum = (x: Float64Array) => x.reduce((s, v, i) => s + w[i] * ref(v), 0);
      const numeric = flat ? new Float64Array(domain.length) : finiteDifferenceGradient(refSum, domain, 1e-4);
      for (const fuse of [true, false]) {
        const { value, gradient } = evaluateFunction(
          (ops, x) => ops.reduce('sum', ops.binary('mul', ops.constant(w), ops.unary(op, x))),
          domain,
          [domain.length],
          { fuse },
        );
        expect(near(value, refSum(Float64Array.from(domain)), 1e-13)).toBe(true);
        expectNear(gradient, numeric, 1e-8, `${op} gradient (fuse ${fuse})`);
      }
    });
  }
});

describe('binary ops: value and gradient in each broadcasting mode', () => {
  test('the table covers BINARY_OPS', () => expect(Object.keys(BINARY).sort()).toEqual([...BINARY_OPS].sort()));
  for (const op of BINARY_OPS) {
    const { ref, points, flat } = BINARY[op];
    const n = points.length;
    const as = points.map((p) => p[0]);
    const bs = points.map((p) => p[1]);
    const w = weights(n);
    test(`${op}: vector ⊙ vector, both parameters`, () => {
      const x = [...as, ...bs];
      const refSum = (v: Float64Array) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i] * ref(v[i], v[n + i]);
        return s;
      };
      const numeric = flat ? new Float64Array(2 * n) : finiteDifferenceGradient(refSum, x, 1e-4);
      for (const fuse of [true, false]) {
        const { value, gradient } = evaluateFunction(
          (ops, v) => {
            const a = ops.gather(
              v,
              Int32Array.from({ length: n }, (_, i) => i),
              [n],
            );
            const b = ops.gather(
              v,
              Int32Array.from({ length: n }, (_, i) => n + i),
              [n],
            );
            return ops.reduce('sum', ops.binary('mul', ops.constant(w), ops.binary(op, a, b)));
          },
          x,
          [2 * n],
          { fuse },
        );
        expect(near(value, refSum(Float64Array.from(x)), 1e-13)).toBe(true);
        expectNear(gradient, numeric, 1e-8, `${op} gradient (fuse ${fuse})`);
      }
    });
    test(`${op}: scalar parameter against a constant vector and a vector parameter against constants`, () => {
      // a scalar param broadcast against constant bs (mode S with K), and bs as params with a constant scalar a (k with B)
      for (let j = 0; j < n; j++) {
        const a0 = as[j];
        const r1 = evaluateFunction(
          (ops, v) => ops.reduce('sum', ops.binary('mul', ops.constant(w), ops.binary(op, v, ops.constant(bs)))),
          [a0],
          [],
        );
        const f1 = (v: Float64Array) => bs.reduce((s, b, i) => s + w[i] * ref(v[0], b), 0);
        // only points where a0 is inside the domain for every b are meaningful
        const want1 = f1(Float64Array.of(a0));
        if (Number.isFinite(want1)) {
          expect(near(r1.value, want1, 1e-13)).toBe(true);
          if (!flat) expectNear(r1.gradient, finiteDifferenceGradient(f1, [a0], 1e-4), 1e-7, `${op} scalar-a gradient`);
        }
        const b0 = bs[j];
        const r2 = evaluateFunction(
          (ops, v) => ops.reduce('sum', ops.binary('mul', ops.constant(w), ops.binary(op, ops.constant(as), v))),
          [b0],
          [],
        );
        const f2 = (v: Float64Array) => as.reduce((s, a, i) => s + w[i] * ref(a, v[0]), 0);
        const want2 = f2(Float64Array.of(b0));
        if (Number.isFinite(want2)) {
          expect(near(r2.value, want2, 1e-13)).toBe(true);
          if (!flat) expectNear(r2.gradient, finiteDifferenceGradient(f2, [b0], 1e-4), 1e-7, `${op} scalar-b gradient`);
        }
      }
      // vector params against a constant scalar (modes B with k, k with B)
      const r3 = evaluateFunction(
        (ops, v) => ops.reduce('sum', ops.binary('mul', ops.constant(w), ops.binary(op, v, ops.constant(bs[0])))),
        as,
        [n],
      );
      const f3 = (v: Float64Array) => v.reduce((s, a, i) => s + w[i] * ref(a, bs[0]), 0);
      if (Number.isFinite(f3(Float64Array.from(as)))) {
        expect(near(r3.value, f3(Float64Array.from(as)), 1e-13)).toBe(true);
        if (!flat) expectNear(r3.gradient, finiteDifferenceGradient(f3, as, 1e-4), 1e-7, `${op} B,k gradient`);
      }
    });
  }
});

describe('reductions', () => {
  test('the table covers REDUCE_OPS', () => expect(Object.keys(REDUCE).sort()).toEqual([...REDUCE_OPS].sort()));
  const x = [0.4, -1.3, 2.2, 0.9, -0.2];
  for (const op of REDUCE_OPS) {
    test(op, () => {
      const { value, gradient } = evaluateFunction((ops, v) => ops.reduce(op, v), x, [x.length]);
      expect(near(value, REDUCE[op](x), 1e-14)).toBe(true);
      const numeric = finiteDifferenceGradient((v) => REDUCE[op]([...v]), x, 1e-4);
      expectNear(gradient, numeric, 1e-8, `${op} gradient`);
    });
  }
  test('prod gradient is exact with a zero element', () => {
    const { gradient } = evaluateFunction((ops, v) => ops.reduce('prod', v), [2, 0, 3], [3]);
    expect([...gradient]).toEqual([0, 6, 0]);
  });
  test('log_sum_exp of all −∞ is −∞ with a zero gradient', () => {
    const { value, gradient } = evaluateFunction(
      (ops, v) => ops.reduce('log_sum_exp', ops.binary('add', v, ops.constant(-Infinity))),
      [1, 2],
      [2],
    );
    expect(value).toBe(-Infinity);
    expect([...gradient]).toEqual([0, 0]);
  });
});
