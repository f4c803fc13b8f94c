/**
 * The HTML report of a run: one self-contained page (inline CSS and SVG,
 * no scripts, nothing fetched) with the configuration, warnings, the
 * posterior table, per-chain facts, metastability/mode summaries, and trace
 * plots and histograms per parameter (plus a scatter for 2-d runs).
 */
import type { ParameterSummary, SummaryJson } from '../io/summary-json.js';
import { formatValue, SUMMARY_HEADER, summaryRow } from './table.js';
import type { ChainDraws, RunData } from './read-run.js';
import { histogramPlot } from './plots/histogram.js';
import { scatterPlot, type MarkedPoint } from './plots/scatter.js';
import { chainColour, escapeXml } from './plots/svg.js';
import { tracePlot } from './plots/trace.js';
import { rhatTooHigh } from '../diagnostics/warnings.js';
import { LangevinError } from '../errors.js';
import { diagnosticSection } from './diagnostic-section.js';

export interface ReportOptions {
  /** Plot at most this many parameters (in column order). Default 20. */
  maxParameters?: number;
  /** Trace at most this many chains (all chains still enter the histograms' fill). Default 8. */
  maxChains?: number;
  /** How to name the run directory on the page (default: run.dir). */
  dirLabel?: string;
  /** Plot these parameters (Stan names, or a whole vector by its name) instead of the first maxParameters. */
  plotParams?: string[];
  /** The diagnostic plots' HTML (`renderReport` makes it; Vega renders asynchronously). */
  diagnostics?: string;
}

/**
 * The full report: the page of `renderReportHtml` plus the Vega-Lite
 * diagnostic plots (rank, autocorrelation, KDE, ESS/MCSE evolution, forest,
 * pairs with divergences), all inline SVG.
 */
export async function renderReport(run: RunData, options: ReportOptions = {}): Promise<string> {
  const columns = plottedColumns(run, options);
  // Four Vega plots per parameter: by default for the first few only (the forest plot shows all).
  const detailed = options.plotParams ? columns : columns.slice(0, DEFAULT_DETAILED);
  const diagnostics = await diagnosticSection(run, { columns, detailed });
  return renderReportHtml(run, { ...options, diagnostics });
}

/** Parameters with rank, autocorrelation, density and evolution plots unless --plot-params says otherwise. */
const DEFAULT_DETAILED = 6;

/** Which columns to plot: `plotParams` (each a name or a container's base name) or the first maxParameters. */
export function plottedColumns(run: RunData, options: ReportOptions): number[] {
  if (!options.plotParams) return run.names.slice(0, options.maxParameters ?? 20).map((_, j) => j);
  const columns: number[] = [];
  for (const wanted of options.plotParams) {
    const matches = run.names.flatMap((n, j) => (n === wanted || n.startsWith(`${wanted}[`) ? [j] : []));
    if (matches.length === 0) {
      throw new LangevinError(
        `--plot-params: '${wanted}' is not a column of this run (${run.names.slice(0, 8).join(', ')}${run.names.length > 8 ? ', …' : ''})`,
      );
    }
    for (const j of matches) if (!columns.includes(j)) columns.push(j);
  }
  return columns;
}

export function renderReportHtml(run: RunData, options: ReportOptions = {}): string {
  const maxParameters = options.maxParameters ?? 20;
  const maxChains = options.maxChains ?? 8;
  const s = run.summary;
  const title = `${s.model ?? 'run'}: ${s.sampler}`;
  const sections = [
    `<h1>${esc(title)}</h1>`,
    `<p class="muted">langevin report of <code>${esc(options.dirLabel ?? run.dir)}</code></p>`,
    section('Configuration', configurationTable(run)),
    section('Warnings', warningsList(s.warnings)),
    section('Posterior summary', summaryTable(s.parameters)),
    section(run.kind === 'chains' ? 'Chains' : 'Particles', chainTable(run)),
    extrasSection(s),
    plotsSection(run, options.plotParams ? plottedColumns(run, options) : firstColumns(run, maxParameters), maxChains),
    options.diagnostics ?? '',
    scatterSection(run, maxChains),
  ];
  return htmlPage(title, sections);
}

/** A self-contained page: the shared style, then the non-empty sections. */
export function htmlPage(title: string, sections: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head><body>',
    ...sections.filter((x) => x !== ''),
    '</body></html>',
    '',
  ].join('\n');
}

/** The page style, shared with the comparison report. */
export const REPORT_CSS = [
  'body{font-family:system-ui,sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222}',
  'h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}',
  'table{border-collapse:collapse;font-size:.9em}td,th{padding:.2em .6em;text-align:right;border-bottom:1px solid #eee}',
  'td:first-child,th:first-child{text-align:left}th{background:#f5f5f5}',
  '.bad{color:#b00;font-weight:bold}.muted{color:#777}.warn{color:#8a4b00}',
  '.bar{display:inline-block;height:.8em;background:#0072B2;vertical-align:middle}',
  '.plots{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start;margin-bottom:8px}',
  'figure.vplot{margin:0}h3{font-size:1em;margin:1em 0 .3em}',
  '.legend span{margin-right:1em}.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}',
  'code{background:#f5f5f5;padding:0 .2em}',
].join('');

const esc = escapeXml;

function section(heading: string, body: string): string {
  return body === '' ? '' : `<h2>${esc(heading)}</h2>\n${body}`;
}

function table(header: string[], rows: string[][], rawCells = false): string {
  const cell = (c: string): string => (rawCells ? c : esc(c));
  return (
    `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>'
  );
}

function configurationTable(run: RunData): string {
  const s = run.summary;
  const config = run.chains[0]?.config ?? {};
  const chainRows: Array<[string, string]> = [
    ['warm-up iterations per chain', String(s.warmup ?? '')],
    // summary.json's draws are the kept draws; the iterations are draws × thin.
    ['sampling iterations per chain', s.draws === undefined ? '' : String(s.draws * (s.thin ?? 1))],
    ['thin', String(s.thin ?? 1)],
    ['kept draws per chain', String(run.chains[0]?.draws ?? 0)],
  ];
  const particleRows: Array<[string, string]> = [
    ['annealing levels', s.annealing ? String(s.annealing.levels.length) : ''],
  ];
  const rows: Array<[string, string]> = [
    ['model', s.model ?? ''],
    ['model file', config['model file'] ?? ''],
    ['data file', config['data file'] ?? ''],
    ['sampler', s.sampler],
    ['backend', s.backend ?? ''],
    ['seed', String(s.seed ?? '')],
    run.kind === 'chains'
      ? ['chains', String(s.chains ?? run.chains.length)]
      : ['particles', String(run.chains[0]?.draws ?? 0)],
    ...(run.kind === 'chains' ? chainRows : particleRows),
  ];
  if (s.timing) {
    const t = (x: unknown): string => (typeof x === 'number' ? x.toFixed(2) : '?');
    rows.push([
      'time (s)',
      `compile ${t(s.timing.compile_seconds)}, warm-up ${t(s.timing.warmup_seconds)}, sampling ${t(s.timing.sampling_seconds)}`,
    ]);
  }
  if (s.interrupted) rows.push(['interrupted', 'yes: the draws so far were kept']);
  return table(
    ['setting', 'value'],
    rows.filter(([, v]) => v !== ''),
  );
}

function warningsList(warnings: string[]): string {
  if (warnings.length === 0) return '<p>none</p>';
  return `<ul>${warnings.map((w) => `<li class="warn">${esc(w)}</li>`).join('')}</ul>`;
}

function summaryTable(parameters: ParameterSummary[]): string {
  const rows = parameters.map((p) => {
    const cells = summaryRow(p);
    cells[0] = esc(p.name);
    if (p.rhat !== null && rhatTooHigh(p.rhat)) cells[9] = `<span class="bad">${cells[9]}</span>`;
    return cells;
  });
  return table(SUMMARY_HEADER, rows, true);
}

function chainTable(run: RunData): string {
  const info = run.summary.chain_info;
  if (run.kind === 'particles') {
    const n = run.chains[0]?.draws ?? 0;
    return `<p>${n} independent particles: no trace plots or per-chain facts (their order carries no meaning).</p>`;
  }
  const byId = new Map(info.map((c) => [c.chain, c]));
  const rows = run.chains.map((c) => {
    const i = byId.get(c.id);
    return [
      `<span class="swatch" style="background:${chainColour(run.chains.indexOf(c))}"></span>${c.id}`,
      String(c.draws),
      i ? i.acceptance_rate.toFixed(3) : '',
      i ? formatValue(i.step_size) : c.adaptation ? formatValue(c.adaptation.stepSize) : '',
      i ? String(i.divergences) : '',
      i ? String(i.gradient_evaluations) : '',
      i ? i.seconds.toFixed(2) : '',
      esc(metricText(c)),
    ];
  });
  return table(
    ['chain', 'draws', 'acceptance', 'step size', 'divergences', 'gradient evals', 'seconds', 'inverse metric (diag)'],
    rows,
    true,
  );
}

function metricText(c: ChainDraws): string {
  if (!c.adaptation) return 'identity (no adaptation)';
  const m = c.adaptation.invMetric;
  const shown = m
    .slice(0, 4)
    .map((v) => formatValue(v))
    .join(', ');
  return m.length > 4 ? `${shown}, … (${m.length})` : shown;
}

function bar(fraction: number): string {
  const w = Math.max(0, Math.min(1, fraction)) * 200;
  return `<span class="bar" style="width:${w.toFixed(1)}px"></span> ${fraction.toFixed(4)}`;
}

function extrasSection(s: SummaryJson): string {
  const parts: string[] = [];
  if (s.modes && s.modes.length > 0) {
    parts.push('<h3>Mode fractions (nearest centre)</h3>');
    parts.push(
      table(
        ['centre', 'fraction of draws'],
        s.modes.map((m) => [esc(`(${m.center.join(', ')})`), bar(m.fraction)]),
        true,
      ),
    );
  }
  if (s.basins) {
    parts.push(`<h3>Basin occupancy (radius ${esc(String(s.basins.radius))})</h3>`);
    const rows = s.basins.occupancy.map((b) => [
      esc(
        Object.entries(b.center)
          .map(([k, v]) => `${k}=${v}`)
          .join(', '),
      ),
      bar(b.fraction),
    ]);
    const outside = 1 - s.basins.occupancy.reduce((a, b) => a + b.fraction, 0);
    rows.push(['outside every basin', bar(Math.max(0, outside))]);
    parts.push(table(['basin', 'fraction of draws'], rows, true));
    parts.push(
      `<p>Transitions between basins per chain: <b>${esc(s.basins.transitions_per_chain.join(', '))}</b>. ` +
        'Few transitions in a long run is metastability: the chain stays near one local minimum ' +
        '(see docs/theory.md for the Eyring–Kramers time between transitions).</p>',
    );
  }
  if (s.lowest) {
    const at = Object.entries(s.lowest.position)
      .map(([k, v]) => `${k}=${v.toPrecision(6)}`)
      .join(', ');
    parts.push(`<p>Lowest potential f seen: <b>${esc(s.lowest.f.toPrecision(8))}</b> at ${esc(at)}</p>`);
  }
  if (s.annealing) {
    parts.push('<h3>Annealing levels</h3>');
    parts.push(
      table(
        ['level', 'sigma', 'step size', 'mean squared score norm'],
        s.annealing.levels.map((l, i) => [
          String(i + 1),
          l.sigma.toPrecision(4),
          l.step_size.toPrecision(4),
          l.mean_squared_score_norm.toPrecision(4),
        ]),
      ),
    );
  }
  if (s.energy_distance !== undefined)
    parts.push(
      `<p>Energy distance to the reference sample: ${esc(formatValue(s.energy_distance))} <span class="muted">(0 when the draws and the reference come from one distribution; an unbiased estimate, so it can be slightly negative)</span></p>`,
    );
  return parts.length === 0 ? '' : section('Modes, basins and annealing', parts.join('\n'));
}

function firstColumns(run: RunData, maxParameters: number): number[] {
  return run.names.slice(0, maxParameters).map((_, j) => j);
}

function plotsSection(run: RunData, columns: number[], maxChains: number): string {
  const count = columns.length;
  if (count === 0) return '';
  const traced = run.chains.slice(0, maxChains);
  const thin = run.summary.thin ?? 1;
  const drawLabel = thin > 1 ? `kept draw (every ${thin}th iteration)` : 'draw (after warm-up)';
  const parts: string[] = [];
  if (run.kind === 'chains') parts.push(legend(traced, run.chains.length));
  if (run.kind === 'chains' && run.summary.basins)
    parts.push('<p class="muted">Dashed red lines: the basin centres given with <code>--basins</code>.</p>');
  if (run.names.length > count)
    parts.push(
      `<p class="muted">Plots for ${count} of ${run.names.length} columns (choose them with <code>--plot-params</code>).</p>`,
    );
  for (const j of columns) {
    const name = run.names[j]!;
    const plots: string[] = [];
    const basinValues = (run.summary.basins?.occupancy ?? []).map((b) => b.center[name]).filter((v) => v !== undefined);
    if (run.kind === 'chains')
      plots.push(
        tracePlot(
          name,
          traced.map((c) => ({ chain: c.id, values: c.values[j]! })),
          basinValues,
          drawLabel,
        ),
      );
    const histogramSeries =
      run.kind === 'chains' && run.chains.length <= maxChains
        ? run.chains.map((c) => ({ chain: c.id, values: c.values[j]! }))
        : [{ chain: 0, values: pooled(run.chains, j) }];
    plots.push(histogramPlot(name, histogramSeries));
    parts.push(`<div class="plots">${plots.join('')}</div>`);
  }
  return section(run.kind === 'chains' ? 'Traces and histograms' : 'Histograms', parts.join('\n'));
}

function legend(chains: ChainDraws[], total: number): string {
  const items = chains.map(
    (c, i) => `<span><span class="swatch" style="background:${chainColour(i)}"></span>chain ${c.id}</span>`,
  );
  const more =
    total > chains.length ? `<span class="muted">(traces of the first ${chains.length} of ${total} chains)</span>` : '';
  return `<p class="legend">${items.join('')}${more}</p>`;
}

function pooled(chains: ChainDraws[], column: number): Float64Array {
  const out = new Float64Array(chains.reduce((a, c) => a + c.draws, 0));
  let at = 0;
  for (const c of chains) {
    out.set(c.values[column]!, at);
    at += c.draws;
  }
  return out;
}

/** 2-d runs: the draws (or particles) in the plane, with mode or basin centres marked. */
function scatterSection(run: RunData, maxChains: number): string {
  if (run.names.length !== 2) return '';
  const [xName, yName] = run.names as [string, string];
  const chains =
    run.chains.length <= maxChains
      ? run.chains
      : [{ ...run.chains[0]!, values: [pooled(run.chains, 0), pooled(run.chains, 1)] }];
  const series = chains.map((c) => ({ chain: c.id, x: c.values[0]!, y: c.values[1]! }));
  const marks: MarkedPoint[] = [];
  for (const m of run.summary.modes ?? []) {
    if (m.center.length === 2) marks.push({ x: m.center[0]!, y: m.center[1]!, label: `mode ${m.fraction.toFixed(3)}` });
  }
  for (const b of run.summary.basins?.occupancy ?? []) {
    const bx = b.center[xName];
    const by = b.center[yName];
    if (bx !== undefined && by !== undefined) marks.push({ x: bx, y: by, label: `basin ${b.fraction.toFixed(3)}` });
  }
  const what = run.kind === 'chains' ? 'draws' : 'particles';
  return section(`Scatter of the ${what}`, `<div class="plots">${scatterPlot(xName, yName, series, marks)}</div>`);
}
