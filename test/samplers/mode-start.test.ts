/**
 * The microcanonical samplers' start (mode-start.ts, micro-tuning.ts): on
 * a narrow, badly scaled regression ridge (the shape of posteriordb's
 * earnings regressions, where L-BFGS alone stopped 6 sds away) the dense
 * start reaches the mode, and the Laplace covariance at a Gaussian's mode
 * is its covariance. The dense default of mams and mclmc follows the model size.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';
import type { ModelData } from '../../src/model/types.js';
import { mamsKernel } from '../../src/samplers/mams.js';
import { MamsTuning } from '../../src/samplers/mams-tuning.js';
import { findModes, laplaceCovariances } from '../../src/samplers/mode-start.js';
import { DENSE_DEFAULT_LIMIT } from '../../src/samplers/micro-tuning.js';
import { samplerSpec } from '../../src/samplers/registry.js';
import { chooseMetric } from '../../src/samplers/run.js';
import { denseGaussian, potentialFrom } from './potentials.js';

/** sds 10⁴ and 150 with correlation −0.998 (an intercept and a slope), and 0.02. */
function ridge() {
  const sd = [1e4, 150, 0.02];
  const rho = -0.998;
  const cov = [
    [sd[0]! ** 2, rho * sd[0]! * sd[1]!, 0],
    [rho * sd[0]! * sd[1]!, sd[1]! ** 2, 0],
    [0, 0, sd[2]! ** 2],
  ];
  const det = cov[0]![0]! * cov[1]![1]! - cov[0]![1]! ** 2;
  const precision = [
    [cov[1]![1]! / det, -cov[0]![1]! / det, 0],
    [-cov[0]![1]! / det, cov[0]![0]! / det, 0],
    [0, 0, 1 / cov[2]![2]!],
  ];
  const mean = [-61285, 1262, 9.85];
  // log π ≈ −13 416 at the mode, as for earn_height: the stall test is relative to |log π|
  const gaussian = denseGaussian(mean, precision);
  const potential = {
    ...gaussian,
    logDensity: (x: Float64Array, chains: number) => gaussian.logDensity(x, chains).map((v) => v - 13416),
    logDensityAndGradient(x: Float64Array, chains: number) {
      const out = gaussian.logDensityAndGradient(x, chains);
      return { logDensity: out.logDensity.map((v) => v - 13416), gradient: out.gradient };
    },
  };
  return { potential, mean, cov, sd };
}

/**
 * earn_height's shape: y ~ normal(a + b h, σ) with h ≈ 66 ± 3.8, y's scale 2·10⁴,
 * unknown log σ (flat prior on σ), 300 deterministic data points.
 */
function regression() {
  const n = 300;
  const h = Float64Array.from({ length: n }, (_, i) => 66 + 3.8 * Math.sin(1.3 * i));
  const y = Float64Array.from({ length: n }, (_, i) => -61000 + 1260 * h[i]! + 19000 * Math.cos(2.1 * i + 0.4));
  const evaluate = (x: Float64Array, row: number, gradient: Float64Array): number => {
    const [a, b, logSigma] = [x[row]!, x[row + 1]!, x[row + 2]!];
    const precision = Math.exp(-2 * logSigma);
    let rss = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const r = y[i]! - a - b * h[i]!;
      rss += r * r;
      ga += r;
      gb += r * h[i]!;
    }
    gradient[row] = precision * ga;
    gradient[row + 1] = precision * gb;
    gradient[row + 2] = -n + 1 + precision * rss;
    return -(n - 1) * logSigma - 0.5 * precision * rss;
  };
  // the mode: least squares, σ² = RSS/(n − 1)
  let [sh, shh, sy, shy] = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) [sh, shh, sy, shy] = [sh + h[i]!, shh + h[i]! ** 2, sy + y[i]!, shy + h[i]! * y[i]!];
  const b = (n * shy - sh * sy) / (n * shh - sh * sh);
  const a = (sy - b * sh) / n;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (y[i]! - a - b * h[i]!) ** 2;
  const sigma = Math.sqrt(rss / (n - 1));
  // posterior sds at the mode: σ √((XᵀX)⁻¹), and 1/√(2(n − 1)) for log σ
  const det = n * shh - sh * sh;
  const sd = [sigma * Math.sqrt(shh / det), sigma * Math.sqrt(n / det), 1 / Math.sqrt(2 * (n - 1))];
  return { potential: potentialFrom(3, evaluate), mode: [a, b, Math.log(sigma)], sd };
}

describe('mode start', () => {
  it('the dense start reaches the mode of a badly scaled regression ridge from U(−2, 2) starts', () => {
    const { potential, mode, sd } = regression();
    const start = Float64Array.from([0.6, -0.8, 1.5, 1.9, 0.7, -1.2]);
    // L-BFGS alone can stall on the ridge (sds apart by 10⁶) ...
    const lbfgs = findModes(potential, start, 2);
    const worst = (x: Float64Array) =>
      Math.max(...[0, 1, 2, 3, 4, 5].map((k) => Math.abs(x[k]! - mode[k % 3]!) / sd[k % 3]!));
    // ... the Newton polish of the dense start lands on the mode, within a hundredth of an sd
    const kernel = mamsKernel(potential, 2);
    const state = kernel.init(start);
    expect(Array.from(state.position)).toEqual(Array.from(lbfgs.position));
    const { params, evaluations } = new MamsTuning(kernel, { warmup: 100, seed: 1, metric: 'dense' }).start(state);
    expect(worst(state.position)).toBeLessThan(0.01);
    expect((evaluations as Float64Array)[0]).toBeGreaterThan(kernel.startEvaluations[0]!);
    // and its metric is the posterior covariance there: the intercept's sd
    expect(Math.sqrt(params.metric!.matrix(0)[0]!) / sd[0]!).toBeCloseTo(1, 3);
  });

  it("the Laplace covariance at a Gaussian's mode is its covariance", () => {
    const { potential, mean, cov } = ridge();
    const position = Float64Array.from([...mean, ...mean]);
    const variances = Float64Array.from([1e7, 100, 1e-3, 1e7, 100, 1e-3]); // rough sd scales set the differences
    const laplace = laplaceCovariances(potential, position, 2, variances);
    expect(Array.from(laplace.positive)).toEqual([1, 1]);
    expect(laplace.evaluations).toBe(6);
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const scale = Math.sqrt(cov[i]![i]! * cov[j]![j]!);
          expect(Math.abs(laplace.covariance[c * 9 + i * 3 + j]! - cov[i]![j]!) / scale).toBeLessThan(1e-5);
        }
      }
    }
  });

  it('is not positive definite away from a mode of a non-concave density', () => {
    // log π = −x⁴/4 + x²/2 − y²/2: at x = 0 the curvature in x is negative
    const potential = {
      dim: 2,
      unconstrainedNames: ['x', 'y'],
      readsNoise: false,
      logDensity: () => new Float64Array(1),
      logDensityAndGradient(x: Float64Array, chains: number) {
        const gradient = new Float64Array(chains * 2);
        for (let c = 0; c < chains; c++) {
          gradient[c * 2] = -(x[c * 2]! ** 3) + x[c * 2]!;
          gradient[c * 2 + 1] = -x[c * 2 + 1]!;
        }
        return { logDensity: new Float64Array(chains), gradient };
      },
    };
    const laplace = laplaceCovariances(potential, new Float64Array(2), 1, Float64Array.from([1, 1]));
    expect(laplace.positive[0]).toBe(0);
  });
});

describe('default metric of the microcanonical samplers', () => {
  for (const name of ['mams', 'mclmc']) {
    it(`${name}: dense up to ${DENSE_DEFAULT_LIMIT} parameters, the authors' diagonal above; --metric wins`, () => {
      const spec = samplerSpec(name);
      expect(chooseMetric(spec, 3, undefined)).toBe('dense');
      expect(chooseMetric(spec, DENSE_DEFAULT_LIMIT, undefined)).toBe('dense');
      expect(chooseMetric(spec, DENSE_DEFAULT_LIMIT + 1, undefined)).toBe('diag-var');
      expect(chooseMetric(spec, 3, 'diag-var')).toBe('diag-var');
    });
  }
});

describe('a climb that finds no mode', () => {
  it('leaves the chain at its initial point with a unit metric (the centred eight schools funnel)', () => {
    // mu, log tau, theta[8]: the density grows without bound as tau → 0 with theta = mu
    const y = [28, 8, -3, 7, -1, 1, 18, 12];
    const sigma = [15, 10, 16, 11, 9, 11, 10, 18];
    const potential = potentialFrom(10, (x, row, gradient) => {
      const mu = x[row]!;
      const logTau = x[row + 1]!;
      const tau = Math.exp(logTau);
      // mu ~ N(0, 5), tau ~ Cauchy⁺(0, 5) with the log-Jacobian log tau
      let lp = -(mu * mu) / 50 - Math.log1p((tau * tau) / 25) + logTau;
      gradient[row] = -mu / 25;
      gradient[row + 1] = (-2 * tau * tau) / 25 / (1 + (tau * tau) / 25) + 1;
      for (let j = 0; j < 8; j++) {
        const theta = x[row + 2 + j]!;
        const z = (theta - mu) / tau;
        lp += -0.5 * z * z - logTau - (0.5 * (y[j]! - theta) ** 2) / sigma[j]! ** 2;
        gradient[row] += z / tau;
        gradient[row + 1] += z * z - 1;
        gradient[row + 2 + j] = -z / tau + (y[j]! - theta) / sigma[j]! ** 2;
      }
      return lp;
    });
    const start = Float64Array.from({ length: 40 }, (_, k) => Math.sin(3.7 * k + 1) * 2);
    const kernel = mamsKernel(potential, 4);
    const state = kernel.init(start);
    expect(Array.from(state.position)).toEqual(Array.from(start));
    expect(Array.from(kernel.startVariances).every((v) => v === 1)).toBe(true);
    // while on a proper mode the L-BFGS point is kept
    const { potential: regressionPotential, mode, sd } = regression();
    const kept = mamsKernel(regressionPotential, 1).init(Float64Array.from([0.2, 0.1, 1]));
    expect(Math.abs(kept.position[2]! - mode[2]!) / sd[2]!).toBeLessThan(1);
  });
});

describe('a climb to a point that is not a mode', () => {
  it("beta-binomial: κ → ∞ (flat gradient, no negative-definite Hessian) is refused, and mams's default then agrees with nuts", async () => {
    const models = new URL('../../examples/models/', import.meta.url).pathname;
    const source = readFileSync(`${models}beta_binomial.stan`, 'utf8');
    const data = JSON.parse(readFileSync(`${models}beta_binomial.data.json`, 'utf8')) as ModelData;
    const model = await compile(source, { data, backend: 'f64' });
    const kernel = mamsKernel(model, 4);
    const start = Float64Array.from({ length: 4 * model.dim }, (_, k) => Math.sin(2.3 * k + 0.5) * 2);
    kernel.init(start);
    // L-BFGS runs to log κ ≈ 32 on every chain from these starts
    expect(Array.from(kernel.modeFound)).toEqual([0, 0, 0, 0]);
    const fit = await sampleModel(model, { chains: 4, warmup: 1000, draws: 1000, seed: 1 });
    const phi = fit.summary.parameters.find((p) => p.name === 'phi')!;
    // nuts's posterior mean of phi, 0.185 ± 0.0008 (4 × 500 draws, seed 1), within 4 combined MCSE
    expect(fit.summary.sampler).toBe('mams');
    expect(Math.abs(phi.mean! - 0.185)).toBeLessThan(4 * Math.hypot(phi.mcse_mean!, 0.000767));
    expect(phi.rhat!).toBeLessThan(1.01);
    model.dispose();
  });
});
