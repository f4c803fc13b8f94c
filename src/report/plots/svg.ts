/**
 * The few SVG pieces every plot shares: escaping, linear scales, "nice"
 * tick values, axes with labels, and the chain palette. Plots are plain
 * strings of inline SVG, so a report is one self-contained HTML file.
 */

/** Colour-blind-safe palette (Okabe–Ito), one colour per chain, cycling. */
export const CHAIN_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export const chainColour = (index: number): string => CHAIN_COLOURS[index % CHAIN_COLOURS.length]!;

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Plot area inside an SVG of width × height. */
export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function frame(width: number, height: number): Frame {
  return { width, height, left: 52, right: 22, top: 24, bottom: 34 };
}

export type Scale = (x: number) => number;

/** Map [d0, d1] linearly onto [r0, r1]; a zero-width domain maps to the middle. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  if (!(d1 > d0)) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

export const xRange = (f: Frame): [number, number] => [f.left, f.width - f.right];
export const yRange = (f: Frame): [number, number] => [f.height - f.bottom, f.top];

/** Smallest and largest finite value over the arrays ([0, 1] if none). */
export function finiteExtent(arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (lo > hi) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/** Widen [lo, hi] by a fraction on each side so marks do not touch the frame. */
export function pad([lo, hi]: [number, number], fraction = 0.04): [number, number] {
  const w = (hi - lo) * fraction;
  return [lo - w, hi + w];
}

/** About `count` round tick values (1, 2, 5 × 10^k steps) inside [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  // Multiply rather than accumulate, and round, so 0.6 is not 0.6000000000000001.
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++)
    ticks.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return ticks;
}

/** A tick label: short, without float noise (0.30000000000000004 → 0.3). */
export function formatTick(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(1).replace('e+', 'e');
  return String(Number(x.toPrecision(4)));
}

/** A coordinate with one decimal: enough on screen, small in the file. */
export const coord = (x: number): string => (Math.round(x * 10) / 10).toString();

export interface AxesSpec {
  x: Scale;
  y: Scale;
  xTicks: number[];
  yTicks: number[];
  xLabel: string;
  yLabel?: string;
  title: string;
}

/** Frame, grid lines, tick labels, axis labels and title. */
export function axes(f: Frame, spec: AxesSpec): string {
  const [x0, x1] = xRange(f);
  const [y0, y1] = yRange(f);
  const parts: string[] = [];
  parts.push(`<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="#fff" stroke="#999"/>`);
  for (const t of spec.xTicks) {
    const px = coord(spec.x(t));
    parts.push(`<line x1="${px}" y1="${y1}" x2="${px}" y2="${y0}" stroke="#eee"/>`);
    parts.push(`<text x="${px}" y="${y0 + 14}" text-anchor="middle">${escapeXml(formatTick(t))}</text>`);
  }
  for (const t of spec.yTicks) {
    const py = coord(spec.y(t));
    parts.push(`<line x1="${x0}" y1="${py}" x2="${x1}" y2="${py}" stroke="#eee"/>`);
    parts.push(
      `<text x="${x0 - 4}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeXml(formatTick(t))}</text>`,
    );
  }
  parts.push(`<text x="${(x0 + x1) / 2}" y="${f.height - 4}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`);
  if (spec.yLabel)
    parts.push(
      `<text x="12" y="${(y0 + y1) / 2}" text-anchor="middle" transform="rotate(-90 12 ${(y0 + y1) / 2})">${escapeXml(spec.yLabel)}</text>`,
    );
  parts.push(`<text x="${x0}" y="${f.top - 8}" font-weight="bold">${escapeXml(spec.title)}</text>`);
  return parts.join('');
}

/** Wrap a body in an <svg> element with an accessible title. */
export function svgElement(f: Frame, label: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" ` +
    `role="img" font-family="sans-serif" font-size="10"><title>${escapeXml(label)}</title>${body}</svg>`
  );
}
