/**
 * Chains split across threads: contiguous groups of nearly equal size
 * (the first groups one chain larger), never more groups than chains.
 */
export interface ChainGroup {
  /** The run's index of the group's first chain (0-based). */
  first: number;
  count: number;
}

export function chainGroups(first: number, count: number, threads: number): ChainGroup[] {
  const groups = Math.max(1, Math.min(Math.floor(threads), count));
  const base = Math.floor(count / groups);
  const extra = count % groups;
  const out: ChainGroup[] = [];
  let next = first;
  for (let g = 0; g < groups; g++) {
    const size = base + (g < extra ? 1 : 0);
    out.push({ first: next, count: size });
    next += size;
  }
  return out;
}

/** "chains 3–4", "chain 5": chains first … first + count − 1, named 1-based. */
export function describeChains(group: ChainGroup): string {
  return group.count === 1 ? `chain ${group.first + 1}` : `chains ${group.first + 1}-${group.first + group.count}`;
}
