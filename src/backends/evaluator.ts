/**
 * What a backend makes of a DensityGraph: a batched evaluator of the log
 * density and its gradient. Implemented by src/backends/f64 (Float64 tape)
 * and src/backends/tfjs (tfjs autodiff, float32).
 */
import type { LogDensityAndGradient } from '../model/types.js';

/**
 * Results: the f64 evaluator returns its own arrays and overwrites them on
 * its next call (copy what you keep, or compile with `freshOutputs`); tfjs
 * returns new arrays. A chain's results never depend on the other chains
 * of the batch (docs/backends.md, "The backend contract").
 */
export interface DensityEvaluator {
  /** chains log densities at x (chains × dim, row-major). */
  logDensity(x: Float64Array, chains: number, noise?: number): Float64Array;
  /** Log densities and their gradients (chains × dim). */
  logDensityAndGradient(x: Float64Array, chains: number, noise?: number): LogDensityAndGradient;
  /** Release resources (tensors); the evaluator is unusable afterwards. */
  dispose(): void;
}
