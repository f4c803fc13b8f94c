/**
 * The plots, drawn by the HTML report's own SVG functions (src/report/plots:
 * plain strings, no DOM or Node needed), from per-chain series.
 */
import { histogramPlot } from '../../src/report/plots/histogram.js';
import { scatterPlot, type MarkedPoint } from '../../src/report/plots/scatter.js';
import { tracePlot } from '../../src/report/plots/trace.js';

/** series[chain]: one parameter's values in draw order. */
export type ChainSeries = Float64Array[];

/** A trace and a histogram side by side, for one parameter. */
export function parameterPlots(
  name: string,
  series: ChainSeries,
  xLabel = 'draw',
  references: number[] = [],
): HTMLElement {
  const pair = document.createElement('div');
  pair.className = 'plot-pair';
  pair.dataset.param = name;
  const withChain = series.map((values, c) => ({ chain: c + 1, values }));
  pair.innerHTML = tracePlot(name, withChain, references, xLabel, 370, 170) + histogramPlot(name, withChain, 240, 170);
  return pair;
}

/** Scatter of two parameters with optional marked points (mode centres). */
export function scatter(
  xName: string,
  yName: string,
  xs: ChainSeries,
  ys: ChainSeries,
  marks: MarkedPoint[] = [],
  size = 300,
): HTMLElement {
  const box = document.createElement('div');
  box.className = 'plot-pair';
  box.dataset.param = `${xName}:${yName}`;
  box.innerHTML = scatterPlot(
    xName,
    yName,
    xs.map((x, c) => ({ chain: c + 1, x, y: ys[c]! })),
    marks,
    size,
  );
  return box;
}

/** Histogram only (compare mode's side-by-side columns). */
export function histogram(name: string, series: ChainSeries, width = 260, height = 170): HTMLElement {
  const box = document.createElement('div');
  box.className = 'plot-pair';
  box.dataset.param = name;
  box.innerHTML = histogramPlot(
    name,
    series.map((values, c) => ({ chain: c + 1, values })),
    width,
    height,
  );
  return box;
}

/** One output column of a fit as per-chain series (chains × draws × width layout). */
export function columnSeries(
  outputs: Float64Array,
  chains: number,
  draws: number,
  width: number,
  column: number,
  maxChains = chains,
): ChainSeries {
  const series: ChainSeries = [];
  for (let c = 0; c < Math.min(chains, maxChains); c++) {
    const values = new Float64Array(draws);
    for (let d = 0; d < draws; d++) values[d] = outputs[(c * draws + d) * width + column]!;
    series.push(values);
  }
  return series;
}

/** All particles of an annealed run as one series (one draw per particle). */
export function pooledSeries(outputs: Float64Array, rows: number, width: number, column: number): ChainSeries {
  const values = new Float64Array(rows);
  for (let r = 0; r < rows; r++) values[r] = outputs[r * width + column]!;
  return [values];
}
