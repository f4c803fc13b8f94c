/**
 * `trainScore` for the library entry: the same function, with train.ts (and
 * so tfjs) loaded on the first call instead of by `import 'langevin'`.
 */
import type { TrainScoreOptions, TrainScoreResult } from './train.js';

/**
 * Train s_θ on n points (row-major n × dim); see src/score/train.ts.
 * @example
 * examples/api/score-network.mjs (run by test/docs/examples.test.ts) trains a small network, saves and loads it, and samples from it:
 * `node examples/api/score-network.mjs` after `npm run build`.
 */
export async function trainScore(
  points: Float64Array,
  n: number,
  dim: number,
  options: TrainScoreOptions = {},
): Promise<TrainScoreResult> {
  const train = await import('./train.js');
  return train.trainScore(points, n, dim, options);
}
