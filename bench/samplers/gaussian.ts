/**
 * The ill-conditioned Gaussian of issue 16: 100 dimensions, covariance
 * eigenvalues log-spaced over a factor 1000 (standard deviations from
 * 10^-0.75 to 10^0.75), axis-aligned or rotated by a fixed random
 * orthogonal matrix so that a diagonal metric cannot undo it. Reported:
 * gradients (warm-up included, all chains) per 100 effective samples of
 * the worst coordinate.
 */
import { essBulk } from '../../src/diagnostics/ess.js';
import type { Potential } from '../../src/model/types.js';
import { deriveStream } from '../../src/random/streams.js';
import { sample } from '../../src/samplers/run.js';
import type { SampleOptions } from '../../src/samplers/types.js';

export interface GaussianTarget {
  name: string;
  potential: Potential;
}

/** A Haar-ish random orthogonal matrix (Gram–Schmidt of seeded normals), row-major. */
function orthogonal(dim: number, seed: number): Float64Array {
  const stream = deriveStream(seed, 'rotation');
  const q = new Float64Array(dim * dim);
  stream.fillNormal(q, 0, dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += q[i * dim + k] * q[j * dim + k];
      for (let k = 0; k < dim; k++) q[i * dim + k] -= dot * q[j * dim + k];
    }
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += q[i * dim + k] ** 2;
    norm = Math.sqrt(norm);
    for (let k = 0; k < dim; k++) q[i * dim + k] /= norm;
  }
  return q;
}

/** log π(x) = −½ xᵀ P x with P = Qᵀ Λ⁻¹ Q (Q = I when not rotated), up to a constant. */
export function illConditionedGaussian(dim: number, condition: number, rotated: boolean): GaussianTarget {
  const variances = new Float64Array(dim);
  for (let i = 0; i < dim; i++) variances[i] = condition ** (i / (dim - 1) - 0.5);
  const precision = new Float64Array(dim * dim);
  const q = rotated ? orthogonal(dim, 16) : undefined;
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      let sum = 0;
      if (q) for (let k = 0; k < dim; k++) sum += (q[k * dim + i] * q[k * dim + j]) / variances[k];
      else sum = i === j ? 1 / variances[i] : 0;
      precision[i * dim + j] = sum;
    }
  }
  const names = Array.from({ length: dim }, (_, i) => `x[${i + 1}]`);
  const potential: Potential = {
    dim,
    unconstrainedNames: names,
    readsNoise: false,
    logDensity(x, chains) {
      return this.logDensityAndGradient(x, chains).logDensity;
    },
    logDensityAndGradient(x, chains) {
      const logDensity = new Float64Array(chains);
      const gradient = new Float64Array(chains * dim);
      for (let c = 0; c < chains; c++) {
        const row = c * dim;
        let quadratic = 0;
        for (let i = 0; i < dim; i++) {
          let g = 0;
          const p = i * dim;
          if (q) for (let j = 0; j < dim; j++) g -= precision[p + j] * x[row + j];
          else g = -precision[p + i] * x[row + i];
          gradient[row + i] = g;
          quadratic -= g * x[row + i];
        }
        logDensity[c] = -0.5 * quadratic;
      }
      return { logDensity, gradient };
    },
  };
  return { name: `${dim}-d Gaussian, condition ${condition}${rotated ? ', rotated' : ''}`, potential };
}

export interface GaussianRun {
  target: string;
  sampler: string;
  minEssBulk: number;
  gradients: number;
  /** Gradients per 100 effective samples of the worst coordinate (Infinity if none). */
  gradientsPer100: number;
}

export function runGaussian(target: GaussianTarget, options: SampleOptions): GaussianRun {
  const result = sample(target.potential, options);
  const { chains, keptDraws: draws, dim } = result;
  const column = new Float64Array(chains * draws);
  let least = Infinity;
  for (let i = 0; i < dim; i++) {
    for (let c = 0; c < chains; c++) {
      for (let t = 0; t < draws; t++) column[c * draws + t] = result.draws[(c * draws + t) * dim + i];
    }
    const ess = essBulk({ values: column, chains, draws }) ?? 0;
    least = Math.min(least, ess);
  }
  const gradients = result.chainInfo.reduce((sum, c) => sum + c.gradientEvaluations, 0);
  return {
    target: target.name,
    sampler: options.metric ? `${options.sampler} (${options.metric})` : options.sampler,
    minEssBulk: least,
    gradients,
    gradientsPer100: least > 0 ? (100 * gradients) / least : Infinity,
  };
}
