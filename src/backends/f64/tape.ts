/**
 * The f64 backend: a batched Float64 reverse-mode tape over a DensityGraph.
 *
 * Every non-constant node owns a chain-major buffer of C·size values (and,
 * when it depends on the parameters, a gradient buffer of the same size);
 * constants are one shared copy that kernels broadcast over chains. Buffers
 * are allocated for a chain capacity and reused by every call; they are
 * reallocated only when a call asks for more chains than the capacity, up
 * to a slab of about 8 MiB of buffers: a bigger call runs slab by slab
 * (results reused while they fit 8 MiB too, else fresh), so one huge call
 * (a diagnostic over every kept draw at once) does not pin its buffers for the
 * evaluator's life. Each
 * node is compiled once into batched forward/backward closures (node.ts),
 * or, for clusters of elementwise nodes, one fused step (fuse.ts), that
 * loop over a block of chains inside the primitive; a call runs every step
 * forward then backward on one block of chains before the next block (so
 * the block's buffers stay in cache), with no allocation. 'reshape' nodes
 * alias their input's buffers. A parameter node spanning x accumulates its
 * gradient straight into the result, and is read in place when only fused
 * steps read it; any other parameter read only by fused steps (directly or
 * through reshapes) is read in place from x with a chain stride (offset +
 * c·dim) and adds its gradient straight into the result at the same place,
 * with no buffers of its own (the double well's scalars).
 *
 * Results: by default the returned `logDensity` and `gradient` arrays belong
 * to the evaluator and are OVERWRITTEN by its next call (results for
 * different chain counts share memory): copy them, or pass
 * `freshOutputs: true`, to keep them across calls. Allocating fresh result
 * arrays costs about a third of a gradient evaluation of a 100-d Gaussian on
 * 256 chains, hence the default.
 */
import { InternalError } from '../../errors.js';
import type { DensityGraph, IRNode } from '../../ir/ops.js';
import { shapeSize } from '../../ir/ops.js';
import type { LogDensityAndGradient } from '../../model/types.js';
import type { DensityEvaluator } from '../evaluator.js';
import { findClusters, fusedStep, type Cluster } from './fuse.js';
import { nodeStep, type ChainStep, type StepInput } from '../../math/node-step.js';
import { codeGenerationAllowed } from '../../math/loop-closures.js';
import { scanStep } from './scan.js';
import { constantProduct, resolveKernel, type KernelChoice, type ProductKind } from './product.js';

export interface F64Options {
  /** Return new result arrays on every call instead of the evaluator's own (reused) ones. */
  freshOutputs?: boolean;
  /** Fuse chains of elementwise ops into single loops (fuse.ts); default true. */
  fuse?: boolean;
  /**
   * Kernels of constant-matrix products (product.ts): 'auto' (default) runs
   * WebAssembly SIMD where the engine has it, else JS; the environment
   * variable LANGEVIN_F64_KERNEL=js forces JS under 'auto'. Every choice
   * gives bitwise the same results.
   */
  kernel?: KernelChoice;
  /** Bytes of node buffers the evaluator keeps at most (default 8 MiB); larger calls run in slabs. */
  bufferBytes?: number;
}

export interface F64Evaluator extends DensityEvaluator {
  readonly dim: number;
  /** Chains the buffers are currently sized for. */
  readonly capacity: number;
}

type Step = ChainStep;

/** Bytes of buffers an evaluator keeps at most: larger calls run in slabs. */
const SLAB_BYTES = 8 << 20;

/** Bytes of node buffers one block of chains should span (so a block's working set stays in cache). */
const BLOCK_BYTES = 1 << 17;

/** What the current call provides to the 'param' and 'noise' steps. */
interface EvalState {
  x: Float64Array;
  noise: number;
  dim: number;
}

interface Compiled {
  forward: Step[];
  /** The forward steps of a gradient pass (some also do their backward). */
  forwardGrad: Step[];
  backward: Step[];
  /** Gradient buffers to clear before a backward pass, with their per-chain sizes. */
  grads: { grad: Float64Array; size: number }[];
  outValue: Float64Array;
  outGrad: Float64Array | null;
  /** Chains per block: every step runs over one block before the next step starts. */
  block: number;
  /** Entries of fused steps' input arrays that read the positions x in place (set per call). */
  xSites: { values: Float64Array[]; k: number }[];
  /** Whether a parameter node spanning x accumulates straight into the result gradient. */
  direct: boolean;
  /** (gradient buffer, offset, size) of the other parameter nodes, added in after the backward pass. */
  params: { grad: Float64Array; offset: number; size: number }[];
}

/** Compile a density graph into a batched Float64 evaluator. */
export function compileF64(graph: DensityGraph, options: F64Options = {}): F64Evaluator {
  const { nodes, dim } = graph;
  const outNode = nodes[graph.output];
  if (!outNode || shapeSize(outNode.shape) !== 1)
    throw new InternalError('f64: the graph output must be a scalar node');
  const active = activeNodes(nodes);
  // Fused clusters are generated code: none where code generation from strings is forbidden.
  const clusters = options.fuse === false || !codeGenerationAllowed() ? [] : findClusters(nodes, graph.output);
  const state: EvalState = { x: new Float64Array(0), noise: 0, dim };
  const kernel = resolveKernel(options.kernel);
  let capacity = 0;
  // chains per slab: buffers of at most bufferBytes (results for the whole call are then fresh)
  const slab = Math.max(64, Math.floor((options.bufferBytes ?? SLAB_BYTES) / bytesPerChain(nodes, active, dim)));
  let compiled: Compiled | null = null;
  const views = new Map<number, { logDensity: Float64Array; gradient: Float64Array }>();
  let resultLd = new Float64Array(0);
  let resultGrad = new Float64Array(0);

  function ensure(chains: number): Compiled {
    if (compiled && chains <= capacity) return compiled;
    capacity = Math.max(chains, Math.min(slab, compiled ? 2 * capacity : chains));
    resultLd = new Float64Array(capacity);
    resultGrad = new Float64Array(capacity * dim);
    compiled = build(nodes, active, graph.output, capacity, state, clusters, resultGrad, kernel);
    views.clear();
    return compiled;
  }

  function checkInput(x: Float64Array, chains: number): void {
    if (!Number.isInteger(chains) || chains < 1)
      throw new InternalError(`f64: chains must be a positive integer, got ${chains}`);
    if (x.length < chains * dim)
      throw new InternalError(`f64: x has ${x.length} entries, need chains × dim = ${chains * dim}`);
  }

  function prepare(x: Float64Array, chains: number, noise: number): Compiled {
    checkInput(x, chains);
    const c = ensure(chains);
    state.x = x;
    state.noise = noise;
    for (const site of c.xSites) site.values[site.k] = x;
    return c;
  }

  function forward(x: Float64Array, chains: number, noise: number): Compiled {
    const c = prepare(x, chains, noise);
    for (let c0 = 0; c0 < chains; c0 += c.block) {
      const c1 = Math.min(chains, c0 + c.block);
      for (const f of c.forward) f(c0, c1);
    }
    return c;
  }

  function results(chains: number): { logDensity: Float64Array; gradient: Float64Array } {
    if (options.freshOutputs) return { logDensity: new Float64Array(chains), gradient: new Float64Array(chains * dim) };
    let v = views.get(chains);
    if (!v) {
      v = { logDensity: resultLd.subarray(0, chains), gradient: resultGrad.subarray(0, chains * dim) };
      views.set(chains, v);
    }
    return v;
  }

  // results of calls over more chains than a slab, reused while they fit the budget too
  let bigLd = new Float64Array(0);
  let bigGrad = new Float64Array(0);
  const budget = options.bufferBytes ?? SLAB_BYTES;

  /**
   * A call over more chains than a slab: slab by slab (each chain's results
   * are unchanged), into result arrays the evaluator reuses while they fit
   * its budget, else into fresh ones.
   */
  function sliced(x: Float64Array, chains: number, noise: number, withGradient: boolean): LogDensityAndGradient {
    checkInput(x, chains);
    const reuse = !options.freshOutputs && 8 * chains * (1 + dim) <= budget;
    if (reuse && bigLd.length < chains) {
      bigLd = new Float64Array(chains);
      bigGrad = new Float64Array(chains * dim);
    }
    const logDensity = reuse ? bigLd.subarray(0, chains) : new Float64Array(chains);
    const gradient = reuse
      ? bigGrad.subarray(0, withGradient ? chains * dim : 0)
      : new Float64Array(withGradient ? chains * dim : 0);
    for (let s0 = 0; s0 < chains; s0 += slab) {
      const s1 = Math.min(chains, s0 + slab);
      const part = x.subarray(s0 * dim, s1 * dim);
      if (withGradient) {
        const r = evaluator.logDensityAndGradient(part, s1 - s0, noise);
        logDensity.set(r.logDensity, s0);
        gradient.set(r.gradient, s0 * dim);
      } else logDensity.set(evaluator.logDensity(part, s1 - s0, noise), s0);
    }
    return { logDensity, gradient };
  }

  const evaluator: F64Evaluator = {
    dim,
    get capacity() {
      return capacity;
    },
    logDensity(x: Float64Array, chains: number, noise = 0): Float64Array {
      if (chains > slab) return sliced(x, chains, noise, false).logDensity;
      const c = forward(x, chains, noise);
      const out = results(chains).logDensity;
      copyOutput(c.outValue, out, chains);
      return out;
    },
    logDensityAndGradient(x: Float64Array, chains: number, noise = 0): LogDensityAndGradient {
      if (chains > slab) return sliced(x, chains, noise, true);
      const c = prepare(x, chains, noise);
      const total = chains * dim;
      const gradient = resultGrad; // first chains × dim entries
      const outGrad = c.outGrad;
      // a parameter spanning x accumulates straight into `gradient`, zeroed block by block below
      if (!outGrad || !c.direct) gradient.fill(0, 0, total);
      // forward then backward one block of chains at a time, while its buffers are in cache
      for (let c0 = 0; c0 < chains; c0 += c.block) {
        const c1 = Math.min(chains, c0 + c.block);
        if (!outGrad) {
          for (const f of c.forward) f(c0, c1);
          continue;
        }
        for (const g of c.grads) g.grad.fill(0, c0 * g.size, c1 * g.size);
        for (const f of c.forwardGrad) f(c0, c1);
        outGrad.fill(1, c0, c1);
        for (const b of c.backward) b(c0, c1);
      }
      if (outGrad) {
        for (const p of c.params) {
          const g = p.grad;
          const n = p.size;
          for (let ch = 0; ch < chains; ch++) {
            const go = ch * n;
            const xo = ch * dim + p.offset;
            for (let i = 0; i < n; i++) gradient[xo + i] += g[go + i];
          }
        }
      }
      const out = results(chains);
      copyOutput(c.outValue, out.logDensity, chains);
      if (out.gradient !== resultGrad && out.gradient.buffer !== resultGrad.buffer) {
        const fresh = out.gradient;
        for (let i = 0; i < total; i++) fresh[i] = gradient[i];
      }
      return out;
    },
    dispose() {
      compiled = null;
      capacity = 0;
      views.clear();
    },
  };
  return evaluator;
}

/** Bytes of buffers per chain (an upper bound: fused interiors get none): values, gradients, results. */
function bytesPerChain(nodes: IRNode[], active: boolean[], dim: number): number {
  let bytes = 8 * (1 + dim);
  for (const node of nodes)
    if (node.kind !== 'constant') bytes += 8 * shapeSize(node.shape) * (active[node.id] ? 2 : 1);
  return bytes;
}

function copyOutput(value: Float64Array, out: Float64Array, chains: number): void {
  if (value.length === 1)
    out.fill(value[0]); // a constant output
  else for (let c = 0; c < chains; c++) out[c] = value[c];
}

/** Nodes whose value depends on a parameter (they need gradients). */
function activeNodes(nodes: IRNode[]): boolean[] {
  const active = new Array<boolean>(nodes.length).fill(false);
  for (const node of nodes) {
    if (node.kind === 'param') active[node.id] = true;
    else if (node.inputs.some((i) => active[i])) active[node.id] = true;
  }
  return active;
}

/** Allocate every buffer for `C` chains and compile the steps. */
function build(
  nodes: IRNode[],
  active: boolean[],
  output: number,
  C: number,
  state: EvalState,
  clusters: Cluster[],
  resultGrad: Float64Array,
  kernel: 'js' | 'wasm',
): Compiled {
  // fused clusters: interior nodes get no buffers, the cluster's output node runs the fused step
  const interior = new Uint8Array(nodes.length);
  const clusterAt = new Map<number, Cluster>();
  for (const cl of clusters) {
    const last = cl.sum ?? cl.root;
    for (const m of cl.members) if (m !== last) interior[m] = 1;
    clusterAt.set(last, cl);
  }
  // a parameter read only by fused steps (directly or through reshapes) is read in place from x
  // (no copy): one spanning x as a batched input, any other with a chain stride, its gradient then
  // added straight into the result (no scatter)
  const inPlace = new Set<number>();
  const strided = new Set<number>();
  const fused = (u: IRNode) => interior[u.id] === 1 || (clusterAt.get(u.id)?.members.includes(u.id) ?? false);
  for (const node of nodes) {
    if (node.kind !== 'param') continue;
    const users = readersThroughReshapes(nodes, node.id, output);
    if (users === null || users.length === 0 || !users.every(fused)) continue;
    inPlace.add(node.id);
    if (shapeSize(node.shape) !== state.dim) strided.add(node.id);
  }
  const adjoints = constantAdjoints(nodes, output);
  const xSites: Compiled['xSites'] = [];
  const inPlaceBuffers = new Set<Float64Array>();
  const values: Float64Array[] = new Array(nodes.length);
  const grads: (Float64Array | null)[] = new Array(nodes.length).fill(null);
  const owned: Compiled['grads'] = [];
  const forward: Step[] = [];
  const forwardGrad: Step[] = [];
  const backward: Step[] = [];
  const push = (f: Step) => {
    forward.push(f);
    forwardGrad.push(f);
  };
  const params: Compiled['params'] = [];
  let bytesPerChain = 0;
  let direct = false;
  nodes.forEach((node, i) => {
    if (node.id !== i) throw new InternalError(`f64: node ${i} has id ${node.id}; ids must equal positions`);
  });
  for (const node of nodes) {
    if (interior[node.id]) continue;
    const size = shapeSize(node.shape);
    switch (node.kind) {
      case 'constant':
        values[node.id] = node.value as Float64Array;
        continue;
      case 'reshape': {
        // an alias: same data, same gradient
        const src = node.inputs[0];
        values[node.id] = values[src];
        grads[node.id] = grads[src];
        continue;
      }
      default:
        break;
    }
    if (strided.has(node.id)) {
      // no buffers: a marker the fused steps' x entries are found by, and the result gradient
      const marker = new Float64Array(0);
      inPlaceBuffers.add(marker);
      values[node.id] = marker;
      grads[node.id] = resultGrad;
      continue;
    }
    const product = productOf(nodes, node);
    if (product) {
      // a constant matrix times the chains' vectors: the blocked kernels, buffers in their memory
      const [a, b] = node.inputs;
      const input = product.kind === 'matvec' ? b : a;
      const gIn = grads[input];
      const p = constantProduct(product.kind, product.A, product.n, product.k, C, gIn !== null, kernel);
      values[node.id] = p.value;
      bytesPerChain += 8 * size * (gIn ? 2 : 1);
      if (p.grad) {
        grads[node.id] = p.grad;
        owned.push({ grad: p.grad, size });
      }
      const bValues = values[input];
      push((c0, c1) => p.forward(bValues, c0, c1));
      if (gIn) backward.push((c0, c1) => p.backward(gIn, c0, c1));
      continue;
    }
    const value = new Float64Array(C * size);
    values[node.id] = value;
    bytesPerChain += 8 * size * (active[node.id] ? 2 : 1);
    const spansX = node.kind === 'param' && size === state.dim;
    if (active[node.id]) {
      const g = spansX ? resultGrad : new Float64Array(C * size);
      grads[node.id] = g;
      owned.push({ grad: g, size });
    }
    if (node.kind === 'param') {
      const offset = node.offset as number;
      if (spansX) direct = true;
      else params.push({ grad: grads[node.id] as Float64Array, offset, size });
      if (inPlace.has(node.id)) {
        inPlaceBuffers.add(value); // its buffer only marks the places that read x
        continue;
      }
      push((c0, c1) => {
        const x = state.x;
        const D = state.dim;
        if (size === D) {
          // one parameter node spans x: same layout, a flat loop
          for (let i = c0 * D; i < c1 * D; i++) value[i] = x[i];
          return;
        }
        for (let c = c0; c < c1; c++) {
          const xo = c * D + offset;
          const vo = c * size;
          for (let i = 0; i < size; i++) value[vo + i] = x[xo + i];
        }
      });
      continue;
    }
    if (node.kind === 'noise') {
      push((c0, c1) => value.fill(state.noise, c0, c1));
      continue;
    }
    const cluster = clusterAt.get(node.id);
    const inputs: StepInput[] = (cluster ? cluster.inputs : node.inputs).map((id) => {
      const input: StepInput = {
        value: values[id],
        shape: nodes[id].shape,
        batched: nodes[id].kind !== 'constant' && !(nodes[id].kind === 'reshape' && isConstantAlias(nodes, id)),
        grad: grads[id],
      };
      const source = aliasSource(nodes, id);
      if (strided.has(source.id) && source.kind === 'param')
        input.strided = { offset: source.offset, stride: state.dim };
      return input;
    });
    const step = cluster
      ? fusedStep(cluster, nodes, inputs, value, grads[node.id], adjoints.get(node.id) ?? null)
      : node.kind === 'scan'
        ? scanStep(node, inputs, value, grads[node.id], C, (body) => compileF64(body, { kernel }))
        : nodeStep(node, inputs, value, grads[node.id]);
    forward.push(step.forward);
    if (step.inputValues) {
      const arr = step.inputValues;
      arr.forEach((v, k) => {
        if (inPlaceBuffers.has(v)) xSites.push({ values: arr, k });
      });
    }
    if (step.forwardWithGradient) {
      forwardGrad.push(step.forwardWithGradient);
      continue;
    }
    forwardGrad.push(step.forward);
    if (step.backward) backward.push(step.backward);
  }
  backward.reverse();
  const outGrad = grads[output];
  // blocks of a multiple of 4 chains (the matrix-times-vectors kernel works on 4 at a time)
  const block = Math.max(4, 4 * Math.floor(BLOCK_BYTES / Math.max(1, bytesPerChain) / 4));
  return {
    xSites,
    forward,
    forwardGrad,
    backward,
    grads: owned,
    outValue: values[output],
    outGrad,
    params,
    block,
    direct,
  };
}

/**
 * Nodes whose adjoint (∂ output/∂ node) is a known constant: the output
 * itself, and every node that reaches it through single-consumer scalar add,
 * sub, neg or multiplication by a constant (how log-density terms combine).
 */
function constantAdjoints(nodes: IRNode[], output: number): Map<number, number> {
  const consumers: number[][] = nodes.map(() => []);
  for (const node of nodes) for (const i of node.inputs) consumers[i].push(node.id);
  const known = new Map<number, number>([[output, 1]]);
  for (let id = output - 1; id >= 0; id--) {
    const uses = consumers[id];
    if (uses.length !== 1 || shapeSize(nodes[id].shape) !== 1) continue;
    const user = nodes[uses[0]];
    // a scalar concatenated with others into a vector that only a sum reads (how lowering adds up terms)
    if (user.kind === 'concat' && new Set(user.inputs).size === user.inputs.length) {
      const after = consumers[user.id];
      const g = after.length === 1 ? known.get(after[0]) : undefined;
      const reader = after.length === 1 ? nodes[after[0]] : null;
      if (g !== undefined && reader && reader.kind === 'reduce' && reader.op === 'sum' && shapeSize(reader.shape) === 1)
        known.set(id, g);
      continue;
    }
    const g = known.get(user.id);
    if (g === undefined || shapeSize(user.shape) !== 1) continue;
    const [a, b] = user.inputs;
    if (user.kind === 'unary' && user.op === 'neg') known.set(id, -g);
    else if (user.kind === 'reshape') known.set(id, g);
    else if (user.kind !== 'binary' || a === b) continue;
    else if (user.op === 'add') known.set(id, g);
    else if (user.op === 'sub') known.set(id, a === id ? g : -g);
    else if (user.op === 'mul') {
      const other = nodes[a === id ? b : a];
      if (other.kind === 'constant' && other.value) known.set(id, g * other.value[0]);
    }
  }
  return known;
}

/**
 * A matmul of a constant matrix and a batched vector: A [n, k]·b [k]
 * ('matvec') or b [n]·A [n, k] ('vecmat'); null for any other product.
 */
function productOf(nodes: IRNode[], node: IRNode): { kind: ProductKind; A: Float64Array; n: number; k: number } | null {
  if (node.kind !== 'matmul') return null;
  const [a, b] = node.inputs.map((i) => aliasSource(nodes, i));
  const [sa, sb] = node.inputs.map((i) => nodes[i].shape);
  if (a.kind === 'constant' && b.kind !== 'constant' && sa.length === 2 && sb.length === 1 && sb[0] === sa[1])
    return { kind: 'matvec', A: a.value as Float64Array, n: sa[0], k: sa[1] };
  if (b.kind === 'constant' && a.kind !== 'constant' && sb.length === 2 && sa.length === 1 && sa[0] === sb[0])
    return { kind: 'vecmat', A: b.value as Float64Array, n: sb[0], k: sb[1] };
  return null;
}

/** The node a reshape chain starts from (the node itself if it is no reshape). */
function aliasSource(nodes: IRNode[], id: number): IRNode {
  let node = nodes[id];
  while (node.kind === 'reshape') node = nodes[node.inputs[0]];
  return node;
}

/** The nodes reading `id`'s value, directly or through reshapes (aliases of it); null if an alias is the output. */
function readersThroughReshapes(nodes: IRNode[], id: number, output: number): IRNode[] | null {
  const readers: IRNode[] = [];
  const aliases = new Set([id]);
  for (const node of nodes) {
    if (!node.inputs.some((i) => aliases.has(i))) continue;
    if (node.kind === 'reshape') aliases.add(node.id);
    else readers.push(node);
  }
  return aliases.has(output) ? null : readers;
}

/** A reshape chain that ends at a constant (the builder folds these, but graphs may come from elsewhere). */
function isConstantAlias(nodes: IRNode[], id: number): boolean {
  let node = nodes[id];
  while (node.kind === 'reshape') node = nodes[node.inputs[0]];
  return node.kind === 'constant';
}
