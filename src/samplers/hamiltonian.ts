/**
 * Hamiltonian pieces shared by nuts and malt: a phase-space point, the
 * energy H(q, p) = −log π(q) + ½ pᵀM⁻¹p, the leapfrog step as a chain
 * program (batched-programs.ts), and Stan's first-step-size heuristic
 * (base_hmc::init_stepsize) for HMC kernels.
 */
import { LangevinError } from '../errors.js';
import type { Stream } from '../random/xoshiro.js';
import type { ChainProgram } from './batched-programs.js';
import type { Metric } from './metric.js';

export type MetricRowOps = Pick<Metric, 'velocity' | 'momentum' | 'noise'>;

export interface Point {
  q: Float64Array;
  p: Float64Array;
  logDensity: number;
  gradient: Float64Array;
}

export function clonePoint(z: Point): Point {
  return { q: z.q.slice(), p: z.p.slice(), logDensity: z.logDensity, gradient: z.gradient.slice() };
}

export function copyPoint(from: Point, to: Point): void {
  to.q.set(from.q);
  to.p.set(from.p);
  to.logDensity = from.logDensity;
  to.gradient.set(from.gradient);
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** H = −log π(q) + ½ pᵀ M⁻¹ p; `scratch` receives M⁻¹p. NaN becomes +∞ (Stan). */
export function energy(z: Point, ops: MetricRowOps, c: number, scratch: Float64Array): number {
  ops.velocity(c, z.p, 0, scratch, 0);
  const h = -z.logDensity + 0.5 * dot(z.p, scratch);
  return h === h ? h : Infinity;
}

/** A fresh momentum p ~ N(0, M) into z.p, from the chain's stream. */
export function sampleMomentum(z: Point, ops: MetricRowOps, c: number, stream: Stream, scratch: Float64Array): void {
  stream.fillNormal(scratch, 0, scratch.length);
  ops.momentum(c, scratch, 0, z.p, 0);
}

/** One leapfrog step of size ε (Stan's expl_leapfrog): half kick, drift, gradient, half kick. */
export function* leapfrog(
  z: Point,
  epsilon: number,
  ops: MetricRowOps,
  c: number,
  scratch: Float64Array,
): ChainProgram<void> {
  const half = 0.5 * epsilon;
  const dim = z.q.length;
  for (let i = 0; i < dim; i++) z.p[i] += half * z.gradient[i]!;
  ops.velocity(c, z.p, 0, scratch, 0);
  for (let i = 0; i < dim; i++) z.q[i] += epsilon * scratch[i]!;
  const evaluated = yield z.q;
  z.logDensity = evaluated.logDensity;
  z.gradient = evaluated.gradient;
  for (let i = 0; i < dim; i++) z.p[i] += half * z.gradient[i]!;
}

/**
 * Stan's init_stepsize for one chain: from z0 with a fresh momentum take
 * one leapfrog step; double ε while the acceptance exp(H0 − h) stays above
 * 0.8, or halve it until it rises above. Returns the new ε.
 */
export function* hmcStepSizeProgram(
  z0: Point,
  epsilon: number,
  ops: MetricRowOps,
  c: number,
  stream: Stream,
): ChainProgram<number> {
  if (!(epsilon > 0 && epsilon <= 1e7)) return epsilon;
  const threshold = Math.log(0.8);
  const scratch = new Float64Array(z0.q.length);
  const trial = function* (eps: number): ChainProgram<number> {
    const z = clonePoint(z0);
    sampleMomentum(z, ops, c, stream, scratch);
    const h0 = energy(z, ops, c, scratch);
    yield* leapfrog(z, eps, ops, c, scratch);
    return h0 - energy(z, ops, c, scratch);
  };
  const direction = (yield* trial(epsilon)) > threshold ? 1 : -1;
  for (;;) {
    const deltaH = yield* trial(epsilon);
    if (direction === 1 && !(deltaH > threshold)) break;
    if (direction === -1 && !(deltaH < threshold)) break;
    epsilon = direction === 1 ? 2 * epsilon : 0.5 * epsilon;
    if (epsilon > 1e7) {
      throw new LangevinError(
        `chain ${c + 1}: the step size grew beyond 1e7 while looking for an initial step size; the posterior may be improper. Please check your model.`,
      );
    }
    if (epsilon === 0) {
      throw new LangevinError(
        `chain ${c + 1}: no acceptable small step size could be found; perhaps the posterior is not continuous?`,
      );
    }
  }
  return epsilon;
}
