/**
 * The comparison report, DIR/report.html of `compare --out DIR` (and of
 * `report DIR` on such a directory): the comparison table, each sampler's
 * warnings, bars of bulk ESS per 1000 gradients (min and median, warm-up
 * gradients included and excluded) and of where the gradients went, and per
 * parameter every sampler's density overlaid with the reference's mean and
 * 90% interval. One self-contained page, inline SVG, no scripts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonRow } from '../inference/compare.js';
import type { ParameterSummary, SummaryJson } from '../io/summary-json.js';
import { formatRhat, rhatTooHigh } from '../diagnostics/warnings.js';
import { LangevinError } from '../errors.js';
import { readRun, type RunData } from './read-run.js';
import { htmlPage } from './html.js';
import { formatValue } from './table.js';
import { kernelDensities } from './plots/chain-series.js';
import {
  essBarsSpec,
  gradientBarsSpec,
  overlaySpec,
  samplerColourScale,
  type ReferenceMark,
} from './plots/compare-specs.js';
import { renderSvg } from './plots/vega-svg.js';
import { escapeXml as esc } from './plots/svg.js';
import { fileError } from './parse-csv.js';

/** What `compare --out DIR` wrote, read back. */
export interface ComparisonData {
  dir: string;
  rows: ComparisonRow[];
  /** The runs with draws to plot, in the order of `rows`. */
  runs: Array<{ sampler: string; run: RunData }>;
  /** 'reference' (a --reference file), the reference sampler's name, or 'none'. */
  referenceName: string;
  /** The --reference summary (DIR/reference.json), when one was given. */
  reference?: SummaryJson;
}

export interface CompareReportOptions {
  dirLabel?: string;
  /** Overlay these parameters (names, or a container's base name) instead of the first maxParameters. */
  plotParams?: string[];
  /** Overlay at most this many parameters. Default 12. */
  maxParameters?: number;
}

/** The file `compare --out DIR` writes the reference summary to, so `report DIR` can draw it again. */
export const REFERENCE_FILE = 'reference.json';

/** Read DIR/comparison.json, each DIR/SAMPLER run with draws, and DIR/reference.json if present. */
export function readComparison(dir: string): ComparisonData {
  const file = join(dir, 'comparison.json');
  let rows: ComparisonRow[];
  try {
    rows = JSON.parse(readFileSync(file, 'utf8')) as ComparisonRow[];
  } catch (error) {
    throw fileError(file, `not a comparison written by \`compare --out\` (${(error as Error).message})`);
  }
  if (!Array.isArray(rows) || rows.some((r) => typeof r?.sampler !== 'string'))
    throw fileError(file, 'not a comparison written by `compare --out` (expected an array of sampler rows)');
  const present = new Set(readdirSync(dir));
  const runs = rows
    .filter((r) => present.has(r.sampler) && existsSync(join(dir, r.sampler, 'summary.json')))
    .map((r) => ({ sampler: r.sampler, run: readRun(join(dir, r.sampler)) }))
    .filter((r) => r.run.chains.some((c) => c.draws > 0));
  const referenceFile = join(dir, REFERENCE_FILE);
  let reference: SummaryJson | undefined;
  if (existsSync(referenceFile)) {
    try {
      reference = JSON.parse(readFileSync(referenceFile, 'utf8')) as SummaryJson;
    } catch (error) {
      throw fileError(referenceFile, `invalid JSON (${(error as Error).message})`);
    }
  }
  // The same choice as compareSamplers: a given summary, else nuts, else mala.
  const referenceName = reference
    ? 'reference'
    : (['nuts', 'mala'].find((s) => rows.some((r) => r.sampler === s)) ?? 'none');
  return { dir, rows, runs, referenceName, reference };
}

/** The page of a comparison: table, warnings, ESS bars, overlaid densities. */
export async function renderCompareReport(data: ComparisonData, options: CompareReportOptions = {}): Promise<string> {
  const samplers = data.rows.map((r) => r.sampler);
  const model = data.runs[0]?.run.summary.model;
  const title = `${model ?? 'model'}: ${samplers.join(', ')} compared`;
  const sections = [
    `<h1>${esc(title)}</h1>`,
    `<p class="muted">langevin comparison report of <code>${esc(options.dirLabel ?? data.dir)}</code>; each sampler's own report: ${data.runs
      .map((r) => `<a href="${esc(r.sampler)}/report.html">${esc(r.sampler)}</a>`)
      .join(', ')}</p>`,
    `<h2>Comparison</h2>\n${comparisonTable(data)}`,
    `<h2>Warnings</h2>\n${warningsList(data.rows)}`,
    await barsSection(data.rows, samplers),
    await overlaySection(data, samplers, options),
  ];
  return htmlPage(title, sections);
}

function comparisonTable(data: ComparisonData): string {
  const header = [
    'sampler',
    'exact',
    'seconds',
    'grad evals (warm-up)',
    'min ESS bulk',
    'median ESS bulk',
    'min bulk/1k grads',
    'min bulk/1k sampling',
    'median bulk/1k grads',
    'max R-hat',
    'accept',
    `max |Δmean|/MCSE vs ${data.referenceName}`,
    'agrees',
  ];
  const colours = samplerColourScale(data.rows.map((r) => r.sampler));
  const rows = data.rows.map((r, i) => [
    `<span class="swatch" style="background:${colours.range[i]}"></span>${esc(r.sampler)}`,
    r.exactness === 'adjusted' ? 'yes' : r.exactness === 'unadjusted' ? 'biased' : esc(r.exactness),
    r.seconds.toFixed(2),
    `${r.gradient_evaluations} (${r.warmup_gradient_evaluations})`,
    formatValue(r.min_ess_bulk),
    formatValue(r.median_ess_bulk),
    formatValue(r.ess_bulk_per_1000_gradients),
    formatValue(r.ess_bulk_per_1000_sampling_gradients),
    formatValue(r.median_ess_bulk_per_1000_gradients),
    r.max_rhat === null
      ? 'NA'
      : rhatTooHigh(r.max_rhat)
        ? `<span class="bad">${formatRhat(r.max_rhat)}</span>`
        : formatRhat(r.max_rhat),
    r.acceptance_rate.toFixed(3),
    r.max_mean_difference_in_mcse === null
      ? 'NA'
      : r.sampler === data.referenceName
        ? '—'
        : esc(`${formatValue(r.max_mean_difference_in_mcse)} (${r.max_mean_difference_parameter})`),
    r.agrees === null ? 'NA' : r.agrees ? 'yes' : '<span class="bad">NO</span>',
  ]);
  return (
    `<table><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') +
    '</tbody></table>\n<p class="muted">agrees: means within 4 MCSE and sds within 4 MCSE + 5% of the reference, R-hat ≤ 1.01.</p>'
  );
}

function warningsList(rows: ComparisonRow[]): string {
  const items = rows.flatMap((r) => r.warnings.map((w) => `<li class="warn">${esc(r.sampler)}: ${esc(w)}</li>`));
  return items.length === 0 ? '<p>none</p>' : `<ul>${items.join('')}</ul>`;
}

async function barsSection(rows: ComparisonRow[], samplers: string[]): Promise<string> {
  const ess: Array<Record<string, string | number>> = [];
  for (const r of rows) {
    const add = (statistic: string, counting: string, value: number | null): void => {
      if (value !== null && Number.isFinite(value)) ess.push({ sampler: r.sampler, statistic, counting, value });
    };
    add('min', 'warm-up included', r.ess_bulk_per_1000_gradients);
    add('min', 'warm-up excluded', r.ess_bulk_per_1000_sampling_gradients);
    add('median', 'warm-up included', r.median_ess_bulk_per_1000_gradients);
    add('median', 'warm-up excluded', r.median_ess_bulk_per_1000_sampling_gradients);
  }
  const gradients = rows.flatMap((r) => [
    { sampler: r.sampler, phase: 'warm-up', gradients: r.warmup_gradient_evaluations, order: 0 },
    {
      sampler: r.sampler,
      phase: 'sampling',
      gradients: r.gradient_evaluations - r.warmup_gradient_evaluations,
      order: 1,
    },
  ]);
  const figures = [
    ess.length > 0 ? await figure('ess-bars', 'all', essBarsSpec(ess, samplers)) : '',
    rows.some((r) => r.gradient_evaluations > 0)
      ? await figure('gradient-bars', 'all', gradientBarsSpec(gradients, samplers))
      : '',
  ];
  if (figures.every((f) => f === '')) return '';
  return [
    '<section id="efficiency"><h2>Efficiency per gradient</h2>',
    '<p class="muted">Gradient evaluations are the cost every sampler shares. The min is the worst-sampled parameter, the median the typical one; "warm-up included" divides by every gradient the run spent, "warm-up excluded" by the sampling phase only.</p>',
    `<div class="plots">${figures.join('')}</div></section>`,
  ].join('\n');
}

async function overlaySection(
  data: ComparisonData,
  samplers: string[],
  options: CompareReportOptions,
): Promise<string> {
  const first = data.runs[0];
  if (!first) return '';
  const names = overlaidNames(first.run.names, options);
  const plotted = data.runs.map((r) => r.sampler);
  const figures: string[] = [];
  for (const name of names) {
    const series: Float64Array[] = [];
    const labels: string[] = [];
    for (const { sampler, run } of data.runs) {
      const j = run.names.indexOf(name);
      if (j < 0) continue;
      series.push(pooled(run, j));
      labels.push(sampler);
    }
    const rows = kernelDensities(series).map((r) => ({ sampler: labels[r.chain]!, x: r.x, density: r.density }));
    if (rows.length === 0) continue;
    figures.push(await figure('overlay', name, overlaySpec(name, rows, samplers, referenceMark(data, name))));
  }
  if (figures.length === 0) return '';
  const note =
    first.run.names.length > names.length
      ? `<p class="muted">Densities of ${names.length} of ${first.run.names.length} columns (choose them with <code>report DIR --plot-params</code>).</p>`
      : '';
  const missing = samplers.filter((s) => !plotted.includes(s));
  return [
    '<section id="overlays"><h2>Densities, every sampler overlaid</h2>',
    `<p class="muted">Each sampler's draws pooled over its chains, as a Gaussian kernel density (one bandwidth for all, Silverman's rule on the pooled draws). Samplers that agree draw one curve.${missing.length > 0 ? ` No draws to plot: ${esc(missing.join(', '))}.` : ''}</p>`,
    note,
    `<div class="plots">${figures.join('')}</div></section>`,
  ].join('\n');
}

function overlaidNames(names: string[], options: CompareReportOptions): string[] {
  if (!options.plotParams) return names.slice(0, options.maxParameters ?? 12);
  const out: string[] = [];
  for (const wanted of options.plotParams) {
    const matches = names.filter((n) => n === wanted || n.startsWith(`${wanted}[`));
    if (matches.length === 0)
      throw new LangevinError(
        `--plot-params: '${wanted}' is not a column of these runs (${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''})`,
      );
    for (const m of matches) if (!out.includes(m)) out.push(m);
  }
  return out;
}

/** The reference's mean and 90% interval of one parameter: the --reference summary, else the reference sampler's. */
function referenceMark(data: ComparisonData, name: string): ReferenceMark | undefined {
  const summary = data.reference ?? data.runs.find((r) => r.sampler === data.referenceName)?.run.summary;
  const p: ParameterSummary | undefined = summary?.parameters.find((q) => q.name === name);
  if (!p || p.mean === null) return undefined;
  return {
    label: data.referenceName,
    mean: p.mean,
    ...(p.q5 !== null && p.q95 !== null ? { q5: p.q5, q95: p.q95 } : {}),
  };
}

function pooled(run: RunData, column: number): Float64Array {
  return Float64Array.from(run.chains.flatMap((c) => Array.from(c.values[column]!)));
}

async function figure(kind: string, param: string, spec: Parameters<typeof renderSvg>[0]): Promise<string> {
  const svg = await renderSvg(spec);
  return `<figure class="vplot" data-plot="${kind}" data-param="${esc(param)}">${svg}</figure>`;
}
