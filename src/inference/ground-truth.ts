/**
 * Ground-truth metrics of a fit, shared by the sampler runs
 * (sample-model.ts) and the annealed runs (annealed-run.ts): mode
 * fractions and basin occupancy, each only when its option is given.
 */
import { basinOccupancy } from '../diagnostics/basins.js';
import { modeFractions } from '../diagnostics/mode-fractions.js';
import type { SummaryJson } from '../io/summary-json.js';
import type { SampleModelOptions } from './types.js';

/** Mode fractions and basin occupancy, when asked for. */
export function addGroundTruth(
  summary: SummaryJson,
  outputs: Float64Array,
  chains: number,
  draws: number,
  names: readonly string[],
  options: SampleModelOptions,
): void {
  const P = names.length;
  if (options.modes && draws > 0) {
    summary.modes = modeFractions(outputs, chains * draws, P, options.modes);
  }
  if (options.basins && draws > 0) {
    summary.basins = basinOccupancy(outputs, chains, draws, names, options.basins, options.basinRadius ?? 0.5);
  }
}
