import { isDegenerate, type ChainMatrix } from './draws.js';
import { essGeyer, essMean } from './ess.js';
import { mean, meanOf, variance } from './moments.js';
import { splitChains } from './split.js';

/** Monte Carlo standard error of the mean: sd(x)/√ESS(split x), as posterior's `mcse_mean`. */
export function mcseMean(x: ChainMatrix, work?: Float64Array): number | null {
  const ess = essMean(x, work);
  if (ess === null) return null;
  return Math.sqrt(variance(x.values)) / Math.sqrt(ess);
}

/**
 * Monte Carlo standard error of the sd, posterior 1.4.0's `mcse_sd`: with
 * c = x − mean(x) and E = mean(c²), Var(E) ≈ (mean(c⁴) − E²)/ESS(split c²)
 * and by the delta method MCSE(sd) = √(Var(E)/(4E)). `work`, if given
 * (chains × draws long), holds the split squares instead of new arrays.
 */
export function mcseSd(x: ChainMatrix, work?: Float64Array): number | null {
  if (isDegenerate(x.values)) return null;
  const center = mean(x.values);
  const square = (v: number) => (v - center) * (v - center);
  const ess = essGeyer(splitChains(x, square, work));
  if (ess === null) return null;
  const E = meanOf(x.values, square);
  const fourth = meanOf(x.values, (v) => {
    const s = square(v);
    return s * s;
  });
  const varvar = (fourth - E * E) / ess;
  return Math.sqrt(varvar / E / 4);
}
