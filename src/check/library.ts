/**
 * The stdlib as the checker sees it: distributions and functions by name,
 * and the names a misspelt call could have meant.
 */
import type { DistributionEntry, FunctionEntry } from '../../stdlib/types.js';

export interface Library {
  distributions: Map<string, DistributionEntry>;
  functions: Map<string, FunctionEntry>;
}

export function makeLibrary(distributions: DistributionEntry[], functions: FunctionEntry[]): Library {
  return {
    distributions: new Map(distributions.map((d) => [d.name, d])),
    functions: new Map(functions.map((f) => [f.name, f])),
  };
}

/** Every callable name: functions plus `dist_lpdf` / `_lpmf`, `_lcdf`, `_lccdf`, `_rng`. */
export function callableNames(library: Library): string[] {
  const names = [...library.functions.keys()];
  for (const d of library.distributions.values()) {
    names.push(`${d.name}_${d.discrete ? 'lpmf' : 'lpdf'}`);
    if (d.logCdf) names.push(`${d.name}_lcdf`, `${d.name}_cdf`);
    if (d.logCcdf) names.push(`${d.name}_lccdf`);
    if (d.rng) names.push(`${d.name}_rng`);
  }
  return names;
}
