/**
 * The stdlib table: every distribution and function of the model language.
 * Lookups by Stan name; a distribution name has no suffix (`normal`, not
 * `normal_lpdf`): `splitDistributionCall` maps a suffixed call to its entry.
 */
import type { DistributionEntry, FunctionEntry } from './types.js';
import { distributions } from './distributions.js';
import { functions } from './functions.js';

export { distributions } from './distributions.js';
export { functions, functionGroups } from './functions.js';
export type * from './types.js';

const distributionsByName = new Map(distributions.map((d) => [d.name, d]));
const functionsByName = new Map(functions.map((f) => [f.name, f]));

export function findDistribution(name: string): DistributionEntry | undefined {
  return distributionsByName.get(name);
}

export function findFunction(name: string): FunctionEntry | undefined {
  return functionsByName.get(name);
}

export type DistributionSuffix = 'lpdf' | 'lpmf' | 'lcdf' | 'lccdf' | 'rng' | 'lupdf' | 'lupmf';

/**
 * `normal_lpdf` → { entry: normal, suffix: 'lpdf' }. Undefined when the name
 * has no known suffix or no such distribution; `_lpdf` on a discrete
 * distribution (or `_lpmf` on a continuous one) is undefined too, as in Stan.
 */
export function splitDistributionCall(
  name: string,
): { entry: DistributionEntry; suffix: DistributionSuffix } | undefined {
  const m = /^(.*)_(lpdf|lpmf|lcdf|lccdf|rng|lupdf|lupmf)$/.exec(name);
  if (!m) return undefined;
  const entry = distributionsByName.get(m[1]!);
  if (!entry) return undefined;
  const suffix = m[2] as DistributionSuffix;
  if ((suffix === 'lpdf' || suffix === 'lupdf') && entry.discrete) return undefined;
  if ((suffix === 'lpmf' || suffix === 'lupmf') && !entry.discrete) return undefined;
  if (suffix === 'lcdf' && !entry.logCdf) return undefined;
  if (suffix === 'lccdf' && !entry.logCcdf) return undefined;
  if (suffix === 'rng' && !entry.rng) return undefined;
  return { entry, suffix };
}

/** Every name a user may call, for "did you mean" suggestions. */
export function allCallableNames(): string[] {
  const names = functions.map((f) => f.name);
  for (const d of distributions) {
    names.push(`${d.name}_${d.discrete ? 'lpmf' : 'lpdf'}`);
    if (d.logCdf) names.push(`${d.name}_lcdf`);
    if (d.logCcdf) names.push(`${d.name}_lccdf`);
    if (d.rng) names.push(`${d.name}_rng`);
  }
  return names;
}
