/**
 * The groups' results as one run's: chains in order, every per-chain
 * array concatenated. After an interruption the groups may have stopped a
 * few iterations apart; every chain keeps the draws all groups reached,
 * so the chains stay of equal length as the summary needs.
 */
import { InternalError } from '../errors.js';
import type { ChainGroup } from './chain-groups.js';
import type { SampleResult } from '../samplers/types.js';

export interface JoinedResult {
  result: SampleResult;
  /** The run's index (0-based) of each chain of `result`. */
  chainIds: number[];
}

export function joinResults(parts: ReadonlyArray<{ group: ChainGroup; result: SampleResult }>): JoinedResult {
  if (parts.length === 0) throw new InternalError('joinResults: no results to join');
  const sorted = [...parts].sort((a, b) => a.group.first - b.group.first);
  const first = sorted[0]!.result;
  const dim = first.dim;
  const kept = Math.min(...sorted.map((p) => p.result.keptDraws));
  const chains = sorted.reduce((n, p) => n + p.result.chains, 0);
  const perChain = <T extends Float64Array | Uint8Array>(
    pick: (r: SampleResult) => T | undefined,
    width: number,
    make: (n: number) => T,
  ): T => {
    const out = make(chains * kept * width);
    let at = 0;
    for (const { result } of sorted) {
      const values = pick(result)!;
      for (let c = 0; c < result.chains; c++) {
        out.set(values.subarray(c * result.keptDraws * width, (c * result.keptDraws + kept) * width), at);
        at += kept * width;
      }
    }
    return out;
  };
  const f64 = (n: number) => new Float64Array(n);
  const concat = (pick: (r: SampleResult) => Float64Array | undefined): Float64Array | undefined => {
    if (sorted.some((p) => !pick(p.result))) return undefined;
    const arrays = sorted.map((p) => pick(p.result)!);
    const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
    let at = 0;
    for (const a of arrays) {
      out.set(a, at);
      at += a.length;
    }
    return out;
  };
  const result: SampleResult = {
    sampler: first.sampler,
    chains,
    dim,
    seed: first.seed,
    thin: first.thin,
    keptDraws: kept,
    draws: perChain((r) => r.draws, dim, f64),
    logDensity: perChain((r) => r.logDensity, 1, f64),
    acceptStat: perChain((r) => r.acceptStat, 1, f64),
    stepSize: perChain((r) => r.stepSize, 1, f64),
    divergent: perChain(
      (r) => r.divergent,
      1,
      (n) => new Uint8Array(n),
    ),
    columns: Object.fromEntries(
      Object.keys(first.columns).map((name) => [name, perChain((r) => r.columns[name], 1, f64)]),
    ),
    inits: concat((r) => r.inits)!,
    chainInfo: sorted.flatMap((p) => p.result.chainInfo),
    // the groups ran side by side: the run took as long as the slowest
    warmupSeconds: Math.max(...sorted.map((p) => p.result.warmupSeconds)),
    samplingSeconds: Math.max(...sorted.map((p) => p.result.samplingSeconds)),
    nonFinite: sorted.reduce((n, p) => n + p.result.nonFinite, 0),
    interrupted: sorted.some((p) => p.result.interrupted) || sorted.some((p) => p.result.keptDraws !== kept),
  };
  const lowestF = concat((r) => r.lowestF);
  const argminF = concat((r) => r.argminF);
  if (lowestF && argminF) {
    result.lowestF = lowestF;
    result.argminF = argminF;
  }
  const chainIds = sorted.flatMap((p) => Array.from({ length: p.result.chains }, (_, c) => p.group.first + c));
  return { result, chainIds };
}

/** Chain c of a result as a result of its own (for joining chains in any order). */
export function chainOf(result: SampleResult, c: number): SampleResult {
  const k = result.keptDraws;
  const dim = result.dim;
  const info = result.chainInfo[c]!;
  const one: SampleResult = {
    ...result,
    chains: 1,
    draws: result.draws.slice(c * k * dim, (c + 1) * k * dim),
    logDensity: result.logDensity.slice(c * k, (c + 1) * k),
    acceptStat: result.acceptStat.slice(c * k, (c + 1) * k),
    stepSize: result.stepSize.slice(c * k, (c + 1) * k),
    divergent: result.divergent.slice(c * k, (c + 1) * k),
    columns: Object.fromEntries(Object.entries(result.columns).map(([name, v]) => [name, v.slice(c * k, (c + 1) * k)])),
    inits: result.inits.slice(c * dim, (c + 1) * dim),
    chainInfo: [info],
    // the driver counts a chain's non-finite transitions over both phases (run.ts)
    nonFinite: info.warmupDivergences + info.divergences,
  };
  if (result.lowestF && result.argminF) {
    one.lowestF = result.lowestF.slice(c, c + 1);
    one.argminF = result.argminF.slice(c * dim, (c + 1) * dim);
  }
  return one;
}
