import { InternalError } from '../errors.js';
import type { ChainMatrix } from './draws.js';
import { essGeyer, essTail } from './ess.js';
import { mcseMean, mcseSd } from './mcse.js';
import { mean, variance } from './moments.js';
import { quantileSorted } from './quantiles.js';
import { rankNormalize, sortedCopy } from './rank.js';
import { basicRhat, rhatFrom } from './rhat.js';
import { splitChains } from './split.js';

/** One row of the summary JSON's `parameters` (the numbers of posterior::summarise_draws). */
export interface DrawSummary {
  mean: number | null;
  sd: number | null;
  mcse_mean: number | null;
  mcse_sd: number | null;
  q5: number | null;
  q50: number | null;
  q95: number | null;
  ess_bulk: number | null;
  ess_tail: number | null;
  rhat: number | null;
}

export interface ParameterDrawSummary extends DrawSummary {
  name: string;
}

const EMPTY: DrawSummary = {
  mean: null,
  sd: null,
  mcse_mean: null,
  mcse_sd: null,
  q5: null,
  q50: null,
  q95: null,
  ess_bulk: null,
  ess_tail: null,
  rhat: null,
};

/**
 * Summarise the draws of one scalar, `values` holding `chains` rows of
 * `draws` values. Diagnostics posterior reports as NA are null: everything
 * when a draw is NaN or ±∞; R-hat, ESS and MCSE when all draws are equal;
 * ESS (and MCSE) with fewer than 3 draws per split chain. R-hat is +∞ when
 * each chain is constant but the chains differ (JSON.stringify writes null).
 */
export function summarizeDraws(values: Float64Array, chains: number, draws: number, work?: SummaryWork): DrawSummary {
  if (!Number.isInteger(chains) || !Number.isInteger(draws) || chains < 1 || draws < 1)
    throw new InternalError(`summarizeDraws: need at least one chain and one draw, got ${chains} × ${draws}`);
  if (values.length !== chains * draws)
    throw new InternalError(`summarizeDraws: ${values.length} values for ${chains} chains × ${draws} draws`);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return { ...EMPTY };
  // the same numbers as the public functions (mcseMean, essBulk, rhat, …) compute one by one, with
  // one sort of the draws shared by the quantiles, the tail ESS, the median and (even n) the bulk
  // ranks, the bulk normal scores shared by ESS and R-hat, and two reused buffers instead of
  // about twenty fresh arrays of chains × draws
  const w = work ?? summaryWork(values.length);
  const x: ChainMatrix = { values, chains, draws };
  const sorted = sortedCopy(values, w.sorted);
  const q5 = quantileSorted(sorted, 0.05);
  const q50 = quantileSorted(sorted, 0.5);
  const q95 = quantileSorted(sorted, 0.95);
  const sd = values.length > 1 ? Math.sqrt(variance(values)) : null;
  const mcse_mean = mcseMean(x, w.split);
  const mcse_sd = mcseSd(x, w.split);
  const ess_tail = essTail(x, sorted, w.split);
  // splitting keeps every draw when n is even (or 1): the split draws then sort as the draws;
  // the normal scores overwrite the split draws in place
  const split = splitChains(x, undefined, w.split);
  const splitSorted = draws % 2 === 0 || draws === 1 ? sorted : sortedCopy(split.values, w.sorted);
  const bulk = rankNormalize(split, splitSorted, split.values === values ? undefined : split.values);
  const ess_bulk = essGeyer(bulk);
  const bulkRhat = basicRhat(bulk);
  return {
    mean: mean(values),
    sd,
    mcse_mean,
    mcse_sd,
    q5,
    q50,
    q95,
    ess_bulk,
    ess_tail,
    rhat: rhatFrom(x, bulkRhat, q50, [w.split, w.sorted]),
  };
}

/** Reusable buffers for summarizeDraws (each at least chains × draws long). */
export interface SummaryWork {
  sorted: Float64Array;
  split: Float64Array;
}

export function summaryWork(size: number): SummaryWork {
  return { sorted: new Float64Array(size), split: new Float64Array(size) };
}

/**
 * Summarise every output column: `outputs` is chains × draws × P row-major
 * (as the samplers return it) and `names` the P column names, used verbatim.
 */
export function summarize(
  outputs: Float64Array,
  chains: number,
  draws: number,
  names: readonly string[],
): ParameterDrawSummary[] {
  const P = names.length;
  if (outputs.length !== chains * draws * P)
    throw new InternalError(`summarize: ${outputs.length} values for ${chains} × ${draws} × ${P}`);
  const column = new Float64Array(chains * draws);
  const work = summaryWork(chains * draws);
  return names.map((name, p) => {
    for (let i = 0; i < chains * draws; i++) column[i] = outputs[i * P + p]!;
    return { name, ...summarizeDraws(column, chains, draws, work) };
  });
}
