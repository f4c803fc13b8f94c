/**
 * The sampler registry: every sampler the CLI, `compare`, the summary and
 * the report know of is one entry of SAMPLERS below.
 *
 * How to add a sampler
 * --------------------
 * 1. Write one file under src/samplers/ exporting a `SamplerSpec` (see
 *    lmc.ts or mala.ts for a small one, nuts.ts for a kernel with its own
 *    state, step-size heuristic and CSV columns). The spec's `createKernel`
 *    returns a batched `Kernel` (types.ts): `init(position)` builds your own
 *    state type (it must extend LangevinState: position, logDensity,
 *    gradient per chain), `step(state, streams, params)` returns the next
 *    state and a StepInfo. Reuse the pieces: `langevinProposal`
 *    (langevin-step.ts), `metropolisAccept` (metropolis.ts), `leapfrog`
 *    and the metric operations (metric.ts).
 * 2. Declare the sampler's own options in `options` (flag, description,
 *    default): the CLI adds the flags, prints them in `--help`, validates
 *    their values and rejects them for every other sampler. `metrics`
 *    lists the metrics it accepts (first = default; [] = none, and then
 *    `--metric` is rejected).
 * 3. Add one line to SAMPLERS. The driver (run.ts) runs every kernel with
 *    the warm-up the spec chooses (`warmup`, default Stan's windowed
 *    adaptation with dual averaging toward `targetAcceptance`).
 *
 * Nothing else changes: `langevin sample --sampler NAME`, `compare
 * --samplers ...`, the CmdStan CSV (with the spec's `columns`) and the
 * report pick it up. test/samplers/registry.test.ts runs every entry
 * through all of them.
 */
import { LangevinError } from '../errors.js';
import type { Potential } from '../model/types.js';
import { annealedSampler } from './annealed.js';
import { mamsSampler } from './mams.js';
import { mclmcSampler } from './mclmc.js';
import { lmcBetaSampler } from './lmc-beta.js';
import { lmcSampler } from './lmc.js';
import { malaSampler } from './mala.js';
import { maltSampler } from './malt.js';
import { nutsSampler } from './nuts.js';
import { uldSampler } from './uld.js';
import type { MetricKind } from './metric.js';
import type { Kernel, WarmupStrategy } from './types.js';
import type { WarmupOptions } from './warmup.js';
export type { StepSizeHeuristic, WarmupStrategy } from './types.js';

/** A sampler-specific option: one CLI flag, one key of `samplerOptions`. */
export interface OptionSpec {
  /** camelCase key (`maxDepth`); the CLI flag is its kebab-case (`--max-depth`). */
  key: string;
  /** Placeholder in `--help` (`<n>`, `<x>`). */
  value: string;
  description: string;
  type: 'positive-number' | 'positive-int' | 'non-negative-int' | 'probability';
  /** undefined: chosen automatically (the description says how). */
  default?: number;
}

export type SamplerOptionValues = Readonly<Record<string, number | undefined>>;

export interface KernelSettings {
  /** The sampler's options, defaults filled in. */
  options: SamplerOptionValues;
  /** The potential has a gradient but no log density (a score network). */
  gradientOnly: boolean;
  /** lmc, lmc-beta: build the Metropolis-adjusted variant (their warm-up kernel). */
  metropolis?: boolean;
}

export interface SamplerSpec {
  name: string;
  /** One line for `--help` and docs. */
  description: string;
  /** adjusted: exact for π (MH or NUTS); unadjusted: biased in the step size; particles: annealed. */
  exactness: 'adjusted' | 'unadjusted' | 'particles';
  options: readonly OptionSpec[];
  /** Metrics accepted by `--metric`, the first being the default; [] for none. */
  metrics: readonly MetricKind[];
  /** The default metric for a model of `dim` parameters, when it depends on the size (else metrics[0]). */
  defaultMetric?(dim: number): MetricKind;
  /** Needs log π (not only its gradient): refuses a score network. */
  needsLogDensity: boolean;
  /** Dual-averaging target of the warm-up (also `--target-acceptance`'s default). */
  targetAcceptance?: number;
  /** What a divergence means for this kernel, for warnings (default: a non-finite density or gradient). */
  divergence?: string;
  /** Extra CmdStan sampler columns the kernel reports in StepInfo.columns. */
  columns?: readonly string[];
  /** The batched kernel (absent for annealed, which runs particles in src/inference). */
  createKernel?(potential: Potential, chains: number, settings: KernelSettings): Kernel;
  /** The kernel the warm-up runs (default: createKernel's). */
  createWarmupKernel?(potential: Potential, chains: number, settings: KernelSettings): Kernel;
  /** The warm-up (default: Stan's windowed adaptation, warmup.ts); mclmc and mams bring the authors' tuning. */
  createWarmup?(kernel: Kernel, options: WarmupOptions): WarmupStrategy;
}

export const SAMPLERS: readonly SamplerSpec[] = [
  lmcSampler,
  lmcBetaSampler,
  malaSampler,
  nutsSampler,
  uldSampler,
  maltSampler,
  mclmcSampler,
  mamsSampler,
  annealedSampler,
];

/** The sampler `sample` uses without --sampler. */
export const DEFAULT_SAMPLER = 'mams';

export function samplerNames(): string[] {
  return SAMPLERS.map((s) => s.name);
}

export function findSampler(name: string): SamplerSpec | undefined {
  return SAMPLERS.find((s) => s.name === name);
}

export function samplerSpec(name: string): SamplerSpec {
  const spec = findSampler(name);
  if (!spec) throw new LangevinError(`unknown sampler '${name}' (one of ${samplerNames().join(', ')})`);
  return spec;
}

/** `maxDepth` → `--max-depth`. */
export function optionFlag(key: string): string {
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/**
 * The sampler's options with defaults filled in; an option this sampler
 * does not take is an error naming the samplers that do.
 */
export function resolveSamplerOptions(
  spec: SamplerSpec,
  given: SamplerOptionValues = {},
): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const option of spec.options) out[option.key] = option.default;
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const option = spec.options.find((o) => o.key === key);
    if (!option) throw new LangevinError(notForSampler(optionFlag(key), spec.name));
    checkOptionValue(option, value);
    out[key] = value;
  }
  return out;
}

/** "--levels applies to annealed only (this run uses mala)". */
export function notForSampler(flag: string, sampler: string): string {
  const key = flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const takers = SAMPLERS.filter((s) => s.options.some((o) => o.key === key)).map((s) => s.name);
  const which = takers.length > 0 ? takers.join(', ') : 'no sampler';
  return `${flag} applies to ${which} only (this run uses ${sampler})`;
}

export function checkOptionValue(option: OptionSpec, value: number): void {
  const flag = optionFlag(option.key);
  const ok =
    option.type === 'positive-number'
      ? value > 0 && Number.isFinite(value)
      : option.type === 'probability'
        ? value > 0 && value < 1
        : option.type === 'positive-int'
          ? Number.isSafeInteger(value) && value >= 1
          : Number.isSafeInteger(value) && value >= 0;
  if (!ok) {
    const what = {
      'positive-number': 'a positive number',
      probability: 'a number in (0, 1)',
      'positive-int': 'a positive integer',
      'non-negative-int': 'a non-negative integer',
    }[option.type];
    throw new LangevinError(`${flag} must be ${what}, got ${value}`);
  }
}

/** Every option of every sampler, once per key (for the CLI's flag list). */
export function allSamplerOptions(): Array<OptionSpec & { samplers: string[] }> {
  const byKey = new Map<string, OptionSpec & { samplers: string[] }>();
  for (const spec of SAMPLERS) {
    for (const option of spec.options) {
      const known = byKey.get(option.key);
      if (known) known.samplers.push(spec.name);
      else byKey.set(option.key, { ...option, samplers: [spec.name] });
    }
  }
  return [...byKey.values()];
}
