/**
 * Seeded, splittable streams. Every stream is keyed by a path of labels
 * below the run's seed (`seed:chain`, `seed:generate:chain`, …) and seeded
 * through seedrandom's ARC4 hash of that key, so chain c draws the same
 * numbers whatever the number of chains and streams never overlap in
 * practice (independent 128-bit states).
 */
import seedrandom from 'seedrandom';
import type { Rng } from '../../stdlib/types.js';
import { LangevinError } from '../errors.js';
import { Stream } from './xoshiro.js';

/** One stream per chain; chain c owns streams[c]. */
export type Streams = readonly Stream[];

/** The stream at `seed:label1:label2:…`. */
export function deriveStream(seed: number, ...labels: Array<string | number>): Stream {
  checkSeed(seed);
  const hash = seedrandom([String(seed), ...labels.map(String)].join(':'));
  return new Stream(hash.int32(), hash.int32(), hash.int32(), hash.int32());
}

/**
 * Independent streams for `chains` chains, stream c keyed `seed:c`; with
 * `first` (a split run's or a thread's first chain, 0-based) the streams of
 * chains first … first + chains − 1 of the whole run.
 */
export function createStreams(seed: number, chains: number, label?: string, first = 0): Stream[] {
  const streams: Stream[] = [];
  for (let chain = first; chain < first + chains; chain++) {
    streams.push(label === undefined ? deriveStream(seed, chain) : deriveStream(seed, label, chain));
  }
  return streams;
}

/**
 * A single stream for generated quantities (`_rng` functions), keyed
 * `seed:generate:chain` by default so it never shares numbers with the
 * sampler's streams.
 * @example
 * ```ts
 * import { compile, createRng } from 'langevin';
 * const model = await compile('parameters { real mu; } model { mu ~ normal(0, 1); } generated quantities { real y = normal_rng(mu, 1); }');
 * // two chains at mu = 0 and mu = 10: each row is mu, y
 * const draws = model.generate(new Float64Array([0, 10]), 2, createRng(1));
 * console.log(model.outputNames, draws.length, draws[2]); // → [ 'mu', 'y' ] 4 10
 * console.log(createRng(7).uniform() === createRng(7).uniform()); // → true
 * ```
 */
export function createRng(seed: number, chain = 0, label = 'generate'): Rng {
  return deriveStream(seed, label, chain);
}

/**
 * Fill a chains × dim block of standard normals, row c from stream c.
 * `streams` may be longer than `chains`.
 */
export function fillNormalRows(streams: Streams, out: Float64Array, chains: number, dim: number): void {
  for (let chain = 0; chain < chains; chain++) streams[chain].fillNormal(out, chain * dim, dim);
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new LangevinError(`seed must be an integer, got ${seed}`);
  }
}
