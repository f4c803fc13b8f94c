/**
 * The layout every convergence diagnostic reads: the draws of one scalar as
 * `chains` rows of `draws` values (chain-major, row c holds chain c).
 */
export interface ChainMatrix {
  values: Float64Array;
  chains: number;
  draws: number;
}

/**
 * posterior's `should_return_NA`: a diagnostic is undefined when any draw is
 * NaN or infinite, or when all draws are equal (range below machine epsilon).
 */
export function isDegenerate(values: Float64Array): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) return true;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return !(Math.abs(hi - lo) >= Number.EPSILON);
}
