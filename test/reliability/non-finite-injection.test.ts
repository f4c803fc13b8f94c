/**
 * Injected faults: a two-dimensional standard normal whose log density is
 * NaN (or +Infinity) beyond x₁ = 1.2 and whose gradient is ±Infinity in
 * the band 0.5 < x₂ < 0.7 (the density stays finite there). For each
 * sampler: the faulty proposals are counted (summary warning and per-chain
 * divergences), and no kept draw lies where the density or gradient is not
 * finite. Short runs with fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import { compile, sampleModel } from '../../src/index.js';
import type { LangevinModel, LogDensityAndGradient, EvalOptions } from '../../src/model/types.js';
import type { SamplerName } from '../../src/inference/types.js';

const SOURCE = 'parameters { vector[2] x; } model { x ~ normal(0, 1); }';

const densityFault = (x1: number): boolean => x1 > 1.2;
const gradientFault = (x2: number): boolean => x2 > 0.5 && x2 < 0.7;

/** The model with faults injected, and how many faulty points it was asked about. */
function faulty(model: LangevinModel, badDensity: number): { model: LangevinModel; injected: () => number } {
  let injected = 0;
  const logDensity = (x: Float64Array, chains: number, options?: EvalOptions): Float64Array => {
    const lp = model.logDensity(x, chains, options);
    for (let c = 0; c < chains; c++)
      if (densityFault(x[2 * c]!)) {
        lp[c] = badDensity;
        injected++;
      }
    return lp;
  };
  const logDensityAndGradient = (x: Float64Array, chains: number, options?: EvalOptions): LogDensityAndGradient => {
    const r = model.logDensityAndGradient(x, chains, options);
    for (let c = 0; c < chains; c++) {
      if (densityFault(x[2 * c]!)) {
        r.logDensity[c] = badDensity;
        r.gradient[2 * c] = NaN;
        injected++;
      }
      if (gradientFault(x[2 * c + 1]!)) {
        r.gradient[2 * c + 1] = c % 2 === 0 ? Infinity : -Infinity;
        injected++;
      }
    }
    return r;
  };
  const wrapped = Object.create(model, {
    logDensity: { value: logDensity },
    logDensityAndGradient: { value: logDensityAndGradient },
  }) as LangevinModel;
  return { model: wrapped, injected: () => injected };
}

const SAMPLERS: SamplerName[] = ['mala', 'nuts', 'mclmc', 'mams', 'uld', 'malt'];

describe.each(SAMPLERS)('%s with injected non-finite densities and gradients', (sampler) => {
  it.each([
    ['NaN', NaN],
    ['+Infinity', Infinity],
  ])('counts them and never keeps a faulty point (density %s)', async (_label, bad) => {
    const base = await compile(SOURCE, { file: 'faults.stan' });
    const { model, injected } = faulty(base, bad);
    const fit = await sampleModel(model, { sampler, chains: 2, warmup: 300, draws: 300, seed: 11 });
    expect(injected(), 'the run met the faults').toBeGreaterThan(0);
    const P = fit.outputNames.length;
    expect(P).toBe(2);
    let kept = 0;
    for (let k = 0; k < fit.outputs.length; k += P) {
      const [x1, x2] = [fit.outputs[k]!, fit.outputs[k + 1]!];
      expect(Number.isFinite(x1) && Number.isFinite(x2), `draw ${k / P} is finite`).toBe(true);
      expect(densityFault(x1), `draw ${k / P}: x1 = ${x1} has a non-finite density`).toBe(false);
      expect(gradientFault(x2), `draw ${k / P}: x2 = ${x2} has a non-finite gradient`).toBe(false);
      kept++;
    }
    expect(kept).toBe(2 * 300);
    for (let i = 0; i < fit.lp.length; i++) expect(Number.isFinite(fit.lp[i]!)).toBe(true);
    // counted and reported: the summary says how many, and the chains' divergences add up to it
    const warning = fit.summary.warnings.find((w) => /non-finite|diverged/.test(w));
    expect(warning, fit.summary.warnings.join('\n')).toBeDefined();
    const reported = Number(/^(\d+) /.exec(warning!)?.[1]);
    expect(reported).toBeGreaterThan(0);
    const sampling = fit.summary.chain_info.reduce((s, c) => s + c.divergences, 0);
    expect(sampling).toBeLessThanOrEqual(reported);
  });
});
