/**
 * The isokinetic (ESH) integrator of the microcanonical samplers, batched
 * over chains (Robnik, De Luca, Silverstein and Seljak 2023, arXiv
 * 2212.08549; BlackJAX `integrators.py`, `esh_dynamics_momentum_update_one_step`).
 *
 * Position x, velocity u on the unit sphere of R^d, per-chain diagonal
 * preconditioner s (standard deviations: the dynamics run in z = x / s).
 * With g = s ⊙ ∇log π, e = g/‖g‖, δ = h‖g‖/(d − 1), ζ = e^{−δ}, the exact
 * velocity flow over a time h is
 *
 *     u ← normalize( e (1 − ζ)(1 + ζ + u·e (1 − ζ)) + 2 ζ u )
 *
 * and the kinetic energy changes by (d − 1)(δ − log 2 + log(1 + u·e + (1 − u·e) ζ²)).
 * The position flow is x ← x + h s ⊙ u. Energy error of a step:
 * ΔE = ΔK − (log π(x') − log π(x)); MAMS accepts on it, MCLMC tunes its step
 * size by its variance.
 *
 * Schemes: leapfrog B(½) A(1) B(½) (one gradient per step) and McLachlan's
 * minimal-norm B(λ) A(½) B(1 − 2λ) A(½) B(λ), λ = 0.1931833275037836 (two
 * gradients per step, BlackJAX's default for both samplers). The last B of
 * a step uses the gradient the next step starts from.
 *
 * A dense or low-rank metric (metric.ts) replaces s by its factor R with
 * R Rᵀ = M⁻¹: the dynamics run in z = R⁻¹x, so g = Rᵀ∇log π and the
 * position moves by h R u. log π changes by the same amount in x and z (the
 * Jacobian is constant), so the energy error is unchanged in form.
 */
import type { Potential } from '../model/types.js';
import type { Metric } from './metric.js';

export type IsokineticScheme = 'leapfrog' | 'mclachlan';

const MCLACHLAN_LAMBDA = 0.1931833275037836;

/** (B, A, B, A, …, B) coefficients, as fractions of the step size. */
export function schemeCoefficients(scheme: IsokineticScheme): { b: number[]; a: number[] } {
  return scheme === 'leapfrog'
    ? { b: [0.5, 0.5], a: [1] }
    : { b: [MCLACHLAN_LAMBDA, 1 - 2 * MCLACHLAN_LAMBDA, MCLACHLAN_LAMBDA], a: [0.5, 0.5] };
}

/** Gradient evaluations per integrator step. */
export function gradientsPerStep(scheme: IsokineticScheme): number {
  return schemeCoefficients(scheme).a.length;
}

/** The batched microcanonical state: chains × dim rows. */
export interface IsokineticState {
  readonly chains: number;
  readonly dim: number;
  position: Float64Array;
  velocity: Float64Array;
  gradient: Float64Array;
  logDensity: Float64Array;
}

export function allocateIsokineticState(chains: number, dim: number): IsokineticState {
  return {
    chains,
    dim,
    position: new Float64Array(chains * dim),
    velocity: new Float64Array(chains * dim),
    gradient: new Float64Array(chains * dim),
    logDensity: new Float64Array(chains),
  };
}

export function copyIsokineticState(from: IsokineticState, to: IsokineticState): void {
  to.position.set(from.position);
  to.velocity.set(from.velocity);
  to.gradient.set(from.gradient);
  to.logDensity.set(from.logDensity);
}

/** Copy chain c's rows from `from` into `to`. */
export function copyChain(from: IsokineticState, to: IsokineticState, c: number): void {
  const d = from.dim;
  const start = c * d;
  const end = start + d;
  for (let k = start; k < end; k++) {
    to.position[k] = from.position[k];
    to.velocity[k] = from.velocity[k];
    to.gradient[k] = from.gradient[k];
  }
  to.logDensity[c] = from.logDensity[c];
}

/** A uniformly random unit vector into row c of `velocity` (normals from `normal`). */
export function randomDirection(velocity: Float64Array, c: number, dim: number, normal: () => number): void {
  const row = c * dim;
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    const z = normal();
    velocity[row + i] = z;
    norm += z * z;
  }
  const inverse = 1 / Math.sqrt(norm);
  for (let i = 0; i < dim; i++) velocity[row + i] *= inverse;
}

/**
 * One integrator step of size stepSize[c] for the chains listed in
 * active[0..count): updates the state in place and adds each chain's
 * kinetic energy change to kinetic[c]. The potential is evaluated once per
 * A sub-step on the active rows only (gathered into `scratch`).
 */
export class IsokineticIntegrator {
  private readonly b: number[];
  private readonly a: number[];
  private readonly rows: Float64Array;
  /** Rᵀ∇log π (velocity update) or R u (position update) of one chain, with a non-diagonal metric. */
  private readonly whitened: Float64Array;

  constructor(
    private readonly potential: Potential,
    readonly chains: number,
    readonly scheme: IsokineticScheme,
  ) {
    const coefficients = schemeCoefficients(scheme);
    this.b = coefficients.b;
    this.a = coefficients.a;
    this.rows = new Float64Array(chains * potential.dim);
    this.whitened = new Float64Array(potential.dim);
  }

  get gradientsPerStep(): number {
    return this.a.length;
  }

  step(
    state: IsokineticState,
    stepSize: Float64Array,
    scale: Float64Array,
    active: Int32Array,
    count: number,
    kinetic: Float64Array,
    metric?: Metric,
  ): void {
    for (let stage = 0; stage < this.a.length; stage++) {
      this.velocityUpdate(state, stepSize, scale, active, count, kinetic, this.b[stage], metric);
      this.positionUpdate(state, stepSize, scale, active, count, this.a[stage], metric);
    }
    this.velocityUpdate(state, stepSize, scale, active, count, kinetic, this.b[this.b.length - 1], metric);
  }

  private velocityUpdate(
    state: IsokineticState,
    stepSize: Float64Array,
    scale: Float64Array,
    active: Int32Array,
    count: number,
    kinetic: Float64Array,
    coefficient: number,
    metric: Metric | undefined,
  ): void {
    const d = state.dim;
    const u = state.velocity;
    const gradient = state.gradient;
    const dMinus1 = d - 1;
    const z = this.whitened;
    for (let j = 0; j < count; j++) {
      const c = active[j];
      const row = c * d;
      if (metric) metric.noiseTranspose(c, gradient, row, z, 0);
      else for (let i = 0; i < d; i++) z[i] = gradient[row + i] * scale[row + i];
      let norm2 = 0;
      let projection = 0;
      for (let i = 0; i < d; i++) {
        const g = z[i];
        norm2 += g * g;
        projection += g * u[row + i];
      }
      if (!(norm2 > 0)) continue; // a flat spot (or NaN: caught by the caller's finiteness check)
      const gnorm = Math.sqrt(norm2);
      const ue = projection / gnorm;
      const delta = (coefficient * stepSize[c] * gnorm) / dMinus1;
      const zeta = Math.exp(-delta);
      const alongGradient = ((1 - zeta) * (1 + zeta + ue * (1 - zeta))) / gnorm;
      const alongVelocity = 2 * zeta;
      let unorm2 = 0;
      for (let i = 0; i < d; i++) {
        // the diagonal case multiplies in this order (draws as before the dense metric)
        const along = metric ? alongGradient * z[i] : alongGradient * gradient[row + i] * scale[row + i];
        const value = along + alongVelocity * u[row + i];
        u[row + i] = value;
        unorm2 += value * value;
      }
      const inverse = 1 / Math.sqrt(unorm2);
      for (let k = row; k < row + d; k++) u[k] *= inverse;
      kinetic[c] += dMinus1 * (delta - Math.LN2 + Math.log(1 + ue + (1 - ue) * zeta * zeta));
    }
  }

  private positionUpdate(
    state: IsokineticState,
    stepSize: Float64Array,
    scale: Float64Array,
    active: Int32Array,
    count: number,
    coefficient: number,
    metric: Metric | undefined,
  ): void {
    const d = state.dim;
    const x = state.position;
    const u = state.velocity;
    const all = count === this.chains;
    const rows = all ? x : this.rows;
    const move = this.whitened;
    for (let j = 0; j < count; j++) {
      const c = active[j];
      const row = c * d;
      const h = coefficient * stepSize[c];
      if (metric) {
        metric.noise(c, u, row, move, 0);
        for (let i = 0; i < d; i++) x[row + i] += h * move[i];
      } else {
        for (let k = row; k < row + d; k++) x[k] += h * scale[k] * u[k];
      }
      if (!all) rows.set(x.subarray(row, row + d), j * d);
    }
    // the potential sees only the active rows; a full batch is evaluated in place
    const evaluated = this.potential.logDensityAndGradient(all ? x : rows.subarray(0, count * d), count);
    for (let j = 0; j < count; j++) {
      const c = active[j];
      state.logDensity[c] = evaluated.logDensity[j];
      state.gradient.set(evaluated.gradient.subarray(j * d, (j + 1) * d), c * d);
    }
  }
}

/** Whether chain c's position, gradient and log density are all finite. */
export function finiteChain(state: IsokineticState, c: number): boolean {
  const d = state.dim;
  let mark = state.logDensity[c] * 0;
  for (let k = c * d; k < (c + 1) * d; k++) mark += state.position[k] * 0 + state.gradient[k] * 0;
  return mark === 0;
}
