/**
 * Decompositions on random matrices, by their defining identities:
 * A·V = V·diag(λ) with VᵀV = I (ascending λ), singular values against the
 * square roots of the eigenvalues of AᵀA and their product against |det A|,
 * Q·R = A with QᵀQ = I and R upper triangular with a nonnegative diagonal;
 * and the data-only functions reject a parameter argument with a user error.
 */
import { describe, expect, it } from 'vitest';
import { findFunction } from '../../stdlib/index.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import { LangevinError } from '../../src/errors.js';
import { singularValues, symmetricEigen } from '../../src/math/decompositions.js';
import { det } from './matrix-cases.js';
import { seededRng } from './helpers.js';

function randomMatrix(r: number, c: number, seed: string): Float64Array {
  const rng = seededRng(seed);
  return Float64Array.from({ length: r * c }, () => rng.normal());
}

function symmetric(n: number, seed: string): Float64Array {
  const a = randomMatrix(n, n, seed);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i]!;
  return a;
}

const at = (m: ArrayLike<number>, cols: number, i: number, j: number): number => m[i * cols + j]!;

describe('symmetric eigendecomposition', () => {
  it.each([2, 4, 7])('satisfies A·V = V·Λ and VᵀV = I for n = %i', (n) => {
    const a = symmetric(n, `eig-${n}`);
    const { values, vectors } = symmetricEigen(a, n);
    for (let k = 1; k < n; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += at(a, n, i, j) * at(vectors, n, j, k);
        expect(av).toBeCloseTo(values[k]! * at(vectors, n, i, k), 12);
        let dot = 0;
        for (let j = 0; j < n; j++) dot += at(vectors, n, j, i) * at(vectors, n, j, k);
        expect(dot).toBeCloseTo(i === k ? 1 : 0, 12);
      }
  });
});

describe('singular values', () => {
  it.each([
    [3, 3],
    [5, 2],
    [2, 6],
  ])('match sqrt(eig(AᵀA)) for a %ix%i matrix', (r, c) => {
    const a = randomMatrix(r, c, `svd-${r}-${c}`);
    const s = singularValues(a, r, c);
    expect(s.length).toBe(Math.min(r, c));
    // the Gram matrix on the smaller side
    const k = Math.min(r, c);
    const g = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        let sum = 0;
        if (r >= c) for (let q = 0; q < r; q++) sum += at(a, c, q, i) * at(a, c, q, j);
        else for (let q = 0; q < c; q++) sum += at(a, c, i, q) * at(a, c, j, q);
        g[i * k + j] = sum;
      }
    const want = Array.from(symmetricEigen(g, k).values, Math.sqrt).reverse();
    s.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 10));
    if (r === c) {
      const rows = Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));
      expect(s.reduce((p, v) => p * v, 1)).toBeCloseTo(Math.abs(det(rows)), 10);
    }
  });
});

describe('thin QR', () => {
  it.each([
    [4, 3],
    [3, 3],
    [2, 4],
  ])('gives Q·R = A, QᵀQ = I and an upper-triangular R with diag ≥ 0 for %ix%i', (r, c) => {
    const ops = new GraphBuilder();
    const a = randomMatrix(r, c, `qr-${r}-${c}`);
    const av = ops.constant(a, [r, c]);
    const q = findFunction('qr_thin_Q')!.apply(ops, [av], ['matrix']);
    const rr = findFunction('qr_thin_R')!.apply(ops, [av], ['matrix']);
    const k = Math.min(r, c);
    expect(q.shape).toEqual([r, k]);
    expect(rr.shape).toEqual([k, c]);
    const Q = q.constant!;
    const R = rr.constant!;
    for (let i = 0; i < r; i++)
      for (let j = 0; j < c; j++) {
        let s = 0;
        for (let t = 0; t < k; t++) s += at(Q, k, i, t) * at(R, c, t, j);
        expect(s).toBeCloseTo(at(a, c, i, j), 12);
      }
    for (let i = 0; i < k; i++) {
      expect(at(R, c, i, i)).toBeGreaterThanOrEqual(0);
      for (let j = 0; j < i; j++) expect(at(R, c, i, j)).toBe(0);
      for (let j = 0; j < k; j++) {
        let dot = 0;
        for (let t = 0; t < r; t++) dot += at(Q, k, t, i) * at(Q, k, t, j);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
  });
});

describe('data-only decompositions', () => {
  it.each(['eigenvalues_sym', 'eigenvectors_sym', 'singular_values'])('%s of a parameter is a user error', (name) => {
    const ops = new GraphBuilder();
    const p = ops.param(0, [2, 2]);
    expect(() => findFunction(name)!.apply(ops, [p], ['matrix'])).toThrow(LangevinError);
    expect(() => findFunction(name)!.apply(ops, [p], ['matrix'])).toThrow(/known before sampling/);
  });
});
