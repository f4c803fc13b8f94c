/**
 * A small SVG scatter plot: panels side by side, each a set of 2-d points
 * in one colour, equal axis ranges, no dependencies. Points are rounded to
 * 0.1 px so files stay small.
 */
export interface Panel {
  title: string;
  /** n × 2 row-major. */
  points: Float64Array;
  color?: string;
  /** Small text under the panel (e.g. a metric). */
  note?: string;
}

export interface PlotOptions {
  /** [xmin, xmax, ymin, ymax] shared by every panel. */
  range: [number, number, number, number];
  size?: number;
  radius?: number;
  /** Markers drawn on every panel (e.g. mode centres). */
  markers?: Array<[number, number]>;
}

export function scatterSvg(panels: Panel[], options: PlotOptions): string {
  const size = options.size ?? 260;
  const pad = 24;
  const radius = options.radius ?? 1.3;
  const [x0, x1, y0, y1] = options.range;
  const width = panels.length * (size + pad) + pad;
  const height = size + 3 * pad + 8;
  const px = (x: number): number => ((x - x0) / (x1 - x0)) * size;
  const py = (y: number): number => size - ((y - y0) / (y1 - y0)) * size;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];
  panels.forEach((panel, k) => {
    const ox = pad + k * (size + pad);
    const oy = pad + 4;
    parts.push(`<text x="${ox + size / 2}" y="${oy - 8}" text-anchor="middle">${escape(panel.title)}</text>`);
    parts.push(`<g transform="translate(${ox},${oy})">`);
    parts.push(`<rect width="${size}" height="${size}" fill="none" stroke="#999"/>`);
    const color = panel.color ?? '#1f77b4';
    const dots: string[] = [];
    const n = panel.points.length / 2;
    for (let i = 0; i < n; i++) {
      const x = panel.points[2 * i]!;
      const y = panel.points[2 * i + 1]!;
      if (!(x >= x0 && x <= x1 && y >= y0 && y <= y1)) continue;
      dots.push(`M${px(x).toFixed(1)} ${py(y).toFixed(1)}h0`);
    }
    // One path of zero-length round-capped segments: a dot per point, a few bytes each.
    parts.push(
      `<path d="${dots.join('')}" stroke="${color}" stroke-width="${2 * radius}" stroke-linecap="round" opacity="0.6"/>`,
    );
    for (const [mx, my] of options.markers ?? []) {
      parts.push(
        `<path d="M${(px(mx) - 5).toFixed(1)} ${py(my).toFixed(1)}h10M${px(mx).toFixed(1)} ${(py(my) - 5).toFixed(1)}v10" stroke="#d62728" stroke-width="1.5"/>`,
      );
    }
    parts.push('</g>');
    if (panel.note)
      parts.push(`<text x="${ox + size / 2}" y="${oy + size + 18}" text-anchor="middle">${escape(panel.note)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
