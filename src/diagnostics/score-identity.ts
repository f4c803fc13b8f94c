/**
 * A bias check for unadjusted samplers from the score identity: for any
 * smooth density π on R^d that decays at infinity, integration by parts
 * gives E_π[(x_i − c) ∂_i log π(x)] = −1 for every coordinate i and any
 * constant c (c = the draws' mean keeps the estimator's variance small).
 * lmc's stationary law is not π; when its draws give a value far from −1
 * (beyond Monte Carlo error, by batch means) the discretisation bias is
 * visible. lmc-beta targets π^β, so the product carries the factor β.
 * This complements the Gaussian curvature heuristic of warnings.ts, which
 * uses the variance of the very draws the bias inflates.
 */
import type { Potential } from '../model/types.js';

export interface ScoreIdentityRow {
  name: string;
  /** Estimate of E[(x_i − mean) β ∂_i log π]: −1 for an exact sampler. */
  value: number;
  /** Its Monte Carlo standard error (batch means over each chain). */
  mcse: number;
}

/** Per-coordinate identity estimates from kept draws (chains × draws × dim, unconstrained). */
export function scoreIdentity(
  potential: Potential,
  draws: Float64Array,
  chains: number,
  perChain: number,
  beta = 1,
): ScoreIdentityRow[] {
  const dim = potential.dim;
  const n = chains * perChain;
  if (dim === 0 || perChain < 20) return [];
  const batch = Math.max(1, Math.floor(Math.sqrt(perChain)));
  const means = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    let mean = 0;
    for (let k = 0; k < n; k++) mean += draws[k * dim + i]!;
    means[i] = mean / n;
  }
  const batchMeans: number[][] = Array.from({ length: dim }, () => []);
  const totals = new Float64Array(dim);
  // the gradient in slabs of chains (about 2 MB each), not at all n draws at once: each chain's
  // sums are added in the same order, so the rows are unchanged
  const slab = Math.max(1, Math.floor((1 << 18) / (perChain * dim)));
  for (let c0 = 0; c0 < chains; c0 += slab) {
    const c1 = Math.min(chains, c0 + slab);
    const part = draws.subarray(c0 * perChain * dim, c1 * perChain * dim);
    const { gradient } = potential.logDensityAndGradient(part, (c1 - c0) * perChain);
    for (let i = 0; i < dim; i++) {
      const mean = means[i]!;
      for (let c = c0; c < c1; c++) {
        for (let b0 = 0; b0 + batch <= perChain; b0 += batch) {
          let s = 0;
          for (let t = b0; t < b0 + batch; t++) {
            const k = c * perChain + t;
            s += (draws[k * dim + i]! - mean) * beta * gradient[(k - c0 * perChain) * dim + i]!;
          }
          batchMeans[i]!.push(s / batch);
          totals[i] += s;
        }
      }
    }
  }
  const rows: ScoreIdentityRow[] = [];
  for (let i = 0; i < dim; i++) {
    const m = batchMeans[i]!.length;
    const value = totals[i]! / (m * batch);
    let v = 0;
    for (const b of batchMeans[i]!) v += (b - value) ** 2;
    const mcse = m > 1 ? Math.sqrt(v / (m - 1) / m) : Infinity;
    rows.push({ name: potential.unconstrainedNames[i] ?? `x[${i + 1}]`, value, mcse });
  }
  return rows;
}

/** Thresholds: a visible bias is both large (25%) and well beyond Monte Carlo error (4 MCSE). */
export const SCORE_IDENTITY_TOLERANCE = { relative: 0.25, mcse: 4 };

/** The unadjusted samplers the check runs for, each with its Metropolis-adjusted counterpart to suggest. */
export const UNADJUSTED_SAMPLERS: Readonly<Record<string, string>> = {
  lmc: 'mala',
  'lmc-beta': 'mala',
  uld: 'malt',
  mclmc: 'mams',
};

/** One warning naming the worst coordinate, or none. */
export function scoreIdentityWarnings(sampler: string, rows: ScoreIdentityRow[]): string[] {
  const biased = rows
    .filter(
      (r) =>
        Number.isFinite(r.value) &&
        Math.abs(r.value + 1) > SCORE_IDENTITY_TOLERANCE.relative &&
        Math.abs(r.value + 1) > SCORE_IDENTITY_TOLERANCE.mcse * r.mcse,
    )
    .sort((a, b) => Math.abs(b.value + 1) - Math.abs(a.value + 1));
  if (biased.length === 0) return [];
  const w = biased[0]!;
  const others = biased.length > 1 ? ` (and ${biased.length - 1} more coordinate${biased.length > 2 ? 's' : ''})` : '';
  return [
    `The ${sampler} draws fail the score identity E[(x − mean)·∂log π] = −1 for '${w.name}'${others}: ` +
      `got ${w.value.toPrecision(3)} ± ${w.mcse.toPrecision(2)}, so the unadjusted sampler is visibly biased; reduce the step size or use ${UNADJUSTED_SAMPLERS[sampler] ?? 'mala'}.`,
  ];
}
