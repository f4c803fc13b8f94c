/**
 * Plain-text tables: the stansummary-shaped posterior table and a generic
 * aligned table for `check` and `compare`.
 */
import type { ParameterSummary } from '../io/summary-json.js';
import { formatRhat } from '../diagnostics/warnings.js';

/** Align columns: the first left-aligned, the rest right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Significant-digit formatting as stansummary prints (NA for null). */
export function formatValue(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined) return 'NA';
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e6 || magnitude < 1e-4) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}

/** The stansummary columns, in order. */
export const SUMMARY_HEADER = ['', 'Mean', 'MCSE', 'StdDev', '5%', '50%', '95%', 'ESS_bulk', 'ESS_tail', 'R_hat'];

/** One parameter's cells under SUMMARY_HEADER (name first, NA for null). */
export function summaryRow(p: ParameterSummary): string[] {
  return [
    p.name,
    formatValue(p.mean),
    formatValue(p.mcse_mean),
    formatValue(p.sd),
    formatValue(p.q5),
    formatValue(p.q50),
    formatValue(p.q95),
    p.ess_bulk === null ? 'NA' : Math.round(p.ess_bulk).toString(),
    p.ess_tail === null ? 'NA' : Math.round(p.ess_tail).toString(),
    p.rhat === null ? 'NA' : formatRhat(p.rhat),
  ];
}

/** The posterior table: Mean, MCSE, StdDev, 5%, 50%, 95%, ESS_bulk, ESS_tail, R_hat. */
export function formatSummaryTable(parameters: ParameterSummary[]): string {
  return formatTable(SUMMARY_HEADER, parameters.map(summaryRow));
}
