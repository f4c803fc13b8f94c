/**
 * A plain-JS Float64 interpreter of a DensityGraph for one chain, and
 * central finite differences of it: the ground truth the tfjs backend is
 * checked against. Scalar functions come from the f64 kernel tables
 * (values only; their hand-written derivatives are not used here).
 */
import { shapeSize, type DensityGraph } from '../../src/ir/ops.js';
import { UNARY_KERNELS } from '../../src/math/unary.js';
import { BINARY_KERNELS } from '../../src/math/binary.js';
import { logSumExp } from '../../src/math/special.js';

function reduce(op: string, v: Float64Array): number {
  switch (op) {
    case 'sum':
      return v.reduce((s, a) => s + a, 0);
    case 'prod':
      return v.reduce((s, a) => s * a, 1);
    case 'max':
      return v.reduce((s, a) => Math.max(s, a), -Infinity);
    case 'min':
      return v.reduce((s, a) => Math.min(s, a), Infinity);
    case 'log_sum_exp':
      return logSumExp(v);
    default:
      throw new Error(`reference: reduce ${op}`);
  }
}

/** Elementwise with scalar broadcasting. */
function broadcast(parts: Float64Array[], f: (...xs: number[]) => number): Float64Array {
  const n = Math.max(...parts.map((p) => p.length));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(...parts.map((p) => (p.length === 1 ? p[0]! : p[i]!)));
  return out;
}

/** Log density of one chain at x (dim values). */
export function referenceLogDensity(graph: DensityGraph, x: ArrayLike<number>, noise = 0): number {
  const v = new Map<number, Float64Array>();
  for (const node of graph.nodes) {
    const ins = node.inputs.map((i) => v.get(i)!);
    const shapeOf = (i: number) => graph.nodes.find((n) => n.id === node.inputs[i])!.shape;
    let out: Float64Array;
    switch (node.kind) {
      case 'constant':
        out = Float64Array.from(node.value!);
        break;
      case 'param':
        out = Float64Array.from(Array.from(x).slice(node.offset!, node.offset! + shapeSize(node.shape)));
        break;
      case 'noise':
        out = Float64Array.of(noise);
        break;
      case 'unary': {
        const f = UNARY_KERNELS[node.op as keyof typeof UNARY_KERNELS].f;
        out = broadcast(ins, f);
        break;
      }
      case 'binary': {
        const f = BINARY_KERNELS[node.op as keyof typeof BINARY_KERNELS].f;
        out = broadcast(ins, f);
        break;
      }
      case 'reduce':
        out = Float64Array.of(reduce(node.op!, ins[0]!));
        break;
      case 'select':
        out = broadcast(ins, (c, a, b) => (c !== 0 ? a! : b!));
        break;
      case 'matmul': {
        const sa = shapeOf(0),
          sb = shapeOf(1);
        const r = sa.length === 2 ? sa[0]! : 1,
          k = sa[sa.length - 1]!,
          c = sb.length === 2 ? sb[1]! : 1;
        out = new Float64Array(r * c);
        for (let i = 0; i < r; i++)
          for (let j = 0; j < c; j++) {
            let s = 0;
            for (let l = 0; l < k; l++) s += ins[0]![i * k + l]! * ins[1]![l * c + j]!;
            out[i * c + j] = s;
          }
        break;
      }
      case 'transpose': {
        const s = shapeOf(0);
        if (s.length < 2) {
          out = ins[0]!;
          break;
        }
        const [r, c] = [s[0]!, s[1]!];
        out = new Float64Array(r * c);
        for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = ins[0]![i * c + j]!;
        break;
      }
      case 'cholesky': {
        const n = shapeOf(0)[0]!;
        const A = ins[0]!;
        out = new Float64Array(n * n);
        for (let j = 0; j < n; j++) {
          let s = A[j * n + j]!;
          for (let k = 0; k < j; k++) s -= out[j * n + k]! ** 2;
          const d = Math.sqrt(s);
          out[j * n + j] = d;
          for (let i = j + 1; i < n; i++) {
            let t = A[i * n + j]!;
            for (let k = 0; k < j; k++) t -= out[i * n + k]! * out[j * n + k]!;
            out[i * n + j] = t / d;
          }
        }
        break;
      }
      case 'triangular_solve_lower': {
        const n = shapeOf(0)[0]!;
        const sb = shapeOf(1);
        const m = sb.length === 2 ? sb[1]! : 1;
        const L = ins[0]!,
          B = ins[1]!;
        out = new Float64Array(n * m);
        for (let l = 0; l < m; l++)
          for (let i = 0; i < n; i++) {
            let s = B[i * m + l]!;
            for (let j = 0; j < i; j++) s -= L[i * n + j]! * out[j * m + l]!;
            out[i * m + l] = s / L[i * n + i]!;
          }
        break;
      }
      case 'gather':
        out = Float64Array.from(node.indices!, (i) => ins[0]![i]!);
        break;
      case 'concat':
        out = Float64Array.from(ins.flatMap((p) => Array.from(p)));
        break;
      case 'reshape':
        out = ins[0]!;
        break;
      case 'fill':
        out = new Float64Array(shapeSize(node.shape)).fill(ins[0]![0]!);
        break;
      default:
        throw new Error(`reference: kind ${(node as { kind: string }).kind}`);
    }
    v.set(node.id, out);
  }
  return v.get(graph.output)![0]!;
}

/** Central-difference gradient of the reference log density at x. */
export function referenceGradient(graph: DensityGraph, x: ArrayLike<number>, noise = 0): Float64Array {
  const g = new Float64Array(x.length);
  const xp = Array.from(x);
  for (let i = 0; i < x.length; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(xp[i]!));
    const orig = xp[i]!;
    xp[i] = orig + h;
    const up = referenceLogDensity(graph, xp, noise);
    xp[i] = orig - h;
    const down = referenceLogDensity(graph, xp, noise);
    xp[i] = orig;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}
