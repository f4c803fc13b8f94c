/**
 * GraphBuilder: the `Ops` implementation that traces a log density into a
 * DensityGraph. Constants fold eagerly through the kernels of src/math
 * (the code the f64 backend runs, here for one "chain"); anything touching
 * a parameter or `noise` becomes a node. Identical nodes are shared
 * (common subexpressions), and `finish` drops nodes the output does not use.
 */
import { InternalError } from '../errors.js';
import { nodeStep } from '../math/node-step.js';
import { evaluateScan } from './scan-eval.js';
import {
  BINARY_OPS,
  REDUCE_OPS,
  TERNARY_OPS,
  UNARY_OPS,
  shapeSize,
  type BinaryOp,
  type DensityGraph,
  type IRNode,
  type NodeSpec,
  type Ops,
  type ReduceOp,
  type ScanSpec,
  type Shape,
  type TernaryOp,
  type UnaryOp,
  type Val,
} from './ops.js';

const UNARY = new Set<string>(UNARY_OPS);
const BINARY = new Set<string>(BINARY_OPS);
const REDUCE = new Set<string>(REDUCE_OPS);
const TERNARY = new Set<string>(TERNARY_OPS);

/** Omit over each member of a union (plain Omit merges the members). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function fail(op: string, message: string): never {
  throw new InternalError(`${op}: ${message}`);
}

function showShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function checkShape(op: string, shape: Shape): void {
  for (const d of shape) if (!Number.isInteger(d) || d < 0) fail(op, `bad shape ${showShape(shape)}`);
}

export interface FinishOptions {
  /** Number of unconstrained parameters (default: the extent of the param nodes). */
  dim?: number;
}

export class GraphBuilder implements Ops {
  private readonly nodes: IRNode[] = [];
  /** Node id of each constant array already in the graph. */
  private readonly constantIds = new Map<Float64Array, number>();
  /** Structural keys of nodes, for sharing identical ones. */
  private readonly keys = new Map<string, number>();
  private noiseVal: Val | undefined;
  private paramExtent = 0;

  // ------------------------------------------------------------ leaves

  constant(value: number | ArrayLike<number>, shape?: Shape): Val {
    if (typeof value === 'number') {
      const s = shape ?? [];
      checkShape('constant', s);
      if (shapeSize(s) !== 1) return this.fill(this.constant(value), s);
      return { shape: s, constant: Float64Array.of(value) };
    }
    const s = shape ?? [value.length];
    checkShape('constant', s);
    if (shapeSize(s) !== value.length) fail('constant', `${value.length} values for shape ${showShape(s)}`);
    return { shape: [...s], constant: Float64Array.from(value) };
  }

  /** The slice [offset, offset + size) of the unconstrained vector, as a value of `shape`. */
  param(offset: number, shape: Shape): Val {
    checkShape('param', shape);
    if (!Number.isInteger(offset) || offset < 0) fail('param', `bad offset ${offset}`);
    this.paramExtent = Math.max(this.paramExtent, offset + shapeSize(shape));
    return this.add({ kind: 'param', inputs: [], shape: [...shape], offset }, `param|${offset}|${shape.join(',')}`);
  }

  /** The reserved scalar `noise` (the annealed sampler's σ; 0 otherwise). */
  noise(): Val {
    if (!this.noiseVal) this.noiseVal = this.add({ kind: 'noise', inputs: [], shape: [] }, 'noise');
    return this.noiseVal;
  }

  isConstant(v: Val): boolean {
    return v.constant !== undefined;
  }

  size(v: Val): number {
    return shapeSize(v.shape);
  }

  // ------------------------------------------------------------ elementwise

  unary(op: UnaryOp, x: Val): Val {
    if (!UNARY.has(op)) fail('unary', `unknown op '${op}'`);
    this.check(op, x);
    return this.make({ kind: 'unary', op, shape: x.shape }, [x]);
  }

  binary(op: BinaryOp, a: Val, b: Val): Val {
    if (!BINARY.has(op)) fail('binary', `unknown op '${op}'`);
    this.check(op, a);
    this.check(op, b);
    const shape = broadcastShape(op, [a.shape, b.shape]);
    return this.make({ kind: 'binary', op, shape }, [a, b]);
  }

  ternary(op: TernaryOp, a: Val, b: Val, c: Val): Val {
    if (!TERNARY.has(op)) fail('ternary', `unknown op '${op}'`);
    this.check(op, a);
    this.check(op, b);
    this.check(op, c);
    const shape = broadcastShape(op, [a.shape, b.shape, c.shape]);
    return this.make({ kind: 'ternary', op, shape }, [a, b, c]);
  }

  reduce(op: ReduceOp, x: Val): Val {
    if (!REDUCE.has(op)) fail('reduce', `unknown op '${op}'`);
    this.check(op, x);
    return this.make({ kind: 'reduce', op, shape: [] }, [x]);
  }

  select(cond: Val, a: Val, b: Val): Val {
    this.check('select', cond);
    this.check('select', a);
    this.check('select', b);
    const shape = broadcastShape('select', [cond.shape, a.shape, b.shape]);
    // a known, uniform condition picks a branch outright
    if (cond.constant) {
      const c = cond.constant;
      const allTrue = c.every((t) => t !== 0 && !Number.isNaN(t));
      const allFalse = c.every((t) => t === 0);
      if (allTrue || allFalse) {
        const pick = allTrue ? a : b;
        return sameShape(pick.shape, shape) ? pick : this.fill(pick, shape);
      }
    }
    return this.make({ kind: 'select', shape }, [cond, a, b]);
  }

  // ------------------------------------------------------------ linear algebra

  matmul(a: Val, b: Val): Val {
    this.check('matmul', a);
    this.check('matmul', b);
    const ra = a.shape.length;
    const rb = b.shape.length;
    if (ra < 1 || ra > 2 || rb < 1 || rb > 2)
      fail('matmul', `needs vectors or matrices, got ${showShape(a.shape)} and ${showShape(b.shape)}`);
    const k = ra === 2 ? a.shape[1] : a.shape[0];
    if (k !== b.shape[0]) fail('matmul', `inner sizes differ: ${showShape(a.shape)} · ${showShape(b.shape)}`);
    const shape: number[] = [];
    if (ra === 2) shape.push(a.shape[0]);
    if (rb === 2) shape.push(b.shape[1]);
    return this.make({ kind: 'matmul', shape }, [a, b]);
  }

  transpose(x: Val): Val {
    this.check('transpose', x);
    if (x.shape.length < 2) return x;
    if (x.shape.length !== 2) fail('transpose', `needs a matrix, got ${showShape(x.shape)}`);
    return this.make({ kind: 'transpose', shape: [x.shape[1], x.shape[0]] }, [x]);
  }

  cholesky(x: Val): Val {
    this.check('cholesky', x);
    if (x.shape.length !== 2 || x.shape[0] !== x.shape[1])
      fail('cholesky', `needs a square matrix, got ${showShape(x.shape)}`);
    return this.make({ kind: 'cholesky', shape: x.shape }, [x]);
  }

  triangularSolveLower(L: Val, b: Val): Val {
    this.check('triangularSolveLower', L);
    this.check('triangularSolveLower', b);
    if (L.shape.length !== 2 || L.shape[0] !== L.shape[1])
      fail('triangularSolveLower', `L must be square, got ${showShape(L.shape)}`);
    if (b.shape.length < 1 || b.shape.length > 2 || b.shape[0] !== L.shape[0]) {
      fail('triangularSolveLower', `b ${showShape(b.shape)} does not match L ${showShape(L.shape)}`);
    }
    return this.make({ kind: 'triangular_solve_lower', shape: b.shape }, [L, b]);
  }

  // ------------------------------------------------------------ structure

  gather(x: Val, indices: Int32Array, shape: Shape): Val {
    this.check('gather', x);
    checkShape('gather', shape);
    if (shapeSize(shape) !== indices.length) fail('gather', `${indices.length} indices for shape ${showShape(shape)}`);
    const n = shapeSize(x.shape);
    for (const i of indices) if (i < 0 || i >= n) fail('gather', `index ${i} out of range for size ${n}`);
    // the whole value in order is a reshape
    if (indices.length === n && indices.every((v, i) => v === i)) return this.reshape(x, shape);
    const idx = Int32Array.from(indices);
    return this.make({ kind: 'gather', shape, indices: idx }, [x]);
  }

  concat(parts: Val[], shape: Shape): Val {
    checkShape('concat', shape);
    let total = 0;
    for (const p of parts) {
      this.check('concat', p);
      total += shapeSize(p.shape);
    }
    if (total !== shapeSize(shape))
      fail('concat', `parts have ${total} elements, shape ${showShape(shape)} needs ${shapeSize(shape)}`);
    const nonEmpty = parts.filter((p) => shapeSize(p.shape) > 0);
    if (nonEmpty.length === 1) return this.reshape(nonEmpty[0], shape);
    if (nonEmpty.length === 0) return { shape: [...shape], constant: new Float64Array(0) };
    return this.make({ kind: 'concat', shape }, nonEmpty);
  }

  reshape(x: Val, shape: Shape): Val {
    this.check('reshape', x);
    checkShape('reshape', shape);
    if (shapeSize(shape) !== shapeSize(x.shape))
      fail('reshape', `${showShape(x.shape)} to ${showShape(shape)} changes the size`);
    if (sameShape(x.shape, shape)) return x;
    if (x.constant) return { shape: [...shape], constant: x.constant };
    // reshape of a reshape: go to the source
    const node = this.nodes[x.node as number];
    const source = node.kind === 'reshape' ? this.nodes[node.inputs[0]] : node;
    if (sameShape(source.shape, shape)) return { shape: source.shape, node: source.id };
    return this.add(
      { kind: 'reshape', inputs: [source.id], shape: [...shape] },
      `reshape|${source.id}|${shape.join(',')}`,
    );
  }

  fill(x: Val, shape: Shape): Val {
    this.check('fill', x);
    checkShape('fill', shape);
    if (shapeSize(x.shape) !== 1) fail('fill', `needs a scalar, got ${showShape(x.shape)}`);
    if (sameShape(x.shape, shape)) return x;
    if (shapeSize(shape) === 1) return this.reshape(x, shape);
    return this.make({ kind: 'fill', shape }, [x]);
  }

  // ------------------------------------------------------------ recurrences

  /** A scan (ScanSpec); folded by running the body when every input is a constant. */
  scan(spec: ScanSpec): Val {
    const { body, length, init, sequences, closures } = spec;
    const inputs = [init, ...sequences, ...closures];
    for (const v of inputs) this.check('scan', v);
    if (!Number.isInteger(length) || length < 1) fail('scan', `bad length ${length}`);
    const cs = shapeSize(init.shape);
    const out = body.nodes[body.output];
    if (!out || shapeSize(out.shape) !== cs) fail('scan', `the body's output does not match the carry's size ${cs}`);
    let need = cs;
    for (const q of sequences) {
      if (q.shape[0] !== length) fail('scan', `sequence ${showShape(q.shape)} is not ${length} steps long`);
      need += shapeSize(q.shape) / length;
    }
    for (const c of closures) need += shapeSize(c.shape);
    if (need !== body.dim) fail('scan', `the body reads ${body.dim} values, its inputs give ${need}`);
    const shape = [length, ...init.shape];
    if (inputs.every((v) => v.constant !== undefined)) {
      const value = evaluateScan(
        body,
        length,
        inputs.map((v) => v.constant as Float64Array),
        sequences.length,
      );
      return { shape, constant: value };
    }
    const ids = inputs.map((v) => this.nodeOf(v));
    return this.add({ kind: 'scan', inputs: ids, shape, body, length, sequences: sequences.length }, undefined);
  }

  // ------------------------------------------------------------ finishing

  /**
   * A graph computing `output` of any shape (a scan's body): like `finish`,
   * but the output keeps its shape.
   */
  finishValue(output: Val, dim: number): DensityGraph {
    if (output.constant) {
      return {
        nodes: [{ id: 0, kind: 'constant', inputs: [], shape: [...output.shape], value: output.constant }],
        dim,
        output: 0,
        readsNoise: false,
      };
    }
    const { nodes, out } = this.live(this.nodeOf(output));
    return { nodes, dim, output: out, readsNoise: nodes.some((n) => n.kind === 'noise') };
  }

  private live(output: number): { nodes: IRNode[]; out: number } {
    const live = new Array<boolean>(this.nodes.length).fill(false);
    live[output] = true;
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      if (live[i]) for (const j of this.nodes[i].inputs) live[j] = true;
    }
    const renumber = new Int32Array(this.nodes.length).fill(-1);
    const nodes: IRNode[] = [];
    for (const node of this.nodes) {
      if (!live[node.id]) continue;
      renumber[node.id] = nodes.length;
      nodes.push({ ...node, id: nodes.length, inputs: node.inputs.map((i) => renumber[i]) });
    }
    return { nodes, out: renumber[output] };
  }

  /**
   * The density graph computing `output` (a scalar): nodes the output does
   * not use are dropped and the rest renumbered in order. A constant output
   * gives a graph of one constant node.
   */
  finish(output: Val, options: FinishOptions = {}): DensityGraph {
    if (shapeSize(output.shape) !== 1)
      fail('finish', `the log density must be a scalar, got ${showShape(output.shape)}`);
    const dim = options.dim ?? this.paramExtent;
    if (dim < this.paramExtent) fail('finish', `dim ${dim} is smaller than the parameters' extent ${this.paramExtent}`);
    if (output.constant) {
      return {
        nodes: [{ id: 0, kind: 'constant', inputs: [], shape: [], value: Float64Array.of(output.constant[0]) }],
        dim,
        output: 0,
        readsNoise: false,
      };
    }
    const live = new Array<boolean>(this.nodes.length).fill(false);
    live[output.node as number] = true;
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      if (live[i]) for (const j of this.nodes[i].inputs) live[j] = true;
    }
    const renumber = new Int32Array(this.nodes.length).fill(-1);
    const nodes: IRNode[] = [];
    for (const node of this.nodes) {
      if (!live[node.id]) continue;
      renumber[node.id] = nodes.length;
      nodes.push({ ...node, id: nodes.length, inputs: node.inputs.map((i) => renumber[i]) });
    }
    let out = renumber[output.node as number];
    if (!sameShape(nodes[out].shape, [])) {
      nodes.push({ id: nodes.length, kind: 'reshape', inputs: [out], shape: [] });
      out = nodes.length - 1;
    }
    return { nodes, dim, output: out, readsNoise: nodes.some((n) => n.kind === 'noise') };
  }

  // ------------------------------------------------------------ internals

  private check(op: string, v: Val): void {
    if (v.constant === undefined) {
      if (v.node === undefined || !this.nodes[v.node])
        fail(op, 'value belongs to no graph (neither constant nor node)');
      if (!sameShape(this.nodes[v.node].shape, v.shape) && shapeSize(this.nodes[v.node].shape) !== shapeSize(v.shape)) {
        fail(op, `value shape ${showShape(v.shape)} disagrees with its node`);
      }
    } else if (v.constant.length !== shapeSize(v.shape)) {
      fail(op, `constant of ${v.constant.length} values has shape ${showShape(v.shape)}`);
    }
  }

  /** Fold when every input is constant, else add (or reuse) a node. */
  private make(spec: DistributiveOmit<NodeSpec, 'inputs'>, inputs: Val[]): Val {
    if (inputs.every((v) => v.constant !== undefined)) return this.fold(spec, inputs);
    const ids = inputs.map((v) => this.nodeOf(v));
    const key =
      spec.kind === 'gather'
        ? undefined // gathers are rarely repeated; skip hashing their indices
        : `${spec.kind}|${'op' in spec ? spec.op : ''}|${ids.join(',')}|${spec.shape.join(',')}`;
    return this.add({ ...spec, shape: [...spec.shape], inputs: ids } as NodeSpec, key);
  }

  private fold(spec: DistributiveOmit<NodeSpec, 'inputs'>, inputs: Val[]): Val {
    const out = new Float64Array(shapeSize(spec.shape));
    const node = { ...spec, id: -1, inputs: [] } as IRNode;
    const step = nodeStep(
      node,
      inputs.map((v) => ({ value: v.constant as Float64Array, shape: v.shape, batched: true, grad: null })),
      out,
      null,
    );
    step.forward(0, 1);
    return { shape: [...spec.shape], constant: out };
  }

  /** The node id of a value, adding a 'constant' node for a constant. */
  private nodeOf(v: Val): number {
    if (v.constant === undefined) {
      const node = this.nodes[v.node as number];
      // a value whose shape differs from its node's (same size) is a reshape
      if (!sameShape(node.shape, v.shape))
        return this.nodeOf(this.reshape({ shape: node.shape, node: node.id }, v.shape));
      return node.id;
    }
    let id = this.constantIds.get(v.constant);
    if (id === undefined || !sameShape(this.nodes[id].shape, v.shape)) {
      id = this.nodes.length;
      this.nodes.push({ id, kind: 'constant', inputs: [], shape: [...v.shape], value: v.constant });
      this.constantIds.set(v.constant, id);
    }
    return id;
  }

  private add(spec: NodeSpec, key: string | undefined): Val {
    if (key !== undefined) {
      const existing = this.keys.get(key);
      if (existing !== undefined) return { shape: this.nodes[existing].shape, node: existing };
    }
    const id = this.nodes.length;
    const node = { ...spec, id } as IRNode;
    this.nodes.push(node);
    if (key !== undefined) this.keys.set(key, id);
    return { shape: node.shape, node: id };
  }
}

/** Result shape of an elementwise op: equal shapes, or scalars broadcast to the one non-scalar shape. */
function broadcastShape(op: string, shapes: Shape[]): Shape {
  let result: Shape | undefined;
  for (const s of shapes) {
    if (s.length === 0) continue;
    if (result === undefined) result = s;
    else if (!sameShape(result, s)) fail(op, `shapes ${shapes.map(showShape).join(' and ')} do not broadcast`);
  }
  return result ?? [];
}
