/**
 * Initial positions, as Stan chooses them: user values, or uniform in
 * (−R, R) on the unconstrained space from each chain's own stream, redrawn
 * (up to 100 times) where the log density or gradient is not finite.
 */
import { LangevinError } from '../errors.js';
import type { Potential } from '../model/types.js';
import type { Streams } from '../random/streams.js';

const MAX_ATTEMPTS = 100;

export interface InitialValues {
  position: Float64Array;
  /** Batched potential evaluations used. */
  evaluations: number;
  /** Evaluations each chain needed (its own tries: the same whichever chains share the batch). */
  attempts: Float64Array;
}

function finiteRow(
  logDensity: Float64Array,
  gradient: Float64Array,
  c: number,
  dim: number,
  gradientOnly: boolean,
): boolean {
  let mark = gradientOnly ? 0 : logDensity[c] * 0;
  for (let i = c * dim; i < (c + 1) * dim; i++) mark += gradient[i] * 0;
  return mark === 0;
}

export function initialValues(
  potential: Potential,
  chains: number,
  streams: Streams,
  options: { init?: Float64Array; initRadius: number; gradientOnly: boolean; chainOffset?: number },
): InitialValues {
  const dim = potential.dim;
  // messages name the run-wide chain (a thread's or split run's chain 1 may be the run's chain 3)
  const offset = options.chainOffset ?? 0;
  const position = new Float64Array(chains * dim);
  const { init, initRadius, gradientOnly } = options;

  if (init !== undefined) {
    if (init.length === dim) for (let c = 0; c < chains; c++) position.set(init, c * dim);
    else if (init.length === chains * dim) position.set(init);
    else {
      throw new LangevinError(
        `initial values have ${init.length} numbers; expected ${dim} (one per unconstrained coordinate) ` +
          `or ${chains * dim} (chains × ${dim})`,
      );
    }
    const { logDensity, gradient } = potential.logDensityAndGradient(position, chains);
    for (let c = 0; c < chains; c++) {
      if (!finiteRow(logDensity, gradient, c, dim, gradientOnly)) {
        throw new LangevinError(
          `chain ${offset + c + 1}: the log density or its gradient is not finite at the given initial values`,
        );
      }
    }
    return { position, evaluations: 1, attempts: new Float64Array(chains).fill(1) };
  }

  const pending = new Uint8Array(chains).fill(1);
  const attempts = new Float64Array(chains);
  let remaining = chains;
  let evaluations = 0;
  while (remaining > 0) {
    if (evaluations === MAX_ATTEMPTS) {
      const chain = offset + pending.indexOf(1) + 1;
      throw new LangevinError(
        `chain ${chain}: no initial values with a finite log density and gradient after ` +
          `${MAX_ATTEMPTS} attempts uniform in (-${initRadius}, ${initRadius}); ` +
          'try a smaller --init or give initial values',
      );
    }
    for (let c = 0; c < chains; c++) {
      if (!pending[c]) continue;
      attempts[c]++;
      for (let i = c * dim; i < (c + 1) * dim; i++) position[i] = initRadius * (2 * streams[c].uniform() - 1);
    }
    const { logDensity, gradient } = potential.logDensityAndGradient(position, chains);
    evaluations++;
    for (let c = 0; c < chains; c++) {
      if (pending[c] && finiteRow(logDensity, gradient, c, dim, gradientOnly)) {
        pending[c] = 0;
        remaining--;
      }
    }
  }
  return { position, evaluations, attempts };
}
