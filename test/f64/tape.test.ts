/** The batched tape: chains agree with single evaluations, NaN propagates, buffers are reused. */
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

/**
 * A model touching most node kinds: y ~ normal(X·β + a, exp(log_sigma)) with
 * a half-normal-ish prior, a select, a fill, a concat and a noise term.
 */
function richGraph(): DensityGraph {
  const ops = new GraphBuilder();
  const X = ops.constant(numbers(12, 3), [4, 3]);
  const y = ops.constant(numbers(4, 4));
  const beta = ops.param(0, [3]);
  const a = ops.param(3, []);
  const logSigma = ops.param(4, []);
  const sigma = ops.unary('exp', logSigma);
  const mu = ops.binary('add', ops.matmul(X, beta), ops.fill(a, [4]));
  const z = ops.binary('div', ops.binary('sub', y, mu), sigma);
  const lik = ops.binary(
    'sub',
    ops.binary('mul', ops.constant(-0.5), ops.reduce('sum', ops.unary('square', z))),
    ops.binary('mul', ops.constant(4), logSigma),
  );
  const prior = ops.reduce('sum', ops.unary('log_inv_logit', ops.concat([beta, a], [4])));
  const clipped = ops.select(ops.binary('gt', a, ops.constant(0)), ops.unary('neg', a), a);
  const noisy = ops.binary('mul', ops.noise(), ops.unary('square', clipped));
  return ops.finish(ops.binary('add', ops.binary('add', lik, prior), noisy));
}

describe('batching', () => {
  test('C chains give the same as C single evaluations (and the noise reaches the density)', () => {
    const graph = richGraph();
    const dim = graph.dim;
    expect(dim).toBe(5);
    expect(graph.readsNoise).toBe(true);
    const chains = 9;
    const x = numbers(chains * dim, 17);
    const ev = compileF64(graph);
    const batch = ev.logDensityAndGradient(x, chains, 0.3);
    const ld = ev.logDensity(x, chains, 0.3).slice(); // results are reused: copy to keep
    for (let c = 0; c < chains; c++) {
      const single = compileF64(graph).logDensityAndGradient(x.slice(c * dim, (c + 1) * dim), 1, 0.3);
      expect(batch.logDensity[c]).toBe(single.logDensity[0]);
      expect(ld[c]).toBe(single.logDensity[0]);
      for (let j = 0; j < dim; j++) expect(batch.gradient[c * dim + j]).toBe(single.gradient[j]);
    }
    const quiet = ev.logDensity(x, chains, 0);
    expect(quiet.some((v, c) => v !== ld[c])).toBe(true);
  });

  test('growing and shrinking the number of chains', () => {
    const graph = richGraph();
    const ev = compileF64(graph);
    const x = numbers(20 * graph.dim, 5);
    const reused = ev.logDensityAndGradient(x, 20);
    const big = { logDensity: reused.logDensity.slice(), gradient: reused.gradient.slice() };
    expect(ev.capacity).toBe(20);
    const small = ev.logDensityAndGradient(x, 3);
    expect(ev.capacity).toBe(20);
    expect(small.logDensity.length).toBe(3);
    expect(small.gradient.length).toBe(3 * graph.dim);
    for (let i = 0; i < 3; i++) expect(small.logDensity[i]).toBe(big.logDensity[i]);
    for (let i = 0; i < 3 * graph.dim; i++) expect(small.gradient[i]).toBe(big.gradient[i]);
  });

  test('a parameter the density does not use has zero gradient; a constant density works', () => {
    const ops = new GraphBuilder();
    const p = ops.param(1, []);
    const g1 = ops.finish(ops.unary('square', p), { dim: 3 });
    const r = compileF64(g1).logDensityAndGradient(Float64Array.of(5, 2, 7, 1, 3, 1), 2);
    expect([...r.logDensity]).toEqual([4, 9]);
    expect([...r.gradient]).toEqual([0, 4, 0, 0, 6, 0]);
    const g2 = new GraphBuilder().finish(new GraphBuilder().constant(-1.5), { dim: 2 });
    const c = compileF64(g2).logDensityAndGradient(new Float64Array(4), 2);
    expect([...c.logDensity]).toEqual([-1.5, -1.5]);
    expect([...c.gradient]).toEqual([0, 0, 0, 0]);
  });
});

describe('elementwise fusion', () => {
  test('fused and unfused evaluation agree on a graph with shared subexpressions and scalar broadcasts', () => {
    const ops = new GraphBuilder();
    const v = ops.param(0, [6]);
    const s = ops.param(6, []);
    const e = ops.unary('exp', v); // used twice: inside and outside a cluster
    const t = ops.binary('mul', ops.binary('sub', e, s), ops.unary('tanh', v));
    const u = ops.binary('div', t, ops.binary('add', ops.constant(2), ops.unary('square', s)));
    const w = ops.binary('add', ops.reduce('sum', ops.unary('log1p_exp', u)), ops.reduce('max', e));
    const graph = ops.finish(ops.binary('add', w, ops.reduce('prod', ops.unary('sin', ops.binary('mul', e, s)))));
    const chains = 5;
    const x = numbers(chains * 7, 3);
    const fused = compileF64(graph).logDensityAndGradient(x, chains);
    const plain = compileF64(graph, { fuse: false }).logDensityAndGradient(x, chains);
    for (let c = 0; c < chains; c++) expect(fused.logDensity[c]).toBeCloseTo(plain.logDensity[c], 13);
    for (let i = 0; i < chains * 7; i++) expect(fused.gradient[i]).toBeCloseTo(plain.gradient[i], 12);
  });
});

describe('the Gaussian hot path (fused, x read in place, forward and backward in one loop)', () => {
  const D = 7;
  const mu = numbers(D, 21);
  const sigma = numbers(D, 22).map((v) => 1.5 + v);
  const graph = (() => {
    const ops = new GraphBuilder();
    const x = ops.param(0, [D]);
    const z = ops.binary('div', ops.binary('sub', x, ops.constant(mu)), ops.constant(sigma));
    return ops.finish(
      ops.binary(
        'add',
        ops.binary('mul', ops.constant(-0.5), ops.reduce('sum', ops.unary('square', z))),
        ops.constant(2),
      ),
    );
  })();
  const exact = (x: Float64Array, c: number) => {
    let lp = 2;
    const g = new Float64Array(D);
    for (let i = 0; i < D; i++) {
      const z = (x[c * D + i] - mu[i]) / sigma[i];
      lp -= 0.5 * z * z;
      g[i] = -z / sigma[i];
    }
    return { lp, g };
  };
  test('matches the closed form on every chain, call after call with new positions', () => {
    const ev = compileF64(graph);
    for (const [chains, seed] of [
      [5, 1],
      [5, 2],
      [9, 3],
      [2, 4],
    ]) {
      const x = numbers(chains * D + 3, seed); // longer than chains × dim is allowed
      const reused = ev.logDensityAndGradient(x, chains);
      const r = { logDensity: reused.logDensity.slice(), gradient: reused.gradient.slice() };
      const only = ev.logDensity(x, chains); // overwrites `reused`
      for (let c = 0; c < chains; c++) {
        const { lp, g } = exact(x, c);
        expect(r.logDensity[c]).toBeCloseTo(lp, 13);
        expect(only[c]).toBe(r.logDensity[c]);
        for (let i = 0; i < D; i++) expect(r.gradient[c * D + i]).toBeCloseTo(g[i], 13);
      }
    }
  });
});

describe('NaN and infinity', () => {
  test('log of a negative number and division by zero propagate without throwing', () => {
    const ops = new GraphBuilder();
    const x = ops.param(0, [2]);
    const graph = ops.finish(ops.reduce('sum', ops.unary('log', x)));
    const r = compileF64(graph).logDensityAndGradient(Float64Array.of(-1, 2, 0, 1, NaN, 1), 3);
    expect(r.logDensity[0]).toBeNaN();
    expect(r.logDensity[1]).toBe(-Infinity);
    expect(r.logDensity[2]).toBeNaN();
    expect(r.gradient[0]).toBe(-1);
    expect(r.gradient[2]).toBe(Infinity);
    expect(r.gradient[4]).toBeNaN();
    expect(r.gradient[5]).toBe(1); // other coordinates are unaffected
  });
});

describe('buffer reuse', () => {
  test('by default the same result arrays are returned on every call', () => {
    const graph = richGraph();
    const ev = compileF64(graph);
    const x = numbers(4 * graph.dim, 1);
    const a = ev.logDensityAndGradient(x, 4);
    const first = a.logDensity[0];
    const b = ev.logDensityAndGradient(numbers(4 * graph.dim, 2), 4);
    expect(b.logDensity).toBe(a.logDensity);
    expect(b.gradient).toBe(a.gradient);
    expect(a.logDensity[0]).not.toBe(first); // overwritten: callers copy to keep
  });

  test('the hot path allocates no Float64Array (and a fresh-output evaluator allocates exactly its results)', () => {
    const graph = richGraph();
    const chains = 64;
    const x = numbers(chains * graph.dim, 9);
    const Original = globalThis.Float64Array;
    let constructed = 0;
    const counting = new Proxy(Original, {
      construct(target, args) {
        constructed++;
        return Reflect.construct(target, args);
      },
    });
    const countDuring = (run: () => void): number => {
      constructed = 0;
      globalThis.Float64Array = counting;
      try {
        run();
      } finally {
        globalThis.Float64Array = Original;
      }
      return constructed;
    };
    const reusing = compileF64(graph);
    const fresh = compileF64(graph, { freshOutputs: true });
    reusing.logDensityAndGradient(x, chains, 0.1); // buffers are allocated on the first call
    fresh.logDensityAndGradient(x, chains, 0.1);
    expect(
      countDuring(() => {
        for (let i = 0; i < 100; i++) reusing.logDensityAndGradient(x, chains, 0.1);
      }),
    ).toBe(0);
    expect(
      countDuring(() => {
        for (let i = 0; i < 100; i++) fresh.logDensityAndGradient(x, chains, 0.1);
      }),
    ).toBe(200);
  });
});

describe('large graphs', () => {
  test('a long chain of scalar ops with shared subexpressions compiles fast and matches the unfused tape', () => {
    const ops = new GraphBuilder();
    const p = ops.param(0, [2]);
    let a = ops.gather(p, Int32Array.of(0), []);
    let b = ops.gather(p, Int32Array.of(1), []);
    for (let i = 0; i < 2000; i++) {
      const t = ops.unary('tanh', ops.binary('add', a, b)); // a diamond per step
      a = ops.binary('mul', t, ops.constant(0.9));
      b = ops.binary('add', ops.binary('mul', t, ops.constant(0.3)), b);
    }
    const graph = ops.finish(ops.binary('add', a, b));
    const t0 = Date.now();
    const fused = compileF64(graph);
    const x = Float64Array.of(0.2, -0.1, 0.5, 0.4);
    const r1 = fused.logDensityAndGradient(x, 2);
    expect(Date.now() - t0).toBeLessThan(8000); // about 0.7 s on an idle machine
    const r2 = compileF64(graph, { fuse: false }).logDensityAndGradient(x, 2);
    for (let i = 0; i < 2; i++) expect(r1.logDensity[i]).toBeCloseTo(r2.logDensity[i], 12);
    for (let i = 0; i < 4; i++) expect(r1.gradient[i]).toBeCloseTo(r2.gradient[i], 10);
  });
});
