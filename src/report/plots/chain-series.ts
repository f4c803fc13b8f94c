/**
 * Per-chain numeric series that the diagnostic plots draw: rank
 * histograms (rank-normalised R-hat's visual check), autocorrelation,
 * kernel density estimates, and ESS / MCSE as the draws accumulate.
 * Plain numbers in, plain rows out; the specs live with the plots.
 */
import { autocovariance } from '../../diagnostics/autocovariance.js';
import { essBulk, essTail } from '../../diagnostics/ess.js';
import { mcseMean } from '../../diagnostics/mcse.js';
import { averageRanks } from '../../diagnostics/rank.js';

/** Counts of pooled ranks per chain in `bins` equal bins (uniform when the chains mix). */
export function rankCounts(chains: Float64Array[], bins: number): Array<{ chain: number; bin: number; count: number }> {
  const total = chains.reduce((n, c) => n + c.length, 0);
  const pooled = new Float64Array(total);
  let at = 0;
  for (const c of chains) {
    pooled.set(c, at);
    at += c.length;
  }
  const ranks = averageRanks(pooled);
  const rows: Array<{ chain: number; bin: number; count: number }> = [];
  at = 0;
  chains.forEach((c, index) => {
    const counts = new Array<number>(bins).fill(0);
    for (let i = 0; i < c.length; i++) {
      const r = ranks[at + i]!; // 1 … total
      counts[Math.min(bins - 1, Math.floor(((r - 0.5) / total) * bins))]!++;
    }
    at += c.length;
    counts.forEach((count, bin) => rows.push({ chain: index, bin, count }));
  });
  return rows;
}

/** Autocorrelation of each chain at lags 0 … maxLag. */
export function autocorrelations(
  chains: Float64Array[],
  maxLag: number,
): Array<{ chain: number; lag: number; acf: number }> {
  const rows: Array<{ chain: number; lag: number; acf: number }> = [];
  chains.forEach((c, index) => {
    const acov = autocovariance(c);
    const a0 = acov[0]!;
    for (let lag = 0; lag <= Math.min(maxLag, c.length - 1); lag++) {
      rows.push({ chain: index, lag, acf: a0 > 0 ? acov[lag]! / a0 : lag === 0 ? 1 : 0 });
    }
  });
  return rows;
}

/**
 * Gaussian kernel density of each chain on a common grid, Silverman's
 * bandwidth 0.9·min(sd, IQR/1.34)·n^(−1/5) from the pooled draws.
 */
export function kernelDensities(
  chains: Float64Array[],
  points = 80,
): Array<{ chain: number; x: number; density: number }> {
  const pooled = Float64Array.from(chains.flatMap((c) => Array.from(c)))
    .filter(Number.isFinite)
    .sort();
  const n = pooled.length;
  if (n < 2) return [];
  const mean = pooled.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(pooled.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const iqr = quantileSorted(pooled, 0.75) - quantileSorted(pooled, 0.25);
  const spread = Math.min(sd, iqr > 0 ? iqr / 1.34 : sd);
  if (!(spread > 0)) return [];
  const h = 0.9 * spread * n ** -0.2;
  const lo = pooled[0]! - 2 * h;
  const hi = pooled[n - 1]! + 2 * h;
  const rows: Array<{ chain: number; x: number; density: number }> = [];
  chains.forEach((c, index) => {
    const finite = c.filter(Number.isFinite);
    for (let k = 0; k < points; k++) {
      const x = lo + ((hi - lo) * k) / (points - 1);
      let s = 0;
      for (let i = 0; i < finite.length; i++) s += Math.exp(-0.5 * ((x - finite[i]!) / h) ** 2);
      rows.push({ chain: index, x, density: s / (finite.length * h * Math.sqrt(2 * Math.PI)) });
    }
  });
  return rows;
}

function quantileSorted(sorted: Float64Array, p: number): number {
  const at = p * (sorted.length - 1);
  const i = Math.floor(at);
  const f = at - i;
  return i + 1 < sorted.length ? sorted[i]! * (1 - f) + sorted[i + 1]! * f : sorted[i]!;
}

/**
 * Bulk and tail ESS and the MCSE of the mean from the first n draws of
 * every chain, at `steps` increasing n (ArviZ's plot_ess(kind="evolution")):
 * ESS should grow linearly and MCSE fall as 1/√n.
 */
export function evolution(
  chains: Float64Array[],
  steps = 10,
): Array<{ draws: number; ess_bulk: number | null; ess_tail: number | null; mcse_mean: number | null }> {
  const perChain = Math.min(...chains.map((c) => c.length));
  const rows: Array<{ draws: number; ess_bulk: number | null; ess_tail: number | null; mcse_mean: number | null }> = [];
  for (let s = 1; s <= steps; s++) {
    const n = Math.floor((perChain * s) / steps);
    if (n < 4) continue;
    const values = new Float64Array(chains.length * n);
    chains.forEach((c, i) => values.set(c.subarray(0, n), i * n));
    const x = { values, chains: chains.length, draws: n };
    rows.push({ draws: n * chains.length, ess_bulk: essBulk(x), ess_tail: essTail(x), mcse_mean: mcseMean(x) });
  }
  return rows;
}
