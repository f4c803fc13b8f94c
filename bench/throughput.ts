/**
 * Gradient evaluations per second of the full sampler step (lmc, mala) on
 * each backend, against the hand-written baseline measured in the same
 * repetitions. One step is one gradient evaluation per chain, so the rate
 * is chains × steps / second.
 */
import type { BackendName, LangevinModel } from '../src/model/types.js';
import { deriveStream } from '../src/random/streams.js';
import { baselineFor } from './baselines.js';
import { baselineSampler } from './baseline-step.js';
import { librarySampler } from './library-step.js';
import type { BenchModel } from './models.js';
import { stepsPerSecond, type TimingOptions } from './timing.js';

export interface ThroughputCase {
  model: string;
  chains: number;
  sampler: 'lmc' | 'mala';
  backend: BackendName;
  grad_evals_per_second: number;
  baseline_grad_evals_per_second: number;
  ratio: number;
  /** Acceptance rate of the library's mala (1 for lmc): a sanity check that the chains behave. */
  acceptance: number;
  baseline_acceptance: number;
}

const SEED = 20260527;

/** The same starting point for every case of a model: uniform in (−1, 1). */
export function initialPositions(dim: number, chains: number): Float64Array {
  const stream = deriveStream(SEED, 'bench-init');
  const x = new Float64Array(chains * dim);
  for (let i = 0; i < x.length; i++) x[i] = 2 * stream.uniform() - 1;
  return x;
}

export function measureThroughput(
  bench: BenchModel,
  models: Record<BackendName, LangevinModel>,
  chains: number,
  timing: TimingOptions,
): ThroughputCase[] {
  const baseline = baselineFor(bench.name, bench.data);
  const init = initialPositions(baseline.dim, chains);
  const cases: ThroughputCase[] = [];
  for (const sampler of ['lmc', 'mala'] as const) {
    const hand = baselineSampler(baseline, chains, sampler === 'mala', bench.stepSize, init, SEED);
    const backends: BackendName[] = ['f64', 'tfjs'];
    const libs = backends.map((b) => librarySampler(models[b], chains, sampler, bench.stepSize, init, SEED));
    const rates = stepsPerSecond([hand, ...libs], timing);
    backends.forEach((backend, i) => {
      const rate = rates[i + 1] * chains;
      const base = rates[0] * chains;
      cases.push({
        model: bench.name,
        chains,
        sampler,
        backend,
        grad_evals_per_second: Math.round(rate),
        baseline_grad_evals_per_second: Math.round(base),
        ratio: Number((rate / base).toFixed(3)),
        acceptance: Number(libs[i].acceptance().toFixed(3)),
        baseline_acceptance: Number(hand.acceptance().toFixed(3)),
      });
    });
  }
  return cases;
}
