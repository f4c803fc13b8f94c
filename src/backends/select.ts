/**
 * The `auto` backend rule: which backend evaluates a density graph faster
 * for a given number of chains.
 *
 * Measured (npm run bench, Node 20, 2 cores, CPU-time clock; gradient
 * evaluations per second of logDensityAndGradient, f64 vs tfjs-wasm):
 *   100-d Gaussian (elementwise only):  4 chains 1.79M vs 11k, 64: 3.46M vs 230k,
 *                                       256: 3.54M vs 977k, 1024: 3.16M vs 1.41M
 *   eight schools (10 params, 57 nodes): 64 chains 2.1M vs 48k (full lmc step)
 *   2-d double well, 10 000 chains:      10.3M vs 4.6M (full lmc step)
 *   logistic regression N=1000, D=20 (a 1000×20 matrix-vector product,
 *   20 000 multiply-adds per chain):    4 chains 13.8k vs 1.9k, 8: 13.0k vs 6.3k,
 *                                       16: 13.4k vs 9.9k, 32: 12.8k vs 14.5k,
 *                                       64: 12.9k vs 17.7k, 128: 13.0k vs 20.9k
 * Update (f64 fused constant-matrix products, see docs/performance.md): the
 * f64 logistic regression went to 32k at 4 and at 64 chains (tfjs 5.4k and
 * 23k), so tfjs no longer won any measured case when the product fused.
 * Update (issue 12, WebAssembly SIMD product kernels for every constant
 * matrix times the chains' vectors, intercept or not; 2026-12-06, loaded
 * machine, CPU time, logDensityAndGradient): M2 f64 vs tfjs 24.7k vs 8.2k
 * at 64 chains, 24.3k vs 14.3k at 256, 23.8k vs 15.9k at 1024, 24.9k vs
 * 16.3k at 4096. tfjs's GEMM no longer catches up within the measured
 * range, so it is chosen for matrix-heavy graphs only from 16 384 chains.
 *
 * tfjs pays a fixed cost per op and call (≈ 30 µs per graph op: 1.3 ms a
 * call for the 40 ops of eight schools) that only
 * batched matrix products, run as one wasm GEMM over all chains, repay: f64
 * wins every elementwise model at every chain count measured (up to 1024 and
 * 10 000), tfjs wins the matrix-heavy model from ≈ 24 chains on.
 */
import type { DensityGraph, IRNode } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';

/** Multiply-adds per chain above which a graph counts as matrix-heavy. */
const MATMUL_WORK_PER_CHAIN = 5000;
/** Share of the per-chain work that matrix products must make up. */
const MATMUL_SHARE = 0.5;
/** Chains from which tfjs is chosen for a matrix-heavy graph (see above). */
const MIN_CHAINS_FOR_TFJS = 16384;

/** Per-chain work of a node for the f64 tape, in multiply-adds (forward). */
function work(node: IRNode, nodes: IRNode[]): number {
  if (node.kind === 'matmul') {
    const [a, b] = node.inputs.map((i) => nodes[i].shape);
    const inner = a.length === 0 ? 1 : a[a.length - 1];
    return shapeSize(node.shape) * inner || shapeSize(b);
  }
  if (node.kind === 'constant') return 0;
  return shapeSize(node.shape);
}

/** The faster backend for `graph` evaluated on `chains` chains at once. */
export function chooseBackend(graph: DensityGraph, chains: number): 'f64' | 'tfjs' {
  let total = 0;
  let matmul = 0;
  for (const node of graph.nodes) {
    const w = work(node, graph.nodes);
    total += w;
    // only products that depend on the parameters cost anything at run time
    if (node.kind === 'matmul' && node.inputs.some((i) => graph.nodes[i].kind !== 'constant')) matmul += w;
  }
  const matrixHeavy = matmul >= MATMUL_WORK_PER_CHAIN && matmul >= MATMUL_SHARE * total;
  return matrixHeavy && chains >= MIN_CHAINS_FOR_TFJS ? 'tfjs' : 'f64';
}
