/**
 * Where a step's time goes, per model and chain count: the normals
 * (`fillNormalRows`), the proposal (`langevinProposal`), the rest of the
 * kernel (divergence check, acceptance, copies: measured with a free
 * potential that returns fixed arrays), and the gradient of each backend
 * and of the hand-written baseline. Microseconds per step, CPU time.
 */
import type { BackendName, LangevinModel, Potential } from '../src/model/types.js';
import { createStreams, fillNormalRows } from '../src/random/streams.js';
import { langevinProposal } from '../src/samplers/langevin-step.js';
import { createKernel } from '../src/samplers/run.js';
import type { LangevinState } from '../src/samplers/types.js';
import { baselineFor } from './baselines.js';
import type { BenchModel } from './models.js';
import { initialPositions } from './throughput.js';
import { clockMs, median } from './timing.js';

export interface StepBreakdown {
  model: string;
  chains: number;
  /** µs per step */
  noise_us: number;
  noise_ns_per_normal: number;
  proposal_us: number;
  /** lmc kernel with a free potential, minus noise and proposal */
  kernel_rest_us: number;
  gradient_us: Record<BackendName | 'baseline', number>;
}

/** Median µs per call over 5 slices of ~sliceMs each, after a warm-up. */
function microseconds(run: () => void, sliceMs = 40): number {
  const warm = clockMs('cpu');
  while (clockMs('cpu') - warm < sliceMs) run();
  const samples: number[] = [];
  for (let k = 0; k < 5; k++) {
    let calls = 0;
    const t0 = clockMs('cpu');
    while (clockMs('cpu') - t0 < sliceMs) {
      run();
      calls++;
    }
    samples.push(((clockMs('cpu') - t0) * 1000) / calls);
  }
  return median(samples);
}

const round = (v: number) => Number(v.toFixed(2));

export function stepBreakdown(
  bench: BenchModel,
  models: Record<BackendName, LangevinModel>,
  chains: number,
): StepBreakdown {
  const dim = models.f64.dim;
  const n = chains * dim;
  const x = initialPositions(dim, chains);
  const streams = createStreams(1, chains);
  const noise = new Float64Array(n);
  const out = new Float64Array(n);
  const gradient = new Float64Array(n).fill(0.1);
  const logDensity = new Float64Array(chains);
  const stepSize = new Float64Array(chains).fill(bench.stepSize);
  const invMetric = new Float64Array(dim).fill(1);

  const noiseUs = microseconds(() => fillNormalRows(streams, noise, chains, dim));
  const proposalUs = microseconds(() => langevinProposal(x, gradient, stepSize, invMetric, noise, out, chains, dim));
  const free: Potential = {
    dim,
    unconstrainedNames: [],
    readsNoise: false,
    logDensity: () => logDensity,
    logDensityAndGradient: () => ({ logDensity, gradient }),
  };
  const kernel = createKernel(free, { sampler: 'lmc', chains, warmup: 0, draws: 0, seed: 1, stepSize: bench.stepSize });
  let state: LangevinState = kernel.init(x);
  const params = { stepSize, invMetric };
  const kernelUs = microseconds(() => {
    state = kernel.step(state, streams, params).state;
  });
  const baseline = baselineFor(bench.name, bench.data);
  const grad = new Float64Array(n);
  return {
    model: bench.name,
    chains,
    noise_us: round(noiseUs),
    noise_ns_per_normal: round((noiseUs * 1000) / n),
    proposal_us: round(proposalUs),
    kernel_rest_us: round(kernelUs - noiseUs - proposalUs),
    gradient_us: {
      f64: round(microseconds(() => models.f64.logDensityAndGradient(x, chains))),
      tfjs: round(microseconds(() => models.tfjs.logDensityAndGradient(x, chains))),
      baseline: round(microseconds(() => baseline.evaluate(x, chains, logDensity, grad))),
    },
  };
}
