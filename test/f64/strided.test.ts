/**
 * Parameters read in place from x with a chain stride by fused steps (their
 * gradient added straight into the result): agreement with the unfused tape
 * and with single-chain evaluations, for scalar clusters (the double well),
 * scalar parameters broadcast over a vector cluster, vector parameters that do
 * not span x (offset ≠ 0, odd and even lengths, with and without a sum), and
 * a parameter also read by an unfused node (then copied as before).
 */
import { describe, expect, test } from 'vitest';
import { compileF64 } from '../../src/backends/f64/tape.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import type { DensityGraph } from '../../src/ir/ops.js';

function numbers(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

/** Fused vs unfused on several chain counts (blocks, reuse), and batched vs one chain at a time. */
function expectAgreement(graph: DensityGraph, seed: number): void {
  const dim = graph.dim;
  const fused = compileF64(graph);
  const plain = compileF64(graph, { fuse: false });
  for (const chains of [1, 3, 8, 5]) {
    const x = numbers(chains * dim, seed + chains);
    const r = fused.logDensityAndGradient(x, chains);
    const a = { ld: r.logDensity.slice(), g: r.gradient.slice() };
    const p = plain.logDensityAndGradient(x, chains);
    const only = fused.logDensity(x, chains);
    for (let c = 0; c < chains; c++) {
      expect(a.ld[c]).toBeCloseTo(p.logDensity[c], 12);
      expect(only[c]).toBe(a.ld[c]);
    }
    for (let i = 0; i < chains * dim; i++) expect(a.g[i]).toBeCloseTo(p.gradient[i], 11);
    for (let c = 0; c < chains; c++) {
      const single = compileF64(graph).logDensityAndGradient(x.slice(c * dim, (c + 1) * dim), 1);
      expect(a.ld[c]).toBe(single.logDensity[0]);
      for (let j = 0; j < dim; j++) expect(a.g[c * dim + j]).toBe(single.gradient[j]);
    }
  }
}

describe('parameters read in place with a chain stride', () => {
  test('the double well (two scalar parameters through reshapes, one scalar cluster) matches its closed form', () => {
    const ops = new GraphBuilder();
    const x1 = ops.reshape(ops.param(0, [1]), []);
    const x2 = ops.reshape(ops.param(1, [1]), []);
    const well = ops.binary(
      'div',
      ops.unary('neg', ops.unary('square', ops.binary('sub', ops.unary('square', x1), ops.constant(1)))),
      ops.constant(0.1),
    );
    const graph = ops.finish(ops.binary('sub', well, ops.binary('div', ops.unary('square', x2), ops.constant(2))));
    const chains = 7;
    const x = numbers(chains * 2, 5).map((v) => 2 * v);
    const r = compileF64(graph).logDensityAndGradient(x, chains);
    for (let c = 0; c < chains; c++) {
      const [a, b] = [x[2 * c], x[2 * c + 1]];
      expect(r.logDensity[c]).toBeCloseTo(-((a * a - 1) ** 2) / 0.1 - (b * b) / 2, 12);
      expect(r.gradient[2 * c]).toBeCloseTo((-4 * a * (a * a - 1)) / 0.1, 11);
      expect(r.gradient[2 * c + 1]).toBeCloseTo(-b, 12);
    }
    expectAgreement(graph, 1);
  });

  test('a scalar parameter broadcast over a vector cluster, and a vector parameter at an offset (odd length, summed)', () => {
    const ops = new GraphBuilder();
    const s = ops.param(0, []);
    const v = ops.param(1, [5]);
    const z = ops.binary('mul', ops.binary('sub', v, s), ops.unary('exp', ops.unary('neg', s)));
    const graph = ops.finish(ops.binary('add', ops.reduce('sum', ops.unary('log1p_exp', z)), ops.unary('square', s)));
    expectAgreement(graph, 2);
  });

  test('two vector parameters (even length) in a cluster without a sum, reduced elsewhere', () => {
    const ops = new GraphBuilder();
    const a = ops.param(0, [4]);
    const b = ops.param(4, [4]);
    const t = ops.unary('tanh', ops.binary('add', ops.binary('mul', a, b), ops.constant(numbers(4, 9))));
    const graph = ops.finish(ops.binary('add', ops.reduce('max', t), ops.reduce('prod', ops.unary('exp', a))));
    expectAgreement(graph, 3);
  });

  test('a parameter also read by an unfused node is copied, and the gradients from both paths add up', () => {
    const ops = new GraphBuilder();
    const a = ops.param(0, [3]);
    const b = ops.param(3, []);
    const fusedPart = ops.reduce('sum', ops.unary('square', ops.binary('sub', a, b)));
    const unfused = ops.matmul(ops.constant(numbers(3, 4)), a); // a dot product: a is not only read by fused steps
    const graph = ops.finish(ops.binary('add', fusedPart, ops.binary('mul', unfused, b)), { dim: 5 });
    expectAgreement(graph, 4);
  });

  test('a parameter the graph outputs through a reshape', () => {
    const ops = new GraphBuilder();
    const graph = ops.finish(ops.reshape(ops.param(1, [1]), []), { dim: 2 });
    const r = compileF64(graph).logDensityAndGradient(Float64Array.of(4, 5, 6, 7), 2);
    expect([...r.logDensity]).toEqual([5, 7]);
    expect([...r.gradient]).toEqual([0, 1, 0, 1]);
  });
});
