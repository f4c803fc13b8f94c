/**
 * `trainScore` for the library entry: the same function, with train.ts (and
 * so tfjs) loaded on the first call instead of by `import 'langevin'`.
 */
import type { TrainScoreOptions, TrainScoreResult } from './train.js';

/** Train s_θ on n points (row-major n × dim); see src/score/train.ts. */
export async function trainScore(
  points: Float64Array,
  n: number,
  dim: number,
  options: TrainScoreOptions = {},
): Promise<TrainScoreResult> {
  const train = await import('./train.js');
  return train.trainScore(points, n, dim, options);
}
