/**
 * The regularised incomplete gamma and beta functions (src/math/incomplete.ts):
 * values against @stdlib over a grid that crosses both branches (series and
 * continued fraction, direct and reflected), derivatives in every argument
 * against finite differences of the smaller of the value and its complement,
 * and the f64 and tfjs backends against each other on the same graph.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { incBeta, incGamma } from '../../src/math/incomplete.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import { compileF64 } from '../../src/backends/f64/tape.js';
import { compileTfjs } from '../../src/backends/tfjs/compile.js';
import { gradientError } from '../ir/evaluate.js';

const require = createRequire(import.meta.url);
const gammainc: (
  x: number,
  a: number,
  regularized?: boolean,
  upper?: boolean,
) => number = require('@stdlib/math-base-special-gammainc');
const betainc: (
  x: number,
  a: number,
  b: number,
  regularized?: boolean,
  upper?: boolean,
) => number = require('@stdlib/math-base-special-betainc');

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);

/** Central difference of f at t with a relative step. */
function central(f: (t: number) => number, t: number, rel = 1e-6): number {
  const h = rel * Math.max(Math.abs(t), 1e-3);
  return (f(t + h) - f(t - h)) / (2 * h);
}

/** |a − b| ≤ tol·(|b| + scale): derivatives are compared relative to the value they change. */
const near = (a: number, b: number, tol: number, scale: number): boolean =>
  Math.abs(a - b) <= tol * (Math.abs(b) + scale);

describe('incomplete gamma', () => {
  const A = [0.1, 0.5, 1, 2.5, 7, 30, 150];
  const X = [1e-3, 0.3, 1, 2, 5, 10, 40, 200];

  it('matches @stdlib for P and Q on both branches', () => {
    for (const a of A)
      for (const x of X) {
        const r = incGamma(a, x);
        expect(relErr(r.p, gammainc(x, a)), `P(${a}, ${x})`).toBeLessThan(1e-12);
        expect(relErr(r.q, gammainc(x, a, true, true)), `Q(${a}, ${x})`).toBeLessThan(1e-12);
      }
  });

  it('has derivatives in a and x matching finite differences', () => {
    for (const a of A)
      for (const x of X) {
        const r = incGamma(a, x);
        // differentiate the smaller of P and Q (the other loses digits to 1 − ·)
        const useP = r.p < 0.5;
        const f = (aa: number, xx: number) => (useP ? incGamma(aa, xx).p : -incGamma(aa, xx).q);
        const scale = Math.min(r.p, r.q);
        expect(
          near(
            r.dpda,
            central((t) => f(t, x), a),
            1e-6,
            scale,
          ),
          `dP/da at (${a}, ${x})`,
        ).toBe(true);
        expect(
          near(
            r.dpdx,
            central((t) => f(a, t), x),
            1e-6,
            scale,
          ),
          `dP/dx at (${a}, ${x})`,
        ).toBe(true);
      }
  });

  it('is 0 / 1 at the ends and NaN outside the domain', () => {
    expect(incGamma(2, 0).p).toBe(0);
    expect(incGamma(2, Infinity).q).toBe(0);
    expect(incGamma(-1, 2).p).toBeNaN();
    expect(incGamma(2, -1).p).toBeNaN();
  });
});

describe('incomplete beta', () => {
  const A = [0.2, 1, 3.5, 40];
  const X = [1e-4, 0.1, 0.5, 0.9, 0.999];

  it('matches @stdlib for I and 1 − I on both sides of the reflection', () => {
    for (const a of A)
      for (const b of A)
        for (const x of X) {
          const r = incBeta(a, b, x);
          expect(relErr(r.value, betainc(x, a, b)), `I(${a}, ${b}, ${x})`).toBeLessThan(1e-11);
          expect(relErr(r.complement, betainc(x, a, b, true, true)), `1 − I(${a}, ${b}, ${x})`).toBeLessThan(1e-10);
        }
  });

  it('has derivatives in a, b and x matching finite differences', () => {
    for (const a of A)
      for (const b of A)
        for (const x of X) {
          const r = incBeta(a, b, x);
          const useValue = r.value < 0.5;
          const f = (aa: number, bb: number, xx: number) =>
            useValue ? incBeta(aa, bb, xx).value : -incBeta(aa, bb, xx).complement;
          const scale = Math.min(r.value, r.complement);
          const hx = 1e-6 * Math.min(x, 1 - x);
          const fx = (f(a, b, x + hx) - f(a, b, x - hx)) / (2 * hx);
          expect(
            near(
              r.da,
              central((t) => f(t, b, x), a),
              1e-5,
              scale,
            ),
            `dI/da at (${a}, ${b}, ${x})`,
          ).toBe(true);
          expect(
            near(
              r.db,
              central((t) => f(a, t, x), b),
              1e-5,
              scale,
            ),
            `dI/db at (${a}, ${b}, ${x})`,
          ).toBe(true);
          expect(near(r.dx, fx, 1e-5, scale), `dI/dx at (${a}, ${b}, ${x})`).toBe(true);
        }
  });

  it('traces as a ternary primitive with gradients in every argument', () => {
    const r = gradientError(
      (ops, p) =>
        ops.reduce(
          'sum',
          ops.ternary(
            'inc_beta',
            ops.gather(p, Int32Array.of(0, 1), [2]),
            ops.gather(p, Int32Array.of(2, 3), [2]),
            ops.gather(p, Int32Array.of(4, 5), [2]),
          ),
        ),
      [1.5, 4, 2.5, 0.7, 0.2, 0.6],
      [6],
      1e-5,
    );
    expect(r.maxError, `${Array.from(r.gradient)} vs ${Array.from(r.numeric)}`).toBeLessThan(1e-6);
  });
});

describe('tfjs agrees with f64', () => {
  it('on gamma_p, gamma_q and inc_beta and their gradients, for several chains', async () => {
    const ops = new GraphBuilder();
    const p = ops.param(0, [6]);
    const at = (i: number) => ops.gather(p, Int32Array.of(i), []);
    const terms = [
      ops.binary('gamma_p', at(0), at(1)),
      ops.binary('gamma_q', at(0), ops.constant(3.5)),
      ops.ternary('inc_beta', at(2), at(3), at(4)),
      ops.ternary('inc_beta', ops.constant(0.5), at(5), at(4)),
    ];
    const out = terms.map((t) => ops.unary('log', t)).reduce((s, t) => ops.binary('add', s, t));
    const graph = ops.finish(out, { dim: 6 });
    const x = Float64Array.of(2.5, 1.7, 1.5, 3, 0.35, 0.8, 0.7, 6.1, 4, 0.6, 0.9, 2.2);
    const f64 = compileF64(graph);
    const tfjs = await compileTfjs(graph);
    try {
      const a = f64.logDensityAndGradient(x, 2);
      const b = tfjs.logDensityAndGradient(x, 2);
      for (let c = 0; c < 2; c++) expect(relErr(b.logDensity[c]!, a.logDensity[c]!)).toBeLessThan(1e-5);
      for (let i = 0; i < 12; i++)
        expect(Math.abs(b.gradient[i]! - a.gradient[i]!), `gradient[${i}]`).toBeLessThan(
          1e-4 * (1 + Math.abs(a.gradient[i]!)),
        );
    } finally {
      f64.dispose();
      tfjs.dispose();
    }
  });
});
