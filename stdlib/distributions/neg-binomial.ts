/**
 * neg_binomial(n | alpha, beta): Stan's shape/inverse-scale
 * parameterisation, the Poisson–gamma mixture with mean alpha/beta and
 * variance alpha/beta²·(beta + 1).
 */
import type { DistributionEntry } from '../types.js';
import { negBinomialCoefficient } from './discrete.js';
import { positive, univariate } from './univariate.js';
import { extraReferenceCases } from './reference-cases-extra.js';
import { gammaVariate, poissonVariate } from './samplers.js';

export const negBinomial: DistributionEntry = univariate({
  name: 'neg_binomial',
  discrete: true,
  support: 'int>=0',
  params: [positive('alpha'), positive('beta')],
  // binomial coefficient + alpha·log(beta/(1 + beta)) − n·log1p(beta)
  density: (b, n, [alpha, beta]) =>
    b.plus(
      negBinomialCoefficient(b, n, alpha!),
      b.mul(alpha!, b.sub(b.log(beta!), b.log1p(beta!))),
      b.neg(b.mul(n, b.log1p(beta!))),
    ),
  sample: (rng, [alpha, beta]) => poissonVariate(rng, gammaVariate(rng, alpha!, beta!)),
  cases: extraReferenceCases.neg_binomial ?? [],
  doc: 'Negative binomial with shape alpha > 0 and inverse scale beta > 0 (mean alpha/beta).',
});
