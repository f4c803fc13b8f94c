/**
 * MAMS's warm-up, per chain, after BlackJAX's
 * `adjusted_mclmc_find_L_and_step_size` (Robnik, Cohn-Gordon and Seljak
 * 2025, section "Tuning"). Start: L = √d, ε = √d/5, no preconditioner.
 * Over W warm-up transitions:
 *
 * 1. [0, 0.15W): dual averaging of ε toward the target acceptance
 *    (default 0.9, the paper's choice), with L scaled along (L/ε fixed);
 *    ε is clamped to [10⁻⁵, L/1.1].
 * 2. [0.15W, 0.4W): the same, and step-weighted moments of x. Then
 *    ε = the dual-averaging mean; L, ε ← ×clamp(1.3 √ΣVar[x] / L, 0, 2);
 *    then the diagonal preconditioner s = √Var[x] with L = √d. With
 *    `--metric dense|low-rank|diag` the stretch's states feed that
 *    metric's estimator instead (metric-estimator.ts, as nuts's windows):
 *    not in BlackJAX, whose preconditioner is diagonal only.
 * 3. [0.4W, 0.55W): dual averaging of ε afresh, L fixed.
 * 4. [0.55W, 0.85W): ε, L fixed; the stretch's ESS per transition (mean
 *    over coordinates) gives L ← min(0.5 L / (ESS/n), 2L).
 * 5. [0.85W, W): dual averaging of ε afresh, L fixed; sampling uses its mean.
 *
 * A fixed step size (`stepSize`) skips the dual averaging.
 */
import { STAN_DUAL_AVERAGING } from './dual-averaging.js';
import type { IsokineticState } from './isokinetic.js';
import type { KernelParams, LangevinState, StepInfo, WarmupStrategy } from './types.js';
import type { WarmupOptions } from './warmup.js';
import { ChainRecord, denseFromDraws, denseStart, RunningMoments } from './micro-tuning.js';
import { createMetricEstimator, type MetricEstimator } from './metric-estimator.js';
import type { MicroKernel, MicroStepInfo } from './micro-types.js';

export const MAMS_TARGET_ACCEPTANCE = 0.9;

/**
 * Stan's dual averaging (MATH.md) with log ε clamped to [log 10⁻⁵, log(L/1.1)]
 * before it enters the average: at the upper clamp a short trajectory can
 * be accepted every time, and the unclamped iterate (and its average) would
 * then grow without bound.
 */
class ClampedDualAveraging {
  private readonly mu: Float64Array;
  private readonly hBar: Float64Array;
  private readonly logAverage: Float64Array;
  private readonly counter: Float64Array;

  constructor(
    readonly chains: number,
    readonly target: number,
  ) {
    this.mu = new Float64Array(chains);
    this.hBar = new Float64Array(chains);
    this.logAverage = new Float64Array(chains);
    this.counter = new Float64Array(chains);
  }

  restart(stepSize: Float64Array): void {
    for (let c = 0; c < this.chains; c++) {
      this.mu[c] = Math.log(10 * stepSize[c]);
      this.hBar[c] = 0;
      this.logAverage[c] = 0;
      this.counter[c] = 0;
    }
  }

  learn(acceptance: Float64Array, stepSize: Float64Array, trajectoryLength: Float64Array): void {
    const { gamma, t0, kappa } = STAN_DUAL_AVERAGING;
    for (let c = 0; c < this.chains; c++) {
      const a = acceptance[c] > 1 ? 1 : acceptance[c] === acceptance[c] ? acceptance[c] : 0;
      const t = ++this.counter[c];
      const weight = 1 / (t + t0);
      this.hBar[c] = (1 - weight) * this.hBar[c] + weight * (this.target - a);
      const upper = Math.log(trajectoryLength[c] / 1.1);
      const logEps = Math.min(Math.max(this.mu[c] - (Math.sqrt(t) / gamma) * this.hBar[c], Math.log(1e-5)), upper);
      const averaging = Math.pow(t, -kappa);
      this.logAverage[c] = averaging * logEps + (1 - averaging) * this.logAverage[c];
      stepSize[c] = Math.exp(logEps);
    }
  }

  finalStepSize(stepSize: Float64Array): void {
    for (let c = 0; c < this.chains; c++) if (this.counter[c] > 0) stepSize[c] = Math.exp(this.logAverage[c]);
  }
}

export class MamsTuning implements WarmupStrategy {
  private readonly ends: number[];
  private readonly averaging: ClampedDualAveraging;
  private readonly moments: RunningMoments;
  private readonly record: ChainRecord;
  private readonly variances: Float64Array;
  private readonly previousStepSize: Float64Array;

  readonly chains: number;
  readonly dim: number;
  readonly warmup: number;
  private readonly fixedStepSize: number | undefined;
  private readonly usePreconditioner: boolean;
  private readonly L: Float64Array;
  /** The estimator of a non-diagonal (or Fisher-diagonal) metric; undefined for diag-var and unit. */
  private readonly estimator: MetricEstimator | undefined;
  private readonly dense: boolean;
  /** Dense, with too few warm-up draws to re-estimate it: the Laplace start is the metric. */
  private readonly keepStart: boolean;

  constructor(
    private readonly kernel: MicroKernel,
    options: WarmupOptions,
  ) {
    const { chains, dim } = kernel;
    const warmup = options.warmup;
    this.chains = chains;
    this.dim = dim;
    this.warmup = warmup;
    this.fixedStepSize = options.stepSize;
    this.usePreconditioner = options.metric !== 'unit';
    this.L = kernel.trajectoryLength;
    this.dense = options.metric === 'dense';
    const targetAcceptance = options.targetAcceptance ?? MAMS_TARGET_ACCEPTANCE;
    this.ends = [0.15, 0.4, 0.55, 0.85, 1].map((f) => Math.round(f * warmup));
    this.keepStart = this.dense && !denseFromDraws(this.ends[1] - this.ends[0], dim);
    this.estimator =
      usesEstimator(options) && !this.keepStart ? createMetricEstimator(options.metric!, chains, dim, true) : undefined;
    this.averaging = new ClampedDualAveraging(chains, targetAcceptance);
    this.moments = new RunningMoments(chains, dim);
    this.record = new ChainRecord(chains, dim, Math.max(0, this.ends[3] - this.ends[2]));
    this.variances = new Float64Array(chains * dim);
    this.previousStepSize = new Float64Array(chains);
  }

  start(state: LangevinState): { params: KernelParams; evaluations: Float64Array } {
    const root = Math.sqrt(this.dim);
    this.L.fill(root);
    const params: KernelParams = {
      stepSize: new Float64Array(this.chains).fill(this.fixedStepSize ?? root / 5),
      invMetric: new Float64Array(this.chains * this.dim).fill(1),
    };
    if (this.usePreconditioner) params.invMetric.set(this.kernel.startVariances);
    this.averaging.restart(params.stepSize);
    const laplace = this.dense ? denseStart(this.kernel, state, params) : undefined;
    return { params, evaluations: this.kernel.startEvaluations.map((e, c) => e + (laplace?.[c] ?? 0)) };
  }

  finish(): void {}

  /** Which of the five phases warm-up transition t belongs to (0-based). */
  private phase(t: number): number {
    let p = 0;
    while (p < 4 && t >= this.ends[p]) p++;
    return p;
  }

  adapt(t: number, langevinState: LangevinState, stepInfo: StepInfo, params: KernelParams): number {
    const state = langevinState as IsokineticState;
    const info = stepInfo as MicroStepInfo;
    const phase = this.phase(t);
    const tuneStepSize = this.fixedStepSize === undefined && phase !== 3;
    if (tuneStepSize) {
      this.previousStepSize.set(params.stepSize);
      this.averaging.learn(info.acceptProbability, params.stepSize, this.L);
      // phases 1-2 keep the number of steps per trajectory while ε moves
      if (phase <= 1) {
        for (let c = 0; c < this.chains; c++) this.L[c] *= params.stepSize[c] / this.previousStepSize[c];
      }
    }
    if (phase === 1) {
      for (let c = 0; c < this.chains; c++) {
        if (!info.divergent[c]) this.moments.add(state.position, c, params.stepSize[c]);
      }
      this.estimator?.add(state);
    }
    if (phase === 3) this.record.push(state);
    if (t === this.ends[1] - 1) this.precondition(params);
    else if (t === this.ends[2] - 1 || t === this.ends[4] - 1) this.settle(params);
    if (t === this.ends[3] - 1) this.trajectoryLength();
    return 0;
  }

  /** End of a dual-averaging phase: sample with its mean, restart from it. */
  private settle(params: KernelParams): void {
    if (this.fixedStepSize !== undefined) return;
    this.averaging.finalStepSize(params.stepSize);
    this.averaging.restart(params.stepSize);
  }

  private precondition(params: KernelParams): void {
    const d = this.dim;
    this.settle(params);
    if (this.keepStart) {
      this.L.fill(Math.sqrt(d));
      if (this.fixedStepSize === undefined) this.averaging.restart(params.stepSize);
      return;
    }
    for (let c = 0; c < this.chains; c++) {
      if (!this.moments.variances(c, this.variances)) continue;
      let total = 0;
      let positive = true;
      for (let k = c * d; k < (c + 1) * d; k++) {
        total += this.variances[k];
        positive &&= this.variances[k] > 0;
      }
      const change = Math.min(Math.max((1.3 * Math.sqrt(total)) / this.L[c], 0), 2);
      if (change > 0 && this.fixedStepSize === undefined) params.stepSize[c] *= change;
      if (!positive || !this.usePreconditioner) {
        if (change > 0) this.L[c] *= change;
        continue;
      }
      for (let k = c * d; k < (c + 1) * d; k++) params.invMetric[k] = this.variances[k];
      this.L[c] = Math.sqrt(d);
    }
    if (this.estimator) {
      this.estimator.estimate(params);
      this.L.fill(Math.sqrt(d));
    }
    if (this.fixedStepSize === undefined) this.averaging.restart(params.stepSize);
  }

  private trajectoryLength(): void {
    for (let c = 0; c < this.chains; c++) {
      const essPerDraw = this.record.autocorrelation(c, 'mean-ess');
      if (!(essPerDraw > 0 && Number.isFinite(essPerDraw))) continue;
      const L = this.L[c];
      this.L[c] = Math.min((0.5 * L) / essPerDraw, 2 * L);
    }
  }
}

/** dense, low-rank and diag (Fisher) come from metric-estimator.ts; diag-var is the authors' step-weighted variance. */
export function usesEstimator(options: WarmupOptions): boolean {
  return options.metric === 'dense' || options.metric === 'low-rank' || options.metric === 'diag';
}
