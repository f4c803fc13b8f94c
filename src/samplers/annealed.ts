/**
 * Annealed Langevin dynamics (Song and Ermon 2019; seed section 5.4,
 * Algorithm 1) in our step convention: for levels σ_1 > … > σ_L,
 *
 *     η_i = η σ_i² / σ_L²,   T times: x ← x + η_i s(x, σ_i) + √(2η_i) z,
 *
 * optionally followed by plain Langevin steps at noise 0 with η_L. The
 * schedule is plain data; every step is the shared `langevinProposal`.
 */
import { LangevinError } from '../errors.js';
import { fillNormalRows, type Streams } from '../random/streams.js';
import { langevinProposal } from './langevin-step.js';
import type { SamplerSpec } from './registry.js';

/** One stage of the schedule: T steps of Langevin at noise σ with step size η. */
export interface AnnealingLevel {
  sigma: number;
  stepSize: number;
  steps: number;
}

export interface ScheduleOptions {
  sigmaMax: number;
  sigmaMin: number;
  /** L ≥ 1 noise levels, geometric from sigmaMax to sigmaMin (L = 1: sigmaMin alone). */
  levels: number;
  /** T steps per level. */
  stepsPerLevel: number;
  /** η, the step size at the last level σ_L. */
  stepSize: number;
  /** Plain Langevin steps at noise 0 after the last level, with η (default 0: none). */
  finalSteps?: number;
}

/**
 * σ_1 > … > σ_L geometric from σ_max to σ_min.
 * @example
 * ```ts
 * import { geometricLevels } from 'langevin';
 * console.log(geometricLevels(10, 0.1, 3)); // → [ 10, 1, 0.1 ]
 * ```
 */
export function geometricLevels(sigmaMax: number, sigmaMin: number, levels: number): number[] {
  checkLevels(sigmaMax, sigmaMin, levels);
  if (levels === 1) return [sigmaMin];
  const ratio = sigmaMin / sigmaMax;
  return Array.from({ length: levels }, (_, i) =>
    i === levels - 1 ? sigmaMin : sigmaMax * ratio ** (i / (levels - 1)),
  );
}

export function checkLevels(sigmaMax: number, sigmaMin: number, levels: number): void {
  if (!(sigmaMin > 0 && Number.isFinite(sigmaMin)))
    throw new LangevinError(`sigma-min must be a positive number, got ${sigmaMin}`);
  if (!(sigmaMax > 0 && Number.isFinite(sigmaMax)))
    throw new LangevinError(`sigma-max must be a positive number, got ${sigmaMax}`);
  if (!Number.isSafeInteger(levels) || levels < 1)
    throw new LangevinError(`levels must be an integer ≥ 1, got ${levels}`);
  if (levels > 1 && !(sigmaMin < sigmaMax)) {
    throw new LangevinError(`sigma-min (${sigmaMin}) must be smaller than sigma-max (${sigmaMax})`);
  }
}

/**
 * The whole schedule: L noise levels with η_i = η σ_i²/σ_L², then the noise-0 stage if asked.
 * @example
 * ```ts
 * import { annealingSchedule } from 'langevin';
 * const schedule = annealingSchedule({ sigmaMax: 10, sigmaMin: 0.1, levels: 3, stepsPerLevel: 100, stepSize: 0.01, finalSteps: 50 });
 * // η_i = η σ_i² / σ_L² at each level, then η at noise 0
 * console.log(schedule.map((l) => [l.sigma, Number(l.stepSize.toPrecision(3)), l.steps]));
 * // → [
 * // →   [ 10, 100, 100 ],
 * // →   [ 1, 1, 100 ],
 * // →   [ 0.1, 0.01, 100 ],
 * // →   [ 0, 0.01, 50 ]
 * // → ]
 * ```
 */
export function annealingSchedule(options: ScheduleOptions): AnnealingLevel[] {
  const { stepSize, stepsPerLevel } = options;
  const finalSteps = options.finalSteps ?? 0;
  if (!(stepSize > 0 && Number.isFinite(stepSize)))
    throw new LangevinError(`step size must be a positive number, got ${stepSize}`);
  if (!Number.isSafeInteger(stepsPerLevel) || stepsPerLevel < 1) {
    throw new LangevinError(`steps per level must be an integer ≥ 1, got ${stepsPerLevel}`);
  }
  if (!Number.isSafeInteger(finalSteps) || finalSteps < 0) {
    throw new LangevinError(`final steps must be an integer ≥ 0, got ${finalSteps}`);
  }
  const sigmas = geometricLevels(options.sigmaMax, options.sigmaMin, options.levels);
  const last = sigmas[sigmas.length - 1]!;
  const levels = sigmas.map((sigma) => ({
    sigma,
    stepSize: (stepSize * sigma * sigma) / (last * last),
    steps: stepsPerLevel,
  }));
  if (finalSteps > 0) levels.push({ sigma: 0, stepSize, steps: finalSteps });
  return levels;
}

/**
 * A batched score: write s(x, σ) for n points (row-major n × d) into out.
 * σ = 0 means the target itself.
 */
export type ScoreFunction = (x: Float64Array, n: number, sigma: number, out: Float64Array) => void;

export interface LevelReport {
  sigma: number;
  stepSize: number;
  steps: number;
  /** Mean over steps and particles of ‖s(x, σ)‖² at the points the steps started from. */
  meanSquaredScoreNorm: number;
}

export interface AnnealedResult {
  /** n × d final positions. */
  position: Float64Array;
  levels: LevelReport[];
  /** Steps that produced a non-finite score or position; that particle stayed put. */
  nonFinite: number;
  /** Score evaluations (batched calls). */
  evaluations: number;
  interrupted: boolean;
}

export interface AnnealedRunOptions {
  signal?: AbortSignal;
  /** After each step: steps done of the total. */
  onStep?: (done: number, total: number, level: number) => void | Promise<void>;
}

/**
 * Run the schedule from `init` (n × d, copied), particle p drawing its
 * noise from streams[p]. Asynchronous only so that a caller can yield to
 * the event loop in `onStep` (progress, Ctrl-C).
 * @example
 * ```js
 * // plain JavaScript: in TypeScript, the Rng type of createRng is not the Stream type taken here
 * import { annealingSchedule, createRng, runAnnealedLangevin } from 'langevin';
 * // N(0, 1) smoothed by N(0, σ²) is N(0, 1 + σ²): its score is −x / (1 + σ²)
 * const score = (x, n, sigma, out) => {
 *   for (let i = 0; i < n; i++) out[i] = -x[i] / (1 + sigma * sigma);
 * };
 * const n = 2000;
 * const init = new Float64Array(n).fill(8);
 * const schedule = annealingSchedule({ sigmaMax: 10, sigmaMin: 0.5, levels: 10, stepsPerLevel: 100, stepSize: 0.05, finalSteps: 200 });
 * const streams = Array.from({ length: n }, (_, p) => createRng(1, p));
 * const { position } = await runAnnealedLangevin(score, init, n, 1, schedule, streams);
 * const mean = position.reduce((a, b) => a + b, 0) / n;
 * const variance = position.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
 * // after the noise-0 steps: close to N(0, 1)
 * console.log(Math.abs(mean) < 0.1, Math.abs(variance - 1) < 0.15); // → true true
 * ```
 */
export async function runAnnealedLangevin(
  score: ScoreFunction,
  init: Float64Array,
  n: number,
  dim: number,
  schedule: readonly AnnealingLevel[],
  streams: Streams,
  options: AnnealedRunOptions = {},
): Promise<AnnealedResult> {
  let position = Float64Array.from(init.subarray(0, n * dim));
  let proposal = new Float64Array(n * dim);
  const gradient = new Float64Array(n * dim);
  const noise = new Float64Array(n * dim);
  const stepSizes = new Float64Array(n);
  const invMetric = new Float64Array(dim).fill(1);
  const total = schedule.reduce((sum, level) => sum + level.steps, 0);
  const levels: LevelReport[] = [];
  let done = 0;
  let nonFinite = 0;
  let evaluations = 0;
  let interrupted = false;

  for (let l = 0; l < schedule.length && !interrupted; l++) {
    const { sigma, stepSize, steps } = schedule[l]!;
    stepSizes.fill(stepSize);
    let squaredNorm = 0;
    let counted = 0;
    let taken = 0;
    for (let t = 0; t < steps; t++) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      score(position, n, sigma, gradient);
      evaluations++;
      fillNormalRows(streams, noise, n, dim);
      langevinProposal(position, gradient, stepSizes, invMetric, noise, proposal, n, dim);
      for (let p = 0; p < n; p++) {
        let norm = 0;
        let finite = 0;
        for (let i = p * dim; i < (p + 1) * dim; i++) {
          norm += gradient[i]! * gradient[i]!;
          finite += proposal[i]! * 0;
        }
        if (finite === 0 && Number.isFinite(norm)) {
          squaredNorm += norm;
          counted++;
        } else {
          // A non-finite score or proposal: the particle stays where it was.
          nonFinite++;
          for (let i = p * dim; i < (p + 1) * dim; i++) proposal[i] = position[i]!;
        }
      }
      [position, proposal] = [proposal, position];
      taken++;
      done++;
      await options.onStep?.(done, total, l);
    }
    levels.push({ sigma, stepSize, steps: taken, meanSquaredScoreNorm: counted > 0 ? squaredNorm / counted : NaN });
  }
  return { position, levels, nonFinite, evaluations, interrupted };
}

/**
 * annealed runs particles, not chains: src/inference/annealed-run.ts drives
 * it (one draw per particle), so the spec has no kernel.
 */
export const annealedSampler: SamplerSpec = {
  name: 'annealed',
  description: 'annealed Langevin (Song-Ermon) over geometric noise levels: one draw per particle',
  exactness: 'particles',
  options: [
    {
      key: 'sigmaMax',
      value: '<x>',
      description: "largest noise level (default 10, or the score network's)",
      type: 'positive-number',
    },
    {
      key: 'sigmaMin',
      value: '<x>',
      description: "smallest noise level (default 0.1, or the score network's)",
      type: 'positive-number',
    },
    { key: 'levels', value: '<L>', description: 'number of noise levels (default 10)', type: 'positive-int' },
    { key: 'stepsPerLevel', value: '<T>', description: 'Langevin steps per level', type: 'positive-int', default: 100 },
    {
      key: 'finalSteps',
      value: '<n>',
      description: 'plain Langevin steps at noise 0 at the end',
      type: 'non-negative-int',
      default: 0,
    },
    {
      key: 'smoothingSamples',
      value: '<k>',
      description: 'draws per particle for the smoothed-score estimate',
      type: 'positive-int',
      default: 16,
    },
  ],
  metrics: [],
  needsLogDensity: false,
};
