import { describe, expect, it } from 'vitest';
import { constantProduct, wasmKernelsAvailable, type ProductKind } from '../../src/backends/f64/product.js';
import { productModuleBytes } from '../../src/backends/f64/product-wasm.js';

function numbers(size: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: size }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

/** The naive triple loop: y[c] = A·b[c] ('matvec') or b[c]·A ('vecmat'), and the pulled-back gradient. */
function naive(
  kind: ProductKind,
  A: Float64Array,
  n: number,
  k: number,
  b: Float64Array,
  g: Float64Array,
  chains: number,
) {
  const inSize = kind === 'matvec' ? k : n;
  const outSize = kind === 'matvec' ? n : k;
  const y = new Float64Array(chains * outSize);
  const gb = new Float64Array(chains * inSize);
  for (let c = 0; c < chains; c++)
    for (let i = 0; i < n; i++)
      for (let j = 0; j < k; j++) {
        const a = A[i * k + j];
        if (kind === 'matvec') {
          y[c * n + i] += a * b[c * k + j];
          gb[c * k + j] += a * g[c * n + i];
        } else {
          y[c * k + j] += b[c * n + i] * a;
          gb[c * n + i] += a * g[c * k + j];
        }
      }
  return { y, gb };
}

function run(
  kind: ProductKind,
  kernel: 'js' | 'wasm',
  A: Float64Array,
  n: number,
  k: number,
  b: Float64Array,
  g: Float64Array,
  chains: number,
  c0 = 0,
) {
  const p = constantProduct(kind, A, n, k, c0 + chains, true, kernel);
  expect(p.kernel).toBe(kernel);
  const outSize = kind === 'matvec' ? n : k;
  const inSize = kind === 'matvec' ? k : n;
  const bIn = new Float64Array((c0 + chains) * inSize);
  bIn.set(b, c0 * inSize);
  p.forward(bIn, c0, c0 + chains);
  p.grad!.set(g, c0 * outSize);
  const gb = new Float64Array((c0 + chains) * inSize);
  gb.fill(0.25); // backward adds into what is there
  p.backward(gb, c0, c0 + chains);
  return {
    y: p.value.slice(c0 * outSize, (c0 + chains) * outSize),
    gb: gb.slice(c0 * inSize).map((v) => v - 0.25),
    gbRaw: gb.slice(c0 * inSize),
  };
}

function close(actual: Float64Array, expected: Float64Array, scale: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThanOrEqual(1e-12 * scale);
}

const kernels: ('js' | 'wasm')[] = wasmKernelsAvailable() ? ['js', 'wasm'] : ['js'];
const SHAPES: [number, number][] = [
  [1, 1],
  [1, 2],
  [2, 1],
  [3, 5],
  [7, 3],
  [20, 20],
  [33, 17],
  [130, 9],
  [1000, 20],
  [5, 131],
];

describe('constant-matrix products (f64 kernels)', () => {
  it('the engine runs the WebAssembly SIMD kernels (Node ≥ 20 has them)', () => {
    expect(WebAssembly.validate(productModuleBytes())).toBe(true);
    expect(wasmKernelsAvailable()).toBe(true);
  });

  for (const kind of ['matvec', 'vecmat'] as const)
    for (const kernel of kernels)
      it(`${kind}, ${kernel}: matches the naive triple loop on ragged shapes`, () => {
        let seed = 1;
        for (const [n, k] of SHAPES)
          for (const chains of [1, 3, 5, 9]) {
            const inSize = kind === 'matvec' ? k : n;
            const outSize = kind === 'matvec' ? n : k;
            const A = numbers(n * k, seed++);
            const b = numbers(chains * inSize, seed++);
            const g = numbers(chains * outSize, seed++);
            const ref = naive(kind, A, n, k, b, g, chains);
            const got = run(kind, kernel, A, n, k, b, g, chains, chains % 2);
            // |error| ≤ ~ (terms) · ε · Σ|a·b| ≤ 1e-12 · (number of terms) for entries in (−1, 1)
            close(got.y, ref.y, Math.max(n, k));
            close(got.gb, ref.gb, Math.max(n, k));
          }
      });

  for (const kind of ['matvec', 'vecmat'] as const)
    it(`${kind}: JS and wasm kernels agree bitwise`, () => {
      if (!wasmKernelsAvailable()) return;
      let seed = 100;
      for (const [n, k] of SHAPES) {
        const chains = 6;
        const inSize = kind === 'matvec' ? k : n;
        const outSize = kind === 'matvec' ? n : k;
        const A = numbers(n * k, seed++);
        const b = numbers(chains * inSize, seed++);
        const g = numbers(chains * outSize, seed++);
        const js = run(kind, 'js', A, n, k, b, g, chains);
        const wasm = run(kind, 'wasm', A, n, k, b, g, chains);
        expect(Array.from(wasm.y)).toEqual(Array.from(js.y));
        expect(Array.from(wasm.gbRaw)).toEqual(Array.from(js.gbRaw));
      }
    });

  for (const kind of ['matvec', 'vecmat'] as const)
    for (const kernel of kernels)
      it(`${kind}, ${kernel}: a chain's result is bitwise the same in batches of 1, 3 and 64`, () => {
        const [n, k] = [37, 21];
        const inSize = kind === 'matvec' ? k : n;
        const outSize = kind === 'matvec' ? n : k;
        const A = numbers(n * k, 7);
        const b = numbers(64 * inSize, 8);
        const g = numbers(64 * outSize, 9);
        const all = run(kind, kernel, A, n, k, b, g, 64);
        for (const size of [1, 3]) {
          for (let c0 = 0; c0 + size <= 64; c0 += 13) {
            const part = run(
              kind,
              kernel,
              A,
              n,
              k,
              b.subarray(c0 * inSize, (c0 + size) * inSize),
              g.subarray(c0 * outSize, (c0 + size) * outSize),
              size,
              c0 % 5,
            );
            expect(Array.from(part.y)).toEqual(Array.from(all.y.subarray(c0 * outSize, (c0 + size) * outSize)));
            expect(Array.from(part.gbRaw)).toEqual(Array.from(all.gbRaw.subarray(c0 * inSize, (c0 + size) * inSize)));
          }
        }
      });
});
