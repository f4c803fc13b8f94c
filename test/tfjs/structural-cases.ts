/**
 * Structural and linear-algebra nodes (select, matmul in its four shape
 * cases with every batching combination, transpose, Cholesky, triangular
 * solve, gather, concat, reshape, fill, noise) against the Float64
 * reference. Outputs are weighted sums so that a transposed or misplaced
 * entry changes the result.
 */
import { describe, it } from 'vitest';
import type { TfjsBackendName } from '../../src/backends/tfjs/setup.js';
import { shapeSize, type Shape } from '../../src/ir/ops.js';
import { HandGraph } from './graphs.js';
import { checkAgainstReference, makeRng, sample } from './harness.js';

const rng = makeRng('structural');
const uniform = (n: number, lo = -2, hi = 2): number[] => sample({ intervals: [[lo, hi]] }, n, rng);

/** sum(w ⊙ v) with fixed pseudo-random weights. */
function weighted(g: HandGraph, v: number): number {
  const shape = g.shape(v);
  if (shape.length === 0) return v;
  return g.binary('mul', v, g.constant(uniform(shapeSize(shape), 0.5, 1.5), shape));
}

const CHAINS = 4;

export function defineStructuralTests(backend: TfjsBackendName): void {
  describe(`${backend}: matmul`, () => {
    const shapes: [string, Shape, Shape][] = [
      ['matrix · matrix', [2, 3], [3, 4]],
      ['matrix · vector', [2, 3], [3]],
      ['row vector · matrix', [3], [3, 2]],
      ['dot product', [3], [3]],
    ];
    const batching: [string, boolean, boolean][] = [
      ['param · param', true, true],
      ['param · const', true, false],
      ['const · param', false, true],
    ];
    for (const [name, sa, sb] of shapes) {
      for (const [how, pa, pb] of batching) {
        it(`${name}, ${how}`, async () => {
          const g = new HandGraph();
          const a = pa ? g.param(sa) : g.constant(uniform(shapeSize(sa)), sa);
          const b = pb ? g.param(sb) : g.constant(uniform(shapeSize(sb)), sb);
          const graph = g.build(weighted(g, g.matmul(a, b)));
          await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * graph.dim) });
        });
      }
    }
    it('const · const inside a parameter expression', async () => {
      const g = new HandGraph();
      const m = g.matmul(g.constant([1, 2, 3, 4], [2, 2]), g.constant([0.5, -1], [2]));
      const graph = g.build(g.binary('mul', m, g.param([2])));
      await checkAgainstReference(graph, { backend, chains: 2, x: uniform(4) });
    });
  });

  describe(`${backend}: transpose`, () => {
    it('of a batched matrix', async () => {
      const g = new HandGraph();
      const graph = g.build(weighted(g, g.transpose(g.param([2, 3]))));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 6) });
    });
    it('of a vector is the identity', async () => {
      const g = new HandGraph();
      const graph = g.build(weighted(g, g.transpose(g.param([3]))));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 3) });
    });
  });

  /** Row-major n × n symmetric positive-definite matrices, one per chain, slightly perturbed. */
  function spd(n: number, chains: number): number[] {
    const out: number[] = [];
    for (let c = 0; c < chains; c++) {
      const m = uniform(n * n, -1, 1);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = i === j ? n : 0;
          for (let k = 0; k < n; k++) s += m[i * n + k]! * m[j * n + k]!;
          out.push(Math.fround(s));
        }
      }
    }
    return out;
  }

  describe(`${backend}: cholesky`, () => {
    for (const n of [1, 2, 4]) {
      it(`of a batched ${n}×${n} matrix (reads the lower triangle)`, async () => {
        const g = new HandGraph();
        const graph = g.build(weighted(g, g.cholesky(g.param([n, n]))));
        await checkAgainstReference(graph, { backend, chains: CHAINS, x: spd(n, CHAINS) });
      });
    }
    it('of M Mᵀ + 3I built from parameters', async () => {
      const g = new HandGraph();
      const m = g.param([3, 3]);
      const a = g.binary('add', g.matmul(m, g.transpose(m)), g.constant([3, 0, 0, 0, 3, 0, 0, 0, 3], [3, 3]));
      const graph = g.build(weighted(g, g.cholesky(a)));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 9) });
    });
  });

  /** A lower-triangular-ish matrix per chain: diagonal in (1, 2), the rest in (−1, 1) (upper part ignored). */
  function lowerFactor(n: number, chains: number): number[] {
    const out: number[] = [];
    for (let c = 0; c < chains; c++) {
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) out.push(i === j ? uniform(1, 1, 2)[0]! : uniform(1, -1, 1)[0]!);
    }
    return out;
  }

  describe(`${backend}: triangular_solve_lower`, () => {
    const n = 3;
    for (const [name, bShape] of [
      ['vector', [n]],
      ['matrix', [n, 2]],
    ] as [string, Shape][]) {
      it(`param L, param b (${name})`, async () => {
        const g = new HandGraph();
        const L = g.param([n, n]);
        const b = g.param(bShape);
        const graph = g.build(weighted(g, g.triangularSolve(L, b)));
        const x: number[] = [];
        const Ls = lowerFactor(n, CHAINS);
        for (let c = 0; c < CHAINS; c++) x.push(...Ls.slice(c * n * n, (c + 1) * n * n), ...uniform(shapeSize(bShape)));
        await checkAgainstReference(graph, { backend, chains: CHAINS, x });
      });
      it(`const L, param b (${name})`, async () => {
        const g = new HandGraph();
        const L = g.constant(lowerFactor(n, 1), [n, n]);
        const graph = g.build(weighted(g, g.triangularSolve(L, g.param(bShape))));
        await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * shapeSize(bShape)) });
      });
      it(`param L, const b (${name})`, async () => {
        const g = new HandGraph();
        const b = g.constant(uniform(shapeSize(bShape)), bShape);
        const graph = g.build(weighted(g, g.triangularSolve(g.param([n, n]), b)));
        await checkAgainstReference(graph, { backend, chains: CHAINS, x: lowerFactor(n, CHAINS) });
      });
    }
  });

  describe(`${backend}: select`, () => {
    it('batched condition from a comparison, two batched branches', async () => {
      const g = new HandGraph();
      const x = g.param([5]);
      const y = g.param([5]);
      const cond = g.binary('gt', x, g.scalar(0));
      const graph = g.build(weighted(g, g.select(cond, g.unary('exp', x), g.unary('sin', y))));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 10) });
    });
    it('constant condition with fractional truth values, scalar branch', async () => {
      const g = new HandGraph();
      const x = g.param([4]);
      const cond = g.constant([0.5, 0, -2, 0]);
      const graph = g.build(weighted(g, g.select(cond, g.unary('square', x), g.param([]))));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 5) });
    });
    it('batched scalar condition over vector branches', async () => {
      const g = new HandGraph();
      const s = g.param([]);
      const x = g.param([3]);
      const cond = g.binary('lt', s, g.scalar(0));
      const graph = g.build(weighted(g, g.select(cond, x, g.constant([1, 2, 3]))));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 4) });
    });
  });

  describe(`${backend}: gather, concat, reshape, fill`, () => {
    it('gather with repeated and unordered indices from a batched matrix', async () => {
      const g = new HandGraph();
      const graph = g.build(weighted(g, g.gather(g.param([2, 3]), [5, 0, 0, 3, 5, 5, 1], [7])));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 6) });
    });
    it('max and min over a gather with repeated indices (ties count once)', async () => {
      const g = new HandGraph();
      const v = g.gather(g.param([3]), [1, 1, 0, 2, 1]);
      const graph = g.build(g.binary('add', g.reduce('max', v), g.reduce('min', v)));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 3) });
    });
    it('gather of a contiguous range (a slice) into a matrix', async () => {
      const g = new HandGraph();
      const graph = g.build(weighted(g, g.gather(g.param([8]), [2, 3, 4, 5], [2, 2])));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 8) });
    });
    it('gather from a constant, used with a parameter', async () => {
      const g = new HandGraph();
      const k = g.gather(g.constant([1, 2, 3, 4]), [3, 1, 1]);
      const graph = g.build(weighted(g, g.binary('mul', k, g.param([3]))));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 3) });
    });
    it('concat of batched and constant parts', async () => {
      const g = new HandGraph();
      const parts = [g.param([2]), g.constant([0.5, 1.5, -1]), g.param([2, 2]), g.param([])];
      const graph = g.build(weighted(g, g.unary('square', g.concat(parts, [2, 5]))));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 7) });
    });
    it('concat of constants only, used with a parameter', async () => {
      const g = new HandGraph();
      const c = g.concat([g.constant([1, 2]), g.scalar(3)], [3]);
      const graph = g.build(weighted(g, g.binary('mul', c, g.param([3]))));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 3) });
    });
    it('reshape a vector into a matrix for matmul', async () => {
      const g = new HandGraph();
      const m = g.reshape(g.param([6]), [2, 3]);
      const graph = g.build(weighted(g, g.matmul(m, g.constant([1, -2, 0.5]))));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 6) });
    });
    it('fill from a batched scalar and from a constant', async () => {
      const g = new HandGraph();
      const a = g.fill(g.param([]), [2, 2]);
      const b = g.fill(g.scalar(0.25), [2, 2]);
      const graph = g.build(weighted(g, g.binary('mul', g.unary('exp', a), b)));
      await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS) });
    });
  });

  describe(`${backend}: noise`, () => {
    for (const noise of [0, 0.5, 3]) {
      it(`enters as a scalar (noise = ${noise})`, async () => {
        const g = new HandGraph();
        const x = g.param([3]);
        const s = g.noise();
        const scaled = g.binary('div', g.unary('square', x), g.binary('add', g.unary('square', s), g.scalar(1)));
        const graph = g.build(g.binary('add', g.reduce('sum', scaled), g.unary('log1p', s)));
        await checkAgainstReference(graph, { backend, chains: CHAINS, x: uniform(CHAINS * 3), noise });
      });
    }
  });
}
