/** Diagnostics: convergence (R-hat, ESS, MCSE), ground-truth metrics, metastability, bounds, warnings. */
export { summarize, summarizeDraws, type DrawSummary, type ParameterDrawSummary } from './summary.js';
export { rhat, basicRhat } from './rhat.js';
export { essBulk, essTail, essMean, essQuantile, essGeyer } from './ess.js';
export { mcseMean, mcseSd } from './mcse.js';
export { quantiles, quantileSorted, median } from './quantiles.js';
export { rankNormalize, averageRanks } from './rank.js';
export { splitChains } from './split.js';
export { autocovariance } from './autocovariance.js';
export { normalQuantile } from './normal-quantile.js';
export type { ChainMatrix } from './draws.js';
export { energyDistance, gaussianEnergyDistance1d, type EnergyDistanceOptions } from './energy-distance.js';
export { modeFractions, parseModes, type ModeFraction } from './mode-fractions.js';
export { basinOccupancy, parseBasins, type BasinCenter, type BasinOccupancy } from './basins.js';
export { gaussianKl, gaussianFitKl, fitGaussian, type Gaussian } from './gaussian-kl.js';
export { ulaGaussianMoments, ulaStationaryVariance, ulaVarianceInflation } from './ula-gaussian.js';
export {
  vempalaWibisono,
  vempalaWibisonoBound,
  eyringKramers,
  doubleWellKramers,
  formatBound,
  type VempalaWibisonoInput,
  type VempalaWibisonoBound,
  type EyringKramersInput,
  type EyringKramersEstimate,
} from './bounds.js';
export {
  collectWarnings,
  ulaStepSizeRatios,
  WARNING_THRESHOLDS,
  type WarningInput,
  type ChainFacts,
  type UnconstrainedDraws,
  type UlaStepSizeRatio,
} from './warnings.js';
