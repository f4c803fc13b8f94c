/**
 * The tape's constant-matrix products (product.ts) inside whole models: a
 * logistic regression (X·β into log_inv_logit) and a row vector times a
 * matrix (β·W) squared. The JS and WebAssembly kernels give bitwise the
 * same log densities and gradients, a chain's results are bitwise the same
 * in batches of 1, 3 and 64 chains, and the gradients match central finite
 * differences.
 */
import { describe, expect, it } from 'vitest';
import { compileF64 } from '../../src/backends/f64/tape.js';
import { wasmKernelsAvailable } from '../../src/backends/f64/product.js';
import { GraphBuilder } from '../../src/ir/graph.js';

function numbers(size: number, seed: number, scale = 1): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: size }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return scale * ((s / 2 ** 32) * 2 - 1);
  });
}

const N = 37;
const D = 21;
const M = 5;

function graph() {
  const ops = new GraphBuilder();
  const beta = ops.param(0, [D]);
  const y = Float64Array.from({ length: N }, (_, i) => (i % 3 === 0 ? -1 : 1));
  const eta = ops.binary('mul', ops.constant(y, [N]), ops.matmul(ops.constant(numbers(N * D, 1), [N, D]), beta));
  const likelihood = ops.reduce('sum', ops.unary('log_inv_logit', eta));
  const prior = ops.reduce('sum', ops.binary('mul', ops.constant(-0.5), ops.unary('square', beta)));
  const projected = ops.matmul(beta, ops.constant(numbers(D * M, 2), [D, M])); // [D]·[D, M] → [M]
  const penalty = ops.reduce('sum', ops.unary('square', projected));
  const total = ops.reduce('sum', ops.concat([prior, likelihood], [2]));
  return ops.finish(ops.binary('sub', total, ops.binary('mul', ops.constant(0.01), penalty)));
}

const bits = (a: Float64Array) => Array.from(a);

describe('constant-matrix products in the f64 tape', () => {
  const g = graph();
  const x = numbers(64 * D, 3, 0.7);

  it('JS and wasm kernels give bitwise the same results', () => {
    if (!wasmKernelsAvailable()) return;
    const js = compileF64(g, { kernel: 'js', freshOutputs: true }).logDensityAndGradient(x, 64);
    const wasm = compileF64(g, { kernel: 'wasm', freshOutputs: true }).logDensityAndGradient(x, 64);
    expect(bits(wasm.logDensity)).toEqual(bits(js.logDensity));
    expect(bits(wasm.gradient)).toEqual(bits(js.gradient));
    const value = compileF64(g, { kernel: 'wasm' }).logDensity(x, 64);
    expect(bits(value)).toEqual(bits(js.logDensity));
  });

  for (const kernel of ['js', 'wasm'] as const)
    it(`${kernel}: a chain's results are bitwise the same in batches of 1, 3 and 64`, () => {
      if (kernel === 'wasm' && !wasmKernelsAvailable()) return;
      const all = compileF64(g, { kernel, freshOutputs: true }).logDensityAndGradient(x, 64);
      const small = compileF64(g, { kernel, freshOutputs: true });
      for (const size of [1, 3])
        for (let c0 = 0; c0 + size <= 64; c0 += 7) {
          const part = small.logDensityAndGradient(x.subarray(c0 * D, (c0 + size) * D), size);
          expect(bits(part.logDensity)).toEqual(bits(all.logDensity.subarray(c0, c0 + size)));
          expect(bits(part.gradient)).toEqual(bits(all.gradient.subarray(c0 * D, (c0 + size) * D)));
        }
    });

  it('gradients match central finite differences', () => {
    const ev = compileF64(g, { freshOutputs: true });
    const chains = 3;
    const at = x.slice(0, chains * D);
    const { gradient } = ev.logDensityAndGradient(at, chains);
    const h = 1e-6;
    for (let c = 0; c < chains; c++)
      for (let j = 0; j < D; j++) {
        const up = at.slice();
        const down = at.slice();
        up[c * D + j] += h;
        down[c * D + j] -= h;
        const fd = (ev.logDensity(up, chains)[c] - ev.logDensity(down, chains)[c]) / (2 * h);
        expect(Math.abs(gradient[c * D + j] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
  });
});
