import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { LangevinError } from '../../src/errors.js';
import { deriveStream } from '../../src/random/streams.js';
import { ScoreNetwork, type ScoreNetworkSpec } from '../../src/score/network.js';
import { parseScore, scoreToJson, serializeScore } from '../../src/score/score-json.js';
import { scoreModel } from '../../src/score/score-model.js';
import { initTfjs } from '../../src/backends/tfjs/setup.js';
import { sample } from '../../src/samplers/run.js';

const spec: ScoreNetworkSpec = {
  architecture: { kind: 'mlp', dim: 2, hidden: [16, 8], activation: 'swish' },
  sigmas: [3, 1, 0.3],
  normalization: { mean: [0.5, -1], scale: 2 },
};

/** A network with every weight random (the initialiser zeroes the output layer). */
function randomNetwork(): ScoreNetwork {
  const stream = deriveStream(11, 'score-json-test');
  const weights = ScoreNetwork.weightShapes(spec.architecture).map((shape) =>
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => stream.normal() * 0.5),
  );
  return ScoreNetwork.fromWeights(spec, weights);
}

describe('score files', () => {
  it('round-trips: a loaded network gives identical scores', async () => {
    await initTfjs();
    const net = randomNetwork();
    const x = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i) * 3);
    const text = serializeScore(net, { seed: 1 });
    const loaded = parseScore(text);
    for (const sigma of [3, 0.7, 0.3])
      expect(Array.from(loaded.score(x, 20, sigma))).toEqual(Array.from(net.score(x, 20, sigma)));
    expect(loaded.spec).toEqual(net.spec);
    expect(JSON.parse(text).training).toEqual({ seed: 1 });
    net.dispose();
    loaded.dispose();
  });

  it('evaluates a batch with one σ per point as the same points one σ at a time', async () => {
    await initTfjs();
    const net = randomNetwork();
    const x = Float64Array.from([1, 2, -1, 0.5, 3, -2]);
    const perPoint = net.score(x, 3, Float64Array.from([3, 1, 0.3]));
    const single = [3, 1, 0.3].map((s, i) => Array.from(net.score(x.subarray(2 * i, 2 * i + 2), 1, s)));
    expect(Array.from(perPoint)).toEqual(single.flat());
    net.dispose();
  });

  it('does not leak tensors', async () => {
    await initTfjs();
    const net = randomNetwork();
    const x = new Float64Array(200).fill(0.3);
    net.score(x, 100, 1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) net.score(x, 100, 1);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('an untrained network is the score of the data Gaussian smoothed at σ', async () => {
    await initTfjs();
    const net = ScoreNetwork.initialize(spec, deriveStream(1, 'init'));
    const s = net.score(Float64Array.from([2.5, 1]), 1, 1);
    // −(x − μ)/(c² + σ²) with μ = (0.5, −1), c = 2, σ = 1.
    expect(s[0]).toBeCloseTo(-2 / 5, 6);
    expect(s[1]).toBeCloseTo(-2 / 5, 6);
    net.dispose();
  });

  it('scoreModel exposes the score as a gradient-only model named x[1], x[2]', async () => {
    await initTfjs();
    const net = randomNetwork();
    const model = scoreModel(net);
    expect(model.outputNames).toEqual(['x[1]', 'x[2]']);
    const x = Float64Array.from([1, 2]);
    const r = model.logDensityAndGradient(x, 1);
    expect(Number.isNaN(r.logDensity[0])).toBe(true);
    expect(Array.from(r.gradient)).toEqual(Array.from(net.score(x, 1, 0.3)));
    expect(Array.from(model.logDensityAndGradient(x, 1, { noise: 3 }).gradient)).toEqual(
      Array.from(net.score(x, 1, 3)),
    );
    expect(Array.from(model.generate(x, 1, deriveStream(1)))).toEqual([1, 2]);
    model.dispose();
  });

  it('drives lmc as a gradient-only model: an untrained network samples N(μ, c² + σ²)', async () => {
    await initTfjs();
    const model = scoreModel(ScoreNetwork.initialize(spec, deriveStream(1, 'init')));
    const chains = 1000;
    let last = new Float64Array(0);
    sample(model, {
      sampler: 'lmc',
      chains,
      warmup: 0,
      draws: 300,
      thin: 300,
      seed: 1,
      stepSize: 0.1,
      gradientOnly: true,
      onDraw: (event) => {
        if (event.iteration === 299) last = event.state.position.slice();
      },
    });
    // At σ = 0.3 the score is that of N(μ, 4.09 I); ULA with η = 0.1 inflates the variance
    // to v/(1 − η/(2v)) = 4.140. Tolerances: 4 standard errors with 1000 chains.
    const v = 4.09 / (1 - 0.1 / (2 * 4.09));
    for (let i = 0; i < 2; i++) {
      let mean = 0;
      let m2 = 0;
      for (let c = 0; c < chains; c++) {
        mean += last[2 * c + i]! / chains;
        m2 += last[2 * c + i]! ** 2 / chains;
      }
      expect(Math.abs(mean - spec.normalization.mean[i]!)).toBeLessThan(4 * Math.sqrt(v / chains));
      expect(Math.abs(m2 - mean * mean - v)).toBeLessThan(4 * v * Math.sqrt(2 / chains));
    }
    model.dispose();
  });

  it('rejects broken files with one clear LangevinError', async () => {
    await initTfjs();
    const net = randomNetwork();
    const good = scoreToJson(net);
    net.dispose();
    const cases: Array<[string, string, RegExp]> = [
      ['not json', '{', /not valid JSON/],
      ['other format', JSON.stringify({ format: 'keras' }), /not a langevin score file/],
      ['wrong version', JSON.stringify({ ...good, version: 9 }), /version 9/],
      ['short weights', JSON.stringify({ ...good, weights: good.weights.slice(1) }), /weight arrays/],
      ['bad sigmas', JSON.stringify({ ...good, sigmas: [1, 2] }), /decreasing/],
      ['bad mean', JSON.stringify({ ...good, normalization: { mean: [0], scale: 1 } }), /2 numbers/],
    ];
    for (const [, text, pattern] of cases) {
      expect(() => parseScore(text, 'bad.json')).toThrow(LangevinError);
      expect(() => parseScore(text, 'bad.json')).toThrow(pattern);
    }
  });
});
