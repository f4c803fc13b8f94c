/** Hand-written batched potentials for the sampler tests (no model compiler). */
import type { Potential } from '../../src/model/types.js';

function names(dim: number): string[] {
  return Array.from({ length: dim }, (_, i) => `x[${i + 1}]`);
}

/**
 * A batched Potential from a per-chain evaluation: `evaluate(x, row, gradient)`
 * writes the gradient of the chain whose coordinates start at `row` (into
 * gradient[row .. row + dim)) and returns its log density.
 */
export function potentialFrom(
  dim: number,
  evaluate: (x: Float64Array, row: number, gradient: Float64Array) => number,
  unconstrainedNames: string[] = names(dim),
): Potential {
  return {
    dim,
    unconstrainedNames,
    readsNoise: false,
    logDensity(x, chains) {
      return this.logDensityAndGradient(x, chains).logDensity;
    },
    logDensityAndGradient(x, chains) {
      const logDensity = new Float64Array(chains);
      const gradient = new Float64Array(chains * dim);
      for (let c = 0; c < chains; c++) logDensity[c] = evaluate(x, c * dim, gradient);
      return { logDensity, gradient };
    },
  };
}

/** log π(x) = Σ_i −(x_i − m_i)²/(2 v_i) − ½ log(2π v_i), independent coordinates. */
export function diagonalGaussian(variances: number[], means: number[] = variances.map(() => 0)): Potential {
  let constant = 0;
  for (const v of variances) constant -= 0.5 * Math.log(2 * Math.PI * v);
  const precision = Float64Array.from(variances, (v) => 1 / v);
  const mean = Float64Array.from(means);
  return potentialFrom(variances.length, (x, row, gradient) => {
    let sum = constant;
    for (let i = 0; i < precision.length; i++) {
      const d = x[row + i] - mean[i];
      sum -= 0.5 * precision[i] * d * d;
      gradient[row + i] = -precision[i] * d;
    }
    return sum;
  });
}

/** A Gaussian N(m, Σ) given by its precision P = Σ⁻¹ (dense, small dim). */
export function denseGaussian(mean: number[], precision: number[][]): Potential {
  const dim = mean.length;
  return potentialFrom(dim, (x, row, gradient) => {
    let quadratic = 0;
    for (let i = 0; i < dim; i++) {
      let pd = 0;
      for (let j = 0; j < dim; j++) pd += precision[i][j] * (x[row + j] - mean[j]);
      gradient[row + i] = -pd;
      quadratic += (x[row + i] - mean[i]) * pd;
    }
    return -0.5 * quadratic;
  });
}

/** One-dimensional potential from f and f′: log π = −f. */
export function oneDimensional(f: (x: number) => number, df: (x: number) => number): Potential {
  return potentialFrom(
    1,
    (x, row, gradient) => {
      gradient[row] = -df(x[row]);
      return -f(x[row]);
    },
    ['x'],
  );
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
