/** GraphBuilder: folding, shape checks, sharing, dead-node elimination, printing. */
import { describe, expect, test } from 'vitest';
import { InternalError } from '../../src/errors.js';
import { evaluateFunction, finiteDifferenceGradient, gradientError } from './evaluate.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import { printGraph } from '../../src/ir/print.js';
import { UNARY_OPS } from '../../src/ir/ops.js';
import { UNARY_KERNELS } from '../../src/math/unary.js';

describe('constant folding', () => {
  test("an all-constant expression folds to a constant with the kernels' value", () => {
    const ops = new GraphBuilder();
    const a = ops.constant([1, 2, 3]);
    const b = ops.unary('log', ops.binary('add', a, ops.constant(1)));
    expect(ops.isConstant(b)).toBe(true);
    expect([...(b.constant as Float64Array)]).toEqual([Math.log(2), Math.log(3), Math.log(4)]);
    const s = ops.reduce('log_sum_exp', b);
    expect(s.constant?.[0]).toBeCloseTo(Math.log(9), 15);
    expect(ops.finish(s).nodes).toHaveLength(1); // only the constant output
  });

  test('every unary op folds to the same value the tape computes', () => {
    for (const op of UNARY_OPS) {
      const x = 0.37;
      const folded = new GraphBuilder().unary(op, new GraphBuilder().constant(x)).constant?.[0] as number;
      expect(Object.is(folded, UNARY_KERNELS[op].f(x))).toBe(true);
      const traced = evaluateFunction((ops, v) => ops.unary(op, v), [x], []).value;
      expect(Object.is(traced, folded)).toBe(true);
    }
  });

  test('constant parts of a mixed expression fold, leaving only parameter-dependent nodes', () => {
    const ops = new GraphBuilder();
    const x = ops.param(0, [3]);
    const scale = ops.unary('exp', ops.constant([0, 1, 2])); // folded
    const y = ops.reduce('sum', ops.binary('mul', x, scale));
    const graph = ops.finish(y);
    expect(graph.nodes.map((n) => n.kind)).toEqual(['param', 'constant', 'binary', 'reduce']);
    expect(graph.dim).toBe(3);
    expect(graph.readsNoise).toBe(false);
  });

  test('select with a known uniform condition picks a branch; fill and reshape of constants stay constant', () => {
    const ops = new GraphBuilder();
    const x = ops.param(0, [2]);
    expect(ops.select(ops.constant(1), x, ops.constant([5, 6]))).toBe(x);
    const filled = ops.fill(ops.constant(2.5), [2, 2]);
    expect(ops.isConstant(filled)).toBe(true);
    expect([...(filled.constant as Float64Array)]).toEqual([2.5, 2.5, 2.5, 2.5]);
    expect(ops.reshape(filled, [4]).shape).toEqual([4]);
    expect(ops.constant(3, [2])).toEqual({ shape: [2], constant: Float64Array.of(3, 3) });
  });
});

describe('shape checks throw InternalError', () => {
  const ops = new GraphBuilder();
  const v3 = ops.param(0, [3]);
  const v2 = ops.param(3, [2]);
  const m23 = ops.param(5, [2, 3]);
  const cases: [string, () => unknown][] = [
    ['binary of unequal shapes', () => ops.binary('add', v3, v2)],
    ['matmul inner sizes', () => ops.matmul(m23, v2)],
    ['cholesky of a non-square matrix', () => ops.cholesky(m23)],
    ['solve with mismatched b', () => ops.triangularSolveLower(ops.constant([1, 0, 0, 1], [2, 2]), v3)],
    ['gather out of range', () => ops.gather(v3, Int32Array.of(3), [1])],
    ['concat size mismatch', () => ops.concat([v3, v2], [4])],
    ['reshape size change', () => ops.reshape(v3, [4])],
    ['fill of a vector', () => ops.fill(v3, [3])],
    ['constant of the wrong length', () => ops.constant([1, 2], [3])],
    ['unknown op', () => ops.unary('nope' as never, v3)],
    ['finish on a vector', () => ops.finish(v3)],
  ];
  for (const [name, run] of cases) test(name, () => expect(run).toThrow(InternalError));
  test('matmul shapes', () => {
    expect(ops.matmul(m23, v3).shape).toEqual([2]);
    expect(ops.matmul(v2, m23).shape).toEqual([3]);
    expect(ops.matmul(v3, v3).shape).toEqual([]);
    expect(ops.matmul(m23, ops.transpose(m23)).shape).toEqual([2, 2]);
  });
});

describe('graph structure', () => {
  test('identical nodes are shared and unused nodes are dropped', () => {
    const ops = new GraphBuilder();
    const x = ops.param(0, [4]);
    const a = ops.unary('exp', x);
    const b = ops.unary('exp', x);
    expect(b.node).toBe(a.node);
    ops.unary('sin', x); // dead
    const graph = ops.finish(ops.reduce('sum', a), { dim: 6 });
    expect(graph.nodes.map((n) => n.kind)).toEqual(['param', 'unary', 'reduce']);
    expect(graph.nodes.every((n, i) => n.id === i && n.inputs.every((j) => j < i))).toBe(true);
    expect(graph.dim).toBe(6);
  });

  test('noise is a node and marks the graph', () => {
    const ops = new GraphBuilder();
    const x = ops.param(0, []);
    const graph = ops.finish(ops.binary('mul', x, ops.noise()));
    expect(graph.readsNoise).toBe(true);
  });

  test('printGraph lists every node and the output', () => {
    const ops = new GraphBuilder();
    const x = ops.param(0, [8]);
    const y = ops.reduce('sum', ops.binary('mul', x, ops.constant([1, 2, 3, 4, 5, 6, 7, 8])));
    const text = printGraph(ops.finish(y));
    expect(text).toBe(
      [
        '%0 = param 0..8 : [8]',
        '%1 = constant [8] {1, 2, 3, 4, … 8 values}',
        '%2 = binary mul %0 %1 : [8]',
        '%3 = reduce sum %2 : []',
        'output %3 (dim 8)',
      ].join('\n'),
    );
  });
});

describe('test utilities', () => {
  test('finiteDifferenceGradient is accurate to O(h⁴)', () => {
    const g = finiteDifferenceGradient((x) => Math.sin(x[0]) * Math.exp(x[1]), [0.3, -0.2]);
    expect(g[0]).toBeCloseTo(Math.cos(0.3) * Math.exp(-0.2), 11);
    expect(g[1]).toBeCloseTo(Math.sin(0.3) * Math.exp(-0.2), 11);
  });
  test('gradientError detects a wrong gradient', () => {
    // floor(10⁶x) has derivative 0 by definition while finite differences across a step see a huge slope
    const ok = gradientError((ops, x) => ops.reduce('sum', ops.unary('exp', x)), [0.1, 0.2], [2]);
    expect(ok.maxError).toBeLessThan(1e-9);
    const wrong = gradientError(
      (ops, x) => ops.reduce('sum', ops.unary('floor', ops.binary('mul', x, ops.constant(1e6)))),
      [0.1234567, 0.2],
      [2],
      1e-3,
    );
    expect(wrong.maxError).toBeGreaterThan(0.5); // finite differences see a slope of ~1e6, the tape 0
  });
});
