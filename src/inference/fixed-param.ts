/**
 * A model without parameters has nothing to sample: as Stan's fixed_param
 * sampler, every iteration just runs generated quantities (from its own
 * random stream), so `generated quantities` alone is a simulation model.
 * The result has the driver's shape with zero unconstrained coordinates.
 */
import type { Potential } from '../model/types.js';
import type { SampleResult, SamplerName } from '../samplers/types.js';

export function fixedParamResult(
  potential: Potential,
  options: { sampler: SamplerName; chains: number; draws: number; thin: number; seed: number; signal?: AbortSignal },
): SampleResult {
  const { chains, thin, seed } = options;
  // A signal before the run keeps nothing, as in the driver.
  const kept = options.signal?.aborted ? 0 : Math.ceil(options.draws / thin);
  const n = chains * kept;
  const logDensity = new Float64Array(n);
  if (n > 0) logDensity.set(potential.logDensity(new Float64Array(0), n));
  return {
    sampler: options.sampler,
    chains,
    dim: 0,
    seed,
    thin,
    keptDraws: kept,
    draws: new Float64Array(0),
    logDensity,
    acceptStat: new Float64Array(n),
    stepSize: new Float64Array(n),
    divergent: new Uint8Array(n),
    inits: new Float64Array(0),
    columns: {},
    chainInfo: Array.from({ length: chains }, () => ({
      acceptanceRate: 0,
      meanAcceptStat: 0,
      stepSize: 0,
      divergences: 0,
      warmupDivergences: 0,
      gradientEvaluations: 0,
      warmupGradientEvaluations: 0,
      seconds: 0,
      invMetric: new Float64Array(0),
      metric: 'unit' as const,
    })),
    warmupSeconds: 0,
    samplingSeconds: 0,
    nonFinite: 0,
    interrupted: options.signal?.aborted === true,
  };
}
