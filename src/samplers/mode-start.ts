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
 * The iterations stop at MAX_ITERATIONS (500), after STALL_LIMIT (10)
 * iterations in a row that change log π by less than 10⁻¹⁰ relative, or where the line search
 * finds no better finite point; each chain keeps its best point.
 */
import type { Potential } from '../model/types.js';

const MAX_ITERATIONS = 500;
const HISTORY = 6;
/**
 * Ten, not three: on a narrow ridge (earnings, kilpisjarvi: curvatures 10¹¹
 * apart) L-BFGS crawls for a few iterations while its history learns the
 * ridge direction, then accelerates; three stalls stopped it 6 sds from the mode.
 */
const STALL_LIMIT = 10;

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
    if (stalled >= STALL_LIMIT) break;
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

/**
 * The Laplace covariance (−∇²log π)⁻¹ at each chain's point (chains × dim ×
 * dim), the Hessian by central differences of the gradient with steps of
 * 10⁻⁴ of each coordinate's sd estimate `variances` (2·dim batched
 * evaluations). positive[c] = 0 where −∇²log π is not positive definite
 * (not at a mode, or a funnel's neck): that chain's rows are left at 0.
 */
export function laplaceCovariances(
  potential: Potential,
  position: Float64Array,
  chains: number,
  variances: Float64Array,
): { covariance: Float64Array; positive: Uint8Array; evaluations: number } {
  const d = potential.dim;
  const precision = new Float64Array(chains * d * d);
  const shifted = new Float64Array(chains * d);
  const step = new Float64Array(chains);
  for (let i = 0; i < d; i++) {
    for (let c = 0; c < chains; c++) step[c] = 1e-4 * Math.sqrt(variances[c * d + i]);
    const gradients = [1, -1].map((sign) => {
      shifted.set(position);
      for (let c = 0; c < chains; c++) shifted[c * d + i] += sign * step[c];
      return potential.logDensityAndGradient(shifted, chains).gradient.slice();
    });
    for (let c = 0; c < chains; c++) {
      for (let j = 0; j < d; j++) {
        // column i of −∇²log π
        precision[c * d * d + j * d + i] = -(gradients[0][c * d + j] - gradients[1][c * d + j]) / (2 * step[c]);
      }
    }
  }
  const covariance = new Float64Array(chains * d * d);
  const positive = new Uint8Array(chains);
  for (let c = 0; c < chains; c++) {
    const block = precision.subarray(c * d * d, (c + 1) * d * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) block[i * d + j] = block[j * d + i] = 0.5 * (block[i * d + j] + block[j * d + i]);
    }
    positive[c] = invertPositive(block, covariance.subarray(c * d * d, (c + 1) * d * d), d) ? 1 : 0;
  }
  return { covariance, positive, evaluations: 2 * d };
}

/** out = a⁻¹ for a symmetric positive definite d × d matrix (Cholesky); false (out untouched) if a is not. */
function invertPositive(a: Float64Array, out: Float64Array, d: number): boolean {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return false;
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  }
  // columns of a⁻¹: solve L Lᵀ x = e_k
  const x = new Float64Array(d);
  for (let k = 0; k < d; k++) {
    for (let i = 0; i < d; i++) {
      let s = i === k ? 1 : 0;
      for (let j = 0; j < i; j++) s -= l[i * d + j] * x[j];
      x[i] = s / l[i * d + i];
    }
    for (let i = d - 1; i >= 0; i--) {
      let s = x[i];
      for (let j = i + 1; j < d; j++) s -= l[j * d + i] * x[j];
      x[i] = s / l[i * d + i];
    }
    for (let i = 0; i < d; i++) out[i * d + k] = x[i];
  }
  return true;
}
