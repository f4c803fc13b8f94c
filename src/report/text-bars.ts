/**
 * Text bars for the terminal (no Vega: the CLI loads this at start-up).
 */
import type { ComparisonRow } from '../inference/compare.js';
import { formatValue } from './table.js';

/**
 * The terminal's bar of `compare`: min bulk ESS per 1000 gradients per
 * sampler (warm-up included), scaled to the best, with the sampling-only
 * figure beside it. Empty when no sampler has the number.
 */
export function essTextBars(rows: ComparisonRow[], width = 30): string {
  const values = rows.map((r) => r.ess_bulk_per_1000_gradients);
  const best = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  if (!(best > 0)) return '';
  const nameWidth = Math.max(...rows.map((r) => r.sampler.length));
  const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const lines = rows.map((r, i) => {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) return `${r.sampler.padEnd(nameWidth)}  NA`;
    const units = Math.round((v / best) * width * 8);
    const bar = '█'.repeat(Math.floor(units / 8)) + eighths[units % 8]!;
    const sampling = formatValue(r.ess_bulk_per_1000_sampling_gradients);
    return `${r.sampler.padEnd(nameWidth)}  ${bar.padEnd(width)}  ${formatValue(v)} (${sampling} sampling only)`;
  });
  return ['min bulk ESS per 1000 gradients, warm-up included (sampling only in parentheses):', ...lines].join('\n');
}
