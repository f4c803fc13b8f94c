/**
 * State, info and kernel types shared by every Langevin kernel. Everything
 * is batched: positions and gradients are chains × dim row-major
 * Float64Arrays, per-chain facts are arrays of length chains.
 */
import type { Streams } from '../random/streams.js';
import type { Metric, MetricKind } from './metric.js';

/** A registered sampler's name (src/samplers/registry.ts lists them). */
export type SamplerName = string;

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
  /**
   * Gradient evaluations this step spent per chain (absent: one each). A
   * kernel whose chains do different amounts of work (nuts) reports them.
   */
  readonly gradients?: Float64Array;
  /**
   * Extra per-chain facts written as CmdStan sampler columns, keyed by the
   * column name (`treedepth__`, `n_leapfrog__`, `energy__`).
   */
  readonly columns?: Readonly<Record<string, Float64Array>>;
}

/** Tuning a step uses; the warm-up changes these between steps. */
export interface KernelParams {
  /** η per chain (the seed's convention: x' = x + η M ∇log π + √(2η) M^{1/2} ξ). */
  stepSize: Float64Array;
  /** Diagonal inverse metric M (variances): dim (shared) or chains × dim (per chain). */
  invMetric: Float64Array;
  /**
   * A dense or low-rank inverse metric per chain (metric.ts); when set it
   * replaces invMetric for the kernels that support it (invMetric then
   * holds its diagonal, for reports).
   */
  metric?: Metric;
}

export interface StepResult<S extends LangevinState = LangevinState> {
  state: S;
  info: StepInfo;
}

/**
 * A batched Langevin kernel, BlackJAX style. `step` reads its input state
 * and never changes it; it returns a new state and info from the kernel's
 * own buffers (two states used alternately, one info), so a step allocates
 * nothing beyond what the potential allocates. A returned state stays valid
 * for one more step, info until the next step: copy what you keep.
 */
export interface Kernel<S extends LangevinState = LangevinState> {
  readonly name: SamplerName;
  readonly chains: number;
  readonly dim: number;
  /** Evaluate the potential at `position` (chains × dim) and build a state. */
  init(position: Float64Array): S;
  step(state: S, streams: Streams, params: KernelParams): StepResult<S>;
  /**
   * The kernel's own first-step-size heuristic (HMC kernels: Stan's
   * init_stepsize with one leapfrog); absent: the MALA one-step heuristic.
   * Adjusts params.stepSize; returns batched potential calls used.
   */
  initialStepSize?(state: S, streams: Streams, params: KernelParams): Evaluations;
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
  /** Chain 0 of this batch is chain `chainOffset` of the whole run (threads, --chain-ids): its streams (default 0). */
  chainOffset?: number;
  /** Fixed η: the warm-up adapts the metric only. */
  stepSize?: number;
  /** lmc-beta's inverse temperature β (default 1; the same as samplerOptions.beta). */
  beta?: number;
  /** The sampler's own options (registry.ts OptionSpec keys: gamma, maxDepth, …); defaults fill the rest. */
  samplerOptions?: Readonly<Record<string, number | undefined>>;
  /** The inverse metric the warm-up adapts (default: the sampler's first, see registry.ts). */
  metric?: MetricKind;
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
  /** Potential evaluations of this chain (init, heuristic trials, every step, every leapfrog). */
  gradientEvaluations: number;
  /** The part of gradientEvaluations spent before sampling (initial values and warm-up). */
  warmupGradientEvaluations: number;
  /** Wall time of the run; chains run batched, so every chain reports the whole run. */
  seconds: number;
  /** The diagonal inverse metric used for sampling (dim); the diagonal of a dense one. */
  invMetric: Float64Array;
  /** The metric's kind (unit when nothing was adapted). */
  metric: MetricKind;
  /** A dense or low-rank inverse metric as dim × dim row-major. */
  denseInvMetric?: Float64Array;
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
  /** chains × keptDraws per extra CmdStan column of the sampler (treedepth__, n_leapfrog__, energy__). */
  columns: Record<string, Float64Array>;
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

/** What the driver needs from a warm-up (warmup.ts is Stan's). */
/**
 * Potential evaluations spent: one count for every chain, or a count per
 * chain (what that chain needed, whichever chains share its batch).
 */
export type Evaluations = number | Float64Array;

export interface WarmupStrategy {
  start(state: LangevinState): { params: KernelParams; evaluations: Evaluations };
  /** After warm-up iteration `iteration`; returns extra batched evaluations used. */
  adapt(iteration: number, state: LangevinState, info: StepInfo, params: KernelParams): Evaluations;
  finish(params: KernelParams): void;
}

/** Stan's heuristic for a first step size, per sampler (step-size-heuristic.ts). */
export type StepSizeHeuristic = (
  kernel: Kernel,
  state: LangevinState,
  streams: Streams,
  params: KernelParams,
) => Evaluations;
