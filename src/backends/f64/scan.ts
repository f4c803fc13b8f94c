/**
 * The f64 step of a 'scan' node (src/ir/ops.ts). Its body is compiled once,
 * as the ordinary batched tape of the scalar ⟨w, next(carry, slice, closures)⟩
 * with w one more block of parameters: that scalar's gradient with respect
 * to w is `next` itself (the forward value), and with respect to the other
 * inputs it is the vector–Jacobian product of `next` with cotangent w. So
 * forward runs t = 0 … T−1 (w = 0), and backward runs t = T−1 … 0 with
 * w = the output's gradient at t plus the gradient carried back from t+1.
 * Nothing here generates code: the body's tape is the same closures (and
 * fused loops) as any graph's.
 */
import type { DensityGraph, IRNode, ScanNode } from '../../ir/ops.js';
import { shapeSize } from '../../ir/ops.js';
import type { NodeStep, StepInput } from '../../math/node-step.js';
import type { DensityEvaluator } from '../evaluator.js';

/** ⟨w, body output⟩ with w the parameters [body.dim, body.dim + carry size). */
export function pairedBody(body: DensityGraph): DensityGraph {
  const out = body.nodes[body.output];
  const cs = shapeSize(out.shape);
  const n = body.nodes.length;
  const nodes: IRNode[] = [
    ...body.nodes,
    { id: n, kind: 'param', inputs: [], shape: [...out.shape], offset: body.dim },
    { id: n + 1, kind: 'binary', op: 'mul', inputs: [body.output, n], shape: [...out.shape] },
    { id: n + 2, kind: 'reduce', op: 'sum', inputs: [n + 1], shape: [] },
  ];
  return { nodes, dim: body.dim + cs, output: n + 2, readsNoise: false };
}

/** The batched forward/backward of `node` for up to `C` chains. */
export function scanStep(
  node: ScanNode,
  inputs: StepInput[],
  out: Float64Array,
  gOut: Float64Array | null,
  C: number,
  compile: (graph: DensityGraph) => DensityEvaluator,
): NodeStep {
  const T = node.length;
  const [init, ...rest] = inputs;
  const seqs = rest.slice(0, node.sequences);
  const closures = rest.slice(node.sequences);
  const cs = shapeSize(init.shape);
  const D = node.body.dim + cs; // the paired body's dimension
  const wAt = node.body.dim;
  const evaluator = compile(pairedBody(node.body));
  const xb = new Float64Array(C * D);
  const slot = (x: StepInput, size: number, at: number) => ({ x, size, at });
  let at = cs;
  const seqSlots = seqs.map((q) => {
    const s = slot(q, shapeSize(q.shape) / T, at);
    at += s.size;
    return s;
  });
  const closureSlots = closures.map((q) => {
    const s = slot(q, shapeSize(q.shape), at);
    at += s.size;
    return s;
  });

  // the sequences' slots as flat arrays (pack runs once per step: no property chains in its loops)
  const nSeq = seqSlots.length;
  const sValue = seqSlots.map((q) => q.x.value);
  const sSize = Int32Array.from(seqSlots, (q) => q.size);
  const sAt = Int32Array.from(seqSlots, (q) => q.at);
  const sChain = Int32Array.from(seqSlots, (q) => (q.x.batched ? T * q.size : 0));

  /** Chains [c0, c1): the closures into the packed block, and the slices of step t. */
  const pack = (c0: number, c1: number, t: number, withClosures: boolean) => {
    if (withClosures)
      for (let c = c0; c < c1; c++) {
        const row = (c - c0) * D;
        for (const q of closureSlots) {
          const from = q.x.batched ? c * q.size : 0;
          for (let i = 0; i < q.size; i++) xb[row + q.at + i] = q.x.value[from + i];
        }
      }
    for (let k = 0; k < nSeq; k++) {
      const v = sValue[k];
      const size = sSize[k];
      const at = sAt[k];
      const stride = sChain[k];
      const base = t * size;
      if (size === 1) {
        for (let c = c0, row = at; c < c1; c++, row += D) xb[row] = v[c * stride + base];
        continue;
      }
      for (let c = c0, row = at; c < c1; c++, row += D) {
        const from = c * stride + base;
        for (let i = 0; i < size; i++) xb[row + i] = v[from + i];
      }
    }
  };
  /** The carry before step t of chain c into its packed row. */
  const carryIn = (c: number, c0: number, t: number) => {
    const row = (c - c0) * D;
    if (t === 0) {
      const from = init.batched ? c * cs : 0;
      for (let i = 0; i < cs; i++) xb[row + i] = init.value[from + i];
    } else {
      const from = c * T * cs + (t - 1) * cs;
      for (let i = 0; i < cs; i++) xb[row + i] = out[from + i];
    }
  };

  /** A scalar carry: ⟨1, next⟩ is next itself, so the forward needs no gradient. */
  const scalarForward = (c0: number, c1: number) => {
    const nc = c1 - c0;
    for (let c = c0; c < c1; c++) {
      carryIn(c, c0, 0);
      xb[(c - c0) * D + wAt] = 1;
    }
    for (let t = 0; t < T; t++) {
      pack(c0, c1, t, t === 0);
      const next = evaluator.logDensity(xb, nc);
      for (let c = c0; c < c1; c++) {
        out[c * T + t] = next[c - c0];
        xb[(c - c0) * D] = next[c - c0];
      }
    }
  };
  const step: NodeStep = {
    forward(c0, c1) {
      if (cs === 1) return scalarForward(c0, c1);
      const nc = c1 - c0;
      for (let c = c0; c < c1; c++) {
        carryIn(c, c0, 0);
        xb.fill(0, (c - c0) * D + wAt, (c - c0 + 1) * D);
      }
      for (let t = 0; t < T; t++) {
        pack(c0, c1, t, t === 0);
        const { gradient } = evaluator.logDensityAndGradient(xb, nc);
        for (let c = c0; c < c1; c++) {
          const g = (c - c0) * D + wAt;
          const o = c * T * cs + t * cs;
          const row = (c - c0) * D;
          for (let i = 0; i < cs; i++) {
            out[o + i] = gradient[g + i];
            xb[row + i] = gradient[g + i];
          }
        }
      }
    },
  };
  const needs = gOut !== null && inputs.some((x) => x.grad !== null);
  if (!needs) return step;
  const g = gOut as Float64Array;
  const gCarry = new Float64Array(C * cs);
  const withGrad = (slots: typeof seqSlots, perChain: (q: (typeof seqSlots)[number]) => number) =>
    slots
      .filter((q) => q.x.grad !== null)
      .map((q) => ({ grad: q.x.grad as Float64Array, size: q.size, at: q.at, chain: q.x.batched ? perChain(q) : 0 }));
  const seqGrads = withGrad(seqSlots, (q) => T * q.size);
  const closureGrads = withGrad(closureSlots, (q) => q.size);
  step.backward = (c0, c1) => {
    const nc = c1 - c0;
    gCarry.fill(0, 0, nc * cs);
    for (let t = T - 1; t >= 0; t--) {
      pack(c0, c1, t, t === T - 1);
      for (let c = c0; c < c1; c++) {
        carryIn(c, c0, t);
        const row = (c - c0) * D;
        const go = c * T * cs + t * cs;
        for (let i = 0; i < cs; i++) xb[row + wAt + i] = g[go + i] + gCarry[(c - c0) * cs + i];
      }
      const { gradient } = evaluator.logDensityAndGradient(xb, nc);
      for (let c = c0; c < c1; c++) {
        const row = (c - c0) * D;
        for (let i = 0; i < cs; i++) gCarry[(c - c0) * cs + i] = gradient[row + i];
        for (const q of seqGrads) {
          const gx = q.grad;
          const to = c * q.chain + t * q.size;
          for (let i = 0; i < q.size; i++) gx[to + i] += gradient[row + q.at + i];
        }
        for (const q of closureGrads) {
          const gx = q.grad;
          const to = c * q.chain;
          for (let i = 0; i < q.size; i++) gx[to + i] += gradient[row + q.at + i];
        }
      }
    }
    const gi = init.grad;
    if (gi) {
      for (let c = c0; c < c1; c++)
        for (let i = 0; i < cs; i++) gi[(init.batched ? c * cs : 0) + i] += gCarry[(c - c0) * cs + i];
    }
  };
  return step;
}
