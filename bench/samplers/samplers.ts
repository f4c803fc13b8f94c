/**
 * The samplers the benchmark runs: every sampler the library can run on a
 * posterior (the annealed sampler draws particles from a score, not a
 * chain, and is left out), or the subset asked for.
 */
import { SAMPLER_NAMES } from '../../src/inference/types.js';

export function benchSamplers(requested: string[]): string[] {
  const all: string[] = SAMPLER_NAMES.filter((name) => name !== 'annealed');
  for (const name of requested) {
    if (!all.includes(name)) throw new Error(`unknown sampler '${name}' (expected one of ${all.join(', ')})`);
  }
  return requested.length > 0 ? requested : all;
}
