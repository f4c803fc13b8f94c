/**
 * The elementwise math library: every unary and binary function against a
 * plain-JavaScript reference (Math, @stdlib, closed forms), on scalars and
 * containers (shapes preserved), with scalar broadcasting for binary
 * functions, and derivatives against finite differences.
 */
import { describe, expect, it } from 'vitest';
import { findFunction } from '../../stdlib/index.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import { gradientError } from '../ir/evaluate.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import { close } from './helpers.js';
import { BINARY, UNARY } from './elementwise-references.js';

function apply(ops: Ops, name: string, args: Val[], types: string[]): Val {
  return findFunction(name)!.apply(ops, args, types);
}

describe('unary elementwise functions', () => {
  describe.each(Object.entries(UNARY))('%s', (name, [ref, points, differentiable]) => {
    it('matches the reference on each point and keeps container shapes', () => {
      const ops = new GraphBuilder();
      for (const x of points) {
        const got = apply(ops, name, [ops.constant(x)], ['real']).constant![0]!;
        expect(close(got, ref(x), 1e-10), `${name}(${x}) = ${got}, want ${ref(x)}`).toBe(true);
      }
      const entry = findFunction(name)!;
      if (!entry.signatures.some((s) => s.args[0] === 'T')) return;
      const v = apply(ops, name, [ops.constant(Float64Array.from(points), [points.length])], ['vector']);
      expect(v.shape).toEqual([points.length]);
      Array.from(v.constant!).forEach((g, i) => expect(close(g, ref(points[i]!), 1e-10)).toBe(true));
      const m = apply(ops, name, [ops.constant(Float64Array.from(points.slice(0, 2)), [2, 1])], ['matrix']);
      expect(m.shape).toEqual([2, 1]);
    });

    it.runIf(differentiable !== false)('has derivatives matching finite differences', () => {
      const pts = points.filter((x) => Number.isFinite(x) && Math.abs(x) > 1e-6);
      const r = gradientError(
        (ops, x) => ops.reduce('sum', apply(ops, name, [x], ['vector'])),
        pts,
        [pts.length],
        1e-5,
      );
      expect(r.maxError, `${Array.from(r.gradient)} vs ${Array.from(r.numeric)}`).toBeLessThan(1e-5);
    });
  });
});

describe('binary elementwise functions', () => {
  describe.each(Object.entries(BINARY))('%s', (name, [ref, pairs]) => {
    it('matches the reference on scalars and broadcasts a scalar against a container', () => {
      const ops = new GraphBuilder();
      for (const [a, b] of pairs) {
        const got = apply(ops, name, [ops.constant(a), ops.constant(b)], ['real', 'real']).constant![0]!;
        expect(close(got, ref(a, b), 1e-10), `${name}(${a}, ${b}) = ${got}, want ${ref(a, b)}`).toBe(true);
      }
      const entry = findFunction(name)!;
      if (!entry.signatures.some((s) => s.args.includes('T'))) return;
      const as = pairs.map((p) => p[0]);
      const bs = pairs.map((p) => p[1]);
      const va = ops.constant(Float64Array.from(as), [as.length]);
      const vb = ops.constant(Float64Array.from(bs), [bs.length]);
      const both = apply(ops, name, [va, vb], ['vector', 'vector']);
      expect(both.shape).toEqual([as.length]);
      as.forEach((a, i) => expect(close(both.constant![i]!, ref(a, bs[i]!), 1e-10)).toBe(true));
      const left = apply(ops, name, [va, ops.constant(bs[0]!)], ['vector', 'real']);
      as.forEach((a, i) => expect(close(left.constant![i]!, ref(a, bs[0]!), 1e-10)).toBe(true));
      const right = apply(ops, name, [ops.constant(as[0]!), vb], ['real', 'vector']);
      bs.forEach((b, i) => expect(close(right.constant![i]!, ref(as[0]!, b), 1e-10)).toBe(true));
    });

    it.runIf(!['choose', 'binary_log_loss', 'fdim', 'fmod'].includes(name))(
      'has derivatives matching finite differences',
      () => {
        const finite = pairs.filter(([a, b]) => a !== 0 || b !== 0).filter(([a, b]) => a > -700 && b > -700);
        const x = finite.flat();
        const r = gradientError(
          (ops, p) => {
            const n = finite.length;
            const a = ops.gather(
              p,
              Int32Array.from({ length: n }, (_, i) => 2 * i),
              [n],
            );
            const b = ops.gather(
              p,
              Int32Array.from({ length: n }, (_, i) => 2 * i + 1),
              [n],
            );
            return ops.reduce('sum', apply(ops, name, [a, b], ['vector', 'vector']));
          },
          x,
          [x.length],
          1e-5,
        );
        expect(r.maxError, `${Array.from(r.gradient)} vs ${Array.from(r.numeric)}`).toBeLessThan(1e-5);
      },
    );
  });

  it('rejects containers of different sizes', () => {
    const ops = new GraphBuilder();
    expect(() => apply(ops, 'pow', [ops.constant([1, 2, 3]), ops.constant([1, 2])], ['vector', 'vector'])).toThrow();
  });
});

describe('constants', () => {
  it('are the expected numbers, and log2/log10 overload by arity', () => {
    const ops = new GraphBuilder();
    const c = (name: string) => apply(ops, name, [], []).constant![0]!;
    expect(c('pi')).toBe(Math.PI);
    expect(c('e')).toBe(Math.E);
    expect(c('sqrt2')).toBe(Math.SQRT2);
    expect(c('log2')).toBe(Math.LN2);
    expect(c('log10')).toBe(Math.LN10);
    expect(c('not_a_number')).toBeNaN();
    expect(c('positive_infinity')).toBe(Infinity);
    expect(c('negative_infinity')).toBe(-Infinity);
    expect(c('machine_precision')).toBe(2 ** -52);
    expect(apply(ops, 'log2', [ops.constant(8)], ['real']).constant![0]).toBe(3);
  });
});
