/** Shared by the score and annealed tests: small models with exact scores. */
import type { EvalOptions, LangevinModel, LogDensityAndGradient } from '../../src/model/types.js';

/**
 * p = w N(a, I) + (1 − w) N(b, I) in 2-d, its components widened to
 * sd √(1 + noise²) when `readsNoise` (then the gradient at noise σ is the
 * exact score of p ∗ N(0, σ²I)); otherwise the plain mixture.
 */
export function mixtureModel(readsNoise: boolean, w = 0.2, a = [-5, -5], b = [5, 5]): LangevinModel {
  const names = ['x[1]', 'x[2]'];
  const evaluate = (x: Float64Array, chains: number, options?: EvalOptions): LogDensityAndGradient => {
    const noise = readsNoise ? (options?.noise ?? 0) : 0;
    const v = 1 + noise * noise;
    const logDensity = new Float64Array(chains);
    const gradient = new Float64Array(chains * 2);
    for (let c = 0; c < chains; c++) {
      const x0 = x[2 * c]!;
      const x1 = x[2 * c + 1]!;
      const la = Math.log(w) - ((x0 - a[0]!) ** 2 + (x1 - a[1]!) ** 2) / (2 * v);
      const lb = Math.log(1 - w) - ((x0 - b[0]!) ** 2 + (x1 - b[1]!) ** 2) / (2 * v);
      const m = Math.max(la, lb);
      const lse = m + Math.log(Math.exp(la - m) + Math.exp(lb - m));
      const ra = Math.exp(la - lse);
      const rb = 1 - ra;
      logDensity[c] = lse - Math.log(2 * Math.PI * v);
      gradient[2 * c] = (ra * (a[0]! - x0) + rb * (b[0]! - x0)) / v;
      gradient[2 * c + 1] = (ra * (a[1]! - x1) + rb * (b[1]! - x1)) / v;
    }
    return { logDensity, gradient };
  };
  return {
    name: readsNoise ? 'mixture_noise' : 'mixture',
    backend: 'f64',
    dim: 2,
    unconstrainedNames: names,
    readsNoise,
    parameters: [{ name: 'x', block: 'parameters', type: 'vector[2]', shape: [2] }],
    outputNames: names,
    constrainedDim: 2,
    logDensity: (x, chains, options) => evaluate(x, chains, options).logDensity,
    logDensityAndGradient: evaluate,
    constrain: (x, chains) => x.slice(0, 2 * chains),
    generate: (x, chains) => x.slice(0, 2 * chains),
    dispose() {},
  };
}

/** N(mu, diag(sd²)) as a Potential-shaped model. */
export function gaussianModel(mu: number[], sd: number[]): LangevinModel {
  const d = mu.length;
  const names = mu.map((_, i) => `x[${i + 1}]`);
  const evaluate = (x: Float64Array, chains: number): LogDensityAndGradient => {
    const logDensity = new Float64Array(chains);
    const gradient = new Float64Array(chains * d);
    for (let c = 0; c < chains; c++) {
      let lp = 0;
      for (let i = 0; i < d; i++) {
        const r = (x[c * d + i]! - mu[i]!) / sd[i]!;
        lp += -0.5 * r * r - Math.log(sd[i]!) - 0.5 * Math.log(2 * Math.PI);
        gradient[c * d + i] = -r / sd[i]!;
      }
      logDensity[c] = lp;
    }
    return { logDensity, gradient };
  };
  return {
    name: 'gaussian',
    backend: 'f64',
    dim: d,
    unconstrainedNames: names,
    readsNoise: false,
    parameters: [{ name: 'x', block: 'parameters', type: `vector[${d}]`, shape: [d] }],
    outputNames: names,
    constrainedDim: d,
    logDensity: (x, chains) => evaluate(x, chains).logDensity,
    logDensityAndGradient: evaluate,
    constrain: (x, chains) => x.slice(0, d * chains),
    generate: (x, chains) => x.slice(0, d * chains),
    dispose() {},
  };
}
