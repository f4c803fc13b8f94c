/**
 * Histogram of one parameter: the pooled draws as filled bars, and for
 * several chains each chain's histogram as an outline in its colour, all on
 * the density scale so chains of any length compare (chains that disagree
 * show up as outlines that do not overlap).
 */
import {
  axes,
  chainColour,
  coord,
  finiteExtent,
  frame,
  linearScale,
  niceTicks,
  pad,
  svgElement,
  xRange,
  yRange,
} from './svg.js';

export interface HistogramSeries {
  chain: number;
  values: Float64Array;
}

export function histogramPlot(name: string, series: HistogramSeries[], width = 320, height = 200): string {
  const f = frame(width, height);
  const [lo, hi] = pad(finiteExtent(series.map((s) => s.values)), 0.01);
  const total = series.reduce((a, s) => a + countFinite(s.values), 0);
  const bins = Math.max(5, Math.min(60, Math.ceil(Math.sqrt(total))));
  const widthOfBin = (hi - lo) / bins;
  const pooled = new Float64Array(bins);
  const perChain = series.map((s) => binCounts(s.values, lo, widthOfBin, bins));
  for (const counts of perChain) for (let b = 0; b < bins; b++) pooled[b] = pooled[b]! + counts[b]!;
  const density = (counts: Float64Array): number[] => {
    const n = counts.reduce((a, c) => a + c, 0);
    return Array.from(counts, (c) => (n > 0 ? c / (n * widthOfBin) : 0));
  };
  const pooledDensity = density(pooled);
  const chainDensities = series.length > 1 ? perChain.map(density) : [];
  const top = Math.max(...pooledDensity, ...chainDensities.flat(), 1e-300) * 1.05;

  const x = linearScale(lo, hi, ...xRange(f));
  const y = linearScale(0, top, ...yRange(f));
  const body = [
    axes(f, {
      x,
      y,
      xTicks: niceTicks(lo, hi, 4),
      yTicks: niceTicks(0, top, 4),
      xLabel: name,
      yLabel: 'density',
      title: name,
    }),
  ];
  const base = y(0);
  for (let b = 0; b < bins; b++) {
    const x0 = x(lo + b * widthOfBin);
    const x1 = x(lo + (b + 1) * widthOfBin);
    const h = base - y(pooledDensity[b]!);
    if (h > 0)
      body.push(
        `<rect x="${coord(x0)}" y="${coord(base - h)}" width="${coord(x1 - x0)}" height="${coord(h)}" fill="#bbb"/>`,
      );
  }
  chainDensities.forEach((d, index) => {
    const points: string[] = [`${coord(x(lo))},${coord(base)}`];
    for (let b = 0; b < bins; b++) {
      const py = coord(y(d[b]!));
      points.push(`${coord(x(lo + b * widthOfBin))},${py}`, `${coord(x(lo + (b + 1) * widthOfBin))},${py}`);
    }
    points.push(`${coord(x(hi))},${coord(base)}`);
    body.push(`<polyline fill="none" stroke="${chainColour(index)}" stroke-width="1" points="${points.join(' ')}"/>`);
  });
  return svgElement(f, `histogram of ${name}`, body.join(''));
}

function countFinite(values: Float64Array): number {
  let n = 0;
  for (const v of values) if (Number.isFinite(v)) n++;
  return n;
}

function binCounts(values: Float64Array, lo: number, width: number, bins: number): Float64Array {
  const counts = new Float64Array(bins);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
    counts[b] = counts[b]! + 1;
  }
  return counts;
}
