/**
 * nuts: Stan's multinomial No-U-Turn sampler (stan/mcmc/hmc/nuts/base_nuts.hpp;
 * Hoffman and Gelman 2014, Betancourt 2017), the comparison baseline:
 *
 * - the trajectory doubles in a random direction until a U-turn, a
 *   divergence (energy error H − H0 > 1000) or the maximum depth (10);
 * - within a new subtree the proposal is drawn uniformly by weight
 *   (multinomial), and the new subtree replaces the sample with probability
 *   min(1, w_new/w_old) (biased progressive sampling);
 * - the generalised no-U-turn criterion p♯₋·ρ > 0 and p♯₊·ρ > 0 is checked
 *   on every merged tree, plus Stan's two extra checks across the seam of
 *   the merged subtrees (rho_extended);
 * - accept_stat__ is the mean of min(1, exp(H0 − h)) over the tree's
 *   leapfrogs, and treedepth__, n_leapfrog__, energy__ are reported as
 *   CmdStan writes them.
 *
 * Chains are batched as per-chain programs (batched-programs.ts): every
 * leapfrog of every live chain is one row of one potential call, so chains
 * with shallow trees never wait on masked work and deep ones keep going.
 */
import type { Potential } from '../model/types.js';
import type { Stream } from '../random/xoshiro.js';
import type { Streams } from '../random/streams.js';
import { runBatched, type ChainProgram } from './batched-programs.js';
import {
  clonePoint,
  copyPoint,
  dot,
  energy,
  hmcStepSizeProgram,
  leapfrog,
  sampleMomentum,
  type MetricRowOps,
  type Point,
} from './hamiltonian.js';
import { metricOps } from './metric.js';
import type { SamplerSpec } from './registry.js';
import type { Kernel, KernelParams, LangevinState, StepInfo, StepResult } from './types.js';

export const NUTS_MAX_DELTA_H = 1000;

export interface NutsTransition {
  sample: Point;
  depth: number;
  leapfrogs: number;
  divergent: boolean;
  acceptStat: number;
  energy: number;
}

function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}

/** The generalised no-U-turn criterion: both ends' p♯ point along ρ. */
function criterion(pSharpMinus: Float64Array, pSharpPlus: Float64Array, rho: Float64Array): boolean {
  return dot(pSharpPlus, rho) > 0 && dot(pSharpMinus, rho) > 0;
}

function sum(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}

function addInto(to: Float64Array, from: Float64Array): void {
  for (let i = 0; i < to.length; i++) to[i] += from[i]!;
}

/** What one transition shares across its recursion (Stan's members and counters). */
interface TreeContext {
  z: Point;
  epsilon: number;
  h0: number;
  ops: MetricRowOps;
  chain: number;
  stream: Stream;
  scratch: Float64Array;
  leapfrogs: number;
  sumMetroProb: number;
  divergent: boolean;
}

/** base_nuts::build_tree; outputs are written into the arrays and `logSumWeight.v`. */
function* buildTree(
  depth: number,
  zPropose: Point,
  pSharpBeg: Float64Array,
  pSharpEnd: Float64Array,
  rho: Float64Array,
  pBeg: Float64Array,
  pEnd: Float64Array,
  sign: number,
  ctx: TreeContext,
  logSumWeight: { v: number },
): ChainProgram<boolean> {
  const dim = rho.length;
  if (depth === 0) {
    yield* leapfrog(ctx.z, sign * ctx.epsilon, ctx.ops, ctx.chain, ctx.scratch);
    ctx.leapfrogs++;
    const h = energy(ctx.z, ctx.ops, ctx.chain, ctx.scratch);
    if (h - ctx.h0 > NUTS_MAX_DELTA_H) ctx.divergent = true;
    logSumWeight.v = logSumExp(logSumWeight.v, ctx.h0 - h);
    ctx.sumMetroProb += ctx.h0 - h > 0 ? 1 : Math.exp(ctx.h0 - h);
    copyPoint(ctx.z, zPropose);
    ctx.ops.velocity(ctx.chain, ctx.z.p, 0, pSharpBeg, 0);
    pSharpEnd.set(pSharpBeg);
    addInto(rho, ctx.z.p);
    pBeg.set(ctx.z.p);
    pEnd.set(pBeg);
    return !ctx.divergent;
  }

  // the initial subtree
  const logSumWeightInit = { v: -Infinity };
  const pInitEnd = new Float64Array(dim);
  const pSharpInitEnd = new Float64Array(dim);
  const rhoInit = new Float64Array(dim);
  const validInit = yield* buildTree(
    depth - 1,
    zPropose,
    pSharpBeg,
    pSharpInitEnd,
    rhoInit,
    pBeg,
    pInitEnd,
    sign,
    ctx,
    logSumWeightInit,
  );
  if (!validInit) return false;

  // the final subtree
  const zProposeFinal = clonePoint(ctx.z);
  const logSumWeightFinal = { v: -Infinity };
  const pFinalBeg = new Float64Array(dim);
  const pSharpFinalBeg = new Float64Array(dim);
  const rhoFinal = new Float64Array(dim);
  const validFinal = yield* buildTree(
    depth - 1,
    zProposeFinal,
    pSharpFinalBeg,
    pSharpEnd,
    rhoFinal,
    pFinalBeg,
    pEnd,
    sign,
    ctx,
    logSumWeightFinal,
  );
  if (!validFinal) return false;

  // multinomial sample from the right subtree
  const logSumWeightSubtree = logSumExp(logSumWeightInit.v, logSumWeightFinal.v);
  logSumWeight.v = logSumExp(logSumWeight.v, logSumWeightSubtree);
  if (logSumWeightFinal.v > logSumWeightSubtree) {
    copyPoint(zProposeFinal, zPropose);
  } else {
    const acceptProb = Math.exp(logSumWeightFinal.v - logSumWeightSubtree);
    if (ctx.stream.uniform() < acceptProb) copyPoint(zProposeFinal, zPropose);
  }

  const rhoSubtree = sum(rhoInit, rhoFinal);
  addInto(rho, rhoSubtree);
  // demand satisfaction around the merged subtrees, then across their seam
  let persist = criterion(pSharpBeg, pSharpEnd, rhoSubtree);
  persist = criterion(pSharpBeg, pSharpFinalBeg, sum(rhoInit, pFinalBeg)) && persist;
  persist = criterion(pSharpInitEnd, pSharpEnd, sum(rhoFinal, pInitEnd)) && persist;
  return persist;
}

/** base_nuts::transition for one chain from `start` (its p is replaced by a fresh momentum). */
export function* nutsTransition(
  start: Point,
  epsilon: number,
  maxDepth: number,
  ops: MetricRowOps,
  chain: number,
  stream: Stream,
): ChainProgram<NutsTransition> {
  const dim = start.q.length;
  const scratch = new Float64Array(dim);
  const z = clonePoint(start);
  sampleMomentum(z, ops, chain, stream, scratch);

  const pSharp = new Float64Array(dim);
  ops.velocity(chain, z.p, 0, pSharp, 0);
  const pFwdFwd = z.p.slice();
  const pSharpFwdFwd = pSharp.slice();
  const pFwdBck = z.p.slice();
  const pSharpFwdBck = pSharp.slice();
  const pBckFwd = z.p.slice();
  const pSharpBckFwd = pSharp.slice();
  const pBckBck = z.p.slice();
  const pSharpBckBck = pSharp.slice();
  let rho: Float64Array = z.p.slice();

  const zFwd = clonePoint(z);
  const zBck = clonePoint(z);
  const zSample = clonePoint(z);
  const zPropose = clonePoint(z);
  let logSumWeight = 0; // log 1: the initial point
  const ctx: TreeContext = {
    z,
    epsilon,
    h0: energy(z, ops, chain, scratch),
    ops,
    chain,
    stream,
    scratch,
    leapfrogs: 0,
    sumMetroProb: 0,
    divergent: false,
  };

  let depth = 0;
  while (depth < maxDepth) {
    const rhoFwd = new Float64Array(dim);
    const rhoBck = new Float64Array(dim);
    const logSumWeightSubtree = { v: -Infinity };
    let valid: boolean;
    if (stream.uniform() > 0.5) {
      // extend forward
      copyPoint(zFwd, ctx.z);
      rhoBck.set(rho);
      pBckFwd.set(pFwdBck);
      pSharpBckFwd.set(pSharpFwdBck);
      valid = yield* buildTree(
        depth,
        zPropose,
        pSharpFwdBck,
        pSharpFwdFwd,
        rhoFwd,
        pFwdBck,
        pFwdFwd,
        1,
        ctx,
        logSumWeightSubtree,
      );
      copyPoint(ctx.z, zFwd);
    } else {
      // extend backward
      copyPoint(zBck, ctx.z);
      rhoFwd.set(rho);
      pFwdBck.set(pBckFwd);
      pSharpFwdBck.set(pSharpBckFwd);
      valid = yield* buildTree(
        depth,
        zPropose,
        pSharpBckFwd,
        pSharpBckBck,
        rhoBck,
        pBckFwd,
        pBckBck,
        -1,
        ctx,
        logSumWeightSubtree,
      );
      copyPoint(ctx.z, zBck);
    }
    if (!valid) break;
    depth++;

    // biased progressive sampling: the new subtree replaces the sample with probability min(1, w_new/w_old)
    if (logSumWeightSubtree.v > logSumWeight) {
      copyPoint(zPropose, zSample);
    } else {
      const acceptProb = Math.exp(logSumWeightSubtree.v - logSumWeight);
      if (stream.uniform() < acceptProb) copyPoint(zPropose, zSample);
    }
    logSumWeight = logSumExp(logSumWeight, logSumWeightSubtree.v);

    rho = sum(rhoBck, rhoFwd);
    let persist = criterion(pSharpBckBck, pSharpFwdFwd, rho);
    persist = criterion(pSharpBckBck, pSharpFwdBck, sum(rhoBck, pFwdBck)) && persist;
    persist = criterion(pSharpBckFwd, pSharpFwdFwd, sum(rhoFwd, pBckFwd)) && persist;
    if (!persist) break;
  }

  return {
    sample: zSample,
    depth,
    leapfrogs: ctx.leapfrogs,
    divergent: ctx.divergent,
    acceptStat: ctx.leapfrogs > 0 ? ctx.sumMetroProb / ctx.leapfrogs : 0,
    energy: energy(zSample, ops, chain, scratch),
  };
}

function pointOf(state: LangevinState, c: number): Point {
  const dim = state.dim;
  return {
    q: state.position.slice(c * dim, (c + 1) * dim),
    p: new Float64Array(dim),
    logDensity: state.logDensity[c]!,
    gradient: state.gradient.slice(c * dim, (c + 1) * dim),
  };
}

interface MutableState {
  chains: number;
  dim: number;
  position: Float64Array;
  logDensity: Float64Array;
  gradient: Float64Array;
}

export interface HmcKernel extends Kernel {
  /** Stan's init_stepsize per chain (hamiltonian.ts); returns each chain's evaluations. */
  initialStepSize(state: LangevinState, streams: Streams, params: KernelParams): Float64Array;
}

/** Stan's init_stepsize for every chain of an HMC-type kernel, batched. */
export function hmcInitialStepSize(
  potential: Potential,
  state: LangevinState,
  streams: Streams,
  params: KernelParams,
): Float64Array {
  const ops = metricOps(params, state.chains, state.dim);
  const programs = Array.from({ length: state.chains }, (_, c) =>
    hmcStepSizeProgram(pointOf(state, c), params.stepSize[c]!, ops, c, streams[c]!),
  );
  const run = runBatched(potential, programs);
  run.results.forEach((eps, c) => (params.stepSize[c] = eps));
  return run.evaluations;
}

export function nutsKernel(potential: Potential, chains: number, maxDepth = 10): HmcKernel {
  const dim = potential.dim;
  const info = {
    acceptProbability: new Float64Array(chains),
    accepted: new Uint8Array(chains),
    divergent: new Uint8Array(chains),
    stepSize: new Float64Array(chains),
    gradients: new Float64Array(chains),
    columns: {
      treedepth__: new Float64Array(chains),
      n_leapfrog__: new Float64Array(chains),
      energy__: new Float64Array(chains),
    },
  } satisfies StepInfo;
  const allocate = (): MutableState => ({
    chains,
    dim,
    position: new Float64Array(chains * dim),
    logDensity: new Float64Array(chains),
    gradient: new Float64Array(chains * dim),
  });
  const buffers = [allocate(), allocate()];

  return {
    name: 'nuts',
    chains,
    dim,
    init(position) {
      const state = buffers[0]!;
      state.position.set(position);
      const evaluated = potential.logDensityAndGradient(state.position, chains);
      state.logDensity.set(evaluated.logDensity);
      state.gradient.set(evaluated.gradient);
      return state;
    },
    step(state, streams, params): StepResult {
      const next = state === buffers[0] ? buffers[1]! : buffers[0]!;
      const ops = metricOps(params, chains, dim);
      const programs = Array.from({ length: chains }, (_, c) =>
        nutsTransition(pointOf(state, c), params.stepSize[c]!, maxDepth, ops, c, streams[c]!),
      );
      const { results } = runBatched(potential, programs);
      for (let c = 0; c < chains; c++) {
        const t = results[c]!;
        next.position.set(t.sample.q, c * dim);
        next.gradient.set(t.sample.gradient, c * dim);
        next.logDensity[c] = t.sample.logDensity;
        info.acceptProbability[c] = t.acceptStat;
        let moved = 0;
        for (let i = 0; i < dim; i++) if (t.sample.q[i] !== state.position[c * dim + i]) moved = 1;
        info.accepted[c] = moved;
        info.divergent[c] = t.divergent ? 1 : 0;
        info.stepSize[c] = params.stepSize[c]!;
        info.gradients[c] = t.leapfrogs;
        info.columns.treedepth__[c] = t.depth;
        info.columns.n_leapfrog__[c] = t.leapfrogs;
        info.columns.energy__[c] = t.energy;
      }
      return { state: next, info };
    },
    initialStepSize: (state, streams, params) => hmcInitialStepSize(potential, state, streams, params),
  };
}

export const nutsSampler: SamplerSpec = {
  name: 'nuts',
  description: "Stan's multinomial NUTS with the generalised U-turn criterion: exact, the comparison baseline",
  exactness: 'adjusted',
  options: [
    {
      key: 'maxDepth',
      value: '<n>',
      description: 'maximum tree depth (at most 2^n leapfrogs per draw)',
      type: 'positive-int',
      default: 10,
    },
  ],
  metrics: ['diag-var', 'diag', 'dense', 'low-rank', 'unit'],
  needsLogDensity: true,
  targetAcceptance: 0.8,
  divergence: 'energy error above 1000 or a non-finite density',
  columns: ['treedepth__', 'n_leapfrog__', 'energy__'],
  createKernel: (potential, chains, s) => nutsKernel(potential, chains, s.options.maxDepth ?? 10),
};
