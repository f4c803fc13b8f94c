/**
 * Elementwise fusion for the f64 tape. A cluster is a connected set of
 * unary/binary nodes of one per-chain size whose interior values are used
 * only inside the cluster (optionally ending in a `sum` reduction). It runs
 * as one generated loop forward and one backward: the backward loop
 * recomputes the interior values instead of storing them, so a chain of k
 * elementwise ops costs one pass over memory each way instead of k. The
 * kernels are the same table entries as unfused nodes (unary.ts,
 * binary.ts), called from generated code where V8 inlines them. A cluster
 * whose root's adjoint is a known constant also gets one loop for both
 * directions; a scalar cluster (one element per chain) runs without an
 * inner loop; parameters may be read straight from x with a chain stride.
 */
import { InternalError } from '../../errors.js';
import type { BinaryOp, IRNode, UnaryOp } from '../../ir/ops.js';
import { shapeSize } from '../../ir/ops.js';
import { BINARY_KERNELS } from '../../math/binary.js';
import type { NodeStep, StepInput } from '../../math/node-step.js';
import type { OperandMode } from '../../math/loops.js';
import { PAIRED_UNARY } from './paired.js';
import { UNARY_KERNELS } from '../../math/unary.js';

export interface Cluster {
  /** Member node ids, ascending (topological). */
  members: number[];
  /** The member whose value leaves the cluster (or feeds `sum`). */
  root: number;
  /** The `sum` reduction absorbed after the root, if any. */
  sum: number | null;
  /** External input node ids, in first-use order. */
  inputs: number[];
}

const elementwise = (n: IRNode) => n.kind === 'unary' || n.kind === 'binary';

/** The op of a cluster member (clusters hold only unary and binary nodes). */
function memberOp(node: IRNode): UnaryOp | BinaryOp {
  if (node.kind === 'unary' || node.kind === 'binary') return node.op;
  throw new InternalError(`f64: a fused cluster holds a '${node.kind}' node`);
}

/** Largest cluster: generated functions must stay small enough for V8 to optimise. */
const MAX_MEMBERS = 48;

/**
 * Find clusters of two or more nodes (or one node feeding a sum); single
 * nodes stay unfused. One pass from the output backwards: an elementwise node
 * joins the cluster of its consumers when they all belong to one cluster of
 * its size (so its value is needed nowhere else), and otherwise roots a new
 * cluster.
 */
export function findClusters(nodes: IRNode[], output: number): Cluster[] {
  const consumers: number[][] = nodes.map(() => []);
  for (const node of nodes) {
    for (const i of new Set(node.inputs)) consumers[i].push(node.id);
  }
  const clusterOf = new Int32Array(nodes.length).fill(-1);
  const found: { members: number[]; root: number; sum: number | null; size: number }[] = [];
  for (let id = nodes.length - 1; id >= 0; id--) {
    const node = nodes[id];
    if (!elementwise(node)) continue;
    const n = shapeSize(node.shape);
    const uses = consumers[id];
    if (id !== output && uses.length > 0) {
      const cl = clusterOf[uses[0]];
      if (
        cl >= 0 &&
        found[cl].size === n &&
        found[cl].members.length < MAX_MEMBERS &&
        uses.every((k) => clusterOf[k] === cl)
      ) {
        clusterOf[id] = cl;
        found[cl].members.push(id);
        continue;
      }
    }
    let sum: number | null = null;
    const user = uses.length === 1 ? nodes[uses[0]] : null;
    if (id !== output && user?.kind === 'reduce' && user.op === 'sum') sum = user.id;
    clusterOf[id] = found.length;
    found.push({ members: [id], root: id, sum, size: n });
  }
  const clusters: Cluster[] = [];
  for (const f of found) {
    if (f.members.length === 1 && f.sum === null) continue;
    const members = f.members.reverse(); // ascending ids
    const inCluster = new Set(members);
    const inputs: number[] = [];
    const seen = new Set<number>();
    for (const m of members) {
      for (const i of nodes[m].inputs) {
        if (!inCluster.has(i) && !seen.has(i)) {
          seen.add(i);
          inputs.push(i);
        }
      }
    }
    clusters.push({ members, root: f.root, sum: f.sum, inputs });
  }
  return clusters;
}

/**
 * Which parameters a kernel function reads. The kernel tables name unused
 * parameters with a leading underscore (`(_a, b) => 1 / b`); a function
 * whose parameter list cannot be read (a builtin such as Math.cos) is taken
 * to read every argument.
 */
function usedParams(fn: Function | undefined, arity: number): boolean[] {
  const all = new Array<boolean>(arity).fill(true);
  if (!fn) return all;
  const text = Function.prototype.toString.call(fn);
  const match = /^\s*(?:function\s*\w*\s*)?\(([^)]*)\)|^\s*(\w+)\s*=>/.exec(text);
  if (!match || text.includes('[native code]')) return all;
  const names = (match[1] ?? match[2] ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return all.map((_, i) => i < names.length && !names[i].startsWith('_'));
}

let serial = 0;
/** Factories (taking the kernels) of the generated loops. */
interface GeneratedCode {
  forward: Function;
  backward: Function | null;
  /** Forward and backward in one loop, for a cluster ending in a sum (null otherwise). */
  both: Function | null;
}
const cache = new Map<string, GeneratedCode>();

/**
 * How a fused loop reads an input: the tape's four operand modes, plus 'P'
 * (a parameter read in place from x with a chain stride, full size) and
 * 'Q' (the same, a scalar broadcast over the cluster's elements).
 */
type FusedMode = OperandMode | 'P' | 'Q';

function modeOf(x: StepInput, n: number): FusedMode {
  const size = shapeSize(x.shape);
  const scalar = size === 1 && n !== 1;
  if (x.strided) return scalar ? 'Q' : 'P';
  if (x.batched) return scalar ? 'S' : 'B';
  // a constant scalar is hoisted out of the loops even when the cluster is scalar too
  return size === 1 ? 'k' : 'K';
}

/**
 * The fused step of a cluster: `inputs` describe the external inputs (in
 * cluster.inputs order), `out` is the root's (or the sum's) buffer.
 * `constantAdjoint`, for a cluster ending in a sum, is the derivative of the
 * output with respect to that sum when it is a known constant (the sum
 * enters the log density linearly): the step then also offers
 * `forwardWithGradient`, one loop for both directions.
 */
export function fusedStep(
  original: Cluster,
  graphNodes: IRNode[],
  originalInputs: StepInput[],
  out: Float64Array,
  gOut: Float64Array | null,
  constantAdjoint: number | null = null,
): NodeStep {
  const { cluster, nodes, inputs } = withoutIdentities(divisionsToProducts(original, graphNodes, originalInputs));
  const { code, envValues, n, needIn } = clusterCode(cluster, nodes, inputs, gOut !== null);
  const { forward, backward, both } = code;
  const fwdBound = forward(...envValues) as (...a: unknown[]) => void;
  const values = inputs.map((x) => x.value);
  const step: NodeStep = {
    forward: (c0, c1) => fwdBound(values, out, c0, c1, n),
    inputValues: values,
  };
  if (backward && gOut && needIn.some(Boolean)) {
    const bwdBound = backward(...envValues) as (...a: unknown[]) => void;
    const grads = inputs.map((x) => x.grad);
    step.backward = (c0, c1) => bwdBound(values, out, gOut, grads, c0, c1, n);
    if (both && constantAdjoint !== null) {
      const bothBound = both(...envValues) as (...a: unknown[]) => void;
      const G = constantAdjoint;
      step.forwardWithGradient = (c0, c1) => bothBound(values, out, G, grads, c0, c1, n);
    }
  }
  return step;
}

/** The cluster's generated code (cached by its structure) and the kernels to bind it to. */
function clusterCode(
  cluster: Cluster,
  nodes: IRNode[],
  inputs: StepInput[],
  hasGradOut: boolean,
): { code: GeneratedCode; envValues: unknown[]; n: number; needIn: boolean[] } {
  const n = shapeSize(nodes[cluster.root].shape);
  const modes = inputs.map((x) => modeOf(x, n));
  const strides = inputs.map((x) => x.strided ?? null);
  // strides and offsets become source text: only plain integers may reach it
  for (const t of strides) {
    if (t && !(Number.isSafeInteger(t.offset) && Number.isSafeInteger(t.stride) && t.offset >= 0 && t.stride >= 0))
      throw new InternalError(
        `f64: a strided input needs integer offset and stride, got ${String(t.offset)}, ${String(t.stride)}`,
      );
  }
  const needIn = inputs.map((x) => x.grad !== null && hasGradOut);
  const { members } = cluster;
  const local = new Map<number, string>(); // node id → JS name of its value
  const env: Record<string, unknown> = {};
  cluster.inputs.forEach((id, k) => local.set(id, readOf(k, modes[k])));
  const memberPos = new Map(members.map((id, k) => [id, k]));
  const inputPos = new Map(cluster.inputs.map((id, k) => [id, k]));
  members.forEach((id) => local.set(id, `v${id}`));
  // forward statements, shared by both loops
  const fwd: string[] = [];
  const sig: string[] = [
    `n${n > 1 ? 'v' : 's'}`,
    modes.join(''),
    needIn.map(Number).join(''),
    cluster.sum === null ? '' : 'sum',
    strides.map((t) => (t ? `${t.stride}+${t.offset}` : '')).join(','),
  ];
  members.forEach((id, k) => {
    const node = nodes[id];
    const args = node.inputs.map((i) => local.get(i) as string);
    fwd.push(`const v${id} = f${k}(${args.join(', ')});`);
    if (node.kind === 'unary') {
      const kern = UNARY_KERNELS[node.op];
      env[`f${k}`] = kern.f;
      env[`d${k}`] = kern.df;
    } else {
      const kern = BINARY_KERNELS[memberOp(node) as BinaryOp];
      env[`f${k}`] = kern.f;
      env[`da${k}`] = kern.da;
      env[`db${k}`] = kern.db;
    }
    sig.push(
      `${node.kind}:${memberOp(node)}:${node.inputs.map((i) => (memberPos.has(i) ? `m${memberPos.get(i)}` : `i${inputPos.get(i)}`)).join(',')}`,
    );
  });
  const key = sig.join('|');
  let code = cache.get(key);
  if (!code) {
    code = generate(cluster, nodes, modes, strides, n === 1, needIn, fwd, local);
    cache.set(key, code);
  }
  const names = Object.keys(env).sort();
  return { code, envValues: names.map((k) => env[k]), n, needIn };
}

/**
 * Division by a constant becomes multiplication by its reciprocal (computed
 * once here): a division costs several times a multiplication and sits on
 * hot paths such as (x − μ)/σ. The result may differ in the last bit.
 * Synthetic inputs get negative ids.
 */
function divisionsToProducts(
  cluster: Cluster,
  nodes: IRNode[],
  inputs: StepInput[],
): { cluster: Cluster; nodes: IRNode[]; inputs: StepInput[] } {
  let patched: IRNode[] | null = null;
  const newInputs = [...inputs];
  const ids = [...cluster.inputs];
  for (const id of cluster.members) {
    const node = nodes[id];
    if (node.kind !== 'binary' || node.op !== 'div') continue;
    const divisor = node.inputs[1];
    const k = ids.indexOf(divisor);
    if (k < 0 || inputs[k].batched) continue;
    const reciprocal = inputs[k].value.map((v) => 1 / v);
    const synthetic = -1 - newInputs.length;
    ids.push(synthetic);
    newInputs.push({ value: reciprocal, shape: inputs[k].shape, batched: false, grad: null });
    patched ??= nodes.slice();
    patched[id] = { ...node, op: 'mul', inputs: [node.inputs[0], synthetic] };
  }
  if (!patched) return { cluster, nodes, inputs };
  // drop inputs no member reads any more (the divisors)
  const used = new Set<number>();
  for (const m of cluster.members) for (const i of patched[m].inputs) used.add(i);
  const keep = ids.map((id) => used.has(id));
  return {
    cluster: { ...cluster, inputs: ids.filter((_, k) => keep[k]) },
    nodes: patched,
    inputs: newInputs.filter((_, k) => keep[k]),
  };
}

/**
 * Members that return their other operand exactly drop out: a + (−0), a − (+0)
 * and a·1 (the builder leaves such terms, e.g. a Gaussian with μ = 0 and σ = 1),
 * with the constant a scalar input of the cluster. Their derivative with
 * respect to a is exactly 1, so values and gradients are unchanged to the
 * bit; readers of a dropped member read its operand instead. The root stays
 * unless its operand is a member.
 */
function withoutIdentities({ cluster, nodes, inputs }: { cluster: Cluster; nodes: IRNode[]; inputs: StepInput[] }): {
  cluster: Cluster;
  nodes: IRNode[];
  inputs: StepInput[];
} {
  const constantOf = (id: number): number | null => {
    const k = cluster.inputs.indexOf(id);
    if (k < 0 || inputs[k].batched || inputs[k].strided || inputs[k].value.length !== 1) return null;
    return inputs[k].value[0];
  };
  const alias = new Map<number, number>(); // dropped member → the node it equals
  const resolve = (id: number) => alias.get(id) ?? id;
  const memberSet = new Set(cluster.members);
  // synthetic inputs (negative ids) are known only by their StepInput
  const sizeOf = (id: number) => shapeSize(id >= 0 ? nodes[id].shape : inputs[cluster.inputs.indexOf(id)].shape);
  let patched: IRNode[] | null = null;
  let root = cluster.root;
  for (const id of cluster.members) {
    let node = patched ? patched[id] : nodes[id];
    if (node.inputs.some((i) => alias.has(i))) {
      patched ??= nodes.slice();
      node = { ...node, inputs: node.inputs.map(resolve) };
      patched[id] = node;
    }
    if (node.kind !== 'binary') continue;
    const [a, b] = node.inputs;
    const ka = constantOf(a);
    const kb = constantOf(b);
    let other: number | null = null;
    if (node.op === 'add' && kb !== null && Object.is(kb, -0)) other = a;
    else if (node.op === 'add' && ka !== null && Object.is(ka, -0)) other = b;
    else if (node.op === 'sub' && kb !== null && Object.is(kb, 0)) other = a;
    else if (node.op === 'mul' && kb === 1) other = a;
    else if (node.op === 'mul' && ka === 1) other = b;
    // the operand must have the member's size (no broadcast), and a root can only hand over to a member
    if (other === null || sizeOf(other) !== shapeSize(node.shape)) continue;
    if (id === root) {
      if (!memberSet.has(other) || alias.has(other)) continue;
      root = other;
    }
    alias.set(id, other);
  }
  if (alias.size === 0) return { cluster, nodes, inputs };
  const final = patched ?? nodes;
  const members = cluster.members.filter((id) => !alias.has(id));
  const used = new Set<number>();
  for (const m of members) for (const i of final[m].inputs) used.add(i);
  const keep = cluster.inputs.map((id) => used.has(id));
  return {
    cluster: { members, root, sum: cluster.sum, inputs: cluster.inputs.filter((_, k) => keep[k]) },
    nodes: final,
    inputs: inputs.filter((_, k) => keep[k]),
  };
}

/** A statement for element i + 1: indices shifted, values v… renamed w…. */
function shiftIndex(statement: string): string {
  return statement
    .replace(/\[o\]/g, '[o + 1]')
    .replace(/\[i\]/g, '[i + 1]')
    .replace(/\[(b\d+) \+ i\]/g, '[$1 + i + 1]')
    .replace(/\bv(\d+)\b/g, 'w$1')
    .replace(/\bp([ued])(\d+)\b/g, 'q$1$2');
}

function readOf(k: number, mode: FusedMode): string {
  switch (mode) {
    case 'B':
      return `x${k}[o]`;
    case 'S':
      return `s${k}`;
    case 'K':
      return `x${k}[i]`;
    case 'k':
      return `k${k}`;
    case 'P':
      return `x${k}[b${k} + i]`;
    case 'Q':
      return `s${k}`;
  }
}

/** A number as JavaScript source that reads back as exactly that number. */
function literal(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return Number.isNaN(v) ? 'NaN' : String(v);
}

/** g·d as source, with d a derivative call or a constant (exact: g·1 is g, g·(−1) is −g). */
function scaled(g: string, d: string | number): string {
  if (typeof d === 'string') return `${g} * ${d}`;
  if (d === 1) return g;
  if (d === -1) return `-${g}`;
  return `${g} * (${literal(d)})`;
}

/** The per-element loop of a chain; a scalar cluster (n = 1) runs its body once, without a loop. */
function elementLoop(body: string, scalar: boolean): string {
  return scalar
    ? `{\n    const i = 0;\n    ${body}\n    o++;\n  }`
    : `for (let i = 0; i < n; i++, o++) {\n    ${body}\n  }`;
}

function generate(
  cluster: Cluster,
  nodes: IRNode[],
  modes: FusedMode[],
  strides: ({ offset: number; stride: number } | null)[],
  scalar: boolean,
  needIn: boolean[],
  fwd: string[],
  local: Map<number, string>,
): GeneratedCode {
  const { members, root, sum, inputs } = cluster;
  const envNames: string[] = [];
  members.forEach((id, k) => {
    if (nodes[id].kind === 'unary') envNames.push(`f${k}`, `d${k}`);
    else envNames.push(`f${k}`, `da${k}`, `db${k}`);
  });
  envNames.sort();
  const unpack = inputs.map((_, k) => `const x${k} = xs[${k}];`).join(' ');
  const hoist = modes.map((m, k) => (m === 'k' ? `const k${k} = x${k}[0];` : '')).join(' ');
  // per chain: batched scalars, and where a strided parameter's chain starts in x (and in the gradient)
  const perChain = modes
    .map((m, k) => {
      const t = strides[k];
      if (m === 'S') return `const s${k} = x${k}[c];`;
      if ((m === 'P' || m === 'Q') && t) {
        const base = `const b${k} = c * ${t.stride} + ${t.offset};`;
        return m === 'Q' ? `${base} const s${k} = x${k}[b${k}];` : base;
      }
      return '';
    })
    .join(' ');
  // with an absorbed sum, two interleaved accumulators halve the add latency chain
  // (the hot loop of a Gaussian); the result may differ from a sequential sum in the last bits
  const odd = fwd.map(shiftIndex);
  const tail = (body: string) =>
    scalar ? `{\n    const i = 0;\n    ${body}\n    o++;\n  }` : `for (; i < n; i++, o++) {\n    ${body}\n  }`;
  const fwdBody =
    sum !== null
      ? `${unpack} ${hoist}
let o = c0 * n;
for (let c = c0; c < c1; c++) {
  ${perChain}
  let acc = 0;
  let acc1 = 0;
  let i = 0;
  ${
    scalar
      ? ''
      : `for (; i + 1 < n; i += 2, o += 2) {
    ${fwd.join('\n    ')}
    acc += v${root};
    ${odd.join('\n    ')}
    acc1 += w${root};
  }`
  }
  ${tail(`${fwd.join('\n    ')}
    acc += v${root};`)}
  y[c] = acc + acc1;
}`
      : `${unpack} ${hoist}
let o = c0 * n;
for (let c = c0; c < c1; c++) {
  ${perChain}
  ${elementLoop(
    `${fwd.join('\n    ')}
    y[o] = v${root};`,
    scalar,
  )}
}`;
  const label = `// fused cluster #${serial++}`;
  const forward = new Function(...envNames, `${label} forward\nreturn function (xs, y, c0, c1, n) {\n${fwdBody}\n};`);

  // backward: recompute, then reverse over members accumulating adjoints
  const memberIndex = new Map(members.map((id, k) => [id, k]));
  const needs = new Map<number, boolean>(); // does this value need an adjoint?
  inputs.forEach((id, k) => needs.set(id, needIn[k]));
  for (const id of members)
    needs.set(
      id,
      nodes[id].inputs.some((i) => needs.get(i)),
    );
  if (!needs.get(root)) return { forward, backward: null, both: null };
  const lines: string[] = [];
  // a member's adjoint is the sum of its consumers' contributions, all known once the reverse
  // sweep reaches it: one const per member, summed left to right in the order they arrive
  const contributions = new Map<number, string[]>();
  const scalarGrads: string[] = [];
  const read = new Set<number>(); // member values the derivative calls read
  const pairedStatements = new Map<number, string>(); // member position → its value-and-derivative statement
  const derivativeOnly = new Map<number, string>(); // the same members' derivative alone, for the backward loop
  /** The derivative call as source, or its value when it reads no argument (a constant). */
  const call = (fn: Function | undefined, name: string, ins: number[], id: number): string | number => {
    const used = usedParams(fn, ins.length + 1);
    if (fn && !used.some(Boolean)) {
      const value = (fn as (...a: number[]) => number)(0, 0, 0);
      if (typeof value === 'number') return value;
    }
    // an unread argument is passed as 0, so values not recomputed are never referenced
    const args = ins.map((i, q) => {
      if (!used[q]) return '0';
      if (memberIndex.has(i)) read.add(i);
      return local.get(i) as string;
    });
    if (used[ins.length]) read.add(id);
    return `${name}(${args.join(', ')}, ${used[ins.length] ? `v${id}` : '0'})`;
  };
  const addTo = (input: number, expr: string) => {
    if (memberIndex.has(input)) {
      const list = contributions.get(input) ?? [];
      list.push(expr);
      contributions.set(input, list);
      return;
    }
    const k = inputs.indexOf(input);
    if (modes[k] === 'B') lines.push(`gx${k}[o] += ${expr};`);
    else if (modes[k] === 'P') lines.push(`gx${k}[b${k} + i] += ${expr};`);
    else if (modes[k] === 'S' || modes[k] === 'Q') {
      lines.push(`t${k} += ${expr};`);
      if (!scalarGrads.includes(`${k}`)) scalarGrads.push(`${k}`);
    }
  };
  for (let m = members.length - 1; m >= 0; m--) {
    const id = members[m];
    if (!needs.get(id)) continue;
    if (id === root) lines.push(`const g${root} = gs;`);
    else {
      const list = contributions.get(id);
      lines.push(`const g${id} = ${list ? list.join(' + ') : '0'};`);
    }
    const node = nodes[id];
    const k = memberIndex.get(id) as number;
    if (node.kind === 'unary') {
      const kern = UNARY_KERNELS[node.op as UnaryOp];
      if (kern.df && needs.get(node.inputs[0])) {
        // value and derivative from one statement when the op has a paired template
        const paired = PAIRED_UNARY[node.op as UnaryOp];
        if (paired) {
          pairedStatements.set(
            k,
            paired(local.get(node.inputs[0]) as string, `pu${id}`, `pe${id}`, `v${id}`, `pd${id}`),
          );
          // the backward loop alone needs only the derivative: the separate kernel, as unpaired
          const d = call(kern.df, `d${k}`, node.inputs, id);
          derivativeOnly.set(k, `const pd${id} = ${typeof d === 'number' ? literal(d) : d};`);
        }
        addTo(node.inputs[0], scaled(`g${id}`, paired ? `pd${id}` : call(kern.df, `d${k}`, node.inputs, id)));
      }
    } else {
      const kern = BINARY_KERNELS[memberOp(node) as BinaryOp];
      const [a, b] = node.inputs;
      if (kern.da && needs.get(a)) addTo(a, scaled(`g${id}`, call(kern.da, `da${k}`, node.inputs, id)));
      if (kern.db && needs.get(b)) addTo(b, scaled(`g${id}`, call(kern.db, `db${k}`, node.inputs, id)));
    }
  }
  // recompute only the member values the derivatives read (and what they depend on)
  for (let m = members.length - 1; m >= 0; m--) {
    const id = members[m];
    if (read.has(id)) for (const i of nodes[id].inputs) if (memberIndex.has(i)) read.add(i);
  }
  // where the derivatives are needed, paired members compute value and derivative together
  const fwdd = fwd.map((t, k) => pairedStatements.get(k) ?? t);
  const oddd = fwdd.map(shiftIndex);
  // (a paired member's value only where some derivative reads it)
  const recompute = members
    .map((id, k) => {
      const d = derivativeOnly.get(k);
      if (d === undefined) return read.has(id) ? fwd[k] : '';
      return read.has(id) ? `${fwd[k]} ${d}` : d;
    })
    .filter((t) => t.length > 0);
  const unpackGrads = inputs
    .map((_, k) => (needIn[k] && modes[k] !== 'K' && modes[k] !== 'k' ? `const gx${k} = gxs[${k}];` : ''))
    .join(' ');
  const initScalar = scalarGrads.map((k) => `let t${k} = 0;`).join(' ');
  const flushScalar = scalarGrads
    .map((k) => (modes[Number(k)] === 'Q' ? `gx${k}[b${k}] += t${k};` : `gx${k}[c] += t${k};`))
    .join(' ');
  const bwdBody = `${unpack} ${hoist} ${unpackGrads}
let o = c0 * n;
for (let c = c0; c < c1; c++) {
  ${perChain} ${sum !== null ? 'const gs = gy[c];' : ''} ${initScalar}
  ${elementLoop(
    `${sum !== null ? '' : 'const gs = gy[o];'}
    ${recompute.join('\n    ')}
    ${lines.join('\n    ')}`,
    scalar,
  )}
  ${flushScalar}
}`;
  const backward = new Function(
    ...envNames,
    `${label} backward\nreturn function (xs, y, gy, gxs, c0, c1, n) {\n${bwdBody}\n};`,
  );
  if (sum === null) {
    // forward and backward in one loop, for a root whose adjoint G is known before the forward runs
    const bothBody = `${unpack} ${hoist} ${unpackGrads}
let o = c0 * n;
for (let c = c0; c < c1; c++) {
  ${perChain} const gs = G; ${initScalar}
  ${elementLoop(
    `${fwdd.join('\n    ')}
    y[o] = v${root};
    ${lines.join('\n    ')}`,
    scalar,
  )}
  ${flushScalar}
}`;
    const both = new Function(
      ...envNames,
      `${label} forward and backward\nreturn function (xs, y, G, gxs, c0, c1, n) {\n${bothBody}\n};`,
    );
    return { forward, backward, both };
  }
  // forward and backward in one loop, for a sum whose adjoint G is known before the forward runs
  // (unrolled as the forward loop, so both give the same sum to the last bit)
  const oddLines = lines.map((t) => shiftIndex(t).replace(/\bg(\d+)\b/g, 'h$1'));
  const bothBody = `${unpack} ${hoist} ${unpackGrads}
let o = c0 * n;
for (let c = c0; c < c1; c++) {
  ${perChain} const gs = G; ${initScalar}
  let acc = 0;
  let acc1 = 0;
  let i = 0;
  ${
    scalar
      ? ''
      : `for (; i + 1 < n; i += 2, o += 2) {
    ${fwdd.join('\n    ')}
    acc += v${root};
    ${lines.join('\n    ')}
    ${oddd.join('\n    ')}
    acc1 += w${root};
    ${oddLines.join('\n    ')}
  }`
  }
  ${tail(`${fwdd.join('\n    ')}
    acc += v${root};
    ${lines.join('\n    ')}`)}
  y[c] = acc + acc1;
  ${flushScalar}
}`;
  const both = new Function(
    ...envNames,
    `${label} forward and backward\nreturn function (xs, y, G, gxs, c0, c1, n) {\n${bothBody}\n};`,
  );
  return { forward, backward, both };
}
