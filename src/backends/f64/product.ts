/**
 * Products of a constant data matrix with the chains' batch of vectors, the
 * kernels the tape runs for `matmul` nodes with one constant matrix side:
 *
 *  - 'matvec': A [n, k] · b [k] → y [n]   (X·β: forward rowsDot, gradient colsDot)
 *  - 'vecmat': b [n] · A [n, k] → y [k]   (row vector × matrix: the reverse)
 *
 * Over C chains these are matrix–matrix products (C × k by k × n), run by
 * the WebAssembly SIMD kernels (product-wasm.ts) when the engine has them
 * and by the JS kernels (product-js.ts) otherwise or when asked; both give
 * bitwise the same result per chain for any batch (product-js.ts). With
 * wasm, the node's value and gradient buffers live in the kernel's own
 * memory (no copy out), and the input rows are copied in per call.
 */
import { InternalError } from '../../errors.js';
import { colsDot, rowsDot } from './product-js.js';
import { instantiateProduct, productModule, type WasmProductKernels } from './product-wasm.js';

export type KernelChoice = 'auto' | 'js' | 'wasm';
export type ProductKind = 'matvec' | 'vecmat';

/** Rows of A per cache block of rowsDot: about 16 KiB of A. */
function rowBlock(k: number): number {
  return Math.max(2, 2 * Math.floor(1024 / Math.max(1, k)));
}

/** Whether the WebAssembly SIMD kernels can run here. */
export function wasmKernelsAvailable(): boolean {
  return productModule() !== null;
}

/** The kernel the choice resolves to: `LANGEVIN_F64_KERNEL=js` forces JS under 'auto' (for tests and comparisons). */
export function resolveKernel(choice: KernelChoice = 'auto'): 'js' | 'wasm' {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const forced = choice === 'auto' ? env?.LANGEVIN_F64_KERNEL : choice;
  if (forced === 'js') return 'js';
  if (forced === 'wasm' && !wasmKernelsAvailable())
    throw new InternalError('f64: the WebAssembly SIMD kernels are not available in this engine');
  return wasmKernelsAvailable() ? 'wasm' : 'js';
}

export interface ConstantProduct {
  readonly kernel: 'js' | 'wasm';
  /** capacity × outSize: the node's value (chain-major). */
  readonly value: Float64Array;
  /** capacity × outSize: the node's gradient, when needed. */
  readonly grad: Float64Array | null;
  /** value[c0..c1) from the input rows b (chain-major, inSize each). */
  forward(b: Float64Array, c0: number, c1: number): void;
  /** gb[c0..c1) += the gradient pulled back from `grad`. */
  backward(gb: Float64Array, c0: number, c1: number): void;
}

/**
 * The product for `capacity` chains: A is [n, k] row-major; 'matvec' reads
 * k and writes n values per chain, 'vecmat' reads n and writes k.
 */
export function constantProduct(
  kind: ProductKind,
  A: Float64Array,
  n: number,
  k: number,
  capacity: number,
  withGradient: boolean,
  choice: KernelChoice = 'auto',
): ConstantProduct {
  if (A.length !== n * k || n < 1 || k < 1) throw new InternalError(`f64: bad constant product ${n} × ${k}`);
  const inSize = kind === 'matvec' ? k : n;
  const outSize = kind === 'matvec' ? n : k;
  const kernel = resolveKernel(choice);
  const wasm = kernel === 'wasm' ? wasmProduct(kind, A, n, k, capacity, withGradient, inSize, outSize) : null;
  if (wasm) return wasm;
  const value = new Float64Array(capacity * outSize);
  const grad = withGradient ? new Float64Array(capacity * outSize) : null;
  const work = new Float64Array(4 * Math.max(n, k));
  return {
    kernel: 'js',
    value,
    grad,
    forward(b, c0, c1) {
      if (kind === 'matvec') rowsDot(A, n, k, b, c0 * k, value, c0 * n, c1 - c0, false);
      else colsDot(A, n, k, b, c0 * n, value, c0 * k, c1 - c0, false, work);
    },
    backward(gb, c0, c1) {
      const g = grad as Float64Array;
      if (kind === 'matvec') colsDot(A, n, k, g, c0 * n, gb, c0 * k, c1 - c0, true, work);
      else rowsDot(A, n, k, g, c0 * k, gb, c0 * n, c1 - c0, true);
    },
  };
}

function wasmProduct(
  kind: ProductKind,
  A: Float64Array,
  n: number,
  k: number,
  capacity: number,
  withGradient: boolean,
  inSize: number,
  outSize: number,
): ConstantProduct | null {
  // layout: A | input rows | value | gradient | pulled-back rows (all 8-byte aligned)
  const aAt = 0;
  const inAt = aAt + 8 * n * k;
  const valueAt = inAt + 8 * capacity * inSize;
  const gradAt = valueAt + 8 * capacity * outSize;
  const backAt = gradAt + (withGradient ? 8 * capacity * outSize : 0);
  const end = backAt + (withGradient ? 8 * capacity * inSize : 0);
  const kernels: WasmProductKernels | null = instantiateProduct(end);
  if (!kernels) return null;
  const buffer = kernels.memory.buffer;
  new Float64Array(buffer, aAt, n * k).set(A);
  const input = new Float64Array(buffer, inAt, capacity * inSize);
  const value = new Float64Array(buffer, valueAt, capacity * outSize);
  const grad = withGradient ? new Float64Array(buffer, gradAt, capacity * outSize) : null;
  const back = new Float64Array(buffer, backAt, withGradient ? capacity * inSize : 0);
  const rb = rowBlock(k);
  return {
    kernel: 'wasm',
    value,
    grad,
    forward(b, c0, c1) {
      const o = c0 * inSize;
      for (let i = o, end = c1 * inSize; i < end; i++) input[i] = b[i]; // no subarray: the hot path allocates nothing
      const chains = c1 - c0;
      if (kind === 'matvec') kernels.rows(aAt, inAt + 8 * o, valueAt + 8 * c0 * n, n, k, chains, rb);
      else kernels.cols(aAt, inAt + 8 * o, valueAt + 8 * c0 * k, n, k, chains);
    },
    backward(gb, c0, c1) {
      const o = c0 * inSize;
      const chains = c1 - c0;
      if (kind === 'matvec') kernels.cols(aAt, gradAt + 8 * c0 * n, backAt + 8 * o, n, k, chains);
      else kernels.rows(aAt, gradAt + 8 * c0 * k, backAt + 8 * o, n, k, chains, rb);
      for (let i = o, end = c1 * inSize; i < end; i++) gb[i] += back[i];
    },
  };
}
