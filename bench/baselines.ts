/**
 * Hand-written Float64 baselines: each model's log density and gradient
 * coded by hand, batched over chains (chains × dim row-major, the layout of
 * the compiled models), with every constant and Jacobian term so that they
 * agree with the compiled model to rounding (test/bench checks it).
 */
import type { ModelData } from '../src/model/types.js';
import type { ModelName } from './models.js';

/** Writes log densities (chains) and gradients (chains × dim) into the given arrays. */
export type HandGradient = (x: Float64Array, chains: number, logDensity: Float64Array, gradient: Float64Array) => void;

export interface Baseline {
  dim: number;
  evaluate: HandGradient;
}

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export function baselineFor(model: ModelName, data: ModelData): Baseline {
  switch (model) {
    case 'M1':
      return gaussian(100);
    case 'M2':
      return logisticRegression(data);
    case 'M3':
      return doubleWell();
    case 'M4':
      return eightSchools(data);
  }
}

/** log p = Σ −x²/2 − ½log 2π; ∇ = −x. */
function gaussian(dim: number): Baseline {
  return {
    dim,
    evaluate(x, chains, logDensity, gradient) {
      for (let c = 0; c < chains; c++) {
        const row = c * dim;
        let lp = -dim * HALF_LOG_TWO_PI;
        for (let i = 0; i < dim; i++) {
          const v = x[row + i];
          lp -= 0.5 * v * v;
          gradient[row + i] = -v;
        }
        logDensity[c] = lp;
      }
    },
  };
}

/**
 * β ~ normal(0, 1), y ~ bernoulli_logit(Xβ): log p = Σ_j (−β_j²/2 − ½log 2π)
 * + Σ_n (y_n η_n − log(1 + e^{η_n})), ∇ = −β + Xᵀ(y − σ(η)). Chains go
 * through X four at a time, so each row of X is loaded once per block.
 */
function logisticRegression(data: ModelData): Baseline {
  const N = data.N as number;
  const D = data.D as number;
  const X = new Float64Array(N * D);
  (data.X as number[][]).forEach((row, n) => X.set(row, n * D));
  const y = Float64Array.from(data.y as number[]);
  const residual = new Float64Array(4 * N);
  const lpBlock = new Float64Array(4);

  /** log(1 + e^η) and y − σ(η) with one exp and one log1p. */
  function term(eta: number, yn: number, slot: number, k: number): void {
    const e = Math.exp(-Math.abs(eta));
    const softplus = (eta > 0 ? eta : 0) + Math.log1p(e);
    const sigma = eta > 0 ? 1 / (1 + e) : e / (1 + e);
    lpBlock[k] += yn * eta - softplus;
    residual[slot] = yn - sigma;
  }

  return {
    dim: D,
    evaluate(x, chains, logDensity, gradient) {
      for (let c0 = 0; c0 < chains; c0 += 4) {
        const width = Math.min(4, chains - c0);
        lpBlock.fill(0);
        const r0 = c0 * D;
        const r1 = (c0 + Math.min(1, width - 1)) * D;
        const r2 = (c0 + Math.min(2, width - 1)) * D;
        const r3 = (c0 + Math.min(3, width - 1)) * D;
        // η for four chains (a missing chain repeats the last one; its results are dropped)
        for (let n = 0; n < N; n++) {
          const xo = n * D;
          let e0 = 0,
            e1 = 0,
            e2 = 0,
            e3 = 0;
          for (let j = 0; j < D; j++) {
            const v = X[xo + j];
            e0 += v * x[r0 + j];
            e1 += v * x[r1 + j];
            e2 += v * x[r2 + j];
            e3 += v * x[r3 + j];
          }
          const yn = y[n];
          term(e0, yn, n, 0);
          term(e1, yn, N + n, 1);
          term(e2, yn, 2 * N + n, 2);
          term(e3, yn, 3 * N + n, 3);
        }
        // ∇ = −β + Xᵀ r, again four chains per pass over X
        for (let j = 0; j < D; j++) {
          let g0 = 0,
            g1 = 0,
            g2 = 0,
            g3 = 0;
          for (let n = 0, xo = j; n < N; n++, xo += D) {
            const v = X[xo];
            g0 += v * residual[n];
            g1 += v * residual[N + n];
            g2 += v * residual[2 * N + n];
            g3 += v * residual[3 * N + n];
          }
          const g = [g0, g1, g2, g3];
          for (let k = 0; k < width; k++) {
            const row = (c0 + k) * D;
            gradient[row + j] = g[k] - x[row + j];
          }
        }
        for (let k = 0; k < width; k++) {
          const row = (c0 + k) * D;
          let lp = -D * HALF_LOG_TWO_PI;
          for (let j = 0; j < D; j++) lp -= 0.5 * x[row + j] * x[row + j];
          logDensity[c0 + k] = lp + lpBlock[k];
        }
      }
    },
  };
}

/** log p = −(x1² − 1)²/0.1 − x2²/2. */
function doubleWell(): Baseline {
  return {
    dim: 2,
    evaluate(x, chains, logDensity, gradient) {
      for (let c = 0; c < chains; c++) {
        const a = x[2 * c];
        const b = x[2 * c + 1];
        const u = a * a - 1;
        logDensity[c] = -u * u * 10 - 0.5 * b * b;
        gradient[2 * c] = -40 * a * u;
        gradient[2 * c + 1] = -b;
      }
    },
  };
}

/**
 * Unconstrained (μ, log τ, θ̃[1..J]); θ = μ + τθ̃; μ ~ normal(0, 5),
 * τ ~ cauchy(0, 5) plus the log-Jacobian log τ, θ̃ ~ normal(0, 1),
 * y ~ normal(θ, σ).
 */
function eightSchools(data: ModelData): Baseline {
  const J = data.J as number;
  const y = Float64Array.from(data.y as number[]);
  const sigma = Float64Array.from(data.sigma as number[]);
  const precision = sigma.map((s) => 1 / (s * s));
  let constant = -(J + 1 + J) * HALF_LOG_TWO_PI - Math.log(5) - Math.log(Math.PI) - Math.log(5);
  for (let j = 0; j < J; j++) constant -= Math.log(sigma[j]);
  const dim = J + 2;
  return {
    dim,
    evaluate(x, chains, logDensity, gradient) {
      for (let c = 0; c < chains; c++) {
        const row = c * dim;
        const mu = x[row];
        const logTau = x[row + 1];
        const tau = Math.exp(logTau);
        const r = tau / 5;
        let lp = constant - (0.5 * mu * mu) / 25 - Math.log1p(r * r) + logTau;
        let dMu = -mu / 25;
        let dTau = (-2 * r) / 5 / (1 + r * r);
        for (let j = 0; j < J; j++) {
          const t = x[row + 2 + j];
          const z = y[j] - (mu + tau * t);
          lp -= 0.5 * t * t + 0.5 * z * z * precision[j];
          const pull = z * precision[j];
          dMu += pull;
          dTau += pull * t;
          gradient[row + 2 + j] = -t + tau * pull;
        }
        gradient[row] = dMu;
        gradient[row + 1] = tau * dTau + 1;
        logDensity[c] = lp;
      }
    },
  };
}
