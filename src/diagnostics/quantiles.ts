/**
 * Sample quantiles as R's default `quantile(type = 7)`: with the values
 * sorted and h = 1 + (S − 1)p, interpolate between x[⌊h⌋] and x[⌈h⌉] as
 * (1 − w)·lo + w·hi, skipping the interpolation when they are equal. The
 * exact arithmetic matters: ESS tail compares draws against these values.
 */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const S = sorted.length;
  if (S === 0) return NaN;
  const index = 1 + Math.max(S - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const qlo = sorted[lo - 1]!;
  const qhi = sorted[hi - 1]!;
  if (index > lo && qhi !== qlo) {
    const w = index - lo;
    return (1 - w) * qlo + w * qhi;
  }
  return qlo;
}

/** Type-7 quantiles of unsorted values (NaN if any value is NaN, as R's quantile2). */
export function quantiles(values: Float64Array, probs: readonly number[]): number[] {
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) return probs.map(() => NaN);
  const sorted = Float64Array.from(values).sort();
  return probs.map((p) => quantileSorted(sorted, p));
}

/** The type-7 median (the average of the two middle values for even S). */
export function median(values: Float64Array): number {
  return quantiles(values, [0.5])[0]!;
}
