/**
 * The layout every convergence diagnostic reads: the draws of one scalar as
 * `chains` rows of `draws` values (chain-major, row c holds chain c).
 */
export interface ChainMatrix {
  values: Float64Array;
  chains: number;
  draws: number;
}

/** Row c of the matrix as a view (no copy). */
export function chainRow(x: ChainMatrix, c: number): Float64Array {
  return x.values.subarray(c * x.draws, (c + 1) * x.draws);
}

/** Map every value, keeping the layout. */
export function mapDraws(x: ChainMatrix, f: (v: number) => number): ChainMatrix {
  const out = new Float64Array(x.values.length);
  for (let i = 0; i < out.length; i++) out[i] = f(x.values[i]!);
  return { values: out, chains: x.chains, draws: x.draws };
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
