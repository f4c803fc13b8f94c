/**
 * A noise-conditional score network s_θ(x, σ) for low-dimensional data:
 * an MLP on the normalised input and log σ, written as
 *
 *     s_θ(x, σ) = −(x − μ)/(c² + σ²) + f_θ(u, t)/σ,   u = (x − μ)/√(c² + σ²),
 *
 * with μ the data mean, c² the mean per-coordinate data variance and t the
 * noise level's position in the trained range, log σ mapped linearly so
 * that σ_max → 1 and σ_min → −1 (inputs of order one at every level). The
 * first term (architecture.skip 'gaussian', the default) is the exact score of the Gaussian with the data's mean and
 * scale smoothed at σ (right for large σ, where the data look like a
 * blob); the network adds the rest, scaled by 1/σ as Song and Ermon do, so
 * its output σ·s is of order one at every level. The last layer starts at
 * zero: an untrained network is that Gaussian score.
 */
import * as tf from '@tensorflow/tfjs';
import { InternalError, LangevinError } from '../errors.js';
import type { Stream } from '../random/xoshiro.js';

import { ACTIVATIONS, type Activation } from './format.js';

export { ACTIVATIONS, type Activation };

export interface ScoreArchitecture {
  kind: 'mlp';
  /** Data dimension d. */
  dim: number;
  /** Hidden layer widths. */
  hidden: number[];
  activation: Activation;
  /**
   * 'gaussian' (default): add the exact score of the data's Gaussian
   * approximation smoothed at σ, so the MLP learns the remainder; 'none':
   * the MLP alone.
   */
  skip?: 'gaussian' | 'none';
}

export interface ScoreNormalization {
  /** Per-coordinate data mean μ (d). */
  mean: number[];
  /** c: the root mean per-coordinate variance of the data. */
  scale: number;
}

export interface ScoreNetworkSpec {
  architecture: ScoreArchitecture;
  /** The noise levels σ_1 > … > σ_L the network was trained on. */
  sigmas: number[];
  normalization: ScoreNormalization;
}

/** One dense layer: kernel [in × out] and bias [out]. */
interface Layer {
  kernel: tf.Variable;
  bias: tf.Variable;
}

export class ScoreNetwork {
  readonly spec: ScoreNetworkSpec;
  private readonly layers: Layer[];
  private readonly meanTensor: tf.Tensor2D;
  private disposed = false;

  private constructor(spec: ScoreNetworkSpec, layers: Layer[]) {
    this.spec = spec;
    this.layers = layers;
    this.meanTensor = tf.tensor2d(Float32Array.from(spec.normalization.mean), [1, spec.architecture.dim]);
  }

  get dim(): number {
    return this.spec.architecture.dim;
  }

  get sigmaMax(): number {
    return this.spec.sigmas[0]!;
  }

  get sigmaMin(): number {
    return this.spec.sigmas[this.spec.sigmas.length - 1]!;
  }

  /** Layer widths: d + 1 inputs, the hidden widths, d outputs. */
  static layerSizes(architecture: ScoreArchitecture): number[] {
    return [architecture.dim + 1, ...architecture.hidden, architecture.dim];
  }

  /** Glorot-uniform hidden layers drawn from `stream`, zero biases, zero output layer. */
  static initialize(spec: ScoreNetworkSpec, stream: Stream): ScoreNetwork {
    checkSpec(spec);
    const sizes = ScoreNetwork.layerSizes(spec.architecture);
    const values: Float32Array[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l]!;
      const fanOut = sizes[l + 1]!;
      const kernel = new Float32Array(fanIn * fanOut);
      const last = l + 2 === sizes.length;
      if (!last) {
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        for (let i = 0; i < kernel.length; i++) kernel[i] = (2 * stream.uniform() - 1) * limit;
      }
      values.push(kernel, new Float32Array(fanOut));
    }
    return ScoreNetwork.fromWeights(spec, values);
  }

  /** Build from weights in layer order: kernel 1, bias 1, kernel 2, … */
  static fromWeights(spec: ScoreNetworkSpec, weights: Float32Array[]): ScoreNetwork {
    checkSpec(spec);
    const shapes = ScoreNetwork.weightShapes(spec.architecture);
    if (weights.length !== shapes.length) {
      throw new LangevinError(`score network: ${weights.length} weight arrays, expected ${shapes.length}`);
    }
    const layers: Layer[] = [];
    for (let l = 0; l < shapes.length; l += 2) {
      const [fanIn, fanOut] = shapes[l]!;
      const kernel = weights[l]!;
      const bias = weights[l + 1]!;
      if (kernel.length !== fanIn! * fanOut! || bias.length !== fanOut) {
        throw new LangevinError(
          `score network: layer ${l / 2 + 1} weights do not match its ${fanIn} × ${fanOut} shape`,
        );
      }
      layers.push({
        kernel: tf.variable(tf.tensor2d(kernel, [fanIn!, fanOut!]), true),
        bias: tf.variable(tf.tensor1d(bias), true),
      });
    }
    return new ScoreNetwork(spec, layers);
  }

  /** Shapes of the weight arrays in order: [in, out] kernels and [out] biases. */
  static weightShapes(architecture: ScoreArchitecture): number[][] {
    const sizes = ScoreNetwork.layerSizes(architecture);
    const shapes: number[][] = [];
    for (let l = 0; l + 1 < sizes.length; l++) shapes.push([sizes[l]!, sizes[l + 1]!], [sizes[l + 1]!]);
    return shapes;
  }

  /** The trainable variables, kernel and bias per layer. */
  variables(): tf.Variable[] {
    this.checkAlive();
    return this.layers.flatMap((layer) => [layer.kernel, layer.bias]);
  }

  /** Current weights as Float32Arrays, in `weightShapes` order. */
  weights(): Float32Array[] {
    return this.variables().map((v) => Float32Array.from(v.dataSync() as Float32Array));
  }

  /**
   * σ·s_θ(x, σ) for a batch: x [n × d], sigma [n × 1]. Used by training
   * (the DSM loss is ½‖σ s + z‖²) and, divided by σ, by `score`.
   */
  scaledScore(x: tf.Tensor2D, sigma: tf.Tensor2D): tf.Tensor2D {
    this.checkAlive();
    return tf.tidy(() => {
      const c2 = this.spec.normalization.scale ** 2;
      const variance = tf.add(tf.square(sigma), c2); // c² + σ²
      const centred = tf.sub(x, this.meanTensor);
      const u = tf.div(centred, tf.sqrt(variance));
      let h: tf.Tensor2D = tf.concat([u, this.noiseEmbedding(sigma)], 1) as tf.Tensor2D;
      this.layers.forEach((layer, l) => {
        h = tf.add(tf.matMul(h, layer.kernel as tf.Tensor2D), layer.bias) as tf.Tensor2D;
        if (l + 1 < this.layers.length) h = activate(h, this.spec.architecture.activation);
      });
      if (this.spec.architecture.skip === 'none') return h;
      // σ·(Gaussian score) = −σ(x − μ)/(c² + σ²)
      const gaussian = tf.neg(tf.div(tf.mul(centred, sigma), variance));
      return tf.add(gaussian, h) as tf.Tensor2D;
    });
  }

  /** t = 2 (log σ − log σ_min)/(log σ_max − log σ_min) − 1 (log σ − log σ_min for one level). */
  private noiseEmbedding(sigma: tf.Tensor2D): tf.Tensor2D {
    const low = Math.log(this.sigmaMin);
    const span = Math.log(this.sigmaMax) - low;
    return span > 0
      ? (tf.sub(tf.mul(tf.sub(tf.log(sigma), low), 2 / span), 1) as tf.Tensor2D)
      : (tf.sub(tf.log(sigma), low) as tf.Tensor2D);
  }

  /**
   * s_θ(x, σ) for n points (row-major n × d, Float64), at one σ or one σ
   * per point; one tfjs call for the whole batch, Float64 out.
   */
  score(
    x: Float64Array,
    n: number,
    sigma: number | Float64Array,
    out: Float64Array = new Float64Array(n * this.dim),
  ): Float64Array {
    const d = this.dim;
    if (x.length < n * d || out.length < n * d) throw new InternalError(`score: ${x.length} values for ${n} × ${d}`);
    const sigmas = new Float32Array(n);
    if (typeof sigma === 'number') sigmas.fill(sigma);
    else sigmas.set(sigma.subarray(0, n));
    for (let i = 0; i < n; i++) {
      if (!(sigmas[i]! > 0)) throw new InternalError(`score: σ must be positive, got ${sigmas[i]}`);
    }
    const values = tf.tidy(() => {
      const xs = tf.tensor2d(Float32Array.from(x.subarray(0, n * d)), [n, d]);
      const ss = tf.tensor2d(sigmas, [n, 1]);
      return tf.div(this.scaledScore(xs, ss), ss).dataSync() as Float32Array;
    });
    for (let i = 0; i < n * d; i++) out[i] = values[i]!;
    return out;
  }

  dispose(): void {
    if (this.disposed) return;
    for (const v of this.variables()) v.dispose();
    this.meanTensor.dispose();
    this.disposed = true;
  }

  private checkAlive(): void {
    if (this.disposed) throw new InternalError('score network used after dispose()');
  }
}

function activate(h: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'swish':
      return tf.mul(h, tf.sigmoid(h));
    case 'softplus':
      return tf.softplus(h);
    case 'tanh':
      return tf.tanh(h);
  }
}

/** A spec that cannot describe a network is a user error (it comes from a file or options). */
export function checkSpec(spec: ScoreNetworkSpec): void {
  const a = spec.architecture;
  if (a.kind !== 'mlp')
    throw new LangevinError(`score network: unknown architecture '${String(a.kind)}' (expected mlp)`);
  if (!Number.isSafeInteger(a.dim) || a.dim < 1)
    throw new LangevinError(`score network: dimension must be ≥ 1, got ${a.dim}`);
  if (!Array.isArray(a.hidden) || a.hidden.some((w) => !Number.isSafeInteger(w) || w < 1)) {
    throw new LangevinError('score network: hidden layer widths must be positive integers');
  }
  if (!ACTIVATIONS.includes(a.activation)) {
    throw new LangevinError(
      `score network: unknown activation '${String(a.activation)}' (expected ${ACTIVATIONS.join(', ')})`,
    );
  }
  if (a.skip !== undefined && a.skip !== 'gaussian' && a.skip !== 'none') {
    throw new LangevinError(`score network: unknown skip '${String(a.skip)}' (expected gaussian or none)`);
  }
  const s = spec.sigmas;
  if (!Array.isArray(s) || s.length < 1 || s.some((x) => !(x > 0 && Number.isFinite(x)))) {
    throw new LangevinError('score network: sigmas must be positive numbers');
  }
  for (let i = 1; i < s.length; i++) {
    if (!(s[i]! < s[i - 1]!)) throw new LangevinError('score network: sigmas must be decreasing');
  }
  const norm = spec.normalization;
  if (!Array.isArray(norm.mean) || norm.mean.length !== a.dim || norm.mean.some((m) => !Number.isFinite(m))) {
    throw new LangevinError(`score network: normalization.mean must hold ${a.dim} numbers`);
  }
  if (!(norm.scale > 0 && Number.isFinite(norm.scale))) {
    throw new LangevinError('score network: normalization.scale must be a positive number');
  }
}
