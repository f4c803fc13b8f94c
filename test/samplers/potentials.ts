/** Hand-written batched potentials for the sampler tests (no model compiler). */
import type { Potential } from '../../src/model/types.js';

function names(dim: number): string[] {
  return Array.from({ length: dim }, (_, i) => `x[${i + 1}]`);
}

/** log π(x) = Σ_i −(x_i − m_i)²/(2 v_i) − ½ log(2π v_i), independent coordinates. */
export function diagonalGaussian(variances: number[], means: number[] = variances.map(() => 0)): Potential {
  const dim = variances.length;
  let constant = 0;
  for (const v of variances) constant -= 0.5 * Math.log(2 * Math.PI * v);
  const precision = Float64Array.from(variances, (v) => 1 / v);
  const mean = Float64Array.from(means);
  return {
    dim,
    unconstrainedNames: names(dim),
    readsNoise: false,
    logDensity(x, chains) {
      return this.logDensityAndGradient(x, chains).logDensity;
    },
    logDensityAndGradient(x, chains) {
      const logDensity = new Float64Array(chains);
      const gradient = new Float64Array(chains * dim);
      for (let c = 0; c < chains; c++) {
        let sum = constant;
        for (let i = 0; i < dim; i++) {
          const k = c * dim + i;
          const d = x[k] - mean[i];
          sum -= 0.5 * precision[i] * d * d;
          gradient[k] = -precision[i] * d;
        }
        logDensity[c] = sum;
      }
      return { logDensity, gradient };
    },
  };
}

/** A Gaussian N(m, Σ) given by its precision P = Σ⁻¹ (dense, small dim). */
export function denseGaussian(mean: number[], precision: number[][]): Potential {
  const dim = mean.length;
  return {
    dim,
    unconstrainedNames: names(dim),
    readsNoise: false,
    logDensity(x, chains) {
      return this.logDensityAndGradient(x, chains).logDensity;
    },
    logDensityAndGradient(x, chains) {
      const logDensity = new Float64Array(chains);
      const gradient = new Float64Array(chains * dim);
      for (let c = 0; c < chains; c++) {
        let quadratic = 0;
        for (let i = 0; i < dim; i++) {
          let pd = 0;
          for (let j = 0; j < dim; j++) pd += precision[i][j] * (x[c * dim + j] - mean[j]);
          gradient[c * dim + i] = -pd;
          quadratic += (x[c * dim + i] - mean[i]) * pd;
        }
        logDensity[c] = -0.5 * quadratic;
      }
      return { logDensity, gradient };
    },
  };
}

/** One-dimensional potential from f and f′: log π = −f. */
export function oneDimensional(f: (x: number) => number, df: (x: number) => number): Potential {
  return {
    dim: 1,
    unconstrainedNames: ['x'],
    readsNoise: false,
    logDensity(x, chains) {
      return this.logDensityAndGradient(x, chains).logDensity;
    },
    logDensityAndGradient(x, chains) {
      const logDensity = new Float64Array(chains);
      const gradient = new Float64Array(chains);
      for (let c = 0; c < chains; c++) {
        logDensity[c] = -f(x[c]);
        gradient[c] = -df(x[c]);
      }
      return { logDensity, gradient };
    },
  };
}

/** Wrap a potential so that it returns NaN (log density and gradient) where `bad(row)` holds. */
export function withNaNRegion(potential: Potential, bad: (x: Float64Array, row: number) => boolean): Potential {
  const dim = potential.dim;
  return {
    ...potential,
    logDensity(x, chains) {
      return this.logDensityAndGradient(x, chains).logDensity;
    },
    logDensityAndGradient(x, chains) {
      const out = potential.logDensityAndGradient(x, chains);
      for (let c = 0; c < chains; c++) {
        if (!bad(x, c * dim)) continue;
        out.logDensity[c] = NaN;
        for (let i = 0; i < dim; i++) out.gradient[c * dim + i] = NaN;
      }
      return out;
    },
  };
}

/** Mean and variance of coordinate i of draw k of every chain (draws: chains × kept × dim). */
export function columnMoments(
  draws: Float64Array,
  chains: number,
  kept: number,
  dim: number,
  i: number,
  fromDraw = 0,
): { mean: number; variance: number; n: number } {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let c = 0; c < chains; c++) {
    for (let k = fromDraw; k < kept; k++) {
      const v = draws[(c * kept + k) * dim + i];
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  const mean = sum / n;
  return { mean, variance: sumSq / n - mean * mean, n };
}
