/**
 * A chain's draws must not depend on which other chains share its batch:
 * threads and --chain-ids run chains 3–4 as a batch of their own (with
 * chainOffset 2) and promise the bytes a 4-chain run gives them. Checked
 * for every chain sampler of the registry on the f64 backend, bitwise.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { SAMPLERS } from '../../src/samplers/registry.js';
import { sample } from '../../src/samplers/run.js';
import type { SampleResult } from '../../src/samplers/types.js';

const MODELS = new URL('../../examples/models/', import.meta.url).pathname;
const source = readFileSync(`${MODELS}eight_schools_noncentered.stan`, 'utf8');
const data = JSON.parse(readFileSync(`${MODELS}eight_schools_noncentered.data.json`, 'utf8'));

/** Chains [from, to) of a result, every per-chain array. */
function chainSlice(r: SampleResult, from: number, to: number) {
  const k = r.keptDraws;
  const per = (a: Float64Array | Uint8Array, width = 1) => Array.from(a.subarray(from * k * width, to * k * width));
  return {
    draws: per(r.draws, r.dim),
    logDensity: per(r.logDensity),
    acceptStat: per(r.acceptStat),
    stepSize: per(r.stepSize),
    divergent: per(r.divergent),
    columns: Object.fromEntries(Object.entries(r.columns).map(([name, v]) => [name, per(v)])),
    inits: Array.from(r.inits.subarray(from * r.dim, to * r.dim)),
    // all but the time: gradient counts are per chain too (the heuristics count each chain's own trials)
    chainInfo: r.chainInfo.slice(from, to).map(({ seconds: _seconds, ...rest }) => rest),
  };
}

describe('per-chain independence of the batched samplers', async () => {
  const model = await compile(source, { data, backend: 'f64' });
  for (const spec of SAMPLERS.filter((s) => s.createKernel)) {
    it(`${spec.name}: chains 3–4 alone (chainOffset 2) equal chains 3–4 of a 4-chain run`, () => {
      const options = { sampler: spec.name, warmup: 60, draws: 20, seed: 7 };
      const all = sample(model, { ...options, chains: 4 });
      const part = sample(model, { ...options, chains: 2, chainOffset: 2 });
      expect(chainSlice(part, 0, 2)).toEqual(chainSlice(all, 2, 4));
    });
  }
});
