/**
 * Trace plot: each chain's draws against the iteration, one colour per
 * chain. Long chains are drawn from the minimum and maximum of each of a
 * few hundred buckets, so spikes and stuck stretches stay visible while the
 * file stays small.
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

export interface TraceSeries {
  /** Chain id, for the legend. */
  chain: number;
  values: Float64Array;
}

const BUCKETS = 250;

/** `references`: values to mark with dashed horizontal lines (e.g. basin centres). */
export function tracePlot(
  name: string,
  series: TraceSeries[],
  references: number[] = [],
  xLabel = 'draw',
  width = 520,
  height = 200,
): string {
  const f = frame(width, height);
  const draws = Math.max(1, ...series.map((s) => s.values.length));
  const [lo, hi] = pad(finiteExtent([...series.map((s) => s.values), references]));
  const x = linearScale(1, Math.max(2, draws), ...xRange(f));
  const y = linearScale(lo, hi, ...yRange(f));
  const body = [axes(f, { x, y, xTicks: niceTicks(1, draws), yTicks: niceTicks(lo, hi), xLabel, title: name })];
  const [x0, x1] = xRange(f);
  for (const r of references)
    body.push(
      `<line x1="${x0}" x2="${x1}" y1="${coord(y(r))}" y2="${coord(y(r))}" stroke="#d00" stroke-dasharray="4 3"/>`,
    );
  series.forEach((s, index) => {
    const points = bucketed(s.values)
      .map(([i, v]) => `${coord(x(i + 1))},${coord(y(v))}`)
      .join(' ');
    body.push(
      `<polyline fill="none" stroke="${chainColour(index)}" stroke-width="0.8" stroke-opacity="0.85" points="${points}"/>`,
    );
  });
  return svgElement(f, `trace of ${name}`, body.join(''));
}

/** [index, value] pairs: every finite draw, or per bucket its min and max in draw order. */
function bucketed(values: Float64Array): Array<[number, number]> {
  const n = values.length;
  const out: Array<[number, number]> = [];
  if (n <= 2 * BUCKETS) {
    for (let i = 0; i < n; i++) if (Number.isFinite(values[i]!)) out.push([i, values[i]!]);
    return out;
  }
  for (let b = 0; b < BUCKETS; b++) {
    const from = Math.floor((b * n) / BUCKETS);
    const to = Math.floor(((b + 1) * n) / BUCKETS);
    let iMin = -1;
    let iMax = -1;
    for (let i = from; i < to; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (iMin < 0 || v < values[iMin]!) iMin = i;
      if (iMax < 0 || v > values[iMax]!) iMax = i;
    }
    if (iMin < 0) continue;
    const [first, second] = iMin <= iMax ? [iMin, iMax] : [iMax, iMin];
    out.push([first, values[first]!]);
    if (second !== first) out.push([second, values[second]!]);
  }
  return out;
}
