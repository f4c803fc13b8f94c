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
  for (let c = 0; c < chains; c++) {
    const eta = stepSize[c];
    const noiseScale = Math.sqrt((2 * eta) / inverseTemperature);
    const row = c * dim;
    const metricRow = perChain ? row : 0;
    for (let i = 0; i < dim; i++) {
      const m = invMetric[metricRow + i];
      // m === 1 (the unit metric) gives the same result without the square root
      const root = m === 1 ? 1 : Math.sqrt(m);
      out[row + i] = position[row + i] + eta * m * gradient[row + i] + noiseScale * root * noise[row + i];
    }
  }
}

/** Whether invMetric is per chain (chains × dim) rather than shared (dim). */
export function metricLayout(invMetric: Float64Array, chains: number, dim: number): boolean {
  if (invMetric.length === dim) return false;
  if (invMetric.length === chains * dim) return true;
  throw new InternalError(
    `invMetric has length ${invMetric.length}; expected dim (${dim}) or chains × dim (${chains * dim})`,
  );
}
