/**
 * The optimised batched transition (fused passes, shared-η and unit-metric
 * fast paths, deferred acceptance probabilities) against a plain per-chain
 * reference written with the public building blocks (langevinProposal's
 * formula, malaLogRatio, acceptProbability): every state and info value
 * must agree to the bit, including divergent proposals, mixed step sizes
 * and shared, unit and per-chain metrics.
 */
import { describe, expect, it } from 'vitest';
import type { Potential } from '../../src/model/types.js';
import { createStreams } from '../../src/random/streams.js';
import { lmcBetaKernel } from '../../src/samplers/lmc-beta.js';
import { lmcKernel } from '../../src/samplers/lmc.js';
import { malaKernel } from '../../src/samplers/mala.js';
import { acceptProbability, malaLogRatio } from '../../src/samplers/mala-ratio.js';
import type { Kernel, KernelParams, LangevinState } from '../../src/samplers/types.js';
import type { Stream } from '../../src/random/xoshiro.js';
import { potentialFrom } from './potentials.js';

/** log π = −Σx²/2 − x₀⁴; NaN log density where x₀ > 1.2, an infinite gradient where x₀ < −1.3. */
function awkward(dim: number): Potential {
  return potentialFrom(
    dim,
    (x, row, gradient) => {
      let s = 0;
      for (let i = 0; i < dim; i++) {
        const v = x[row + i];
        s -= (v * v) / 2;
        gradient[row + i] = -v;
      }
      const x0 = x[row];
      s -= x0 ** 4;
      gradient[row] -= 4 * x0 ** 3;
      if (x0 < -1.3 && dim > 1) gradient[row + 1] = -Infinity;
      return x0 > 1.2 ? NaN : s;
    },
    [],
  );
}

interface Plain {
  position: Float64Array;
  gradient: Float64Array;
  logDensity: Float64Array;
}

/** One step of the straightforward transition. */
function referenceStep(
  potential: Potential,
  s: Plain,
  streams: Stream[],
  params: KernelParams,
  chains: number,
  beta: number,
  metropolis: boolean,
  gradientOnly: boolean,
) {
  const dim = potential.dim;
  const perChain = params.invMetric.length === chains * dim;
  const noise = new Float64Array(chains * dim);
  for (let c = 0; c < chains; c++) streams[c].fillNormal(noise, c * dim, dim);
  const proposal = new Float64Array(chains * dim);
  for (let c = 0; c < chains; c++) {
    const eta = params.stepSize[c];
    const scale = Math.sqrt((2 * eta) / beta);
    for (let i = 0; i < dim; i++) {
      const k = c * dim + i;
      const m = params.invMetric[perChain ? k : i];
      proposal[k] = s.position[k] + eta * m * s.gradient[k] + scale * (m === 1 ? 1 : Math.sqrt(m)) * noise[k];
    }
  }
  const evaluated = potential.logDensityAndGradient(proposal, chains);
  const next: Plain = {
    position: proposal.slice(),
    gradient: evaluated.gradient.slice(),
    logDensity: new Float64Array(chains),
  };
  const probability = new Float64Array(chains);
  const accepted = new Uint8Array(chains);
  const divergent = new Uint8Array(chains);
  for (let c = 0; c < chains; c++) {
    const row = c * dim;
    let finite = gradientOnly || Number.isFinite(evaluated.logDensity[c]);
    for (let k = row; k < row + dim; k++)
      finite &&= Number.isFinite(proposal[k]) && Number.isFinite(evaluated.gradient[k]);
    divergent[c] = finite ? 0 : 1;
    let logRatio = NaN;
    if (!finite) probability[c] = 0;
    else if (gradientOnly) probability[c] = NaN;
    else {
      logRatio = malaLogRatio(
        s.logDensity[c],
        evaluated.logDensity[c],
        s.gradient,
        evaluated.gradient,
        noise,
        params.invMetric,
        row,
        perChain ? row : 0,
        dim,
        params.stepSize[c],
        beta,
      );
      probability[c] = acceptProbability(logRatio);
    }
    const accept = finite && (!metropolis || probability[c] >= 1 || Math.log(streams[c].uniform()) < logRatio);
    accepted[c] = accept ? 1 : 0;
    if (accept) next.logDensity[c] = gradientOnly ? NaN : evaluated.logDensity[c];
    else {
      for (let k = row; k < row + dim; k++) {
        next.position[k] = s.position[k];
        next.gradient[k] = s.gradient[k];
      }
      next.logDensity[c] = s.logDensity[c];
    }
  }
  return { next, probability, accepted, divergent };
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  expect(Array.from(a).map(String)).toEqual(Array.from(b).map(String));

/** Steps both side by side and compares everything; returns the divergences seen. */
function check(
  kernel: Kernel,
  potential: Potential,
  beta: number,
  metropolis: boolean,
  gradientOnly: boolean,
  metricKind: string,
): number {
  const chains = 37;
  const dim = potential.dim;
  const init = Float64Array.from({ length: chains * dim }, (_, k) => Math.sin(3.7 * k + 1) * 1.1);
  const fast = createStreams(21, chains);
  const slow = createStreams(21, chains);
  // a shared step size first (the flat fast path), then per-chain ones
  const shared = new Float64Array(chains).fill(0.35);
  const mixed = Float64Array.from({ length: chains }, (_, c) => 0.05 + (0.4 * ((c * 7) % 5)) / 5);
  const invMetric =
    metricKind === 'unit'
      ? new Float64Array(dim).fill(1)
      : metricKind === 'shared'
        ? Float64Array.from({ length: dim }, (_, i) => (i === 1 ? 1 : 0.5 + i))
        : Float64Array.from({ length: chains * dim }, (_, k) => (k % 3 === 0 ? 1 : 0.3 + (k % 5) / 4));
  let state: LangevinState = kernel.init(init);
  const first = potential.logDensityAndGradient(init, chains);
  let plain: Plain = { position: init.slice(), gradient: first.gradient.slice(), logDensity: first.logDensity.slice() };
  if (gradientOnly) plain.logDensity.fill(NaN);
  let divergences = 0;
  for (let t = 0; t < 40; t++) {
    const params = { stepSize: t < 20 ? shared : mixed, invMetric };
    const result = kernel.step(state, fast, params);
    const ref = referenceStep(potential, plain, slow, params, chains, beta, metropolis, gradientOnly);
    same(result.state.position, ref.next.position);
    same(result.state.gradient, ref.next.gradient);
    same(result.state.logDensity, ref.next.logDensity);
    same(result.info.acceptProbability, ref.probability);
    same(result.info.accepted, ref.accepted);
    same(result.info.divergent, ref.divergent);
    same(result.info.stepSize, params.stepSize);
    divergences += ref.divergent.reduce((a, b) => a + b, 0);
    state = result.state;
    plain = ref.next;
  }
  return divergences;
}

describe('the batched transition matches a plain per-chain reference to the bit', () => {
  for (const metricKind of ['unit', 'shared', 'per-chain']) {
    for (const dim of [1, 2, 5]) {
      it(`lmc, mala, lmc-beta (also Metropolis-adjusted and gradient-only), ${metricKind} metric, dim ${dim}`, () => {
        const p = awkward(dim);
        let divergences = 0;
        divergences += check(lmcKernel(p, 37), p, 1, false, false, metricKind);
        divergences += check(malaKernel(p, 37), p, 1, true, false, metricKind);
        divergences += check(lmcBetaKernel(p, 37, 2.5), p, 2.5, false, false, metricKind);
        divergences += check(lmcKernel(p, 37, { metropolis: true }), p, 1, true, false, metricKind);
        divergences += check(lmcBetaKernel(p, 37, 0.7, { metropolis: true }), p, 0.7, true, false, metricKind);
        divergences += check(lmcKernel(p, 37, { gradientOnly: true }), p, 1, false, true, metricKind);
        divergences += check(lmcBetaKernel(p, 37, 3, { gradientOnly: true }), p, 3, false, true, metricKind);
        // the comparison covered rejected rows of divergent proposals
        expect(divergences).toBeGreaterThan(0);
      });
    }
  }
});
