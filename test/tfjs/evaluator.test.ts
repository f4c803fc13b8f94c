/**
 * The evaluator contract: chains are independent (C = 1 and C = 5 agree),
 * no tensor leaks over many calls, dispose releases the constants, bad
 * inputs are reported, and graphs that do not depend on the parameters.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compileTfjs } from '../../src/backends/tfjs/compile.js';
import { InternalError, LangevinError } from '../../src/errors.js';
import type { DensityGraph } from '../../src/ir/ops.js';
import { HandGraph } from './graphs.js';
import { checkAgainstReference, makeRng, sample } from './harness.js';

/** A small regression-like density touching most node kinds. */
function regressionGraph(): DensityGraph {
  const g = new HandGraph();
  const beta = g.param([3]);
  const logSigma = g.param([]);
  const X = g.constant([1, 0.5, -1, 1, -0.3, 2, 1, 1.2, 0.1, 1, -2, 0.7], [4, 3]);
  const y = g.constant([0.3, -1.2, 2.2, 0.1]);
  const mu = g.matmul(X, beta);
  const sigma = g.unary('exp', logSigma);
  const z = g.binary('div', g.binary('sub', y, mu), sigma);
  const lik = g.binary(
    'sub',
    g.binary('mul', g.scalar(-0.5), g.reduce('sum', g.unary('square', z))),
    g.binary('mul', g.scalar(4), logSigma),
  );
  const prior = g.binary('mul', g.scalar(-0.5), g.reduce('sum', g.unary('square', g.gather(beta, [0, 2, 1]))));
  const gammaTerm = g.unary('lgamma', g.binary('add', g.unary('exp', logSigma), g.scalar(1)));
  // A select on a comparison and a Cholesky factor, so every kind of kernel runs in the leak test.
  const clipped = g.reduce('sum', g.select(g.binary('gt', beta, g.scalar(0)), beta, g.unary('neg', beta)));
  const S = g.binary(
    'add',
    g.matmul(g.reshape(g.concat([beta, beta], [6]), [2, 3]), g.constant([1, 0, 0, 1, 1, 1], [3, 2])),
    g.constant([3, 0, 0, 3], [2, 2]),
  );
  const spd = g.binary('add', g.matmul(S, g.transpose(S)), g.constant([1, 0, 0, 1], [2, 2]));
  const logDet = g.reduce('sum', g.unary('log', g.gather(g.cholesky(spd), [0, 3])));
  const total = g.binary(
    'add',
    g.binary('add', g.binary('add', lik, prior), gammaTerm),
    g.binary('sub', logDet, clipped),
  );
  return g.build(total);
}

describe('tfjs evaluator', () => {
  it('evaluates each chain independently (C = 1 and C = 5 agree)', async () => {
    const graph = regressionGraph();
    const ev = await compileTfjs(graph);
    const rng = makeRng('batching');
    const C = 5;
    const x = Float64Array.from(sample({ intervals: [[-1.5, 1.5]] }, C * graph.dim, rng));
    const all = ev.logDensityAndGradient(x, C);
    for (let c = 0; c < C; c++) {
      const one = ev.logDensityAndGradient(x.subarray(c * graph.dim, (c + 1) * graph.dim), 1);
      expect(one.logDensity[0]).toBeCloseTo(all.logDensity[c]!, 4);
      for (let i = 0; i < graph.dim; i++) expect(one.gradient[i]).toBeCloseTo(all.gradient[c * graph.dim + i]!, 4);
    }
    ev.dispose();
  });

  it('matches the Float64 reference on the composite graph', async () => {
    const graph = regressionGraph();
    const x = sample({ intervals: [[-1.5, 1.5]] }, 4 * graph.dim, makeRng('composite'));
    await checkAgainstReference(graph, { chains: 4, x });
  });

  it('keeps tf.memory().numTensors stable over 1000 calls', async () => {
    const graph = regressionGraph();
    const ev = await compileTfjs(graph);
    const x = new Float64Array(8 * graph.dim).fill(0.3);
    ev.logDensityAndGradient(x, 8); // warm-up (tfjs may cache on first use)
    const before = tf.memory().numTensors;
    for (let i = 0; i < 500; i++) {
      ev.logDensityAndGradient(x, 8);
      ev.logDensity(x, 8, 0.1);
    }
    expect(tf.memory().numTensors).toBe(before);
    ev.dispose();
  });

  it('holds its constants until dispose, then releases them', async () => {
    const start = tf.memory().numTensors;
    const graph = regressionGraph();
    const ev = await compileTfjs(graph);
    const constants = graph.nodes.filter((n) => n.kind === 'constant').length;
    expect(tf.memory().numTensors - start).toBeGreaterThanOrEqual(constants);
    ev.dispose();
    expect(tf.memory().numTensors).toBe(start);
    expect(() => ev.logDensity(new Float64Array(graph.dim), 1)).toThrow(InternalError);
    ev.dispose(); // idempotent
  });

  it('reports positions of the wrong size', async () => {
    const graph = regressionGraph();
    const ev = await compileTfjs(graph);
    expect(() => ev.logDensity(new Float64Array(graph.dim + 1), 1)).toThrow(LangevinError);
    expect(() => ev.logDensityAndGradient(new Float64Array(graph.dim), 0)).toThrow(LangevinError);
    ev.dispose();
  });

  it('gives zero gradient when the density does not depend on the parameters', async () => {
    const g = new HandGraph();
    g.param([2]);
    const graph = g.build(g.binary('mul', g.noise(), g.scalar(2)));
    const ev = await compileTfjs(graph);
    const r = ev.logDensityAndGradient(new Float64Array(6).fill(1), 3, 1.5);
    expect(Array.from(r.logDensity)).toEqual([3, 3, 3]);
    expect(Array.from(r.gradient)).toEqual([0, 0, 0, 0, 0, 0]);
    ev.dispose();
  });

  it('rejects malformed graphs as internal errors', async () => {
    const g = new HandGraph();
    const x = g.param([3]);
    const bad: DensityGraph = {
      ...g.build(x),
      nodes: [...g.nodes, { id: 9, kind: 'unary', op: 'exp', inputs: [42], shape: [3] }],
      output: 9,
    };
    await expect(compileTfjs(bad)).rejects.toThrow(InternalError);
    const h = new HandGraph();
    const y = h.param([2]);
    const wrongOp: DensityGraph = h.build(y);
    (wrongOp.nodes[1] as { op?: string }).op = 'no_such_op';
    await expect(compileTfjs(wrongOp)).rejects.toThrow(/unknown op/);
  });

  it('returns NaN (not a throw) for a matrix that is not positive definite', async () => {
    const g = new HandGraph();
    const graph = g.build(g.cholesky(g.param([2, 2])));
    const ev = await compileTfjs(graph);
    const r = ev.logDensityAndGradient(Float64Array.of(1, 0, 0, 1, -1, 0, 0, 1), 2);
    expect(r.logDensity[0]).toBeCloseTo(2, 6);
    expect(Number.isNaN(r.logDensity[1]!)).toBe(true);
    ev.dispose();
  });
});
