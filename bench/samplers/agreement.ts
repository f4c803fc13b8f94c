/**
 * Agreement of a run with a reference posterior, as issue 16 defines it:
 * every mean within 4 combined MCSE, √(mcse² + mcse_ref²), and every sd
 * within 4 combined MCSE plus 5% of the reference sd.
 */
import type { ParameterSummary } from '../../src/io/summary-json.js';
import type { ReferenceParameter } from './fixtures.js';

export interface Agreement {
  agrees: boolean;
  /** The worst parameter (largest error over tolerance) and that ratio; ≤ 1 agrees. */
  worst: string;
  worstRatio: number;
}

export function agreement(summary: ParameterSummary[], reference: ReferenceParameter[]): Agreement {
  const byName = new Map(summary.map((p) => [p.name, p]));
  let worst = '';
  let worstRatio = 0;
  const consider = (name: string, ratio: number): void => {
    if (!(ratio <= worstRatio)) {
      worst = name;
      worstRatio = ratio;
    }
  };
  for (const ref of reference) {
    const row = byName.get(ref.name);
    if (!row || row.mean === null || row.mcse_mean === null) {
      consider(`${ref.name} (missing)`, Infinity);
      continue;
    }
    const meanTolerance = 4 * Math.hypot(row.mcse_mean, ref.mcse_mean);
    consider(`${ref.name} mean`, Math.abs(row.mean - ref.mean) / meanTolerance);
    if (ref.sd !== undefined && ref.mcse_sd !== undefined) {
      if (row.sd === null || row.mcse_sd === null) {
        consider(`${ref.name} sd (missing)`, Infinity);
        continue;
      }
      const sdTolerance = 4 * Math.hypot(row.mcse_sd, ref.mcse_sd) + 0.05 * ref.sd;
      consider(`${ref.name} sd`, Math.abs(row.sd - ref.sd) / sdTolerance);
    }
  }
  return { agrees: worstRatio <= 1, worst, worstRatio };
}

/** Minimum bulk ESS over the reference's parameters (null if any is missing). */
export function minBulkEss(summary: ParameterSummary[], reference: ReferenceParameter[]): number | null {
  const byName = new Map(summary.map((p) => [p.name, p]));
  let least = Infinity;
  for (const ref of reference) {
    const ess = byName.get(ref.name)?.ess_bulk;
    if (ess === null || ess === undefined) return null;
    least = Math.min(least, ess);
  }
  return least;
}
