import type { ChainMatrix } from './draws.js';

/**
 * Split every chain into its first ⌊n/2⌋ and last ⌊n/2⌋ draws (an odd n drops
 * the middle draw), giving 2m chains; as posterior's `.split_chains`, a
 * single draw per chain is left unsplit. Splitting lets R-hat and ESS see a
 * trend within a chain as disagreement between chains.
 */
export function splitChains(x: ChainMatrix): ChainMatrix {
  const n = x.draws;
  if (n === 1) return x;
  const half = Math.floor(n / 2);
  const secondStart = n - half;
  const out = new Float64Array(2 * x.chains * half);
  for (let c = 0; c < x.chains; c++) {
    const row = x.values.subarray(c * n, (c + 1) * n);
    out.set(row.subarray(0, half), 2 * c * half);
    out.set(row.subarray(secondStart, n), (2 * c + 1) * half);
  }
  return { values: out, chains: 2 * x.chains, draws: half };
}
