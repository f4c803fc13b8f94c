/**
 * Vega-Lite specs of the comparison report (`compare --out DIR`): every
 * sampler's density of one parameter overlaid, one colour per sampler, with
 * the reference's mean and 90% interval; and bars of ESS per 1000 gradients
 * and of the gradients spent in warm-up and in sampling.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BASE_CONFIG } from './vega-svg.js';
import { CHAIN_COLOURS } from './svg.js';

type Rows = Array<Record<string, number | string | null>>;

/** One colour per sampler, in the order given (the same on every plot of the page). */
export function samplerColourScale(samplers: string[]): { domain: string[]; range: string[] } {
  return { domain: samplers, range: samplers.map((_, i) => CHAIN_COLOURS[i % CHAIN_COLOURS.length]!) };
}

export interface ReferenceMark {
  label: string;
  mean: number;
  /** 5% and 95% quantiles, when the reference has them. */
  q5?: number;
  q95?: number;
}

/** Rows { sampler, x, density }: one KDE line per sampler; the reference as a rule and a band. */
export function overlaySpec(name: string, rows: Rows, samplers: string[], reference?: ReferenceMark): TopLevelSpec {
  const layers: unknown[] = [];
  if (reference?.q5 !== undefined && reference.q95 !== undefined) {
    layers.push({
      data: { values: [{ q5: reference.q5, q95: reference.q95 }] },
      mark: { type: 'rect', color: '#000', opacity: 0.08 },
      encoding: { x: { field: 'q5', type: 'quantitative' }, x2: { field: 'q95' } },
    });
  }
  layers.push({
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.8 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: name, scale: { zero: false } },
      y: { field: 'density', type: 'quantitative', title: 'density' },
      color: { field: 'sampler', type: 'nominal', title: 'sampler', scale: samplerColourScale(samplers) },
    },
  });
  if (reference) {
    layers.push({
      data: { values: [{ mean: reference.mean }] },
      mark: { type: 'rule', strokeDash: [4, 3], color: '#000', strokeWidth: 1.2 },
      encoding: { x: { field: 'mean', type: 'quantitative' } },
    });
  }
  return {
    ...BASE_CONFIG,
    title: {
      text: `${name}: density (KDE) per sampler`,
      ...(reference ? { subtitle: `dashed: ${reference.label} mean; grey: its 90% interval` } : {}),
    },
    width: 300,
    height: 150,
    layer: layers,
  } as TopLevelSpec;
}

/**
 * Rows { sampler, statistic: 'min' | 'median', counting, value }: bulk ESS
 * per 1000 gradients, one panel per statistic, one bar per counting
 * (warm-up included or excluded).
 */
export function essBarsSpec(rows: Rows, samplers: string[]): TopLevelSpec {
  return {
    ...BASE_CONFIG,
    title: 'Bulk ESS per 1000 gradient evaluations (higher is better)',
    data: { values: rows },
    facet: { column: { field: 'statistic', type: 'nominal', title: null, sort: ['min', 'median'] } },
    spec: {
      width: 260,
      height: { step: 14 },
      mark: { type: 'bar' },
      encoding: {
        y: { field: 'sampler', type: 'nominal', sort: samplers, title: null },
        yOffset: { field: 'counting', type: 'nominal', sort: ['warm-up included', 'warm-up excluded'] },
        x: { field: 'value', type: 'quantitative', title: 'ESS per 1000 gradients' },
        color: {
          field: 'counting',
          type: 'nominal',
          title: 'gradients counted',
          scale: { domain: ['warm-up included', 'warm-up excluded'], range: ['#0072B2', '#9ECAE1'] },
        },
      },
    },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}

/** Rows { sampler, phase: 'warm-up' | 'sampling', gradients }: stacked bars of where the gradients went. */
export function gradientBarsSpec(rows: Rows, samplers: string[]): TopLevelSpec {
  return {
    ...BASE_CONFIG,
    title: 'Gradient evaluations, warm-up and sampling (all chains)',
    width: 420,
    height: { step: 18 },
    data: { values: rows },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'sampler', type: 'nominal', sort: samplers, title: null },
      x: { field: 'gradients', type: 'quantitative', stack: 'zero', title: 'gradient evaluations' },
      color: {
        field: 'phase',
        type: 'nominal',
        title: 'phase',
        scale: { domain: ['warm-up', 'sampling'], range: ['#E69F00', '#0072B2'] },
      },
      order: { field: 'order', type: 'quantitative' },
    },
  } as TopLevelSpec;
}
