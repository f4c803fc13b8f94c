/**
 * Scatter of two parameters (the draws or annealed particles of a 2-d
 * run), one colour per chain, with optional marked points (mode or basin
 * centres). At most a few thousand points are drawn, evenly strided.
 */
import {
  axes,
  chainColour,
  coord,
  escapeXml,
  finiteExtent,
  frame,
  linearScale,
  niceTicks,
  pad,
  svgElement,
  xRange,
  yRange,
} from './svg.js';

export interface ScatterSeries {
  chain: number;
  x: Float64Array;
  y: Float64Array;
}

export interface MarkedPoint {
  x: number;
  y: number;
  label: string;
}

const MAX_POINTS = 4000;

export function scatterPlot(
  xName: string,
  yName: string,
  series: ScatterSeries[],
  marks: MarkedPoint[] = [],
  size = 420,
): string {
  const f = frame(size, size);
  const [xlo, xhi] = pad(finiteExtent([...series.map((s) => s.x), marks.map((m) => m.x)]));
  const [ylo, yhi] = pad(finiteExtent([...series.map((s) => s.y), marks.map((m) => m.y)]));
  const x = linearScale(xlo, xhi, ...xRange(f));
  const y = linearScale(ylo, yhi, ...yRange(f));
  const title = `${yName} against ${xName}`;
  const body = [
    axes(f, { x, y, xTicks: niceTicks(xlo, xhi), yTicks: niceTicks(ylo, yhi), xLabel: xName, yLabel: yName, title }),
  ];
  const total = series.reduce((a, s) => a + s.x.length, 0);
  const stride = Math.max(1, Math.ceil(total / MAX_POINTS));
  series.forEach((s, index) => {
    const dots: string[] = [];
    for (let i = 0; i < s.x.length; i += stride) {
      const px = s.x[i]!;
      const py = s.y[i]!;
      if (Number.isFinite(px) && Number.isFinite(py)) dots.push(`M${coord(x(px))} ${coord(y(py))}h0`);
    }
    // Zero-length path segments with round caps: one element per chain, not per point.
    body.push(
      `<path d="${dots.join('')}" stroke="${chainColour(index)}" stroke-width="3" stroke-linecap="round" stroke-opacity="0.45"/>`,
    );
  });
  for (const m of marks) {
    const px = x(m.x);
    const py = y(m.y);
    body.push(
      `<path d="M${coord(px - 6)} ${coord(py)}H${coord(px + 6)}M${coord(px)} ${coord(py - 6)}V${coord(py + 6)}" stroke="#d00" stroke-width="2"/>` +
        `<text x="${coord(px + 8)}" y="${coord(py - 6)}" fill="#d00" stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(m.label)}</text>`,
    );
  }
  return svgElement(f, title, body.join(''));
}
