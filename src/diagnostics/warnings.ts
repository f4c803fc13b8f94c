import { InternalError } from '../errors.js';
import { variance } from './moments.js';
import type { ParameterDrawSummary } from './summary.js';
import { ulaVarianceInflation } from './ula-gaussian.js';

/** What a chain reports (the summary JSON's `chain_info`). */
export interface ChainFacts {
  chain: number;
  acceptance_rate: number;
  step_size: number;
  divergences: number;
}

/** Unconstrained draws for the ULA step-size check. */
export interface UnconstrainedDraws {
  /** Names of the unconstrained coordinates. */
  names: readonly string[];
  /** chains × draws × names.length, row-major. */
  draws: Float64Array;
  /** Per chain diagonal inverse metric (variances) the sampler used; undefined means identity. */
  inverseMetric?: ReadonlyArray<ArrayLike<number> | undefined>;
}

/**
 * A generated quantity that is not finite in draws whose parameters and
 * transformed parameters are all finite: the model's arithmetic, not the
 * sampler. `location` is the statement that assigns it ("file:line:col").
 */
export interface GeneratedFault {
  name: string;
  location: string;
  /** Draws (over all chains) with the fault, and the draws looked at. */
  draws: number;
  total: number;
}

/**
 * The generated quantities that are non-finite where every other output of
 * the same draw is finite, from the draws × names outputs (all chains
 * stacked) and the statement assigning each generated quantity.
 */
export function findGeneratedFaults(
  outputs: Float64Array,
  names: readonly string[],
  sources: ReadonlyMap<string, string>,
): GeneratedFault[] {
  const P = names.length;
  if (P === 0 || sources.size === 0) return [];
  const base = names.map((n) => n.split('[')[0]!);
  const generated = base.map((b) => sources.has(b));
  const rows = Math.floor(outputs.length / P);
  const counts = new Map<string, number>();
  for (let r = 0; r < rows; r++) {
    let inputsFinite = true;
    for (let j = 0; j < P && inputsFinite; j++)
      if (!generated[j] && !Number.isFinite(outputs[r * P + j]!)) inputsFinite = false;
    if (!inputsFinite) continue;
    const seen = new Set<string>();
    for (let j = 0; j < P; j++) {
      if (generated[j] && !Number.isFinite(outputs[r * P + j]!) && !seen.has(base[j]!)) {
        seen.add(base[j]!);
        counts.set(base[j]!, (counts.get(base[j]!) ?? 0) + 1);
      }
    }
  }
  return [...counts].map(([name, draws]) => ({ name, location: sources.get(name)!, draws, total: rows }));
}

export interface WarningInput {
  sampler: string;
  /** What a divergence is for this sampler (default: a non-finite density or gradient). */
  divergence?: string;
  chains: number;
  /** Kept draws per chain. */
  draws: number;
  parameters: readonly ParameterDrawSummary[];
  chainInfo: readonly ChainFacts[];
  unconstrained?: UnconstrainedDraws;
  /** lmc-beta's inverse temperature (default 1). */
  beta?: number;
  /** Thinning of the kept draws (default 1). */
  thin?: number;
  /** Generated quantities that are NaN at finite parameters (findGeneratedFaults). */
  generatedFaults?: readonly GeneratedFault[];
}

/** Thresholds, exported for the docs and tests. */
export const WARNING_THRESHOLDS = {
  rhat: 1.01,
  essPerChain: 100,
  malaTarget: 0.574,
  malaLow: 0.35,
  malaHigh: 0.85,
  /** η/var above this means ULA inflates the variance by more than about 5%. */
  ulaRatio: 0.1,
} as const;

/**
 * R-hat as printed everywhere it meets its threshold: 4 significant digits
 * (1.010, 1.011, 0.9996), so 1.0104 and 1.0106 read differently.
 */
export function formatRhat(rhat: number): string {
  return Number.isFinite(rhat) ? rhat.toPrecision(4) : String(rhat);
}

/**
 * Whether an R-hat is above the threshold as printed: the comparison is
 * made on the 4-digit value, so "1.010" is never called above 1.01.
 * NaN (constant or broken chains) counts as above.
 */
export function rhatTooHigh(rhat: number): boolean {
  return !(Number(formatRhat(rhat)) <= WARNING_THRESHOLDS.rhat);
}

function listNames(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

function fmt(x: number): string {
  return Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : String(x);
}

/**
 * Warnings a user can act on, one sentence each, from the summary rows and
 * the per-chain facts (and, for lmc, the unconstrained draws).
 */
export function collectWarnings(input: WarningInput): string[] {
  const warnings: string[] = [];
  const { parameters, chainInfo, sampler, chains } = input;

  // A generated quantity that is NaN where the parameters are finite is the model's arithmetic:
  // name the statement, and keep it out of the sampler's warning.
  const faults = input.generatedFaults ?? [];
  const faulty = new Set(faults.map((f) => f.name));
  for (const f of faults) {
    const where = f.draws === f.total ? `in every draw` : `in ${f.draws} of ${f.total} draws`;
    warnings.push(
      `Generated quantity ${f.name} is not finite (NaN or infinite) ${where} although every parameter is finite: the statement at ${f.location} computes it, so check its arithmetic (log of a negative number, 0/0, an argument out of range); the sampler is not at fault.`,
    );
  }
  const nonFinite = parameters.filter((p) => p.mean === null && !faulty.has(p.name.split('[')[0]!)).map((p) => p.name);
  if (nonFinite.length > 0)
    warnings.push(
      `Non-finite draws (NaN or infinite) in ${listNames(nonFinite)}: the sampler diverged or a quantity overflowed; reduce the step size or check the model.`,
    );

  const highRhat = parameters.filter((p) => p.rhat !== null && rhatTooHigh(p.rhat));
  if (highRhat.length > 0) {
    const worst = Math.max(...highRhat.map((p) => p.rhat!));
    warnings.push(
      `R-hat above ${WARNING_THRESHOLDS.rhat} for ${listNames(highRhat.map((p) => p.name))} (largest ${formatRhat(worst)}): the chains disagree, so run longer chains or look for several modes.`,
    );
  }

  const essMinimum = WARNING_THRESHOLDS.essPerChain * chains;
  for (const [key, label, consequence] of [
    ['ess_bulk', 'Bulk', 'means and standard deviations'],
    ['ess_tail', 'Tail', 'the 5% and 95% quantiles'],
  ] as const) {
    const low = parameters.filter((p) => p[key] !== null && p[key]! < essMinimum);
    if (low.length > 0) {
      const worst = Math.min(...low.map((p) => p[key]!));
      warnings.push(
        `${label} ESS below ${essMinimum} (${WARNING_THRESHOLDS.essPerChain} per chain) for ${listNames(low.map((p) => p.name))} (smallest ${fmt(worst)}): ${consequence} are unreliable, so run more draws or improve mixing.`,
      );
    }
  }

  const divergent = chainInfo.filter((c) => c.divergences > 0);
  if (divergent.length > 0) {
    const total = divergent.reduce((s, c) => s + c.divergences, 0);
    warnings.push(
      `${total} divergent transition${total === 1 ? '' : 's'} (${input.divergence ?? 'non-finite density or gradient'}) in chain${divergent.length === 1 ? '' : 's'} ${divergent.map((c) => c.chain).join(', ')}: reduce the step size or reparameterise the model.`,
    );
  }

  if (sampler === 'mala') {
    const low = chainInfo.filter((c) => c.acceptance_rate < WARNING_THRESHOLDS.malaLow);
    const high = chainInfo.filter((c) => c.acceptance_rate > WARNING_THRESHOLDS.malaHigh);
    if (low.length > 0)
      warnings.push(
        `MALA acceptance rate ${fmt(Math.min(...low.map((c) => c.acceptance_rate)))} in chain${low.length === 1 ? '' : 's'} ${low.map((c) => c.chain).join(', ')} is far below the ${WARNING_THRESHOLDS.malaTarget} target: the chains stick, so reduce the step size or let warm-up adapt it.`,
      );
    if (high.length > 0)
      warnings.push(
        `MALA acceptance rate ${fmt(Math.max(...high.map((c) => c.acceptance_rate)))} in chain${high.length === 1 ? '' : 's'} ${high.map((c) => c.chain).join(', ')} is far above the ${WARNING_THRESHOLDS.malaTarget} target: the steps are needlessly small, so increase the step size or let warm-up adapt it.`,
      );
  }

  // lmc-beta samples with the same unadjusted step (at temperature 1/β).
  if ((sampler === 'lmc' || sampler === 'lmc-beta') && input.unconstrained)
    warnings.push(...ulaStepSizeWarnings(input));
  return warnings;
}

export interface UlaStepSizeRatio {
  name: string;
  /** Largest η·M_ii/var over the chains (var: the chain's variance of the coordinate). */
  ratio: number;
  chain: number;
  /** Inflation of the variance implied by the Gaussian ULA law; null when η/var > 1/2. */
  inflation: number | null;
}

/**
 * Per unconstrained coordinate, the step size relative to the observed
 * spread, η·M_ii/var (in the metric's whitened coordinates the step is η
 * and the variance var/M_ii). On a Gaussian, ULA's stationary variance is
 * σ²/(1 − η/(2σ²)); solving it for σ² gives the inflation var/σ².
 */
export function ulaStepSizeRatios(input: WarningInput): UlaStepSizeRatio[] {
  const u = input.unconstrained;
  if (!u) return [];
  const D = u.names.length;
  const { chains, draws } = input;
  const beta = input.beta ?? 1;
  if (u.draws.length !== chains * draws * D)
    throw new InternalError(`ulaStepSizeRatios: ${u.draws.length} values for ${chains} × ${draws} × ${D}`);
  const column = new Float64Array(draws);
  const out: UlaStepSizeRatio[] = [];
  for (let d = 0; d < D; d++) {
    let worst: UlaStepSizeRatio | null = null;
    for (let c = 0; c < chains; c++) {
      const eta = input.chainInfo[c]?.step_size;
      if (eta === undefined || !(eta > 0) || draws < 2) continue;
      for (let t = 0; t < draws; t++) column[t] = u.draws[(c * draws + t) * D + d]!;
      const v = variance(column);
      if (!(v > 0) || !Number.isFinite(v)) continue;
      const metric = u.inverseMetric?.[c]?.[d] ?? 1;
      // At inverse temperature β the unadjusted chain targets variance σ²/β:
      // in units of that temperature the law is the β = 1 one.
      const scaled = (beta * v) / metric;
      const ratio = eta / scaled;
      if (worst === null || ratio > worst.ratio) {
        // Lag-1 autocorrelation 1 − η/σ² picks the root; thinning hides it.
        const lag1 = (input.thin ?? 1) === 1 ? lag1Autocorrelation(column) : undefined;
        const inflation = ulaVarianceInflation(scaled, eta, lag1);
        worst = { name: u.names[d]!, ratio, chain: input.chainInfo[c]!.chain, inflation: inflation?.inflation ?? null };
      }
    }
    if (worst) out.push(worst);
  }
  return out;
}

function ulaStepSizeWarnings(input: WarningInput): string[] {
  const large = ulaStepSizeRatios(input)
    .filter((r) => r.ratio > WARNING_THRESHOLDS.ulaRatio)
    .sort((a, b) => b.ratio - a.ratio);
  if (large.length === 0) return [];
  const worst = large[0]!;
  const others = large.length > 1 ? ` (also ${listNames(large.slice(1).map((r) => r.name))})` : '';
  const name = input.sampler;
  if (worst.inflation === null)
    return [
      `The ${name} step size is far too large for '${worst.name}'${others}: step/variance = ${fmt(worst.ratio)} exceeds 1/2, which no stationary Gaussian-like run can show, so reduce the step size or use mala.`,
    ];
  return [
    `The ${name} step size is large for the spread of '${worst.name}'${others}: step/variance = ${fmt(worst.ratio)}, so discretisation inflates its variance about ${fmt(worst.inflation)}-fold (σ²/(1 − η/(2σ²)) law); reduce the step size or use mala.`,
  ];
}

/** Lag-1 autocorrelation of one chain's draws. */
function lag1Autocorrelation(x: Float64Array): number {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i]!;
  m /= n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    den += d * d;
    if (i + 1 < n) num += d * (x[i + 1]! - m);
  }
  return den > 0 ? num / den : 0;
}
