/**
 * BridgeStan's two flags on the log density. The compiled density keeps
 * every constant and every log-Jacobian term; here `jacobian: false`
 * subtracts the transforms' log |Jacobian| (and its gradient), and
 * `propto: true` subtracts the constant terms of `~` statements — the
 * summands of each distribution that depend on no parameter, exactly what
 * Stan leaves out of lp__ — which is one number for the whole model.
 */
import type { DensityEvaluator } from '../../backends/evaluator.js';
import type { Prepared } from '../run.js';
import type { EvalOptions, LogDensityAndGradient } from '../../model/types.js';
import { logJacobianEvaluator } from './jacobian.js';

export class DensityFlags {
  /** Compiled on first use of `jacobian: false`. */
  private jacobian: DensityEvaluator | undefined;

  constructor(
    private readonly prepared: Prepared,
    /** Sum of the constant terms of `~` statements in the full density. */
    readonly droppedConstant: number,
  ) {}

  /** Adjust full log densities in place for the flags. */
  value(logDensity: Float64Array, x: Float64Array, chains: number, options: EvalOptions | undefined): Float64Array {
    if (options?.propto) for (let c = 0; c < chains; c++) logDensity[c] = logDensity[c]! - this.droppedConstant;
    if (options?.jacobian === false) {
      const logJacobian = this.jacobianEvaluator().logDensity(x, chains, 0);
      for (let c = 0; c < chains; c++) logDensity[c] = logDensity[c]! - logJacobian[c]!;
    }
    return logDensity;
  }

  /** Adjust a full log density and gradient in place for the flags. */
  withGradient(
    result: LogDensityAndGradient,
    x: Float64Array,
    chains: number,
    options: EvalOptions | undefined,
  ): LogDensityAndGradient {
    if (options?.propto) this.value(result.logDensity, x, chains, { propto: true });
    if (options?.jacobian === false) {
      const j = this.jacobianEvaluator().logDensityAndGradient(x, chains, 0);
      for (let c = 0; c < chains; c++) result.logDensity[c] = result.logDensity[c]! - j.logDensity[c]!;
      for (let i = 0; i < result.gradient.length; i++) result.gradient[i] = result.gradient[i]! - j.gradient[i]!;
    }
    return result;
  }

  private jacobianEvaluator(): DensityEvaluator {
    return (this.jacobian ??= logJacobianEvaluator(this.prepared));
  }

  dispose(): void {
    this.jacobian?.dispose();
  }
}
