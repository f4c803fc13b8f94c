/**
 * A DensityGraph lowered to a tfjs program: the constants as tensors
 * (created once), and one kernel per live node, specialised at compile time
 * to its operands' shapes and to which of them carry the chain axis.
 *
 * Batching: a node is batched (its tensor is [C, ...shape]) when it depends
 * on a parameter; otherwise (constants, values of `noise` only) its tensor
 * has the bare per-chain shape and broadcasts over chains.
 */
import * as tf from '@tensorflow/tfjs';
import { InternalError } from '../../errors.js';
import {
  BINARY_OPS,
  REDUCE_OPS,
  TERNARY_OPS,
  UNARY_OPS,
  shapeSize,
  unknownNodeKind,
  type BinaryOp,
  type DensityGraph,
  type IRNode,
  type ReduceOp,
  type ScanNode,
  type TernaryOp,
  type UnaryOp,
} from '../../ir/ops.js';
import { BINARY_KERNELS, REDUCE_KERNELS, TERNARY_KERNELS, UNARY_KERNELS } from './elementwise.js';
import {
  choleskyKernel,
  matmulKernel,
  matmulShape,
  transposeKernel,
  triangularSolveKernel,
  type Operand,
} from './linalg.js';
import {
  alignKernel,
  concatKernel,
  elementwiseShape,
  fillKernel,
  gatherKernel,
  reshapeKernel,
  selectKernel,
} from './structural.js';

type T = tf.Tensor;

/** What one evaluation provides: the chain count, positions [C, dim] and the noise scalar. */
export interface RunContext {
  C: number;
  x: T;
  noise: T;
}

export interface Step {
  id: number;
  inputs: number[];
  run: (args: T[], ctx: RunContext) => T;
}

export interface Program {
  /** Constant tensors by node id. */
  constants: Map<number, T>;
  /** Kernels of the live non-constant nodes, in topological order. */
  steps: Step[];
  output: number;
  /** Whether the output depends on the parameters (else it is the same for every chain). */
  outputBatched: boolean;
  /** Every tensor the program owns (constants, gather indices). */
  owned: T[];
}

/** Nodes the output depends on. */
function liveNodes(graph: DensityGraph, byId: Map<number, IRNode>): Set<number> {
  const live = new Set<number>();
  const stack = [graph.output];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (live.has(id)) continue;
    const node = byId.get(id);
    if (node === undefined) throw new InternalError(`tfjs: node ${id} is referenced but not in the graph`);
    live.add(id);
    stack.push(...node.inputs);
  }
  return live;
}

function checkShapeMatches(node: IRNode, expected: readonly number[]): void {
  const ok = expected.length === node.shape.length && expected.every((d, i) => d === node.shape[i]);
  if (!ok)
    throw new InternalError(`tfjs: node ${node.id} (${node.kind}) has shape [${node.shape}], expected [${expected}]`);
}

function opOf<K extends string>(node: IRNode, list: readonly K[]): K {
  const op = 'op' in node ? (node.op as K) : undefined;
  if (op === undefined || !list.includes(op)) {
    throw new InternalError(`tfjs: node ${node.id} (${node.kind}) has unknown op '${String(op)}'`);
  }
  return op;
}

/** Build one node's kernel, given its inputs' operand descriptions. */
function nodeStep(node: IRNode, ins: Operand[], owned: T[], dim: number): Step['run'] {
  const shape = node.shape;
  switch (node.kind) {
    case 'param': {
      const offset = node.offset;
      const size = shapeSize(shape);
      if (offset === undefined || offset < 0 || offset + size > dim) {
        throw new InternalError(`tfjs: param node ${node.id} slice [${offset}, +${size}) is outside 0..${dim}`);
      }
      if (offset === 0 && size === dim) return (_a, { C, x }) => tf.reshape(x, [C, ...shape]);
      return (_a, { C, x }) => tf.reshape(tf.slice(x, [0, offset], [C, size]), [C, ...shape]);
    }
    case 'noise':
      checkShapeMatches(node, []);
      return (_a, { noise }) => noise;
    case 'unary': {
      const f = UNARY_KERNELS[opOf<UnaryOp>(node, UNARY_OPS)];
      checkShapeMatches(node, ins[0]!.shape);
      return ([x]) => f(x!);
    }
    case 'binary': {
      const f = BINARY_KERNELS[opOf<BinaryOp>(node, BINARY_OPS)];
      const out = elementwiseShape(`binary ${node.op}`, [ins[0]!.shape, ins[1]!.shape]);
      checkShapeMatches(node, out);
      const alignA = alignKernel(ins[0]!, out.length);
      const alignB = alignKernel(ins[1]!, out.length);
      return ([a, b], { C }) => f(alignA(a!, C), alignB(b!, C));
    }
    case 'ternary': {
      const f = TERNARY_KERNELS[opOf<TernaryOp>(node, TERNARY_OPS)];
      const out = elementwiseShape(
        `ternary ${node.op}`,
        ins.map((o) => o.shape),
      );
      checkShapeMatches(node, out);
      const [alignA, alignB, alignC] = ins.map((o) => alignKernel(o, out.length)) as [
        ReturnType<typeof alignKernel>,
        ReturnType<typeof alignKernel>,
        ReturnType<typeof alignKernel>,
      ];
      return ([a, b, c], { C }) => f(alignA(a!, C), alignB(b!, C), alignC(c!, C));
    }
    case 'reduce': {
      const f = REDUCE_KERNELS[opOf<ReduceOp>(node, REDUCE_OPS)];
      checkShapeMatches(node, []);
      const x = ins[0]!;
      const n = shapeSize(x.shape);
      return x.batched ? ([t], { C }) => f(tf.reshape(t!, [C, n]), 1) : ([t]) => f(tf.reshape(t!, [n]), 0);
    }
    case 'select': {
      const k = selectKernel(ins[0]!, ins[1]!, ins[2]!);
      checkShapeMatches(
        node,
        elementwiseShape(
          'select',
          ins.map((o) => o.shape),
        ),
      );
      return ([c, a, b], { C }) => k(c!, a!, b!, C);
    }
    case 'matmul': {
      checkShapeMatches(node, matmulShape(ins[0]!.shape, ins[1]!.shape));
      const k = matmulKernel(ins[0]!, ins[1]!);
      return ([a, b], { C }) => k(a!, b!, C);
    }
    case 'transpose': {
      const x = ins[0]!;
      checkShapeMatches(node, x.shape.length === 2 ? [x.shape[1]!, x.shape[0]!] : x.shape);
      const k = transposeKernel(x);
      return ([t]) => k(t!);
    }
    case 'cholesky': {
      checkShapeMatches(node, ins[0]!.shape);
      const k = choleskyKernel(ins[0]!);
      return ([t]) => k(t!);
    }
    case 'triangular_solve_lower': {
      checkShapeMatches(node, ins[1]!.shape);
      const k = triangularSolveKernel(ins[0]!, ins[1]!);
      return ([l, b]) => k(l!, b!);
    }
    case 'gather': {
      if (node.indices === undefined) throw new InternalError(`tfjs: gather node ${node.id} has no indices`);
      const { kernel, tensors } = gatherKernel(ins[0]!, node.indices, shape);
      owned.push(...tensors);
      return ([t], { C }) => kernel(t!, C);
    }
    case 'concat': {
      const k = concatKernel(ins, shape);
      return (ts, { C }) => k(ts, C);
    }
    case 'reshape': {
      const k = reshapeKernel(ins[0]!, shape);
      return ([t], { C }) => k(t!, C);
    }
    case 'fill': {
      const k = fillKernel(ins[0]!, shape);
      return ([t], { C }) => k(t!, C);
    }
    case 'scan':
      return scanKernel(node, ins, owned);
    case 'constant':
      throw new InternalError('tfjs: constants are not steps');
    default:
      return unknownNodeKind(node, 'tfjs');
  }
}

/**
 * A scan: its body's ops run step by step on tensors and the carries are
 * stacked; tf's autodiff differentiates through the steps.
 */
function scanKernel(node: ScanNode, ins: Operand[], owned: T[]): Step['run'] {
  const body = buildProgram(node.body, true);
  owned.push(...body.owned);
  const T = node.length;
  const batchedAny = ins.some((o) => o.batched);
  return (args, { C, noise }) => {
    const n = batchedAny ? C : 1;
    // every input as [n, size], a sequence as [n, T, slice]
    const flat = args.map((a, k) => {
      const size = shapeSize(ins[k]!.shape);
      const b = ins[k]!.batched ? a : tf.broadcastTo(tf.reshape(a, [1, size]), [n, size]);
      return tf.reshape(b, [n, size]);
    });
    const [init, ...rest] = flat;
    const seqs = rest.slice(0, node.sequences).map((q) => tf.reshape(q, [n, T, q.shape[1]! / T]));
    const closures = rest.slice(node.sequences);
    let carry = init!;
    const outs: T[] = [];
    for (let t = 0; t < T; t++) {
      const slices = seqs.map((q) => tf.reshape(tf.slice(q, [0, t, 0], [n, 1, q.shape[2]!]), [n, q.shape[2]!]));
      const x = tf.concat([carry, ...slices, ...closures], 1);
      const next = runProgram(body, { C: n, x, noise });
      const size = shapeSize(init!.shape.slice(1));
      carry = body.outputBatched ? tf.reshape(next, [n, size]) : tf.broadcastTo(tf.reshape(next, [1, size]), [n, size]);
      outs.push(carry);
    }
    const stacked = tf.stack(outs, 1);
    return batchedAny ? tf.reshape(stacked, [C, ...node.shape]) : tf.reshape(stacked, [...node.shape]);
  };
}

/** Lower a density graph to a program; the caller disposes `owned`. A scan body's output may have any shape. */
export function buildProgram(graph: DensityGraph, anyOutput = false): Program {
  const byId = new Map<number, IRNode>();
  for (const node of graph.nodes) byId.set(node.id, node);
  const out = byId.get(graph.output);
  if (out === undefined || (!anyOutput && shapeSize(out.shape) !== 1)) {
    throw new InternalError('tfjs: the graph output must be a scalar node');
  }
  const live = liveNodes(graph, byId);
  const batched = new Map<number, boolean>();
  const constants = new Map<number, T>();
  const owned: T[] = [];
  const steps: Step[] = [];
  try {
    for (const node of graph.nodes) {
      if (!live.has(node.id)) continue;
      for (const i of node.inputs) {
        if (!batched.has(i)) throw new InternalError(`tfjs: node ${node.id} uses node ${i} before it is defined`);
      }
      if (node.kind === 'constant') {
        const value = node.value;
        if (value === undefined || value.length !== shapeSize(node.shape)) {
          throw new InternalError(`tfjs: constant node ${node.id} has no value of shape [${node.shape}]`);
        }
        const t = tf.tensor(new Float32Array(value), [...node.shape], 'float32');
        constants.set(node.id, t);
        owned.push(t);
        batched.set(node.id, false);
        continue;
      }
      const ins: Operand[] = node.inputs.map((i) => ({ shape: byId.get(i)!.shape, batched: batched.get(i)! }));
      batched.set(node.id, node.kind === 'param' || ins.some((o) => o.batched));
      steps.push({ id: node.id, inputs: node.inputs, run: nodeStep(node, ins, owned, graph.dim) });
    }
  } catch (e) {
    for (const t of owned) t.dispose();
    throw e;
  }
  return { constants, steps, output: graph.output, outputBatched: batched.get(graph.output)!, owned };
}

/** Run the program: the output, [C] when batched, a scalar otherwise. Call inside tf.tidy. */
export function runProgram(program: Program, ctx: RunContext): T {
  const values = new Map<number, T>(program.constants);
  for (const step of program.steps) {
    values.set(
      step.id,
      step.run(
        step.inputs.map((i) => values.get(i)!),
        ctx,
      ),
    );
  }
  return values.get(program.output)!;
}
