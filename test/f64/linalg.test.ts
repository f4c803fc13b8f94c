/** matmul, transpose, Cholesky and triangular solve: values and gradients in every batching mode. */
import { describe, expect, test } from 'vitest';
import { evaluateFunction, finiteDifferenceGradient, gradientError } from '../ir/evaluate.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import { compileF64 } from '../../src/backends/f64/tape.js';

/** Deterministic pseudo-random numbers in (−1, 1). */
function numbers(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

const range = (from: number, n: number) => Int32Array.from({ length: n }, (_, i) => from + i);

/** A weighted sum so every output element matters differently. */
function weightedSum(ops: Ops, v: Val): Val {
  const n = ops.size(v);
  const w = ops.constant(
    numbers(n, 99).map((x) => x + 1.5),
    v.shape,
  );
  return ops.reduce('sum', ops.binary('mul', w, v));
}

function naiveMatmul(a: number[], b: number[], r: number, k: number, m: number): number[] {
  const out = new Array(r * m).fill(0);
  for (let i = 0; i < r; i++)
    for (let l = 0; l < m; l++) for (let j = 0; j < k; j++) out[i * m + l] += a[i * k + j] * b[j * m + l];
  return out;
}

describe('matmul', () => {
  const cases: { name: string; as: number[]; bs: number[] }[] = [
    { name: 'matrix · matrix', as: [3, 4], bs: [4, 2] },
    { name: 'matrix · vector', as: [3, 4], bs: [4] },
    { name: 'row vector · matrix', as: [4], bs: [4, 2] },
    { name: 'dot product', as: [4], bs: [4] },
  ];
  for (const { name, as, bs } of cases) {
    const na = as.reduce((p, d) => p * d, 1);
    const nb = bs.reduce((p, d) => p * d, 1);
    const r = as.length === 2 ? as[0] : 1;
    const k = as.length === 2 ? as[1] : as[0];
    const m = bs.length === 2 ? bs[1] : 1;
    const A = numbers(na, 1);
    const B = numbers(nb, 2);
    const want = naiveMatmul(A, B, r, k, m);
    const wantSum = (a: number[], b: number[]) => {
      const y = naiveMatmul(a, b, r, k, m);
      const w = numbers(y.length, 99).map((x) => x + 1.5);
      return y.reduce((s, v, i) => s + w[i] * v, 0);
    };
    test(`${name}: both parameters`, () => {
      const { value, gradient } = evaluateFunction(
        (ops, x) => {
          const a = ops.reshape(ops.gather(x, range(0, na), [na]), as);
          const b = ops.reshape(ops.gather(x, range(na, nb), [nb]), bs);
          return weightedSum(ops, ops.matmul(a, b));
        },
        [...A, ...B],
        [na + nb],
      );
      expect(value).toBeCloseTo(wantSum(A, B), 12);
      const numeric = finiteDifferenceGradient(
        (x) => wantSum([...x.subarray(0, na)], [...x.subarray(na)]),
        [...A, ...B],
      );
      gradient.forEach((g, i) => expect(g).toBeCloseTo(numeric[i], 9));
    });
    test(`${name}: constant left, constant right`, () => {
      const left = gradientError((ops, x) => weightedSum(ops, ops.matmul(ops.constant(A, as), x)), B, bs);
      expect(left.maxError).toBeLessThan(1e-9);
      expect(left.value).toBeCloseTo(wantSum(A, B), 12);
      const right = gradientError((ops, x) => weightedSum(ops, ops.matmul(x, ops.constant(B, bs))), A, as);
      expect(right.maxError).toBeLessThan(1e-9);
      const folded = new GraphBuilder().matmul(new GraphBuilder().constant(A, as), new GraphBuilder().constant(B, bs));
      expect([...(folded.constant as Float64Array)].map((v, i) => v - want[i]).every((d) => Math.abs(d) < 1e-14)).toBe(
        true,
      );
    });
  }

  test('constant matrix times batched vectors (the blocked path) matches single-chain evaluation', () => {
    const r = 13,
      k = 5;
    const X = numbers(r * k, 7);
    const ops = new GraphBuilder();
    const beta = ops.param(0, [k]);
    const y = ops.matmul(ops.constant(X, [r, k]), beta);
    const graph = ops.finish(weightedSum(ops, ops.unary('sin', y)));
    const ev = compileF64(graph);
    for (const chains of [1, 3, 4, 7, 9]) {
      const x = Float64Array.from(numbers(chains * k, chains));
      const batch = ev.logDensityAndGradient(x, chains);
      for (let c = 0; c < chains; c++) {
        const one = compileF64(graph).logDensityAndGradient(x.slice(c * k, (c + 1) * k), 1);
        expect(batch.logDensity[c]).toBeCloseTo(one.logDensity[0], 13);
        for (let j = 0; j < k; j++) expect(batch.gradient[c * k + j]).toBeCloseTo(one.gradient[j], 13);
      }
    }
  });
});

describe('transpose', () => {
  test('value and gradient', () => {
    const X = numbers(6, 3);
    const { value, maxError } = gradientError((ops, x) => weightedSum(ops, ops.transpose(x)), X, [2, 3]);
    const w = numbers(6, 99).map((v) => v + 1.5);
    // Xᵀ [3, 2]: element (j, i) = X[i, j]
    let want = 0;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) want += w[j * 2 + i] * X[i * 3 + j];
    expect(value).toBeCloseTo(want, 14);
    expect(maxError).toBeLessThan(1e-10);
  });
});

/** An SPD matrix from a parameter matrix M: M Mᵀ + n I. */
function spd(ops: Ops, m: Val, n: number): Val {
  const eye = new Float64Array(n * n);
  for (let i = 0; i < n; i++) eye[i * n + i] = n;
  return ops.binary('add', ops.matmul(m, ops.transpose(m)), ops.constant(eye, [n, n]));
}

function naiveCholesky(A: number[], n: number): number[] {
  const L = new Array(n * n).fill(0);
  for (let j = 0; j < n; j++) {
    let s = A[j * n + j];
    for (let k = 0; k < j; k++) s -= L[j * n + k] ** 2;
    L[j * n + j] = Math.sqrt(s);
    for (let i = j + 1; i < n; i++) {
      let t = A[i * n + j];
      for (let k = 0; k < j; k++) t -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = t / L[j * n + j];
    }
  }
  return L;
}

describe('cholesky', () => {
  const n = 4;
  const M = numbers(n * n, 11);
  test('value matches a naive factorisation and L Lᵀ = A', () => {
    const ops = new GraphBuilder();
    const A = spd(ops, ops.constant(M, [n, n]), n);
    const L = ops.cholesky(A);
    const want = naiveCholesky([...(A.constant as Float64Array)], n);
    (L.constant as Float64Array).forEach((v, i) => expect(v).toBeCloseTo(want[i], 14));
  });
  test('gradient through an SPD parameterisation', () => {
    const { maxError } = gradientError((ops, x) => weightedSum(ops, ops.cholesky(spd(ops, x, n))), M, [n, n]);
    expect(maxError).toBeLessThan(1e-8);
  });
  test('gradient of log det via the diagonal', () => {
    const diag = Int32Array.from({ length: n }, (_, i) => i * n + i);
    const { maxError } = gradientError(
      (ops, x) => ops.reduce('sum', ops.unary('log', ops.gather(ops.cholesky(spd(ops, x, n)), diag, [n]))),
      M,
      [n, n],
    );
    expect(maxError).toBeLessThan(1e-8);
  });
  test('only the lower triangle is read (upper entries get zero gradient)', () => {
    const ops = new GraphBuilder();
    const A0 = spd(ops, ops.constant(M, [n, n]), n).constant as Float64Array;
    const { gradient } = evaluateFunction((o, x) => weightedSum(o, o.cholesky(x)), A0, [n, n]);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(gradient[i * n + j]).toBe(0);
    const { maxError } = gradientError((o, x) => weightedSum(o, o.cholesky(x)), A0, [n, n]);
    expect(maxError).toBeLessThan(1e-8);
  });
  test('a matrix that is not positive definite gives NaN, not an exception', () => {
    const { value, gradient } = evaluateFunction((o, x) => weightedSum(o, o.cholesky(x)), [1, 2, 2, 1], [2, 2]);
    expect(value).toBeNaN();
    for (const i of [0, 2, 3]) expect(gradient[i]).toBeNaN(); // the lower triangle
  });
});

describe('triangularSolveLower', () => {
  const n = 3;
  const M = numbers(n * n, 5);
  const bVec = numbers(n, 6);
  const bMat = numbers(n * 2, 8);
  for (const [name, b, bShape] of [
    ['vector', bVec, [n]],
    ['matrix', bMat, [n, 2]],
  ] as const) {
    test(`L z = b with b a ${name}: value solves the system`, () => {
      const ops = new GraphBuilder();
      const L = ops.cholesky(spd(ops, ops.constant(M, [n, n]), n));
      const z = ops.triangularSolveLower(L, ops.constant(b, bShape)).constant as Float64Array;
      const m = bShape.length === 2 ? bShape[1] : 1;
      const back = naiveMatmul([...(L.constant as Float64Array)], [...z], n, n, m);
      back.forEach((v, i) => expect(v).toBeCloseTo(b[i], 13));
    });
    test(`gradient with b a ${name}: L and b parameters, each alone and together`, () => {
      const nb = b.length;
      const both = gradientError(
        (ops, x) => {
          const L = ops.cholesky(spd(ops, ops.reshape(ops.gather(x, range(0, n * n), [n * n]), [n, n]), n));
          const rhs = ops.reshape(ops.gather(x, range(n * n, nb), [nb]), bShape);
          return weightedSum(ops, ops.triangularSolveLower(L, rhs));
        },
        [...M, ...b],
        [n * n + nb],
      );
      expect(both.maxError).toBeLessThan(1e-8);
      const onlyL = gradientError(
        (ops, x) => weightedSum(ops, ops.triangularSolveLower(ops.cholesky(spd(ops, x, n)), ops.constant(b, bShape))),
        M,
        [n, n],
      );
      expect(onlyL.maxError).toBeLessThan(1e-8);
      const Lc = (() => {
        const o = new GraphBuilder();
        return o.cholesky(spd(o, o.constant(M, [n, n]), n)).constant as Float64Array;
      })();
      const onlyB = gradientError(
        (ops, x) => weightedSum(ops, ops.triangularSolveLower(ops.constant(Lc, [n, n]), x)),
        b,
        bShape,
      );
      expect(onlyB.maxError).toBeLessThan(1e-9);
    });
  }
});
