/**
 * State, info and kernel types shared by every Langevin kernel. Everything
 * is batched: positions and gradients are chains × dim row-major
 * Float64Arrays, per-chain facts are arrays of length chains.
 */
import type { Streams } from '../random/streams.js';

export type SamplerName = 'lmc' | 'lmc-beta' | 'mala';

/** Where the chains are, with what the next step needs there. */
export interface LangevinState {
  readonly chains: number;
  readonly dim: number;
  /** chains × dim, unconstrained. */
  readonly position: Float64Array;
  /** chains: log π at position (NaN for a gradient-only source). */
  readonly logDensity: Float64Array;
  /** chains × dim: ∇ log π at position. */
  readonly gradient: Float64Array;
  /** lmc-beta only: the lowest f = −log π seen per chain (chains). */
  readonly lowestF?: Float64Array;
  /** lmc-beta only: where that lowest f was seen (chains × dim). */
  readonly argminF?: Float64Array;
}

/** What one step did, per chain. */
export interface StepInfo {
  /**
   * MALA acceptance probability min(1, α) of the proposal (for lmc and
   * lmc-beta computed as a diagnostic and warm-up signal, not applied; NaN
   * for a gradient-only source; 0 for a divergent proposal).
   */
  readonly acceptProbability: Float64Array;
  /** 1 if the chain moved to the proposal. */
  readonly accepted: Uint8Array;
  /** 1 if the proposal had a non-finite log density or gradient (the chain stayed put). */
  readonly divergent: Uint8Array;
  /** The step size η used, per chain. */
  readonly stepSize: Float64Array;
}

/** Tuning a step uses; the warm-up changes these between steps. */
export interface KernelParams {
  /** η per chain (the seed's convention: x' = x + η M ∇log π + √(2η) M^{1/2} ξ). */
  stepSize: Float64Array;
  /** Diagonal inverse metric M (variances): dim (shared) or chains × dim (per chain). */
  invMetric: Float64Array;
}

export interface StepResult {
  state: LangevinState;
  info: StepInfo;
}

/**
 * A batched Langevin kernel, BlackJAX style. `step` reads its input state
 * and never changes it; it returns a new state and info from the kernel's
 * own buffers (two states used alternately, one info), so a step allocates
 * nothing beyond what the potential allocates. A returned state stays valid
 * for one more step, info until the next step: copy what you keep.
 */
export interface Kernel {
  readonly name: SamplerName;
  readonly chains: number;
  readonly dim: number;
  /** Evaluate the potential at `position` (chains × dim) and build a state. */
  init(position: Float64Array): LangevinState;
  step(state: LangevinState, streams: Streams, params: KernelParams): StepResult;
}

/** Options common to kernel factories. */
export interface KernelOptions {
  /**
   * The potential only provides gradients (e.g. a score network wrapped as
   * a Potential): its log density is ignored, divergence checks the
   * gradient only, and acceptance probabilities are NaN. Not allowed for mala.
   */
  gradientOnly?: boolean;
  /**
   * Apply the Metropolis–Hastings correction to lmc or lmc-beta proposals
   * (MALA on π, resp. π^β). The driver uses it for their warm-up, where
   * dual averaging tries step sizes that an unadjusted chain would not
   * survive.
   */
  metropolis?: boolean;
}

export type Phase = 'warmup' | 'sampling';

/** One iteration, as the driver's `onDraw` callback sees it. */
export interface DrawEvent {
  phase: Phase;
  /** 0-based iteration within the phase. */
  iteration: number;
  /** Whether this sampling iteration is kept (thinning); false in warm-up. */
  kept: boolean;
  /** The state after the step (valid during the callback only). */
  state: LangevinState;
  info: StepInfo;
  params: KernelParams;
}

export interface SampleOptions {
  sampler: SamplerName;
  chains: number;
  /** Warm-up iterations (adapt, not kept). */
  warmup: number;
  /** Sampling iterations; every `thin`-th is kept (Stan's num_samples, thin). */
  draws: number;
  thin?: number;
  seed: number;
  /** Fixed η: the warm-up adapts the metric only. */
  stepSize?: number;
  /** lmc-beta's inverse temperature β (default 1). */
  beta?: number;
  /** Initial values uniform in (−R, R) on the unconstrained space (default 2). */
  initRadius?: number;
  /** Initial values: dim (every chain) or chains × dim, unconstrained. */
  init?: Float64Array;
  /** Dual averaging target (default 0.574). */
  targetAcceptance?: number;
  /** The potential's log density is meaningless (a score): lmc/lmc-beta with a fixed step size only. */
  gradientOnly?: boolean;
  /** Stop early: the result holds what was drawn so far, `interrupted: true`. */
  signal?: AbortSignal;
  /** After each iteration: done of total (warm-up + sampling iterations). */
  onProgress?: (done: number, total: number, phase: Phase) => void;
  /** After each iteration of either phase. */
  onDraw?: (event: DrawEvent) => void;
}

export interface ChainInfo {
  /** Fraction of sampling iterations that moved (lmc: the non-divergent ones). */
  acceptanceRate: number;
  /** Mean MALA acceptance probability over sampling iterations (NaN if gradient-only). */
  meanAcceptStat: number;
  /** η used for sampling. */
  stepSize: number;
  /** Divergent proposals during sampling. */
  divergences: number;
  /** Divergent proposals during warm-up. */
  warmupDivergences: number;
  /** Potential evaluations of this chain (init, heuristic trials, every step). */
  gradientEvaluations: number;
  /** Wall time of the run; chains run batched, so every chain reports the whole run. */
  seconds: number;
  /** The diagonal inverse metric used for sampling (dim). */
  invMetric: Float64Array;
}

export interface SampleResult {
  sampler: SamplerName;
  chains: number;
  dim: number;
  seed: number;
  thin: number;
  /** Kept draws per chain (ceil(draws / thin), fewer if interrupted). */
  keptDraws: number;
  /** chains × keptDraws × dim, unconstrained. */
  draws: Float64Array;
  /** chains × keptDraws: log π of each kept draw. */
  logDensity: Float64Array;
  /** chains × keptDraws: the step's acceptance probability. */
  acceptStat: Float64Array;
  /** chains × keptDraws: η of the step. */
  stepSize: Float64Array;
  /** chains × keptDraws: 1 if the step's proposal diverged. */
  divergent: Uint8Array;
  /** chains × dim: where each chain started. */
  inits: Float64Array;
  chainInfo: ChainInfo[];
  warmupSeconds: number;
  samplingSeconds: number;
  /** lmc-beta: lowest f = −log π per chain over warm-up and sampling. */
  lowestF?: Float64Array;
  /** lmc-beta: chains × dim, where each lowest f was seen. */
  argminF?: Float64Array;
  /** Proposals with a non-finite log density or gradient, all chains and phases. */
  nonFinite: number;
  interrupted: boolean;
}
