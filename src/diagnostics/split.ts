import type { ChainMatrix } from './draws.js';

/**
 * Split every chain into its first ⌊n/2⌋ and last ⌊n/2⌋ draws (an odd n drops
 * the middle draw), giving 2m chains; as posterior's `.split_chains`, a
 * single draw per chain is left unsplit. Splitting lets R-hat and ESS see a
 * trend within a chain as disagreement between chains.
 *
 * `map`, if given, is applied to every kept draw (the split of the mapped
 * draws, without the intermediate matrix); `out`, if given (long enough), is
 * written instead of a new array: the summary reuses one buffer for its
 * many splits of 10⁶-draw columns.
 */
export function splitChains(x: ChainMatrix, map?: (v: number) => number, out?: Float64Array): ChainMatrix {
  const n = x.draws;
  if (n === 1) {
    if (!map) return x;
    const values = out ? out.subarray(0, x.values.length) : new Float64Array(x.values.length);
    for (let i = 0; i < values.length; i++) values[i] = map(x.values[i]!);
    return { values, chains: x.chains, draws: 1 };
  }
  const half = Math.floor(n / 2);
  const secondStart = n - half;
  const size = 2 * x.chains * half;
  const values = out ? out.subarray(0, size) : new Float64Array(size);
  const src = x.values;
  if (!map) {
    for (let c = 0; c < x.chains; c++) {
      const first = 2 * c * half;
      for (let i = 0; i < half; i++) values[first + i] = src[c * n + i]!;
      const second = (2 * c + 1) * half;
      for (let i = 0; i < half; i++) values[second + i] = src[c * n + secondStart + i]!;
    }
  } else {
    for (let c = 0; c < x.chains; c++) {
      const first = 2 * c * half;
      for (let i = 0; i < half; i++) values[first + i] = map(src[c * n + i]!);
      const second = (2 * c + 1) * half;
      for (let i = 0; i < half; i++) values[second + i] = map(src[c * n + secondStart + i]!);
    }
  }
  return { values, chains: 2 * x.chains, draws: half };
}
