/**
 * A tiny hand builder of DensityGraphs for the tfjs tests (no folding, no
 * sharing: the graph is exactly what the test writes).
 */
import {
  shapeSize,
  type BinaryOp,
  type DensityGraph,
  type IRNode,
  type NodeSpec,
  type ReduceOp,
  type Shape,
  type UnaryOp,
} from '../../src/ir/ops.js';

export class HandGraph {
  readonly nodes: IRNode[] = [];
  dim = 0;
  private readsNoise = false;

  private add(node: NodeSpec): number {
    const id = this.nodes.length;
    this.nodes.push({ id, ...node } as IRNode);
    return id;
  }
  shape(id: number): Shape {
    return this.nodes[id]!.shape;
  }
  constant(values: ArrayLike<number>, shape: Shape = [values.length]): number {
    if (values.length !== shapeSize(shape)) throw new Error('constant: size mismatch');
    return this.add({ kind: 'constant', inputs: [], shape, value: Float64Array.from(values) });
  }
  scalar(value: number): number {
    return this.constant([value], []);
  }
  param(shape: Shape): number {
    const offset = this.dim;
    this.dim += shapeSize(shape);
    return this.add({ kind: 'param', inputs: [], shape, offset });
  }
  noise(): number {
    this.readsNoise = true;
    return this.add({ kind: 'noise', inputs: [], shape: [] });
  }
  unary(op: UnaryOp, x: number): number {
    return this.add({ kind: 'unary', op, inputs: [x], shape: this.shape(x) });
  }
  binary(op: BinaryOp, a: number, b: number): number {
    const shape = this.shape(a).length > 0 ? this.shape(a) : this.shape(b);
    return this.add({ kind: 'binary', op, inputs: [a, b], shape });
  }
  reduce(op: ReduceOp, x: number): number {
    return this.add({ kind: 'reduce', op, inputs: [x], shape: [] });
  }
  select(c: number, a: number, b: number): number {
    const shape = [c, a, b].map((i) => this.shape(i)).find((s) => s.length > 0) ?? [];
    return this.add({ kind: 'select', inputs: [c, a, b], shape });
  }
  matmul(a: number, b: number): number {
    const sa = this.shape(a);
    const sb = this.shape(b);
    const shape = [...(sa.length === 2 ? [sa[0]!] : []), ...(sb.length === 2 ? [sb[1]!] : [])];
    return this.add({ kind: 'matmul', inputs: [a, b], shape });
  }
  transpose(x: number): number {
    const s = this.shape(x);
    return this.add({ kind: 'transpose', inputs: [x], shape: s.length === 2 ? [s[1]!, s[0]!] : s });
  }
  cholesky(x: number): number {
    return this.add({ kind: 'cholesky', inputs: [x], shape: this.shape(x) });
  }
  triangularSolve(L: number, b: number): number {
    return this.add({ kind: 'triangular_solve_lower', inputs: [L, b], shape: this.shape(b) });
  }
  gather(x: number, indices: number[], shape: Shape = [indices.length]): number {
    return this.add({ kind: 'gather', inputs: [x], shape, indices: Int32Array.from(indices) });
  }
  concat(parts: number[], shape: Shape): number {
    return this.add({ kind: 'concat', inputs: parts, shape });
  }
  reshape(x: number, shape: Shape): number {
    return this.add({ kind: 'reshape', inputs: [x], shape });
  }
  fill(x: number, shape: Shape): number {
    return this.add({ kind: 'fill', inputs: [x], shape });
  }
  /** sum(x) as the output, or x itself when it is already a scalar. */
  build(output: number): DensityGraph {
    const out =
      shapeSize(this.shape(output)) === 1 && this.shape(output).length === 0 ? output : this.reduce('sum', output);
    return { nodes: this.nodes, dim: this.dim, output: out, readsNoise: this.readsNoise };
  }
}
