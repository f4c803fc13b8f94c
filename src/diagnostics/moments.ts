/**
 * Mean and variance as R computes them (mean with one refinement pass, the
 * variance with the n − 1 denominator about that mean), so that our numbers
 * track R's to the last few bits.
 */
export function mean(values: ArrayLike<number>, start = 0, end = values.length): number {
  const n = end - start;
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i]!;
  let m = sum / n;
  // Second pass corrects the rounding of the first (R's mean.default does the same).
  let correction = 0;
  for (let i = start; i < end; i++) correction += values[i]! - m;
  if (Number.isFinite(correction)) m += correction / n;
  return m;
}

/** Sample variance (n − 1 denominator); NaN for fewer than two values. */
export function variance(values: ArrayLike<number>, start = 0, end = values.length): number {
  const n = end - start;
  if (n < 2) return NaN;
  const m = mean(values, start, end);
  let ss = 0;
  for (let i = start; i < end; i++) {
    const d = values[i]! - m;
    ss += d * d;
  }
  return ss / (n - 1);
}

/** mean(values.map(f)) without the mapped array (the same two passes, so the same result). */
export function meanOf(values: ArrayLike<number>, f: (v: number) => number): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += f(values[i]!);
  let m = sum / n;
  let correction = 0;
  for (let i = 0; i < n; i++) correction += f(values[i]!) - m;
  if (Number.isFinite(correction)) m += correction / n;
  return m;
}
