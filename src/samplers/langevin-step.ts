/**
 * The Euler–Maruyama Langevin step, written once for every sampler
 * (lmc, lmc-beta, mala and the annealed sampler):
 *
 *     x' = x + η M ∇log π(x) + √(2η/β) M^{1/2} ξ
 *
 * with η the step size (the seed's convention; TFP and NCSN write ε = 2η),
 * M the diagonal inverse metric (variances), β the inverse temperature and
 * ξ standard normal noise.
 */
import { InternalError } from '../errors.js';

/**
 * out = position + η M gradient + √(2η/β) M^{1/2} noise, batched.
 *
 * @param position chains × dim
 * @param gradient chains × dim, ∇log π at position
 * @param stepSize η per chain (length ≥ chains)
 * @param invMetric diagonal M: dim (shared by every chain) or chains × dim (per chain)
 * @param noise chains × dim standard normals
 * @param out chains × dim, may not alias position unless you mean to overwrite it
 * @param inverseTemperature β (1 for sampling π itself)
 */
export function langevinProposal(
  position: Float64Array,
  gradient: Float64Array,
  stepSize: Float64Array,
  invMetric: Float64Array,
  noise: Float64Array,
  out: Float64Array,
  chains: number,
  dim: number,
  inverseTemperature = 1,
): void {
  const perChain = metricLayout(invMetric, chains, dim);
  const unit = !perChain && isUnitMetric(invMetric, dim);
  if (unit && chains > 0 && sharesStepSize(stepSize, chains)) {
    // one flat loop over chains × dim: the same arithmetic as the per-row loop below
    const eta = stepSize[0];
    const noiseScale = Math.sqrt((2 * eta) / inverseTemperature);
    for (let k = 0, n = chains * dim; k < n; k++) out[k] = position[k] + eta * gradient[k] + noiseScale * noise[k];
    return;
  }
  // chains usually share η: the square root is taken once per distinct value
  let lastEta = NaN;
  let noiseScale = NaN;
  for (let c = 0; c < chains; c++) {
    const eta = stepSize[c];
    if (eta !== lastEta) {
      noiseScale = Math.sqrt((2 * eta) / inverseTemperature);
      lastEta = eta;
    }
    const row = c * dim;
    const end = row + dim;
    if (unit) {
      // m = 1 exactly: η·1·g and s·1·ξ are η·g and s·ξ to the bit
      for (let k = row; k < end; k++) out[k] = position[k] + eta * gradient[k] + noiseScale * noise[k];
      continue;
    }
    const metricShift = perChain ? 0 : -row;
    for (let k = row; k < end; k++) {
      const m = invMetric[k + metricShift];
      // m === 1 (the unit metric) gives the same result without the square root
      const root = m === 1 ? 1 : Math.sqrt(m);
      out[k] = position[k] + eta * m * gradient[k] + noiseScale * root * noise[k];
    }
  }
}

/** Whether every chain has the same η (bitwise: NaN never matches). */
function sharesStepSize(stepSize: Float64Array, chains: number): boolean {
  const eta = stepSize[0];
  for (let c = 1; c < chains; c++) if (stepSize[c] !== eta) return false;
  return eta === eta && eta !== 0;
}

/** Whether a shared metric (length dim) is exactly the unit metric. */
export function isUnitMetric(invMetric: Float64Array, dim: number): boolean {
  for (let i = 0; i < dim; i++) if (invMetric[i] !== 1) return false;
  return true;
}

/** Whether invMetric is per chain (chains × dim) rather than shared (dim). */
export function metricLayout(invMetric: Float64Array, chains: number, dim: number): boolean {
  if (invMetric.length === dim) return false;
  if (invMetric.length === chains * dim) return true;
  throw new InternalError(
    `invMetric has length ${invMetric.length}; expected dim (${dim}) or chains × dim (${chains * dim})`,
  );
}
