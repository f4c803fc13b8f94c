/**
 * After a run: the summary table (R-hat and ESS cells flagged), warnings,
 * the ground-truth extras (mode fractions, basin occupancy), per-chain
 * facts, downloads and the plots; compare mode puts the samplers side by
 * side under one comparison table.
 */
import type { ComparisonRow, ParameterSummary } from '../../src/browser.js';
import { downloadLinks } from './downloads.js';
import { columnSeries, histogram, parameterPlots, pooledSeries, scatter, type ChainSeries } from './plots.js';
import type { FitData } from './protocol.js';

/** R-hat above this is flagged (the threshold the summary's own warning uses). */
const RHAT_LIMIT = 1.01;
/** Bulk or tail ESS below this per chain is flagged, as posterior does (100 per chain in total 400 for 4 chains). */
const ESS_PER_CHAIN = 100;
/** Chains drawn in trace plots. */
const PLOT_CHAINS = 8;

export interface FinishedRun {
  sampler: string;
  fit: FitData;
  row: ComparisonRow;
}

const format = (x: number | null | undefined, digits = 3): string =>
  x === null || x === undefined || !Number.isFinite(x) ? 'NA' : Number(x.toPrecision(digits)).toString();
/** R-hat with 4 significant digits kept (1.010, not 1.01), as it is compared with 1.01. */
const formatRhat = (x: number | null): string => (x === null || !Number.isFinite(x) ? 'NA' : x.toPrecision(4));

function cell(row: HTMLTableRowElement, stat: string, text: string, className = ''): void {
  const td = row.insertCell();
  td.dataset.stat = stat;
  td.textContent = text;
  if (className) td.className = className;
}

export function summaryTable(parameters: ParameterSummary[], chains: number): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'summary';
  table.createTHead().innerHTML =
    '<tr><th>parameter</th><th>mean</th><th>MCSE</th><th>sd</th><th>5%</th><th>50%</th><th>95%</th><th>ESS bulk</th><th>ESS tail</th><th>R-hat</th></tr>';
  const body = table.createTBody();
  const essFloor = ESS_PER_CHAIN * Math.min(chains, 4);
  for (const p of parameters) {
    const row = body.insertRow();
    row.dataset.param = p.name;
    cell(row, 'name', p.name);
    cell(row, 'mean', format(p.mean));
    cell(row, 'mcse_mean', format(p.mcse_mean));
    cell(row, 'sd', format(p.sd));
    cell(row, 'q5', format(p.q5));
    cell(row, 'q50', format(p.q50));
    cell(row, 'q95', format(p.q95));
    const ess = (x: number | null): string => (x === null ? 'NA' : Math.round(x).toString());
    cell(row, 'ess_bulk', ess(p.ess_bulk), p.ess_bulk !== null && p.ess_bulk < essFloor ? 'warn' : '');
    cell(row, 'ess_tail', ess(p.ess_tail), p.ess_tail !== null && p.ess_tail < essFloor ? 'warn' : '');
    cell(row, 'rhat', formatRhat(p.rhat), p.rhat !== null && p.rhat > RHAT_LIMIT ? 'bad' : '');
  }
  return table;
}

function list(items: string[], className: string): HTMLUListElement {
  const ul = document.createElement('ul');
  ul.className = className;
  for (const text of items) {
    const li = document.createElement('li');
    li.textContent = text;
    ul.append(li);
  }
  return ul;
}

/** Mode fractions, basin occupancy, acceptance and timing, one line each. */
function facts(fit: FitData): string[] {
  const s = fit.summary;
  const out: string[] = [];
  if (s.modes)
    out.push(
      `mode fractions: ${s.modes.map((m) => `near (${m.center.join(', ')}): ${m.fraction.toFixed(3)}`).join('; ')}`,
    );
  if (s.basins) {
    const label = (center: Record<string, number>): string =>
      Object.entries(center)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
    const occupancy = s.basins.occupancy.map((o) => `${label(o.center)}: ${o.fraction.toFixed(3)}`).join('; ');
    out.push(`basin occupancy: ${occupancy}; transitions per chain: ${s.basins.transitions_per_chain.join(', ')}`);
  }
  const acceptance = s.chain_info.slice(0, 8).map((c) => c.acceptance_rate.toFixed(2));
  const steps = s.chain_info.slice(0, 8).map((c) => format(c.step_size));
  out.push(
    `acceptance ${acceptance.join(', ')}${s.chain_info.length > 8 ? ', …' : ''}; step size ${steps.join(', ')}${s.chain_info.length > 8 ? ', …' : ''}`,
  );
  out.push(
    `${s.sampler} on ${s.backend}: compile ${(s.timing.compile_seconds * 1000).toFixed(0)} ms, warm-up ${(s.timing.warmup_seconds * 1000).toFixed(0)} ms, sampling ${(s.timing.sampling_seconds * 1000).toFixed(0)} ms` +
      (fit.interrupted ? ' (stopped: the summary covers the draws so far)' : ''),
  );
  return out;
}

/** The fit's series for one output column: per chain, or pooled particles for annealed runs. */
function seriesOf(fit: FitData, column: number, maxChains = PLOT_CHAINS): ChainSeries {
  const width = fit.outputNames.length;
  if (fit.draws === 1) return pooledSeries(fit.outputs, fit.chains, width, column);
  return columnSeries(fit.outputs, fit.chains, fit.draws, width, column, maxChains);
}

/** Centres of mode fractions as scatter marks. */
function modeMarks(fit: FitData): Array<{ x: number; y: number; label: string }> {
  return (fit.summary.modes ?? []).map((m, i) => ({ x: m.center[0]!, y: m.center[1] ?? 0, label: `mode ${i + 1}` }));
}

export function plotsFor(fit: FitData, names: string[]): HTMLElement[] {
  const plots: HTMLElement[] = [];
  // Basin centres of a one-coordinate basin spec mark the trace of that coordinate.
  const basins = fit.summary.basins?.occupancy ?? [];
  for (const name of names) {
    const column = fit.outputNames.indexOf(name);
    if (column < 0 || fit.draws === 0) continue;
    const references = basins.map((o) => o.center[name]).filter((x): x is number => x !== undefined);
    plots.push(
      fit.draws === 1
        ? histogram(name, seriesOf(fit, column))
        : parameterPlots(name, seriesOf(fit, column), 'draw', references),
    );
  }
  if (names.length >= 2 && fit.draws > 0) {
    const [a, b] = [fit.outputNames.indexOf(names[0]!), fit.outputNames.indexOf(names[1]!)];
    if (a >= 0 && b >= 0)
      plots.push(scatter(names[0]!, names[1]!, seriesOf(fit, a, 64), seriesOf(fit, b, 64), modeMarks(fit)));
  }
  return plots;
}

export interface ResultElements {
  section: HTMLElement;
  downloads: HTMLElement;
  warnings: HTMLElement;
  extras: HTMLElement;
  summary: HTMLElement;
  plots: HTMLElement;
}

/** One run (sample mode). */
export function showSingle(el: ResultElements, run: FinishedRun, names: string[]): void {
  const { fit } = run;
  el.downloads.replaceChildren(...downloadLinks(fit));
  el.warnings.replaceChildren(...list(fit.summary.warnings, 'warnings').children);
  el.extras.replaceChildren(list(facts(fit), 'facts'));
  el.summary.replaceChildren(summaryTable(fit.summary.parameters, fit.chains));
  el.plots.replaceChildren(...plotsFor(fit, names));
  el.section.hidden = false;
}

/** Several runs (compare mode): the comparison table, then one column per sampler. */
export function showComparison(el: ResultElements, runs: FinishedRun[], names: string[]): void {
  el.downloads.replaceChildren(...runs.flatMap((r) => downloadLinks(r.fit, `${r.sampler}-`)));
  el.warnings.replaceChildren(
    ...runs.flatMap((r) =>
      r.fit.summary.warnings.map((w) =>
        Object.assign(document.createElement('li'), { textContent: `${r.sampler}: ${w}` }),
      ),
    ),
  );
  el.extras.replaceChildren(comparisonTable(runs));
  const grid = document.createElement('div');
  grid.className = 'compare-grid';
  grid.style.gridTemplateColumns = `repeat(${runs.length}, minmax(0, 1fr))`;
  for (const r of runs) {
    const column = document.createElement('div');
    column.dataset.sampler = r.sampler;
    const title = document.createElement('h3');
    title.textContent = r.sampler;
    column.append(title, list(facts(r.fit), 'facts'), summaryTable(r.fit.summary.parameters, r.fit.chains));
    grid.append(column);
  }
  el.summary.replaceChildren(grid);
  const plotGrid = grid.cloneNode(false) as HTMLElement;
  for (const r of runs) {
    const column = document.createElement('div');
    column.dataset.sampler = r.sampler;
    const title = document.createElement('h3');
    title.textContent = r.sampler;
    const plots = document.createElement('div');
    plots.className = 'plots';
    const width = r.fit.outputNames.length;
    for (const name of names.slice(0, 4)) {
      const c = r.fit.outputNames.indexOf(name);
      if (c >= 0 && r.fit.draws > 0)
        plots.append(histogram(name, pooledSeries(r.fit.outputs, r.fit.chains * r.fit.draws, width, c)));
    }
    if (names.length >= 2 && r.fit.draws > 0) {
      const [a, b] = [r.fit.outputNames.indexOf(names[0]!), r.fit.outputNames.indexOf(names[1]!)];
      if (a >= 0 && b >= 0) {
        const rows = r.fit.chains * r.fit.draws;
        plots.append(
          scatter(
            names[0]!,
            names[1]!,
            pooledSeries(r.fit.outputs, rows, width, a),
            pooledSeries(r.fit.outputs, rows, width, b),
            modeMarks(r.fit),
            280,
          ),
        );
      }
    }
    column.append(title, plots);
    plotGrid.append(column);
  }
  el.plots.replaceChildren(plotGrid);
  el.section.hidden = false;
}

function comparisonTable(runs: FinishedRun[]): HTMLTableElement {
  const table = document.createElement('table');
  table.className = 'summary compare';
  table.createTHead().innerHTML = `<tr><th>sampler</th><th>seconds</th><th>gradients</th><th>min ESS bulk</th><th>ESS bulk / s</th><th>ESS bulk / 1000 grad</th><th>max R-hat</th><th>acceptance</th><th>max |Δmean| / MCSE vs ${runs[0]!.sampler}</th></tr>`;
  const body = table.createTBody();
  for (const { sampler, row: r } of runs) {
    const tr = body.insertRow();
    tr.dataset.sampler = sampler;
    cell(tr, 'sampler', sampler);
    cell(tr, 'seconds', format(r.seconds));
    cell(tr, 'gradients', String(r.gradient_evaluations));
    cell(tr, 'min_ess_bulk', format(r.min_ess_bulk));
    cell(tr, 'ess_bulk_per_second', format(r.ess_bulk_per_second));
    cell(tr, 'ess_bulk_per_1000_gradients', format(r.ess_bulk_per_1000_gradients));
    cell(tr, 'rhat', formatRhat(r.max_rhat), r.max_rhat !== null && r.max_rhat > RHAT_LIMIT ? 'bad' : '');
    cell(tr, 'acceptance', format(r.acceptance_rate));
    cell(
      tr,
      'mean_difference',
      r.max_mean_difference_in_mcse === null
        ? '—'
        : `${format(r.max_mean_difference_in_mcse)} (${r.max_mean_difference_parameter})`,
    );
  }
  return table;
}
