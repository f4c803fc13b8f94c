/**
 * The table of the model language's distributions: one entry per Stan
 * distribution name (without suffix). The checker reads `variate` and
 * `params` for signatures (`_lpdf`/`_lpmf`, `_lcdf`, `_lccdf`, `_rng`,
 * `~`), the lowering calls `logDensity`/`logCdf`/`logCcdf`, generated
 * quantities call `rng`.
 *
 * Out-of-support parameters (sigma <= 0, theta outside [0, 1], ...) and
 * out-of-support variates give a log density of -Infinity rather than
 * Stan's error, so a sampler rejects that step; data arguments are
 * validated by the caller before sampling.
 */
import type { DistributionEntry } from './types.js';
import { continuousDistributions } from './distributions/continuous.js';
import { discreteDistributions } from './distributions/discrete.js';
import { multivariateDistributions } from './distributions/multivariate.js';
import { glmDistributions } from './distributions/glm.js';
import { negBinomial } from './distributions/neg-binomial.js';
import { matrixVariateDistributions } from './distributions/matrix-variate.js';
import { gaussianDlmObs } from './distributions/dlm.js';

export const distributions: DistributionEntry[] = [
  ...continuousDistributions,
  ...discreteDistributions,
  ...multivariateDistributions,
  negBinomial,
  ...glmDistributions,
  ...matrixVariateDistributions,
  gaussianDlmObs,
];
