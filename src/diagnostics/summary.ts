import { InternalError } from '../errors.js';
import type { ChainMatrix } from './draws.js';
import { essBulk, essTail } from './ess.js';
import { mcseMean, mcseSd } from './mcse.js';
import { mean, variance } from './moments.js';
import { quantiles } from './quantiles.js';
import { rhat } from './rhat.js';

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
export function summarizeDraws(values: Float64Array, chains: number, draws: number): DrawSummary {
  if (!Number.isInteger(chains) || !Number.isInteger(draws) || chains < 1 || draws < 1)
    throw new InternalError(`summarizeDraws: need at least one chain and one draw, got ${chains} × ${draws}`);
  if (values.length !== chains * draws)
    throw new InternalError(`summarizeDraws: ${values.length} values for ${chains} chains × ${draws} draws`);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return { ...EMPTY };
  const x: ChainMatrix = { values, chains, draws };
  const [q5, q50, q95] = quantiles(values, [0.05, 0.5, 0.95]);
  const sd = values.length > 1 ? Math.sqrt(variance(values)) : null;
  return {
    mean: mean(values),
    sd,
    mcse_mean: mcseMean(x),
    mcse_sd: mcseSd(x),
    q5: q5!,
    q50: q50!,
    q95: q95!,
    ess_bulk: essBulk(x),
    ess_tail: essTail(x),
    rhat: rhat(x),
  };
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
  return names.map((name, p) => {
    for (let i = 0; i < chains * draws; i++) column[i] = outputs[i * P + p]!;
    return { name, ...summarizeDraws(column, chains, draws) };
  });
}
