/**
 * Paired value-and-derivative templates (paired.ts) for the bernoulli_logit
 * family and the constant-matrix products (product.ts), on M2's graph
 * shape: sum(op(y ⊙ (X·β))) concatenated with a prior term and summed (a
 * constant adjoint), and the same term squared (no constant adjoint: separate
 * matmul and backward loops). The fused tape must match the unfused one to
 * 1e-12 relative,
 * batched chains must match chains evaluated one at a time, for chain
 * counts that use every lane shape (8, 4 and 1 chains; 4 rows and the
 * remaining rows), in gradient and value-only calls.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { lowerToGraph } from '../../src/compile/compile.js';
import type { ModelData } from '../../src/model/types.js';
import { compileF64 } from '../../src/backends/f64/tape.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import type { UnaryOp } from '../../src/ir/ops.js';

const N = 7;
const D = 3;
// rows give η from −800 to 800 (exp under/overflow), exact zeros and moderate values
const X = Float64Array.from({ length: N * D }, (_, i) =>
  i < D ? 0 : i < 2 * D ? 400 * (i % 2 ? 1 : -1) : Math.sin(5 * i) * 1.3,
);
const Y = Float64Array.of(1, -1, 1, -1, 1, -1, 1);

function graph(op: UnaryOp, squared: boolean, large = false) {
  const ops = new GraphBuilder();
  const beta = ops.param(0, [D]);
  let eta = ops.binary('mul', ops.constant(Y, [N]), ops.matmul(ops.constant(X, [N, D]), beta));
  // a long elementwise chain: the fused product then takes its few-lanes shape
  if (large) for (let t = 0; t < 8; t++) eta = ops.unary('sin', ops.binary('add', eta, ops.constant(0.1 * t)));
  const term = ops.reduce('sum', ops.unary(op, eta));
  const prior = ops.reduce('sum', ops.binary('mul', ops.constant(-0.5), ops.unary('square', beta)));
  const total = ops.reduce('sum', ops.concat([prior, term], [2]));
  return ops.finish(squared ? ops.binary('mul', total, total) : total);
}

function close(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(b[i])) expect(a[i]).toBe(b[i]);
    else expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b[i])));
  }
}

describe('paired value-and-derivative loops and the fused matrix product', () => {
  const cases: { op: UnaryOp; squared: boolean; large: boolean }[] = [];
  for (const op of ['log_inv_logit', 'log1m_inv_logit', 'log1p_exp'] as UnaryOp[]) {
    for (const squared of [false, true]) cases.push({ op, squared, large: false });
  }
  cases.push({ op: 'log_inv_logit', squared: false, large: true });
  for (const { op, squared, large } of cases) {
    test(`${op}${squared ? ' (squared: separate backward)' : ''}${large ? ' (large cluster)' : ''}: fused = unfused, batched = single`, () => {
      const g = graph(op, squared, large);
      for (const chains of [1, 6, 13]) {
        const xs = Float64Array.from({ length: chains * D }, (_, i) =>
          i === 0 ? 2 : i < 3 ? -0.5 : Math.cos(7 * i) * 1.5,
        );
        const fusedTape = compileF64(g, { freshOutputs: true });
        const fused = fusedTape.logDensityAndGradient(xs, chains);
        const plain = compileF64(g, { fuse: false, freshOutputs: true }).logDensityAndGradient(xs, chains);
        close(fused.logDensity, plain.logDensity);
        close(fused.gradient, plain.gradient);
        close(fusedTape.logDensity(xs, chains), plain.logDensity);
        expect(fused.gradient.every(Number.isFinite)).toBe(true);
        const single = compileF64(g, { freshOutputs: true });
        for (let c = 0; c < chains; c++) {
          const one = single.logDensityAndGradient(xs.slice(c * D, (c + 1) * D), 1);
          close(one.logDensity, fused.logDensity.subarray(c, c + 1));
          close(one.gradient, fused.gradient.subarray(c * D, (c + 1) * D));
        }
      }
    });
  }
});

describe('M2 (bench logistic regression, N = 1000, D = 20)', () => {
  test('the fused product matches the unfused tape and single-chain calls to 1e-12 relative', () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench');
    const source = readFileSync(join(dir, 'models', 'm2_logreg.stan'), 'utf8');
    const data = JSON.parse(readFileSync(join(dir, 'data', 'logreg_data.json'), 'utf8')) as ModelData;
    const g = lowerToGraph(source, data, { file: 'm2_logreg.stan' });
    expect(g.nodes.some((n) => n.kind === 'matmul')).toBe(true);
    const chains = 13;
    const xs = Float64Array.from({ length: chains * g.dim }, (_, i) => Math.sin(11 * i) * 0.8);
    const fused = compileF64(g, { freshOutputs: true }).logDensityAndGradient(xs, chains);
    const plain = compileF64(g, { fuse: false, freshOutputs: true }).logDensityAndGradient(xs, chains);
    close(fused.logDensity, plain.logDensity);
    close(fused.gradient, plain.gradient);
    const single = compileF64(g, { freshOutputs: true });
    for (const c of [0, 7, 12]) {
      const one = single.logDensityAndGradient(xs.slice(c * g.dim, (c + 1) * g.dim), 1);
      close(one.logDensity, fused.logDensity.subarray(c, c + 1));
      close(one.gradient, fused.gradient.subarray(c * g.dim, (c + 1) * g.dim));
    }
  });
});
