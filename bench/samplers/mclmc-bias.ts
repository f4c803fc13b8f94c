/**
 * MCLMC's step-size bias on a Gaussian, measured: a 100-d standard normal,
 * unit metric, fixed ε (the warm-up tunes L only), 4 chains × 20 000 steps
 * per ε. Printed: the relative error of the variance, mean over
 * coordinates, with its Monte Carlo error, and the mean of min(1, e^{−ΔE}). The law fitted
 * to these numbers is quoted in docs/samplers.md.
 *
 *   npm run build && node dist/bench/samplers/mclmc-bias.js
 */
import { mcseMean } from '../../src/diagnostics/mcse.js';
import type { Potential } from '../../src/model/types.js';
import { sample } from '../../src/samplers/run.js';

const dim = 100;
const gaussian: Potential = {
  dim,
  unconstrainedNames: Array.from({ length: dim }, (_, i) => `x[${i + 1}]`),
  readsNoise: false,
  logDensity(x, chains) {
    return this.logDensityAndGradient(x, chains).logDensity;
  },
  logDensityAndGradient(x, chains) {
    const logDensity = new Float64Array(chains);
    const gradient = new Float64Array(chains * dim);
    for (let c = 0; c < chains; c++) {
      let sum = 0;
      for (let i = c * dim; i < (c + 1) * dim; i++) {
        gradient[i] = -x[i];
        sum += x[i] * x[i];
      }
      logDensity[c] = -0.5 * sum;
    }
    return { logDensity, gradient };
  },
};

console.log('   ε    relative variance error     ±MCSE    mean min(1, e^{-ΔE})');
for (const stepSize of [2, 4, 6, 8, 12, 16]) {
  const chains = 4;
  const draws = 20000;
  const result = sample(gaussian, { sampler: 'mclmc', chains, warmup: 2000, draws, seed: 1, stepSize, metric: 'unit' });
  // E[x_i²] − 1 pooled over the coordinates: one chain matrix of per-draw means of x²
  const values = new Float64Array(chains * draws);
  for (let c = 0; c < chains; c++) {
    for (let t = 0; t < draws; t++) {
      let sum = 0;
      const row = (c * draws + t) * dim;
      for (let i = 0; i < dim; i++) sum += result.draws[row + i] ** 2;
      values[c * draws + t] = sum / dim;
    }
  }
  let mean = 0;
  for (const v of values) mean += v / values.length;
  const mcse = mcseMean({ values, chains, draws }) ?? NaN;
  const accept = result.chainInfo.reduce((s, c) => s + c.meanAcceptStat, 0) / chains;
  console.log(
    `${stepSize.toFixed(1).padStart(5)}  ${(mean - 1).toExponential(3).padStart(24)}  ${mcse.toExponential(2).padStart(10)}    ${accept.toFixed(4)}`,
  );
}
