/**
 * The tfjs backend (float32) and the f64 tape agree: on every primitive of
 * the op lists (same graphs and domains as the reference tests) and on
 * random graphs composed of many primitives.
 */
import { describe, expect, it } from 'vitest';
import { compileF64 } from '../../src/backends/f64/tape.js';
import { compileTfjs } from '../../src/backends/tfjs/compile.js';
import { BINARY_OPS, REDUCE_OPS, UNARY_OPS, type BinaryOp, type DensityGraph, type UnaryOp } from '../../src/ir/ops.js';
import { HandGraph } from './graphs.js';
import { close, makeRng, sample } from './harness.js';
import { BINARY_DOMAINS, DEFAULT, UNARY_DOMAINS } from './ops-cases.js';

const TOL = { abs: 1e-4, rel: 1e-4 };

async function expectAgreement(graph: DensityGraph, x: number[], chains: number, noise = 0): Promise<void> {
  const f64 = compileF64(graph);
  const tfjs = await compileTfjs(graph);
  try {
    const a = f64.logDensityAndGradient(Float64Array.from(x), chains, noise);
    const b = tfjs.logDensityAndGradient(Float64Array.from(x), chains, noise);
    // Scale tolerances by the size of what is summed: float32 rounding grows with it.
    const misses: string[] = [];
    for (let c = 0; c < chains; c++) {
      if (!close(b.logDensity[c]!, a.logDensity[c]!, TOL))
        misses.push(`chain ${c}: tfjs ${b.logDensity[c]} vs f64 ${a.logDensity[c]}`);
    }
    for (let i = 0; i < a.gradient.length; i++) {
      if (!close(b.gradient[i]!, a.gradient[i]!, TOL))
        misses.push(`gradient[${i}]: tfjs ${b.gradient[i]} vs f64 ${a.gradient[i]}`);
    }
    expect(misses).toEqual([]);
  } finally {
    f64.dispose();
    tfjs.dispose();
  }
}

describe('tfjs and f64 agree on each primitive', () => {
  it.each([...UNARY_OPS])('%s', async (op: UnaryOp) => {
    const rng = makeRng(`agree-${op}`);
    const g = new HandGraph();
    const graph = g.build(g.unary(op, g.param([5])));
    await expectAgreement(graph, sample(UNARY_DOMAINS[op] ?? DEFAULT, 3 * 5, rng), 3);
  });
  it.each([...BINARY_OPS])('%s', async (op: BinaryOp) => {
    const rng = makeRng(`agree-${op}`);
    const [da, db] = BINARY_DOMAINS[op] ?? [DEFAULT, DEFAULT];
    const g = new HandGraph();
    const graph = g.build(g.binary(op, g.param([4]), g.param([4])));
    const x: number[] = [];
    for (let c = 0; c < 3; c++) x.push(...sample(da, 4, rng), ...sample(db, 4, rng));
    await expectAgreement(graph, x, 3);
  });
  it.each([...REDUCE_OPS])('%s', async (op) => {
    const rng = makeRng(`agree-${op}`);
    const g = new HandGraph();
    const graph = g.build(g.reduce(op, g.param([2, 3])));
    await expectAgreement(graph, sample(DEFAULT, 3 * 6, rng), 3);
  });
});

/** Ops that keep values in a moderate range whatever their inputs. */
const SAFE_UNARY: UnaryOp[] = [
  'sin',
  'cos',
  'tanh',
  'atan',
  'inv_logit',
  'log1p_exp',
  'Phi',
  'erf',
  'neg',
  'asinh',
  'log_inv_logit',
];
const SAFE_BINARY: BinaryOp[] = ['add', 'sub', 'mul', 'fmax', 'fmin', 'hypot', 'log_sum_exp2', 'atan2'];

/** A random DAG over vectors [4] and scalars, with matmul, gather, concat, select and noise. */
function randomGraph(rng: () => number): DensityGraph {
  const g = new HandGraph();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const vectors = [g.param([4]), g.param([4])];
  const scalars = [g.param([]), g.noise()];
  for (let step = 0; step < 14; step++) {
    const r = rng();
    if (r < 0.3) {
      const from = rng() < 0.7 ? vectors : scalars;
      from.push(g.unary(pick(SAFE_UNARY), pick(from)));
    } else if (r < 0.6) {
      const a = rng() < 0.8 ? pick(vectors) : pick(scalars);
      const b = rng() < 0.5 ? pick(vectors) : pick(scalars);
      const out = g.binary(pick(SAFE_BINARY), a, b);
      (g.shape(out).length === 0 ? scalars : vectors).push(out);
    } else if (r < 0.7) {
      const W = g.constant(sample({ intervals: [[-0.7, 0.7]] }, 16, rng), [4, 4]);
      vectors.push(g.matmul(W, pick(vectors)));
    } else if (r < 0.8) {
      const idx = Array.from({ length: 4 }, () => Math.floor(rng() * 8));
      vectors.push(g.gather(g.concat([pick(vectors), pick(vectors)], [8]), idx));
    } else if (r < 0.9) {
      const cond = g.binary('gt', pick(vectors), pick(scalars));
      vectors.push(g.select(cond, pick(vectors), pick(scalars)));
    } else {
      scalars.push(g.reduce(pick(['sum', 'max', 'log_sum_exp'] as const), pick(vectors)));
    }
  }
  // Use everything, so every node contributes to the output.
  let total = g.reduce('sum', g.concat(vectors, [4 * vectors.length]));
  for (const s of scalars) total = g.binary('add', total, s);
  return g.build(total);
}

describe('tfjs and f64 agree on random graphs', () => {
  for (let k = 0; k < 25; k++) {
    it(`graph ${k}`, async () => {
      const rng = makeRng(`random-graph-${k}`);
      const graph = randomGraph(rng);
      const chains = 4;
      const x = sample({ intervals: [[-1.5, 1.5]] }, chains * graph.dim, rng);
      await expectAgreement(graph, x, chains, 0.7);
      expect(graph.nodes.length).toBeGreaterThan(10);
    });
  }
});
