/**
 * Vega-Lite specs rendered to static SVG in Node (no canvas, no browser,
 * no scripts in the page): the diagnostic plots of the report. Text is
 * measured by vega's own estimate, which is enough for axis labels.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHAIN_COLOURS } from './svg.js';

/** The chain colour scale every plot shares with the hand-drawn traces. */
export function chainColourScale(chainIds: number[]): { domain: string[]; range: string[] } {
  return { domain: chainIds.map(String), range: chainIds.map((_, i) => CHAIN_COLOURS[i % CHAIN_COLOURS.length]!) };
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Common look: small multiples, no actions, a font close to the page's. */
export const BASE_CONFIG = {
  config: {
    // No per-mark ARIA labels: they tripled the size of scatter-heavy pages.
    aria: false,
    font: 'system-ui, sans-serif',
    axis: { labelFontSize: 10, titleFontSize: 11 },
    legend: { labelFontSize: 10, titleFontSize: 11 },
    view: { stroke: '#ddd' },
  },
} as const;
