/**
 * Hidden Markov models with K states and N steps, as Stan defines them:
 * log_omega[k, n] = log p(y_n | z_n = k), Gamma[i, j] = p(z_n = j | z_{n-1} = i),
 * rho = p(z_1). hmm_marginal is the forward algorithm on rescaled
 * probabilities (each step subtracts the column's largest log density and
 * renormalises, adding the logs of both back), so it traces with gradients
 * and never underflows. hmm_hidden_state_prob is forward–backward on
 * values known before sampling (generated quantities).
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { FunctionEntry, Rng } from '../types.js';
import { fn } from './define.js';

function shapes(name: string, logOmega: Val, gamma: Val, rho: Val): { k: number; n: number } {
  if (logOmega.shape.length !== 2) throw new LangevinError(`${name}: log_omega must be a K×N matrix`);
  const [k, n] = logOmega.shape as [number, number];
  if (gamma.shape[0] !== k || gamma.shape[1] !== k)
    throw new LangevinError(`${name}: Gamma must be ${k}x${k} for ${k} states`);
  if (rho.shape.length !== 1 || rho.shape[0] !== k) throw new LangevinError(`${name}: rho must have ${k} elements`);
  if (n === 0) throw new LangevinError(`${name}: log_omega has no columns (no observations)`);
  return { k, n };
}

function column(ops: Ops, m: Val, j: number, k: number, n: number): Val {
  return ops.gather(
    m,
    Int32Array.from({ length: k }, (_, i) => i * n + j),
    [k],
  );
}

export function hmmMarginal(ops: Ops, logOmega: Val, gamma: Val, rho: Val): Val {
  const { k, n } = shapes('hmm_marginal', logOmega, gamma, rho);
  const gammaT = ops.transpose(gamma);
  const terms: Val[] = [];
  let alpha: Val | undefined;
  for (let t = 0; t < n; t++) {
    const lo = column(ops, logOmega, t, k, n);
    const c = ops.reduce('max', lo);
    const emission = ops.unary('exp', ops.binary('sub', lo, c));
    const prior = alpha === undefined ? rho : ops.matmul(gammaT, alpha);
    const unnormalised = ops.binary('mul', prior, emission);
    const s = ops.reduce('sum', unnormalised);
    terms.push(c, ops.unary('log', s));
    alpha = ops.binary('div', unnormalised, s);
  }
  return ops.reduce('sum', ops.concat(terms, [terms.length]));
}

/** Posterior marginals p(z_n = k | y) as a K×N matrix, by forward–backward on constants. */
export function hmmHiddenStateProb(
  logOmega: Float64Array,
  gamma: Float64Array,
  rho: Float64Array,
  k: number,
  n: number,
): Float64Array {
  const omega = (i: number, t: number, c: number) => Math.exp(logOmega[i * n + t]! - c);
  const maxOf = (t: number) => Math.max(...Array.from({ length: k }, (_, i) => logOmega[i * n + t]!));
  const fwd: Float64Array[] = [];
  for (let t = 0; t < n; t++) {
    const c = maxOf(t);
    const a = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      let prior = 0;
      if (t === 0) prior = rho[j]!;
      else for (let i = 0; i < k; i++) prior += fwd[t - 1]![i]! * gamma[i * k + j]!;
      a[j] = prior * omega(j, t, c);
    }
    const s = a.reduce((x, y) => x + y, 0);
    for (let j = 0; j < k; j++) a[j] = a[j]! / s;
    fwd.push(a);
  }
  const out = new Float64Array(k * n);
  let beta = new Float64Array(k).fill(1);
  for (let t = n - 1; t >= 0; t--) {
    const post = Float64Array.from(fwd[t]!, (a, i) => a * beta[i]!);
    const s = post.reduce((x, y) => x + y, 0);
    for (let i = 0; i < k; i++) out[i * n + t] = post[i]! / s;
    if (t === 0) break;
    const c = maxOf(t);
    const next = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) next[i] = next[i]! + gamma[i * k + j]! * omega(j, t, c) * beta[j]!;
    }
    const z = next.reduce((x, y) => x + y, 0);
    beta = Float64Array.from(next, (v) => v / z);
  }
  return out;
}

/** Forward probabilities p(z_t | y_1..t), each step normalised. */
function forward(logOmega: Float64Array, gamma: Float64Array, rho: Float64Array, k: number, n: number): Float64Array[] {
  const fwd: Float64Array[] = [];
  for (let t = 0; t < n; t++) {
    let c = -Infinity;
    for (let i = 0; i < k; i++) c = Math.max(c, logOmega[i * n + t]!);
    const a = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      let prior = 0;
      if (t === 0) prior = rho[j]!;
      else for (let i = 0; i < k; i++) prior += fwd[t - 1]![i]! * gamma[i * k + j]!;
      a[j] = prior * Math.exp(logOmega[j * n + t]! - c);
    }
    const s = a.reduce((x, y) => x + y, 0);
    for (let j = 0; j < k; j++) a[j] = a[j]! / s;
    fwd.push(a);
  }
  return fwd;
}

function pick(rng: Rng, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  let u = rng.uniform() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u <= 0) return i;
  }
  return weights.length - 1;
}

/** One joint draw of the hidden states given y: forward filtering, backward sampling (states 1-based). */
export function hmmLatentDraw(
  rng: Rng,
  logOmega: Float64Array,
  gamma: Float64Array,
  rho: Float64Array,
  k: number,
  n: number,
): Float64Array {
  const fwd = forward(logOmega, gamma, rho, k, n);
  const z = new Float64Array(n);
  let next = pick(rng, fwd[n - 1]!);
  z[n - 1] = next + 1;
  for (let t = n - 2; t >= 0; t--) {
    const w = Float64Array.from(fwd[t]!, (a, i) => a * gamma[i * k + next]!);
    next = pick(rng, w);
    z[t] = next + 1;
  }
  return z;
}

const HMM_ARGS = ['matrix', 'matrix', 'vector'];

export const hmmFunctions: FunctionEntry[] = [
  fn(
    'hmm_marginal',
    'log p(y) of a hidden Markov model: hmm_marginal(log_omega, Gamma, rho), the forward algorithm.',
    [[HMM_ARGS, 'real']],
    (ops, [lo, g, r]) => hmmMarginal(ops, lo!, g!, r!),
  ),
  fn(
    'hmm_hidden_state_prob',
    'Posterior state probabilities p(z_n = k | y) as a K×N matrix (values known before sampling, e.g. generated quantities).',
    [[HMM_ARGS, 'matrix']],
    (ops, [lo, g, r]) => {
      const { k, n } = shapes('hmm_hidden_state_prob', lo!, g!, r!);
      if (!lo!.constant || !g!.constant || !r!.constant) {
        throw new LangevinError(
          'hmm_hidden_state_prob needs values known before sampling: call it in generated quantities',
        );
      }
      return ops.constant(hmmHiddenStateProb(lo!.constant, g!.constant, r!.constant, k, n), [k, n]);
    },
  ),
  {
    ...fn(
      'hmm_latent_rng',
      'One draw of the hidden states (array[N] int in 1..K) given y, by forward filtering and backward sampling.',
      [[HMM_ARGS, 'array[] int']],
      () => {
        throw new LangevinError('hmm_latent_rng can only be used in transformed data and generated quantities');
      },
    ),
    rng: true,
    sample(rng, [lo, g, r], shapes) {
      const [k, n] = shapes[0] as [number, number];
      if (shapes[1]![0] !== k || shapes[1]![1] !== k || shapes[2]![0] !== k) {
        throw new LangevinError(`hmm_latent_rng: Gamma must be ${k}x${k} and rho of size ${k} for ${k} states`);
      }
      return { value: hmmLatentDraw(rng, lo!, g!, r!, k, n), shape: [n] };
    },
  },
];
