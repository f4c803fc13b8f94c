/**
 * Vega-Lite specs of the diagnostic plots, ArviZ / bayesplot style: rank
 * histograms, autocorrelation, KDE densities, ESS and MCSE evolution, a
 * forest plot and pairs with divergent draws marked. Data in, spec out.
 */
import type { TopLevelSpec } from 'vega-lite';
import { BASE_CONFIG, chainColourScale } from './vega-svg.js';

const W = 300;
const H = 150;

type Rows = Array<Record<string, number | string | boolean | null>>;

function chainColour(chainIds: number[]) {
  const scale = chainColourScale(chainIds);
  return { field: 'chainLabel', type: 'nominal', title: 'chain', scale } as const;
}

/** Label rows with chain ids as strings so the colour scale matches the traces. */
function withChainLabels(rows: Rows, chainIds: number[]): Rows {
  return rows.map((r) => ({ ...r, chainLabel: String(chainIds[r.chain as number]) }));
}

export function rankSpec(name: string, rows: Rows, chainIds: number[], bins: number, expected: number): TopLevelSpec {
  return {
    ...BASE_CONFIG,
    title: `${name}: rank histogram per chain`,
    width: W,
    height: H,
    layer: [
      {
        data: { values: withChainLabels(rows, chainIds) },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'bin', type: 'quantitative', title: `rank bin (of ${bins})`, scale: { domain: [0, bins] } },
          y: { field: 'count', type: 'quantitative', title: 'draws' },
          color: chainColour(chainIds),
        },
      },
      {
        data: { values: [{ expected }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#555' },
        encoding: { y: { field: 'expected', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

export function autocorrelationSpec(name: string, rows: Rows, chainIds: number[]): TopLevelSpec {
  return {
    ...BASE_CONFIG,
    title: `${name}: autocorrelation`,
    width: W,
    height: H,
    data: { values: withChainLabels(rows, chainIds) },
    mark: { type: 'line', point: { size: 12 }, strokeWidth: 1.2 },
    encoding: {
      x: { field: 'lag', type: 'quantitative', title: 'lag' },
      y: { field: 'acf', type: 'quantitative', title: 'autocorrelation', scale: { domain: [-0.2, 1] } },
      color: chainColour(chainIds),
    },
  } as TopLevelSpec;
}

export function densitySpec(name: string, rows: Rows, chainIds: number[]): TopLevelSpec {
  return {
    ...BASE_CONFIG,
    title: `${name}: density (KDE) per chain`,
    width: W,
    height: H,
    data: { values: withChainLabels(rows, chainIds) },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: name, scale: { zero: false } },
      y: { field: 'density', type: 'quantitative', title: 'density' },
      color: chainColour(chainIds),
    },
  } as TopLevelSpec;
}

export function evolutionSpec(name: string, rows: Rows): TopLevelSpec {
  const ess = rows
    .flatMap((r) => [
      { draws: r.draws, kind: 'bulk', ess: r.ess_bulk },
      { draws: r.draws, kind: 'tail', ess: r.ess_tail },
    ])
    .filter((r) => r.ess !== null);
  return {
    ...BASE_CONFIG,
    title: `${name}: ESS and MCSE as draws accumulate`,
    hconcat: [
      {
        width: W / 2 + 20,
        height: H,
        data: { values: ess },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'draws', type: 'quantitative', title: 'total draws' },
          y: { field: 'ess', type: 'quantitative', title: 'ESS' },
          color: { field: 'kind', type: 'nominal', title: 'ESS', scale: { range: ['#0072B2', '#D55E00'] } },
        },
      },
      {
        width: W / 2 + 20,
        height: H,
        data: { values: rows.filter((r) => r.mcse_mean !== null) },
        mark: { type: 'line', point: true, color: '#009E73' },
        encoding: {
          x: { field: 'draws', type: 'quantitative', title: 'total draws' },
          y: { field: 'mcse_mean', type: 'quantitative', title: 'MCSE of the mean' },
        },
      },
    ],
  } as TopLevelSpec;
}

/** One row per parameter: median, 50% and 90% intervals. */
export function forestSpec(rows: Rows): TopLevelSpec {
  return {
    ...BASE_CONFIG,
    title: 'Forest plot: median, 50% and 90% intervals',
    width: 420,
    height: { step: 18 },
    data: { values: rows },
    encoding: { y: { field: 'name', type: 'nominal', sort: null, title: null } },
    layer: [
      {
        mark: { type: 'rule', color: '#0072B2' },
        encoding: {
          x: { field: 'q5', type: 'quantitative', title: 'value', scale: { zero: false } },
          x2: { field: 'q95' },
        },
      },
      {
        mark: { type: 'rule', color: '#0072B2', strokeWidth: 4 },
        encoding: { x: { field: 'q25', type: 'quantitative' }, x2: { field: 'q75' } },
      },
      {
        mark: { type: 'point', filled: true, color: '#000', size: 30 },
        encoding: { x: { field: 'q50', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Pairs of the given fields, the lower triangle of the scatter matrix only
 * (each pair once, no x-against-x diagonal); divergent draws in red on top.
 */
export function pairsSpec(names: string[], rows: Rows): TopLevelSpec {
  // Stan names hold brackets and commas, which Vega-Lite reads as paths unless escaped.
  const fields = names.map((n) => n.replace(/([.[\]\\])/g, '\\$1'));
  const size = Math.min(260, Math.max(110, Math.floor(520 / Math.max(1, fields.length - 1))));
  const cell = (x: string, y: string, i: number, j: number) => ({
    width: size,
    height: size,
    mark: { type: 'circle', opacity: 0.5 },
    encoding: {
      x: {
        field: x,
        type: 'quantitative',
        scale: { zero: false },
        axis: { title: i === fields.length - 1 ? names[j] : null },
      },
      y: { field: y, type: 'quantitative', scale: { zero: false }, axis: { title: j === 0 ? names[i] : null } },
      color: {
        field: 'divergent',
        type: 'nominal',
        title: 'divergent',
        scale: { domain: [false, true], range: ['#777777', '#D00000'] },
      },
      size: { field: 'divergent', type: 'ordinal', scale: { domain: [false, true], range: [6, 30] }, legend: null },
      order: { field: 'divergent', type: 'nominal', sort: 'ascending' },
    },
  });
  const rowsOfCells = fields.slice(1).map((y, k) => {
    const i = k + 1;
    return { hconcat: fields.slice(0, i).map((x, j) => cell(x, y, i, j)) };
  });
  return {
    ...BASE_CONFIG,
    title: 'Pairs (divergent draws in red)',
    data: { values: rows },
    vconcat: rowsOfCells,
  } as TopLevelSpec;
}
