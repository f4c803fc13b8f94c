/**
 * Fused clusters drop members that return their operand exactly (a + (−0),
 * a − (+0), a·1, a/1): values and gradients must equal the unfused tape's to
 * the bit, and a + (+0) (which turns −0 into +0) must stay.
 */
import { describe, expect, test } from 'vitest';
import { compileF64 } from '../../src/backends/f64/tape.js';
import { GraphBuilder } from '../../src/ir/graph.js';

describe('exact identities in fused clusters', () => {
  test('x − 0, ·1, /1, + (−0) drop out without changing a bit (vector cluster, identity at the root)', () => {
    const ops = new GraphBuilder();
    const x = ops.param(0, [3]);
    const s = ops.param(3, []);
    const z = ops.binary(
      'mul',
      ops.binary('div', ops.binary('sub', x, ops.constant(0)), ops.constant(1)),
      ops.constant(1),
    );
    const t = ops.binary('add', ops.constant(-0), ops.binary('mul', ops.unary('tanh', z), s));
    const root = ops.binary('add', ops.binary('mul', ops.constant(1), t), ops.constant(-0)); // the root is an identity
    const graph = ops.finish(ops.reduce('max', ops.unary('exp', root)));
    const chains = 4;
    const xs = Float64Array.from({ length: chains * 4 }, (_, i) => Math.sin(3 * i) * 1.7);
    const fused = compileF64(graph).logDensityAndGradient(xs, chains);
    const plain = compileF64(graph, { fuse: false }).logDensityAndGradient(xs, chains);
    expect([...fused.logDensity]).toEqual([...plain.logDensity]);
    expect([...fused.gradient]).toEqual([...plain.gradient]);
  });

  test('a scalar cluster: identities around parameters read in place, and + (+0) is kept (−0 + 0 is +0)', () => {
    const ops = new GraphBuilder();
    const p = ops.reshape(ops.param(0, [1]), []);
    const q = ops.reshape(ops.param(1, [1]), []);
    const kept = ops.binary('mul', ops.binary('add', p, ops.constant(0)), ops.constant(1));
    // 1/kept shows the sign of a zero: 1/(−0 + 0) = +∞, where dropping + 0 would give −∞
    const graph = ops.finish(
      ops.binary(
        'add',
        ops.binary('div', ops.constant(1), kept),
        ops.binary('mul', ops.binary('sub', q, ops.constant(0)), q),
      ),
    );
    const xs = Float64Array.of(-0, -0, 0.5, -2, -0.25, 3);
    const fused = compileF64(graph).logDensityAndGradient(xs, 3);
    const plain = compileF64(graph, { fuse: false }).logDensityAndGradient(xs, 3);
    expect([...fused.logDensity]).toEqual([Infinity, 6, -4 + 9]);
    expect([...fused.logDensity]).toEqual([...plain.logDensity]);
    expect([...fused.gradient]).toEqual([...plain.gradient]);
    expect([...fused.gradient]).toEqual([-Infinity, 0, -4, -4, -16, 6]); // gradients accumulate into zeros: 0 + (−0) is +0
  });
});
