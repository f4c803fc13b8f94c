/**
 * Stan's warm-up for the Langevin kernels, per chain: dual averaging of
 * log η toward acceptance 0.574 (the MALA acceptance probability, also for
 * lmc where it is not applied) and a diagonal inverse metric from windowed,
 * regularised variance estimates; at each new metric the step size is
 * re-initialised by the heuristic and dual averaging restarts (docs/math.md).
 *
 * - A fixed step size (`--step-size`) turns the step size part off: only the
 *   metric adapts.
 * - warmup 0 adapts nothing: identity metric, and η is the fixed step size
 *   or, without one, the initial heuristic's (as CmdStan does).
 * - warmup < 20 adapts the step size only (as Stan).
 */
import { createStreams } from '../random/streams.js';
import { DualAveraging, STAN_DUAL_AVERAGING } from './dual-averaging.js';
import { metricWindows, type MetricWindows } from './metric-windows.js';
import type { MetricKind } from './metric.js';
import { createMetricEstimator, type MetricEstimator } from './metric-estimator.js';
import { initialStepSize } from './step-size-heuristic.js';
import type {
  Evaluations,
  Kernel,
  KernelParams,
  LangevinState,
  StepInfo,
  StepSizeHeuristic,
  WarmupStrategy,
} from './types.js';

export interface WarmupOptions {
  /** Number of warm-up iterations. */
  warmup: number;
  /** Fixed η (adapt the metric only). */
  stepSize?: number;
  /** Target acceptance of dual averaging (0.574). */
  targetAcceptance?: number;
  /**
   * The run's seed: each use of the step size heuristic draws from its own
   * streams (`seed:stepsize-K:chain`), so a chain's result does not depend
   * on how long the other chains needed.
   */
  seed: number;
  /** The run's index of this batch's first chain (threads, --chain-ids; default 0). */
  chainOffset?: number;
  /** Which inverse metric the windows estimate (default diag-var, Stan's diag_e). */
  metric?: MetricKind;
  /** The first-step-size heuristic (default: the MALA one of step-size-heuristic.ts). */
  initialStepSize?: StepSizeHeuristic;
}

export class Warmup implements WarmupStrategy {
  readonly windows: MetricWindows;
  private readonly adaptStepSize: boolean;
  private readonly dualAveraging: DualAveraging;
  private readonly variances: MetricEstimator | undefined;
  private nextUpdate = 0;
  private heuristicRuns = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly options: WarmupOptions,
  ) {
    this.adaptStepSize = options.stepSize === undefined && options.warmup > 0;
    this.windows = metricWindows(options.warmup);
    this.dualAveraging = new DualAveraging(kernel.chains, {
      ...STAN_DUAL_AVERAGING,
      targetAcceptance: options.targetAcceptance ?? STAN_DUAL_AVERAGING.targetAcceptance,
    });
    this.variances = createMetricEstimator(options.metric ?? 'diag-var', kernel.chains, kernel.dim);
    // a unit metric adapts the step size only (Stan's unit_e): no windows
    if (!this.variances) this.windows = { start: options.warmup, end: options.warmup, updates: [] };
  }

  /**
   * Tuning before the first step: identity metric (chains × dim), η fixed or
   * from the heuristic. Returns the batched potential evaluations used.
   */
  start(state: LangevinState): { params: KernelParams; evaluations: Evaluations } {
    const { chains, dim } = this.kernel;
    const params: KernelParams = {
      stepSize: new Float64Array(chains).fill(this.options.stepSize ?? 1),
      invMetric: new Float64Array(chains * dim).fill(1),
    };
    let evaluations: Evaluations = 0;
    if (this.options.stepSize === undefined) {
      evaluations = this.initialStepSize(state, params);
    }
    if (this.adaptStepSize) this.dualAveraging.restart(params.stepSize);
    return { params, evaluations };
  }

  /**
   * Learn from warm-up iteration `iteration` (0-based), whose step produced
   * `state` and `info`; updates params in place. Returns the batched
   * potential evaluations used (the heuristic after a metric update).
   */
  adapt(iteration: number, state: LangevinState, info: StepInfo, params: KernelParams): Evaluations {
    if (this.adaptStepSize) this.dualAveraging.learn(info.acceptProbability, params.stepSize);
    const { start, end, updates } = this.windows;
    const variances = this.variances;
    if (!variances) return 0;
    if (iteration >= start && iteration < end) variances.add(state);
    if (this.nextUpdate < updates.length && iteration === updates[this.nextUpdate]) {
      this.nextUpdate++;
      variances.estimate(params);
      variances.restart();
      if (this.adaptStepSize) {
        const evaluations = this.initialStepSize(state, params);
        this.dualAveraging.restart(params.stepSize);
        return evaluations;
      }
    }
    return 0;
  }

  private initialStepSize(state: LangevinState, params: KernelParams): Evaluations {
    const label = `stepsize-${this.heuristicRuns++}`;
    const streams = createStreams(this.options.seed, this.kernel.chains, label, this.options.chainOffset);
    if (this.kernel.initialStepSize) return this.kernel.initialStepSize(state, streams, params);
    return (this.options.initialStepSize ?? initialStepSize)(this.kernel, state, streams, params);
  }

  /** End of warm-up: sample with the averaged step size η̄. */
  finish(params: KernelParams): void {
    if (this.adaptStepSize) this.dualAveraging.finalStepSize(params.stepSize);
  }
}
