/**
 * MCLMC's warm-up, per chain, after BlackJAX's `mclmc_find_L_and_step_size`
 * (Robnik et al. 2023, section "Tuning"). Start: L = √d, ε = √d/4, no
 * preconditioner. Over W warm-up steps:
 *
 * 1. steps [0, 0.3W): the energy-variance step size. Each step's energy
 *    error gives ξ = ΔE²/(d · 5·10⁻⁴) (target Var[ΔE]/d = 5·10⁻⁴); with a
 *    weight w = exp(−½ (log ξ / 9)²) that discounts outliers, running sums
 *    with decay (N − 1)/(N + 1), N = 150, of w ξ/ε⁶ and w give
 *    ε = (Σ w ξ ε⁻⁶ / Σ w)^{−1/6} (ΔE ∝ ε³ for this integrator). A
 *    non-finite step caps ε at 0.8 of the step that failed.
 * 2. steps [0.3W, 0.6W): the same, and step-weighted moments of x.
 *    Then the diagonal preconditioner s = √Var[x] and, in the whitened
 *    coordinates, L = √d (`--metric dense|low-rank|diag`: that metric's
 *    estimator from the stretch's states, as in mams-tuning.ts).
 * 3. steps [0.6W, 0.7W): the step size again (fresh sums) for the new scale.
 * 4. steps [0.7W, W): ε and L fixed; the stretch's integrated
 *    autocorrelation time τ (draws / ESS, mean over coordinates) gives
 *    L = 0.4 ε τ.
 *
 * A fixed step size (`stepSize`) skips the step-size updates.
 */
import type { IsokineticState } from './isokinetic.js';
import type { KernelParams, LangevinState, StepInfo, WarmupStrategy } from './types.js';
import type { WarmupOptions } from './warmup.js';
import { ChainRecord, denseFromDraws, denseStart, RunningMoments } from './micro-tuning.js';
import { usesEstimator } from './mams-tuning.js';
import { createMetricEstimator, type MetricEstimator } from './metric-estimator.js';
import type { MicroKernel, MicroStepInfo } from './micro-types.js';

const DESIRED_ENERGY_VARIANCE = 5e-4;
const TRUST_IN_ESTIMATE = 1.5;
const EFFECTIVE_SAMPLES = 150;
const L_FACTOR = 0.4;

export class MclmcTuning implements WarmupStrategy {
  private readonly dim: number;
  private readonly chains: number;
  private readonly end1: number;
  private readonly end2: number;
  private readonly end3: number;
  private readonly timeSum: Float64Array;
  private readonly xiSum: Float64Array;
  private readonly stepSizeMax: Float64Array;
  private readonly moments: RunningMoments;
  private readonly record: ChainRecord;
  private readonly variances: Float64Array;

  readonly warmup: number;
  private readonly fixedStepSize: number | undefined;
  private readonly precondition: boolean;
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
    this.warmup = warmup;
    this.fixedStepSize = options.stepSize;
    this.precondition = options.metric !== 'unit';
    this.dense = options.metric === 'dense';
    this.chains = chains;
    this.dim = dim;
    this.end1 = Math.round(0.3 * warmup);
    this.end2 = Math.round(0.6 * warmup);
    this.keepStart = this.dense && !denseFromDraws(this.end2 - this.end1, dim);
    this.estimator =
      usesEstimator(options) && !this.keepStart
        ? createMetricEstimator(options.metric!, kernel.chains, kernel.dim, true)
        : undefined;
    this.end3 = Math.round(0.7 * warmup);
    this.timeSum = new Float64Array(chains);
    this.xiSum = new Float64Array(chains);
    this.stepSizeMax = new Float64Array(chains).fill(Infinity);
    this.moments = new RunningMoments(chains, dim);
    this.record = new ChainRecord(chains, dim, Math.max(0, warmup - this.end3));
    this.variances = new Float64Array(chains * dim);
  }

  /** The starting parameters: L = √d, ε = √d/4, unit metric. */
  start(state: LangevinState): { params: KernelParams; evaluations: Float64Array } {
    const root = Math.sqrt(this.dim);
    this.kernel.trajectoryLength.fill(root);
    const params: KernelParams = {
      stepSize: new Float64Array(this.chains).fill(this.fixedStepSize ?? root / 4),
      invMetric: new Float64Array(this.chains * this.dim).fill(1),
    };
    if (this.precondition) params.invMetric.set(this.kernel.startVariances);
    const laplace = this.dense ? denseStart(this.kernel, state, params) : undefined;
    return { params, evaluations: this.kernel.startEvaluations.map((e, c) => e + (laplace?.[c] ?? 0)) };
  }

  /** After warm-up step t (0-based) with its info and resulting state. */
  adapt(t: number, langevinState: LangevinState, stepInfo: StepInfo, params: KernelParams): number {
    const state = langevinState as IsokineticState;
    const info = stepInfo as MicroStepInfo;
    if (t < this.end3) this.stepSizeUpdate(info, params);
    if (t >= this.end1 && t < this.end2) {
      for (let c = 0; c < this.chains; c++) {
        if (!info.divergent[c]) this.moments.add(state.position, c, params.stepSize[c]);
      }
      this.estimator?.add(state);
    }
    if (t === this.end2 - 1) this.preconditioner(params);
    if (t >= this.end3) this.record.push(state);
    if (t === this.warmup - 1) this.decoherenceLength(params);
    return 0;
  }

  finish(): void {}

  private stepSizeUpdate(info: MicroStepInfo, params: KernelParams): void {
    const decay = (EFFECTIVE_SAMPLES - 1) / (EFFECTIVE_SAMPLES + 1);
    for (let c = 0; c < this.chains; c++) {
      const eps = params.stepSize[c];
      let energy = info.energyChange[c];
      if (info.divergent[c]) {
        this.stepSizeMax[c] = 0.8 * eps;
        energy = 0;
      }
      if (this.fixedStepSize !== undefined) continue;
      const xi = (energy * energy) / (this.dim * DESIRED_ENERGY_VARIANCE) + 1e-8;
      const logXi = Math.log(xi) / (6 * TRUST_IN_ESTIMATE);
      const weight = Math.exp(-0.5 * logXi * logXi);
      this.xiSum[c] = decay * this.xiSum[c] + (weight * xi) / Math.pow(eps, 6);
      this.timeSum[c] = decay * this.timeSum[c] + weight;
      const next = Math.pow(this.xiSum[c] / this.timeSum[c], -1 / 6);
      params.stepSize[c] = next < this.stepSizeMax[c] ? next : this.stepSizeMax[c];
    }
  }

  private preconditioner(params: KernelParams): void {
    const d = this.dim;
    if (this.keepStart) return;
    for (let c = 0; c < this.chains; c++) {
      if (!this.moments.variances(c, this.variances)) continue;
      let positive = true;
      let total = 0;
      for (let k = c * d; k < (c + 1) * d; k++) {
        positive &&= this.variances[k] > 0;
        total += this.variances[k];
      }
      if (!this.precondition || !positive) {
        // no preconditioner: L is the posterior's overall scale
        if (total > 0) this.kernel.trajectoryLength[c] = Math.sqrt(total);
        continue;
      }
      for (let k = c * d; k < (c + 1) * d; k++) params.invMetric[k] = this.variances[k];
      this.kernel.trajectoryLength[c] = Math.sqrt(d);
      // the step-size sums restart in the whitened coordinates
      this.xiSum[c] = 0;
      this.timeSum[c] = 0;
      this.stepSizeMax[c] = Infinity;
    }
    if (this.estimator) {
      this.estimator.estimate(params);
      this.kernel.trajectoryLength.fill(Math.sqrt(d));
      this.xiSum.fill(0);
      this.timeSum.fill(0);
      this.stepSizeMax.fill(Infinity);
    }
  }

  private decoherenceLength(params: KernelParams): void {
    for (let c = 0; c < this.chains; c++) {
      const tau = this.record.autocorrelation(c, 'mean-time');
      if (tau > 0 && Number.isFinite(tau)) this.kernel.trajectoryLength[c] = L_FACTOR * params.stepSize[c] * tau;
    }
  }
}
