import { isDegenerate, mapDraws, type ChainMatrix } from './draws.js';
import { essMean } from './ess.js';
import { mean, variance } from './moments.js';

/** Monte Carlo standard error of the mean: sd(x)/√ESS(split x), as posterior's `mcse_mean`. */
export function mcseMean(x: ChainMatrix): number | null {
  const ess = essMean(x);
  if (ess === null) return null;
  return Math.sqrt(variance(x.values)) / Math.sqrt(ess);
}

/**
 * Monte Carlo standard error of the sd, posterior 1.4.0's `mcse_sd`: with
 * c = x − mean(x) and E = mean(c²), Var(E) ≈ (mean(c⁴) − E²)/ESS(split c²)
 * and by the delta method MCSE(sd) = √(Var(E)/(4E)).
 */
export function mcseSd(x: ChainMatrix): number | null {
  if (isDegenerate(x.values)) return null;
  const center = mean(x.values);
  const squares = mapDraws(x, (v) => (v - center) * (v - center));
  const ess = essMean(squares);
  if (ess === null) return null;
  const E = mean(squares.values);
  const fourth = mean(mapDraws(squares, (s) => s * s).values);
  const varvar = (fourth - E * E) / ess;
  return Math.sqrt(varvar / E / 4);
}
