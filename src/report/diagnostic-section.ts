/**
 * The report's diagnostic plots (Vega-Lite, rendered to inline SVG):
 * per parameter a rank histogram, autocorrelation, KDE density and ESS /
 * MCSE evolution; then a forest plot and pairs with divergent draws marked.
 * Each plot is a <figure data-plot=KIND data-param=NAME> the browser test
 * finds. Particles (annealed) have no chains: density, forest and pairs only.
 */
import type { RunData } from './read-run.js';
import { autocorrelations, evolution, kernelDensities, rankCounts } from './plots/chain-series.js';
import {
  autocorrelationSpec,
  densitySpec,
  evolutionSpec,
  forestSpec,
  pairsSpec,
  rankSpec,
} from './plots/diagnostic-specs.js';
import { renderSvg } from './plots/vega-svg.js';
import { escapeXml } from './plots/svg.js';

const RANK_BINS = 20;
const MAX_LAG = 40;
const MAX_PAIRS = 4;
const MAX_PAIR_POINTS = 1000;

export interface DiagnosticPlotOptions {
  /** Column indices (into run.names) in the forest plot (and the first few in pairs). */
  columns: number[];
  /** Columns with their own rank, autocorrelation, density and evolution plots. */
  detailed: number[];
}

/** The HTML of the diagnostic plots section (empty when nothing to plot). */
export async function diagnosticSection(run: RunData, options: DiagnosticPlotOptions): Promise<string> {
  const { columns, detailed } = options;
  if (columns.length === 0) return '';
  const chainIds = run.chains.map((c) => c.id);
  const isChains = run.kind === 'chains';
  const figures: string[] = [];
  for (const j of detailed) {
    const name = run.names[j]!;
    const series = run.chains.map((c) => c.values[j]!);
    const row: string[] = [];
    if (isChains) {
      const total = series.reduce((n, s) => n + s.length, 0);
      row.push(
        await figure(
          'rank',
          name,
          rankSpec(name, rankCounts(series, RANK_BINS), chainIds, RANK_BINS, total / (series.length * RANK_BINS)),
        ),
      );
      row.push(
        await figure('autocorrelation', name, autocorrelationSpec(name, autocorrelations(series, MAX_LAG), chainIds)),
      );
    }
    row.push(await figure('density', name, densitySpec(name, kernelDensities(series), chainIds)));
    if (isChains) row.push(await figure('evolution', name, evolutionSpec(name, evolution(series))));
    figures.push(`<h3>${escapeXml(name)}</h3>\n<div class="plots">${row.join('')}</div>`);
  }
  const forest = await forestFigure(run, columns);
  const pairs = await pairsFigure(run, columns.slice(0, MAX_PAIRS));
  return [
    '<section><h2>Diagnostic plots</h2>',
    '<p class="muted">Rank histograms should be flat and alike across chains (the visual check of rank-normalised R-hat); autocorrelation should fall to 0 quickly; ESS should grow in proportion to the draws and MCSE shrink as 1/√n.</p>',
    `<div class="plots">${forest}${pairs}</div>`,
    detailed.length < columns.length
      ? `<p class="muted">Per-parameter plots for ${detailed.length} of the ${columns.length} plotted columns (choose them with <code>--plot-params</code>).</p>`
      : '',
    ...figures,
    '</section>',
  ].join('\n');
}

async function figure(kind: string, param: string, spec: Parameters<typeof renderSvg>[0]): Promise<string> {
  const svg = await renderSvg(spec);
  return `<figure class="vplot" data-plot="${kind}" data-param="${escapeXml(param)}">${svg}</figure>`;
}

async function forestFigure(run: RunData, columns: number[]): Promise<string> {
  const rows = columns
    .map((j) => {
      const pooled = Float64Array.from(run.chains.flatMap((c) => Array.from(c.values[j]!)))
        .filter(Number.isFinite)
        .sort();
      const q = (p: number) => pooled[Math.min(pooled.length - 1, Math.max(0, Math.round(p * (pooled.length - 1))))]!;
      return { name: run.names[j]!, q5: q(0.05), q25: q(0.25), q50: q(0.5), q75: q(0.75), q95: q(0.95) };
    })
    .filter((r) => Number.isFinite(r.q50));
  if (rows.length === 0) return '';
  return figure('forest', 'all', forestSpec(rows));
}

async function pairsFigure(run: RunData, columns: number[]): Promise<string> {
  if (columns.length < 2) return '';
  const total = run.chains.reduce((n, c) => n + c.draws, 0);
  const stride = Math.max(1, Math.ceil(total / MAX_PAIR_POINTS));
  const rows: Array<Record<string, number | boolean>> = [];
  let k = 0;
  for (const c of run.chains) {
    for (let i = 0; i < c.draws; i++, k++) {
      const divergent = c.divergent?.[i] === 1;
      // Keep every divergent draw, thin the rest.
      if (!divergent && k % stride !== 0) continue;
      const row: Record<string, number | boolean> = { divergent };
      for (const j of columns) row[run.names[j]!] = c.values[j]![i]!;
      rows.push(row);
    }
  }
  return figure(
    'pairs',
    'all',
    pairsSpec(
      columns.map((j) => run.names[j]!),
      rows,
    ),
  );
}
