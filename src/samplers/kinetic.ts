/**
 * Kinetic (underdamped) Langevin pieces shared by uld and malt (MATH.md,
 * "Kinetic Langevin"): position x, momentum p ~ N(0, M), friction γ,
 *
 *     dx = M⁻¹p dt,   dp = ∇log π(x) dt − γ p dt + √(2γ) M^{1/2} dW,
 *
 * invariant law π(x) N(p; 0, M). The splitting pieces, for step h:
 *
 *     B(t): p ← p + t ∇log π(x)          A(t): x ← x + t M⁻¹p
 *     O(t): p ← e^{−γt} p + √(1 − e^{−2γt}) M^{1/2} ξ
 *
 * The kernels here keep the momentum in their state (it persists between
 * draws) and run each chain as a program of batched-programs.ts, so chains
 * with different step counts share potential calls.
 */
import type { Potential } from '../model/types.js';
import type { Stream } from '../random/xoshiro.js';
import type { Streams } from '../random/streams.js';
import { runBatched, type ChainProgram } from './batched-programs.js';
import { energy, type MetricRowOps, type Point } from './hamiltonian.js';
import { metricOps } from './metric.js';
import { hmcInitialStepSize } from './nuts.js';
import type { Kernel, KernelParams, LangevinState, StepInfo, StepResult } from './types.js';

export interface KineticState extends LangevinState {
  /** chains × dim: the momentum, carried from draw to draw. */
  readonly momentum: Float64Array;
}

/** What one chain's kinetic step reports. */
export interface KineticOutcome {
  point: Point;
  acceptProbability: number;
  accepted: boolean;
  divergent: boolean;
  gradients: number;
}

/** A chain's step: from `start` (q, p, log π, ∇) with step h, friction γ. */
export type KineticProgram = (
  start: Point,
  h: number,
  gamma: number,
  ops: MetricRowOps,
  chain: number,
  stream: Stream,
) => ChainProgram<KineticOutcome>;

/** O(t): partial refresh of the momentum with the chain's metric. */
export function refresh(
  z: Point,
  t: number,
  gamma: number,
  ops: MetricRowOps,
  chain: number,
  stream: Stream,
  scratch: Float64Array,
  fresh: Float64Array,
): void {
  const a = Math.exp(-gamma * t);
  const b = Math.sqrt(1 - a * a);
  stream.fillNormal(scratch, 0, scratch.length);
  ops.momentum(chain, scratch, 0, fresh, 0);
  for (let i = 0; i < z.p.length; i++) z.p[i] = a * z.p[i]! + b * fresh[i]!;
}

/** Whether a point's density, gradient and momentum are all finite. */
export function finitePoint(z: Point): boolean {
  let mark = z.logDensity * 0;
  for (let i = 0; i < z.q.length; i++) mark += z.gradient[i]! * 0 + z.p[i]! * 0 + z.q[i]! * 0;
  return mark === 0;
}

export { energy };

interface MutableKineticState {
  chains: number;
  dim: number;
  position: Float64Array;
  logDensity: Float64Array;
  gradient: Float64Array;
  momentum: Float64Array;
}

/**
 * A batched kernel from a per-chain kinetic program. `init` draws no
 * momentum (zeros, then the first O step or full refresh supplies it).
 */
export function kineticKernel(
  potential: Potential,
  chains: number,
  name: string,
  gamma: number,
  program: KineticProgram,
): Kernel<KineticState> {
  const dim = potential.dim;
  const info = {
    acceptProbability: new Float64Array(chains),
    accepted: new Uint8Array(chains),
    divergent: new Uint8Array(chains),
    stepSize: new Float64Array(chains),
    gradients: new Float64Array(chains),
  } satisfies StepInfo;
  const allocate = (): MutableKineticState => ({
    chains,
    dim,
    position: new Float64Array(chains * dim),
    logDensity: new Float64Array(chains),
    gradient: new Float64Array(chains * dim),
    momentum: new Float64Array(chains * dim),
  });
  const buffers = [allocate(), allocate()];
  const pointOf = (state: LangevinState, c: number): Point => {
    const momentum = (state as Partial<KineticState>).momentum;
    return {
      q: state.position.slice(c * dim, (c + 1) * dim),
      p: momentum ? momentum.slice(c * dim, (c + 1) * dim) : new Float64Array(dim),
      logDensity: state.logDensity[c]!,
      gradient: state.gradient.slice(c * dim, (c + 1) * dim),
    };
  };
  return {
    name,
    chains,
    dim,
    init(position) {
      const state = buffers[0]!;
      state.position.set(position);
      const evaluated = potential.logDensityAndGradient(state.position, chains);
      state.logDensity.set(evaluated.logDensity);
      state.gradient.set(evaluated.gradient);
      state.momentum.fill(0);
      return state;
    },
    step(state, streams: Streams, params: KernelParams): StepResult<KineticState> {
      const next = state === buffers[0] ? buffers[1]! : buffers[0]!;
      const ops = metricOps(params, chains, dim);
      const programs = Array.from({ length: chains }, (_, c) =>
        program(pointOf(state, c), params.stepSize[c]!, gamma, ops, c, streams[c]!),
      );
      const { results } = runBatched(potential, programs);
      for (let c = 0; c < chains; c++) {
        const t = results[c]!;
        next.position.set(t.point.q, c * dim);
        next.gradient.set(t.point.gradient, c * dim);
        next.momentum.set(t.point.p, c * dim);
        next.logDensity[c] = t.point.logDensity;
        info.acceptProbability[c] = t.acceptProbability;
        info.accepted[c] = t.accepted ? 1 : 0;
        info.divergent[c] = t.divergent ? 1 : 0;
        info.stepSize[c] = params.stepSize[c]!;
        info.gradients[c] = t.gradients;
      }
      return { state: next, info };
    },
    initialStepSize: (state, streams, params) => hmcInitialStepSize(potential, state, streams, params),
  };
}

/**
 * One Metropolis-adjusted OBABO trajectory of `steps` steps (MALT, Riou-Durand
 * and Vogrinc 2022, arXiv 2202.13230; with steps = 1 and a kept momentum,
 * Horowitz's generalised HMC):
 *
 *     [full refresh]  then `steps` × ( O(h/2) B(h/2) A(h) B(h/2) O(h/2) )
 *
 * accepted with probability min(1, exp(−Δ)), Δ the sum of the energy
 * errors of the B A B parts (the O parts leave N(0, M) invariant and drop
 * out of the ratio). On rejection the chain returns to its start with the
 * momentum flipped (irrelevant after a full refresh; GHMC's reversal).
 */
export function* adjustedTrajectory(
  start: Point,
  h: number,
  gamma: number,
  steps: number,
  fullRefresh: boolean,
  ops: MetricRowOps,
  chain: number,
  stream: Stream,
): ChainProgram<KineticOutcome> {
  const dim = start.q.length;
  const scratch = new Float64Array(dim);
  const fresh = new Float64Array(dim);
  const z: Point = {
    q: start.q.slice(),
    p: start.p.slice(),
    logDensity: start.logDensity,
    gradient: start.gradient.slice(),
  };
  if (fullRefresh) {
    stream.fillNormal(scratch, 0, dim);
    ops.momentum(chain, scratch, 0, z.p, 0);
  }
  const startMomentum = z.p.slice();
  let delta = 0;
  let divergent = false;
  let gradients = 0;
  for (let l = 0; l < steps; l++) {
    refresh(z, h / 2, gamma, ops, chain, stream, scratch, fresh);
    if (l === 0) startMomentum.set(z.p);
    const before = energy(z, ops, chain, scratch);
    for (let i = 0; i < dim; i++) z.p[i] += 0.5 * h * z.gradient[i]!;
    ops.velocity(chain, z.p, 0, scratch, 0);
    for (let i = 0; i < dim; i++) z.q[i] += h * scratch[i]!;
    const evaluated = yield z.q;
    gradients++;
    z.logDensity = evaluated.logDensity;
    z.gradient = evaluated.gradient;
    for (let i = 0; i < dim; i++) z.p[i] += 0.5 * h * z.gradient[i]!;
    const after = energy(z, ops, chain, scratch);
    delta += after - before;
    if (!finitePoint(z) || !(delta < 1000)) {
      divergent = true;
      break;
    }
    refresh(z, h / 2, gamma, ops, chain, stream, scratch, fresh);
  }
  const logRatio = divergent ? -Infinity : -delta;
  const probability = !(logRatio > -Infinity) ? 0 : logRatio >= 0 ? 1 : Math.exp(logRatio);
  const accepted = !divergent && (probability >= 1 || Math.log(stream.uniform()) < logRatio);
  if (accepted) return { point: z, acceptProbability: probability, accepted, divergent, gradients };
  // rejected: back to the start with the (refreshed) momentum reversed, then
  // the closing O(h/2) as on acceptance (every piece keeps π ⊗ N(0, M))
  const back: Point = { q: start.q, p: startMomentum, logDensity: start.logDensity, gradient: start.gradient };
  for (let i = 0; i < dim; i++) back.p[i] = -back.p[i]!;
  if (!fullRefresh) refresh(back, h / 2, gamma, ops, chain, stream, scratch, fresh);
  return {
    point: back,
    acceptProbability: probability,
    accepted: false,
    divergent,
    gradients,
  };
}

/**
 * One unadjusted BAOAB step (Leimkuhler and Matthews 2013), one gradient:
 *
 *     B(h/2) A(h/2) O(h) A(h/2) B(h/2)
 *
 * On a Gaussian N(0, σ²) (unit metric) its stationary law has Var x = σ²
 * exactly and Var p = 1 − h²/(4σ²), stable for h < 2σ (docs/theory.md).
 * A non-finite result is a divergence: the chain stays put with a fresh
 * momentum. The reported probability is a diagnostic: min(1, exp(−ΔH)) of
 * the two deterministic halves, GHMC's acceptance had it been adjusted.
 */
export function* baoabStep(
  start: Point,
  h: number,
  gamma: number,
  ops: MetricRowOps,
  chain: number,
  stream: Stream,
): ChainProgram<KineticOutcome> {
  const dim = start.q.length;
  const scratch = new Float64Array(dim);
  const fresh = new Float64Array(dim);
  const z: Point = {
    q: start.q.slice(),
    p: start.p.slice(),
    logDensity: start.logDensity,
    gradient: start.gradient.slice(),
  };
  const h0 = energy(z, ops, chain, scratch);
  for (let i = 0; i < dim; i++) z.p[i] += 0.5 * h * z.gradient[i]!;
  ops.velocity(chain, z.p, 0, scratch, 0);
  for (let i = 0; i < dim; i++) z.q[i] += 0.5 * h * scratch[i]!;
  // the energy before O, with the old log density (x moved, so H is only a diagnostic here)
  const kineticBefore = 0.5 * dotVelocity(z.p, scratch);
  refresh(z, h, gamma, ops, chain, stream, scratch, fresh);
  ops.velocity(chain, z.p, 0, scratch, 0);
  const kineticAfter = 0.5 * dotVelocity(z.p, scratch);
  for (let i = 0; i < dim; i++) z.q[i] += 0.5 * h * scratch[i]!;
  const evaluated = yield z.q;
  z.logDensity = evaluated.logDensity;
  z.gradient = evaluated.gradient;
  for (let i = 0; i < dim; i++) z.p[i] += 0.5 * h * z.gradient[i]!;
  if (!finitePoint(z)) {
    const back: Point = {
      q: start.q,
      p: new Float64Array(dim),
      logDensity: start.logDensity,
      gradient: start.gradient,
    };
    stream.fillNormal(scratch, 0, dim);
    ops.momentum(chain, scratch, 0, back.p, 0);
    return { point: back, acceptProbability: 0, accepted: false, divergent: true, gradients: 1 };
  }
  const deltaH = energy(z, ops, chain, scratch) - h0 - (kineticAfter - kineticBefore);
  const probability = deltaH === deltaH ? Math.min(1, Math.exp(-deltaH)) : 0;
  return { point: z, acceptProbability: probability, accepted: true, divergent: false, gradients: 1 };
}

function dotVelocity(p: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i]! * v[i]!;
  return s;
}
