/**
 * A scale-free start for the microcanonical samplers: a short L-BFGS ascent
 * of log π from each chain's initial point (as Pathfinder begins; Zhang,
 * Carpenter, Gelman and Vehtari 2022), then the diagonal of the L-BFGS
 * inverse-Hessian estimate as the first preconditioner.
 *
 * Why: MCLMC and MAMS move a distance ε s per integrator step, and their
 * tuning starts from a unit metric with ε ~ √d. On a regression whose
 * coefficients live on scales 10⁴ apart, and far from the mode where the
 * curvature is 10⁶ times the posterior's, the energy-variance (or
 * acceptance) target pins ε to the initial curvature and the chain cannot
 * reach the typical set within the warm-up. Stan's NUTS survives the same
 * start by doubling its trajectories up to 1023 steps. The mode search
 * costs tens of gradients per chain, counted like every other.
 *
 * The iterations stop at MAX_ITERATIONS (500), after three iterations in a
 * row that change log π by less than 10⁻¹⁰ relative, or where the line search
 * finds no better finite point; each chain keeps its best point.
 */
import type { Potential } from '../model/types.js';

const MAX_ITERATIONS = 500;
const HISTORY = 6;

export interface ModeStart {
  /** chains × dim: the points reached. */
  position: Float64Array;
  /** chains × dim: inverse-Hessian diagonal estimates (variances), 1 where none. */
  variances: Float64Array;
  /** Gradient evaluations per chain. */
  evaluations: Float64Array;
}

export function findModes(potential: Potential, start: Float64Array, chains: number): ModeStart {
  const dim = potential.dim;
  const position = start.slice();
  const variances = new Float64Array(chains * dim).fill(1);
  const evaluations = new Float64Array(chains);
  for (let c = 0; c < chains; c++) {
    const row = position.subarray(c * dim, (c + 1) * dim);
    evaluations[c] = ascend(potential, row, variances.subarray(c * dim, (c + 1) * dim));
  }
  return { position, variances, evaluations };
}

/** L-BFGS ascent of log π from x (in place); writes the diagonal estimate; returns the evaluations used. */
function ascend(potential: Potential, x: Float64Array, diagonal: Float64Array): number {
  const d = x.length;
  let evaluations = 0;
  const evaluate = (point: Float64Array): { f: number; g: Float64Array } => {
    evaluations++;
    const out = potential.logDensityAndGradient(point, 1);
    // minimise f = −log π
    const g = new Float64Array(d);
    for (let i = 0; i < d; i++) g[i] = -out.gradient[i];
    return { f: -out.logDensity[0], g };
  };
  let current = evaluate(x);
  if (!Number.isFinite(current.f)) return evaluations;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const direction = new Float64Array(d);
  const alpha = new Float64Array(HISTORY);
  const trial = new Float64Array(d);
  let stalled = 0;
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // two-loop recursion: direction = −H g
    direction.set(current.g);
    for (let j = s.length - 1; j >= 0; j--) {
      const rho = 1 / dot(y[j], s[j]);
      alpha[j] = rho * dot(s[j], direction);
      for (let i = 0; i < d; i++) direction[i] -= alpha[j] * y[j][i];
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
      for (let i = 0; i < d; i++) direction[i] *= gamma;
    } else {
      // first step: a unit-length move in the steepest direction
      const norm = Math.sqrt(dot(current.g, current.g));
      for (let i = 0; i < d; i++) direction[i] /= norm > 0 ? norm : 1;
    }
    for (let j = 0; j < s.length; j++) {
      const rho = 1 / dot(y[j], s[j]);
      const beta = rho * dot(y[j], direction);
      for (let i = 0; i < d; i++) direction[i] += (alpha[j] - beta) * s[j][i];
    }
    for (let i = 0; i < d; i++) direction[i] = -direction[i];
    const slope = dot(current.g, direction);
    if (!(slope < 0)) break;
    // backtracking line search (Armijo)
    let step = 1;
    let next: { f: number; g: Float64Array } | undefined;
    for (let k = 0; k < 30; k++) {
      for (let i = 0; i < d; i++) trial[i] = x[i] + step * direction[i];
      const candidate = evaluate(trial);
      if (
        Number.isFinite(candidate.f) &&
        candidate.f <= current.f + 1e-4 * step * slope &&
        candidate.g.every(Number.isFinite)
      ) {
        next = candidate;
        break;
      }
      step *= 0.5;
    }
    if (!next) break;
    const sk = new Float64Array(d);
    const yk = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      sk[i] = step * direction[i];
      yk[i] = next.g[i] - current.g[i];
      x[i] = trial[i];
    }
    const change = current.f - next.f;
    current = next;
    if (dot(sk, yk) > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
      s.push(sk);
      y.push(yk);
      if (s.length > HISTORY) {
        s.shift();
        y.shift();
      }
    }
    stalled = change <= 1e-10 * Math.max(1, Math.abs(current.f)) ? stalled + 1 : 0;
    if (stalled >= 3) break;
  }
  inverseHessianDiagonal(s, y, diagonal);
  return evaluations;
}

/** diag(H) of the L-BFGS inverse Hessian H (the BFGS updates applied to γI, column by column). */
function inverseHessianDiagonal(s: Float64Array[], y: Float64Array[], out: Float64Array): void {
  const d = out.length;
  if (s.length === 0) return;
  const last = s.length - 1;
  const gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
  const e = new Float64Array(d);
  const alpha = new Float64Array(s.length);
  for (let i = 0; i < d; i++) {
    // H e_i by the two-loop recursion; its i-th entry is diag(H)_i
    e.fill(0);
    e[i] = 1;
    for (let j = last; j >= 0; j--) {
      alpha[j] = dot(s[j], e) / dot(y[j], s[j]);
      for (let k = 0; k < d; k++) e[k] -= alpha[j] * y[j][k];
    }
    for (let k = 0; k < d; k++) e[k] *= gamma;
    for (let j = 0; j <= last; j++) {
      const beta = dot(y[j], e) / dot(y[j], s[j]);
      for (let k = 0; k < d; k++) e[k] += (alpha[j] - beta) * s[j][k];
    }
    const v = e[i];
    if (v > 0 && Number.isFinite(v)) out[i] = v;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
