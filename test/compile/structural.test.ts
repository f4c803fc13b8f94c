/**
 * Declarations with structural transforms inside a model: the log density
 * of a model without statements is the sum of the log-Jacobians, constrain
 * returns the transformed values (column-major), arrays of constrained
 * types transform each element, and bounds may be other parameters or
 * vectors.
 */
import { describe, expect, test } from 'vitest';
import { compileSync } from '../../src/compile/compile.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import { columnMajorOrder } from '../../src/compile/names.js';
import {
  choleskyCorrTransform,
  corrMatrixTransform,
  covMatrixTransform,
  simplexTransform,
  type Transform,
} from '../../src/transforms/index.js';
import { points } from './helpers.js';

function direct(t: Transform, y: Float64Array, sizes: number[]): { x: Float64Array; logJacobian: number } {
  const ops = new GraphBuilder();
  const r = t.constrain(ops, ops.constant(y, [y.length]), sizes, {});
  return { x: r.x.constant!, logJacobian: r.logJacobian.constant![0]! };
}

describe('structural parameters', () => {
  test('cholesky_factor_corr, corr_matrix, cov_matrix and an array of simplexes', () => {
    const model = compileSync(`
      parameters {
        cholesky_factor_corr[3] L;
        corr_matrix[3] R;
        cov_matrix[2] S;
        array[2] simplex[3] w;
      }
      model { }`);
    expect(model.dim).toBe(3 + 3 + 3 + 4);
    expect(model.unconstrainedNames.slice(9)).toEqual(['w[1,1]', 'w[1,2]', 'w[2,1]', 'w[2,2]']);
    const x = points(model.dim, 21, 1);
    const parts: Array<[Transform, number, number[]]> = [
      [choleskyCorrTransform, 3, [3]],
      [corrMatrixTransform, 3, [3]],
      [covMatrixTransform, 3, [2]],
      [simplexTransform, 2, [3]],
      [simplexTransform, 2, [3]],
    ];
    let offset = 0;
    let lp = 0;
    const expected: number[] = [];
    const simplexes: Float64Array[] = [];
    for (const [t, n, sizes] of parts) {
      const r = direct(t, x.slice(offset, offset + n), sizes);
      offset += n;
      lp += r.logJacobian;
      if (t === simplexTransform) simplexes.push(r.x);
      else expected.push(...Array.from(columnMajorOrder(t.shape(sizes)), (i) => r.x[i]!));
    }
    // array[2] simplex[3] w, column-major: w[1,1], w[2,1], w[1,2], ...
    for (let k = 0; k < 3; k++) for (let a = 0; a < 2; a++) expected.push(simplexes[a]![k]!);
    expect(model.logDensity(x, 1)[0]).toBeCloseTo(lp, 10);
    const constrained = model.constrain(x, 1);
    expect(constrained.length).toBe(expected.length);
    expected.forEach((v, i) => expect(constrained[i]).toBeCloseTo(v, 12));
    expect(model.outputNames.slice(0, 4)).toEqual(['L[1,1]', 'L[2,1]', 'L[3,1]', 'L[1,2]']);
  });

  test('vector bounds and a bound that is another parameter', () => {
    const model = compileSync(
      `
      data { vector[2] lo; }
      parameters {
        real<lower=0> s;
        vector<lower=lo, upper=lo + s>[2] v;
      }
      model { }`,
      { data: { lo: [1, -3] } },
    );
    const x = Float64Array.of(0.2, 0.5, -1);
    const s = Math.exp(0.2);
    const il = (u: number) => 1 / (1 + Math.exp(-u));
    const out = model.constrain(x, 1);
    expect(out[0]).toBeCloseTo(s, 14);
    expect(out[1]).toBeCloseTo(1 + s * il(0.5), 14);
    expect(out[2]).toBeCloseTo(-3 + s * il(-1), 14);
    const jac = (u: number) => Math.log(s) + Math.log(il(u)) + Math.log(1 - il(u));
    expect(model.logDensity(x, 1)[0]).toBeCloseTo(0.2 + jac(0.5) + jac(-1), 12);
  });

  test('array of bounded reals with one bound per element of the base type', () => {
    const model = compileSync(`
      parameters { array[2] vector<lower=[0, 10]'>[2] a; }
      model { }`);
    const out = model.constrain(Float64Array.of(0, 0, 1, 1), 1);
    // column-major: a[1,1], a[2,1], a[1,2], a[2,2]
    expect(Array.from(out)).toEqual([1, Math.E, 11, 10 + Math.E]);
  });
});
