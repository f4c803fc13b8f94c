/**
 * Denoising score matching (Vincent 2011; Song and Ermon 2019, seed
 * section 5.3): for data x, σ drawn per example from the levels and
 * x̃ = x + σz, minimise with Adam the λ(σ) = σ² weighted loss
 *
 *     ½ σ² ‖s_θ(x̃, σ) + (x̃ − x)/σ²‖² = ½ ‖σ s_θ(x̃, σ) + z‖²,
 *
 * averaged over examples. A held-out part of the data, with noise drawn
 * once, gives a loss comparable across epochs. Seeded: the same data,
 * options and seed give the same network.
 */
import * as tf from '@tensorflow/tfjs';
import { initTfjs } from '../backends/tfjs/setup.js';
import { LangevinError } from '../errors.js';
import { deriveStream } from '../random/streams.js';
import type { Stream } from '../random/xoshiro.js';
import { geometricLevels } from '../samplers/annealed.js';
import { ScoreNetwork, type Activation } from './network.js';

export interface TrainScoreOptions {
  /** Noise levels; default geometric from sigmaMax to sigmaMin in `levels`. */
  sigmas?: number[];
  /** Default: the largest distance between two data points (Song and Ermon's rule, on ≤ 1000 points). */
  sigmaMax?: number;
  /** Default: sigmaMax / 100. */
  sigmaMin?: number;
  /** Default 10. */
  levels?: number;
  /** Default [128, 128, 128]. */
  hidden?: number[];
  /** Default swish. */
  activation?: Activation;
  /** Default 'gaussian' (see ScoreArchitecture.skip). */
  skip?: 'gaussian' | 'none';
  /** Default 100. */
  epochs?: number;
  /** Default 128. */
  batchSize?: number;
  /** Adam's learning rate, default 1e-3. */
  learningRate?: number;
  /**
   * 'cosine' (default): the learning rate falls from `learningRate` to 1% of
   * it along a half cosine over all batches, so the last weights are not
   * the noisy iterate of a constant-rate run; 'none': constant.
   */
  learningRateDecay?: 'cosine' | 'none';
  /** Fraction of the data held out for the per-epoch loss, default 0.1 (0: none). */
  heldOutFraction?: number;
  seed?: number;
  signal?: AbortSignal;
  /** After every batch. */
  onBatch?: (progress: BatchProgress) => void;
  /** After every epoch. */
  onEpoch?: (report: EpochReport) => void;
}

export interface BatchProgress {
  epoch: number;
  /** Batches done over all epochs, of `total`. */
  done: number;
  total: number;
  /** Loss of this batch. */
  loss: number;
}

export interface EpochReport {
  /** 1-based. */
  epoch: number;
  /** Mean training loss over the epoch's batches. */
  trainLoss: number;
  /** Loss on the held-out data (NaN without a held-out part). */
  heldOutLoss: number;
  seconds: number;
}

export interface TrainScoreResult {
  net: ScoreNetwork;
  history: EpochReport[];
  trainSize: number;
  heldOutSize: number;
  interrupted: boolean;
  /** Everything needed to describe the run in the score file. */
  info: Record<string, unknown>;
}

const DEFAULTS = {
  levels: 10,
  hidden: [128, 128, 128],
  activation: 'swish' as Activation,
  epochs: 100,
  batchSize: 128,
  learningRate: 1e-3,
  heldOutFraction: 0.1,
  seed: 1,
};

/**
 * Train s_θ on n points (row-major n × dim).
 * @example
 * examples/api/score-network.mjs (run by test/docs/examples.test.ts) trains a small network, saves and loads it, and samples from it:
 * `node examples/api/score-network.mjs` after `npm run build`.
 */
export async function trainScore(
  points: Float64Array,
  n: number,
  dim: number,
  options: TrainScoreOptions = {},
): Promise<TrainScoreResult> {
  const seed = options.seed ?? DEFAULTS.seed;
  const epochs = integer('epochs', options.epochs ?? DEFAULTS.epochs, 1);
  const batchSize = integer('batch size', options.batchSize ?? DEFAULTS.batchSize, 1);
  const learningRate = options.learningRate ?? DEFAULTS.learningRate;
  if (!(learningRate > 0 && Number.isFinite(learningRate))) {
    throw new LangevinError(`learning rate must be a positive number, got ${learningRate}`);
  }
  const heldOutFraction = options.heldOutFraction ?? DEFAULTS.heldOutFraction;
  if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
    throw new LangevinError(`held-out fraction must be in [0, 1), got ${heldOutFraction}`);
  }
  if (n < 2) throw new LangevinError(`score training needs at least 2 data points, got ${n}`);
  const sigmas = options.sigmas ?? defaultSigmas(points, n, dim, options);
  const hidden = options.hidden ?? DEFAULTS.hidden;

  await initTfjs();
  // Split: a seeded permutation, the last part held out.
  const order = permutation(n, deriveStream(seed, 'train-score', 'split'));
  const heldOutSize = heldOutFraction > 0 ? Math.min(n - 1, Math.max(1, Math.round(n * heldOutFraction))) : 0;
  const trainIdx = order.subarray(0, n - heldOutSize);
  const heldIdx = order.subarray(n - heldOutSize);
  const trainSize = trainIdx.length;

  const net = ScoreNetwork.initialize(
    {
      architecture: {
        kind: 'mlp',
        dim,
        hidden,
        activation: options.activation ?? DEFAULTS.activation,
        skip: options.skip ?? 'gaussian',
      },
      sigmas,
      normalization: normalization(points, trainIdx, dim),
    },
    deriveStream(seed, 'train-score', 'init'),
  );
  const heldOut =
    heldOutSize > 0
      ? noisyBatch(points, heldIdx, dim, sigmas, deriveStream(seed, 'train-score', 'held-out'))
      : undefined;
  const optimizer = tf.train.adam(learningRate);
  const noiseStream = deriveStream(seed, 'train-score', 'noise');
  const shuffleStream = deriveStream(seed, 'train-score', 'shuffle');
  const batchesPerEpoch = Math.ceil(trainSize / batchSize);
  const decay = options.learningRateDecay ?? 'cosine';
  const totalBatches = epochs * batchesPerEpoch;
  // tfjs reads Adam's rate at every step; the field is not public API.
  const setRate = (done: number): void => {
    const rate =
      decay === 'cosine'
        ? learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos((Math.PI * done) / totalBatches)))
        : learningRate;
    (optimizer as unknown as { learningRate: number }).learningRate = rate;
  };
  const history: EpochReport[] = [];
  let interrupted = false;
  let lastYield = performance.now();

  try {
    for (let epoch = 1; epoch <= epochs && !interrupted; epoch++) {
      const started = performance.now();
      const shuffled = trainIdx.slice();
      shuffle(shuffled, shuffleStream);
      let lossSum = 0;
      let batches = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        if (options.signal?.aborted) {
          interrupted = true;
          break;
        }
        const idx = shuffled.subarray(b * batchSize, Math.min(trainSize, (b + 1) * batchSize));
        const batch = noisyBatch(points, idx, dim, sigmas, noiseStream);
        setRate((epoch - 1) * batchesPerEpoch + b);
        const lossTensor = tf.tidy(() => {
          const tensors = batchTensors(batch, dim);
          return optimizer.minimize(() => dsmLoss(net, tensors), true, net.variables())!;
        });
        const loss = (await lossTensor.data())[0]!;
        lossTensor.dispose();
        lossSum += loss;
        batches++;
        options.onBatch?.({
          epoch,
          done: (epoch - 1) * batchesPerEpoch + b + 1,
          total: epochs * batchesPerEpoch,
          loss,
        });
        if (performance.now() - lastYield > 100) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          lastYield = performance.now();
        }
      }
      if (batches === 0) break;
      const report: EpochReport = {
        epoch,
        trainLoss: lossSum / batches,
        heldOutLoss: heldOut ? evaluateLoss(net, heldOut, dim) : NaN,
        seconds: (performance.now() - started) / 1000,
      };
      history.push(report);
      options.onEpoch?.(report);
    }
  } finally {
    optimizer.dispose();
  }
  const last = history[history.length - 1];
  return {
    net,
    history,
    trainSize,
    heldOutSize,
    interrupted,
    info: {
      seed,
      epochs: history.length,
      batch_size: batchSize,
      learning_rate: learningRate,
      learning_rate_decay: decay,
      train_size: trainSize,
      held_out_size: heldOutSize,
      loss: 'mean over examples of ½‖σ s(x + σz, σ) + z‖², σ uniform over the levels',
      final_train_loss: last?.trainLoss ?? null,
      final_held_out_loss: last && Number.isFinite(last.heldOutLoss) ? last.heldOutLoss : null,
    },
  };
}

interface NoisyBatch {
  size: number;
  /** size × dim noisy points x̃ = x + σz. */
  noisy: Float32Array;
  /** size σ values. */
  sigma: Float32Array;
  /** size × dim standard normals z. */
  z: Float32Array;
}

function noisyBatch(points: Float64Array, idx: Uint32Array, dim: number, sigmas: number[], stream: Stream): NoisyBatch {
  const size = idx.length;
  const noisy = new Float32Array(size * dim);
  const sigma = new Float32Array(size);
  const z = new Float64Array(size * dim);
  stream.fillNormal(z, 0, size * dim);
  for (let r = 0; r < size; r++) {
    const s = sigmas[Math.min(sigmas.length - 1, Math.floor(stream.uniform() * sigmas.length))]!;
    sigma[r] = s;
    for (let j = 0; j < dim; j++) noisy[r * dim + j] = points[idx[r]! * dim + j]! + s * z[r * dim + j]!;
  }
  return { size, noisy, sigma, z: Float32Array.from(z) };
}

interface BatchTensors {
  noisy: tf.Tensor2D;
  sigma: tf.Tensor2D;
  z: tf.Tensor2D;
}

function batchTensors(batch: NoisyBatch, dim: number): BatchTensors {
  return {
    noisy: tf.tensor2d(batch.noisy, [batch.size, dim]),
    sigma: tf.tensor2d(batch.sigma, [batch.size, 1]),
    z: tf.tensor2d(batch.z, [batch.size, dim]),
  };
}

/** Mean over the batch of ½‖σ s_θ(x̃, σ) + z‖². */
function dsmLoss(net: ScoreNetwork, t: BatchTensors): tf.Scalar {
  const residual = tf.add(net.scaledScore(t.noisy, t.sigma), t.z);
  return tf.mul(tf.mean(tf.sum(tf.square(residual), 1)), 0.5) as tf.Scalar;
}

/** The DSM loss of a fixed noisy sample, in chunks (no gradients). */
export function evaluateLoss(net: ScoreNetwork, batch: NoisyBatch, dim: number, chunk = 4096): number {
  let sum = 0;
  for (let from = 0; from < batch.size; from += chunk) {
    const to = Math.min(batch.size, from + chunk);
    const part: NoisyBatch = {
      size: to - from,
      noisy: batch.noisy.subarray(from * dim, to * dim),
      sigma: batch.sigma.subarray(from, to),
      z: batch.z.subarray(from * dim, to * dim),
    };
    const value = tf.tidy(() => dsmLoss(net, batchTensors(part, dim)).dataSync()[0]!);
    sum += value * part.size;
  }
  return sum / batch.size;
}

function defaultSigmas(points: Float64Array, n: number, dim: number, options: TrainScoreOptions): number[] {
  const sigmaMax = options.sigmaMax ?? maxPairwiseDistance(points, n, dim);
  const sigmaMin = options.sigmaMin ?? sigmaMax / 100;
  const levels = options.levels ?? DEFAULTS.levels;
  return geometricLevels(sigmaMax, sigmaMin, levels);
}

/** The largest distance between two of (at most 1000 evenly spaced) points. */
export function maxPairwiseDistance(points: Float64Array, n: number, dim: number): number {
  const stride = Math.max(1, Math.floor(n / 1000));
  let best = 0;
  for (let a = 0; a < n; a += stride) {
    for (let b = a + stride; b < n; b += stride) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (points[a * dim + j]! - points[b * dim + j]!) ** 2;
      if (s > best) best = s;
    }
  }
  if (!(best > 0)) throw new LangevinError('all data points are equal: give --sigma-max');
  return Math.sqrt(best);
}

function normalization(points: Float64Array, idx: Uint32Array, dim: number): { mean: number[]; scale: number } {
  const mean = new Array<number>(dim).fill(0);
  for (const r of idx) for (let j = 0; j < dim; j++) mean[j]! += points[r * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j]! /= idx.length;
  let ss = 0;
  for (const r of idx) for (let j = 0; j < dim; j++) ss += (points[r * dim + j]! - mean[j]!) ** 2;
  const scale = Math.sqrt(ss / (idx.length * dim));
  return { mean, scale: scale > 0 ? scale : 1 };
}

function permutation(n: number, stream: Stream): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffle(order, stream);
  return order;
}

/** Fisher–Yates with the stream's uniforms. */
function shuffle(values: Uint32Array, stream: Stream): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(stream.uniform() * (i + 1));
    const t = values[i]!;
    values[i] = values[j]!;
    values[j] = t;
  }
}

function integer(name: string, value: number, least: number): number {
  if (!Number.isSafeInteger(value) || value < least)
    throw new LangevinError(`${name} must be an integer ≥ ${least}, got ${value}`);
  return value;
}
