/**
 * One node of the density graph as a pair of batched closures over its
 * buffers: `forward(c0, c1)` fills the output of chains [c0, c1) from the
 * inputs, `backward(c0, c1)` adds the output's gradient, pulled back, into
 * the inputs' gradients. The tape builds one per node; constant folding
 * builds one and runs it for the single chain [0, 1).
 * 'constant', 'param', 'noise' and 'reshape' need no step (the tape
 * handles them: they are data, inputs or aliases).
 */
import { InternalError } from '../errors.js';
import type { BinaryOp, IRNode, ReduceOp, TernaryOp, UnaryOp } from '../ir/ops.js';
import { shapeSize, type Shape } from './shape.js';
import { BINARY_KERNELS } from './binary.js';
import * as linalg from './linalg.js';
import {
  binaryBackwardLoop,
  binaryForwardLoop,
  unaryBackwardLoop,
  unaryForwardLoop,
  type OperandMode,
} from './loops.js';
import { REDUCE_KERNELS } from './reduce.js';
import * as structural from './structural.js';
import { TERNARY_KERNELS, ternaryBackward, ternaryForward } from './ternary.js';
import { UNARY_KERNELS } from './unary.js';

export interface StepInput {
  value: Float64Array;
  shape: Shape;
  /** C chain-major copies (a node) or one shared copy (a constant). */
  batched: boolean;
  /** Where to add this input's gradient; null when not needed. */
  grad: Float64Array | null;
  /**
   * Set for a parameter that fused steps read in place from the positions x:
   * element i of chain c is at c·stride + offset + i of `value` (x) and of
   * `grad` (the result gradient). Only fused steps accept such inputs.
   */
  strided?: { offset: number; stride: number };
}

/** Runs one primitive on the chains [c0, c1). */
export type ChainStep = (c0: number, c1: number) => void;

export interface NodeStep {
  forward: ChainStep;
  /** Absent when no input needs a gradient (or the op has none). */
  backward?: ChainStep;
  /**
   * Forward and this node's whole backward at once (its adjoint is a known
   * constant); a gradient pass then runs this instead of forward and backward.
   */
  forwardWithGradient?: ChainStep;
  /**
   * The array the step reads its input buffers from, when it reads them
   * through one (fused steps): the tape may swap an entry per call, e.g. to
   * read the positions x in place instead of a copy.
   */
  inputValues?: Float64Array[];
}

/** The batched step of node `node` writing `out` (and reading `gOut` backward). */
export function nodeStep(node: IRNode, inputs: StepInput[], out: Float64Array, gOut: Float64Array | null): NodeStep {
  const n = shapeSize(node.shape);
  const needs = inputs.some((x) => x.grad !== null) && gOut !== null;
  switch (node.kind) {
    case 'unary': {
      const op = node.op as UnaryOp;
      const kernel = UNARY_KERNELS[op];
      if (!kernel) throw new InternalError(`f64: unknown unary op '${op}'`);
      const [x] = inputs;
      const fwd = unaryForwardLoop(op, kernel);
      const bwd = unaryBackwardLoop(op, kernel);
      const step: NodeStep = { forward: (c0, c1) => fwd(x.value, out, c0 * n, c1 * n) };
      if (needs && bwd && x.grad) {
        const gx = x.grad;
        const g = gOut as Float64Array;
        step.backward = (c0, c1) => bwd(x.value, out, g, gx, c0 * n, c1 * n);
      }
      return step;
    }
    case 'binary': {
      const op = node.op as BinaryOp;
      const kernel = BINARY_KERNELS[op];
      if (!kernel) throw new InternalError(`f64: unknown binary op '${op}'`);
      const [a, b] = inputs;
      const ma = modeOf(a, n);
      const mb = modeOf(b, n);
      const fwd = binaryForwardLoop(op, kernel, ma, mb);
      const step: NodeStep = { forward: (c0, c1) => fwd(a.value, b.value, out, c0, c1, n) };
      if (needs) {
        const bwd = binaryBackwardLoop(op, kernel, ma, mb, a.grad !== null, b.grad !== null);
        if (bwd) {
          const g = gOut as Float64Array;
          step.backward = (c0, c1) => bwd(a.value, b.value, out, g, a.grad, b.grad, c0, c1, n);
        }
      }
      return step;
    }
    case 'ternary': {
      const kernel = TERNARY_KERNELS[node.op as TernaryOp];
      if (!kernel) throw new InternalError(`f64: unknown ternary op '${node.op}'`);
      const ops = inputs.map((x) => strided(x, n));
      const step: NodeStep = { forward: (c0, c1) => ternaryForward(kernel, ops, out, c0, c1, n) };
      if (needs) {
        const g = gOut as Float64Array;
        const grads = inputs.map((x) => x.grad);
        step.backward = (c0, c1) => ternaryBackward(kernel, ops, out, g, grads, c0, c1, n);
      }
      return step;
    }
    case 'reduce': {
      const kernel = REDUCE_KERNELS[node.op as ReduceOp];
      if (!kernel) throw new InternalError(`f64: unknown reduction '${node.op}'`);
      const [x] = inputs;
      const m = shapeSize(x.shape);
      const step: NodeStep = {
        forward(c0, c1) {
          for (let c = c0; c < c1; c++) out[c] = kernel.forward(x.value, c * m, m);
        },
      };
      if (needs && x.grad) {
        const gx = x.grad;
        const g = gOut as Float64Array;
        step.backward = (c0, c1) => {
          for (let c = c0; c < c1; c++) kernel.backward(x.value, c * m, m, out[c], g[c], gx, c * m);
        };
      }
      return step;
    }
    case 'select': {
      const [cond, a, b] = inputs.map((x) => strided(x, n));
      const step: NodeStep = { forward: (c0, c1) => structural.selectForward(cond, a, b, out, c0, c1, n) };
      if (needs) {
        const g = gOut as Float64Array;
        step.backward = (c0, c1) => structural.selectBackward(cond, a, b, g, inputs[1].grad, inputs[2].grad, c0, c1, n);
      }
      return step;
    }
    case 'matmul': {
      const [a, b] = inputs;
      const { r, k, m } = matmulDims(a.shape, b.shape);
      const step: NodeStep = {
        forward: (c0, c1) => linalg.matmulForward(a.value, a.batched, b.value, b.batched, out, c0, c1, r, k, m),
      };
      if (needs) {
        const g = gOut as Float64Array;
        step.backward = (c0, c1) =>
          linalg.matmulBackward(a.value, a.batched, b.value, b.batched, g, a.grad, b.grad, c0, c1, r, k, m);
      }
      return step;
    }
    case 'transpose': {
      const [x] = inputs;
      const [r, cols] = x.shape;
      const step: NodeStep = { forward: (c0, c1) => linalg.transposeForward(x.value, out, c0, c1, r, cols) };
      if (needs && x.grad) {
        const gx = x.grad;
        const g = gOut as Float64Array;
        step.backward = (c0, c1) => linalg.transposeBackward(g, gx, c0, c1, r, cols);
      }
      return step;
    }
    case 'cholesky': {
      const [x] = inputs;
      const size = x.shape[0];
      const step: NodeStep = { forward: (c0, c1) => linalg.choleskyForward(x.value, out, c0, c1, size) };
      if (needs && x.grad) {
        const gx = x.grad;
        const g = gOut as Float64Array;
        const work = new Float64Array(size * size);
        step.backward = (c0, c1) => linalg.choleskyBackward(out, g, gx, c0, c1, size, work);
      }
      return step;
    }
    case 'triangular_solve_lower': {
      const [L, b] = inputs;
      const size = L.shape[0];
      const m = b.shape.length === 2 ? b.shape[1] : 1;
      const step: NodeStep = {
        forward: (c0, c1) =>
          linalg.triangularSolveForward(L.value, L.batched, b.value, b.batched, out, c0, c1, size, m),
      };
      if (needs) {
        const g = gOut as Float64Array;
        const work = new Float64Array(size * m);
        step.backward = (c0, c1) =>
          linalg.triangularSolveBackward(L.value, L.batched, out, g, L.grad, b.grad, c0, c1, size, m, work);
      }
      return step;
    }
    case 'gather': {
      const [x] = inputs;
      const idx = node.indices as Int32Array;
      const xSize = shapeSize(x.shape);
      const step: NodeStep = {
        forward: (c0, c1) => structural.gatherForward(x.value, x.batched ? xSize : 0, idx, out, c0, c1),
      };
      if (needs && x.grad) {
        const gx = x.grad;
        const g = gOut as Float64Array;
        step.backward = (c0, c1) => structural.gatherBackward(g, idx, gx, xSize, c0, c1);
      }
      return step;
    }
    case 'concat': {
      const values = inputs.map((x) => x.value);
      const sizes = inputs.map((x) => shapeSize(x.shape));
      const batched = inputs.map((x) => x.batched);
      const grads = inputs.map((x) => x.grad);
      const step: NodeStep = { forward: (c0, c1) => structural.concatForward(values, sizes, batched, out, c0, c1, n) };
      if (needs) {
        const g = gOut as Float64Array;
        step.backward = (c0, c1) => structural.concatBackward(g, sizes, grads, c0, c1, n);
      }
      return step;
    }
    case 'fill': {
      const [x] = inputs;
      const step: NodeStep = { forward: (c0, c1) => structural.fillForward(x.value, out, c0, c1, n) };
      if (needs && x.grad) {
        const gx = x.grad;
        const g = gOut as Float64Array;
        step.backward = (c0, c1) => structural.fillBackward(g, gx, c0, c1, n);
      }
      return step;
    }
    case 'constant':
    case 'param':
    case 'noise':
    case 'reshape':
    case 'scan': // the tape runs its body (src/backends/f64/scan.ts)
      throw new InternalError(`f64: node kind '${node.kind}' has no batched step`);
    default: {
      const unhandled: never = node; // a new node kind fails to compile here until it has a step
      throw new InternalError(`f64: unknown node kind '${(unhandled as { kind: string }).kind}'`);
    }
  }
}

function modeOf(x: StepInput, n: number): OperandMode {
  const scalar = shapeSize(x.shape) === 1 && n !== 1;
  if (x.batched) return scalar ? 'S' : 'B';
  return scalar ? 'k' : 'K';
}

function strided(x: StepInput, n: number): structural.Strided {
  const size = shapeSize(x.shape);
  const scalar = size === 1 && n !== 1;
  return { value: x.value, chainStride: x.batched ? size : 0, elementStride: scalar ? 0 : 1 };
}

/** [r, k]·[k, m] with vectors as a single row (left) or column (right). */
export function matmulDims(a: Shape, b: Shape): { r: number; k: number; m: number } {
  const r = a.length === 2 ? a[0] : 1;
  const k = a.length === 2 ? a[1] : a[0];
  const m = b.length === 2 ? b[1] : 1;
  return { r, k, m };
}
