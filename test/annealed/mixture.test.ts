import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { InternalError, LangevinError } from '../../src/errors.js';
import { runAnnealed } from '../../src/inference/annealed-run.js';
import { sample } from '../../src/samplers/run.js';
import { compile } from '../../src/compile/compile.js';
import { deriveStream } from '../../src/random/streams.js';
import { modeFractions } from '../../src/diagnostics/mode-fractions.js';
import { ScoreNetwork } from '../../src/score/network.js';
import { initTfjs } from '../../src/backends/tfjs/setup.js';
import { mixtureModel } from '../score/helpers.js';

// p = 1/5 N((−5,−5), I) + 4/5 N((5,5), I); 1280 particles uniform on [−8, 8]².
const particles = 1280;
const modes = [
  [5, 5],
  [-5, -5],
];
const annealing = { sigmaMax: 20, sigmaMin: 1, levels: 10, stepsPerLevel: 100, finalSteps: 100 };
/** 3 binomial standard errors of a fraction near 0.8 (or 0.5) with 1280 particles. */
const tolerance = (p: number): number => 3 * Math.sqrt((p * (1 - p)) / particles);

describe('annealed sampler on a two-mode mixture', () => {
  it('puts 0.8 of the particles in the (5,5) mode with exact noise-conditional scores', async () => {
    const fit = await runAnnealed(mixtureModel(true), {
      sampler: 'annealed',
      chains: particles,
      seed: 1,
      stepSize: 0.05,
      initRadius: 8,
      modes,
      annealing,
    });
    const fraction = fit.summary.modes![0]!.fraction;
    expect(Math.abs(fraction - 0.8)).toBeLessThan(tolerance(0.8));
    // Shape of a particle fit: one draw per particle, no chain diagnostics.
    expect(fit.chains).toBe(particles);
    expect(fit.draws).toBe(1);
    expect(fit.outputs.length).toBe(2 * particles);
    expect(fit.summary.parameters.map((p) => p.name)).toEqual(['x[1]', 'x[2]']);
    expect(fit.summary.parameters[0]!.rhat).toBeNull();
    expect(fit.summary.parameters[0]!.ess_bulk).toBeNull();
    expect(fit.summary.parameters[0]!.mean).toBeCloseTo(0.6 * 5 + 0.4 * (fraction - 0.8) * 25, 0);
    const levels = fit.summary.annealing!.levels;
    expect(levels).toHaveLength(11);
    expect(levels[9]!.step_size).toBeCloseTo(0.05, 12);
    expect(levels[0]!.step_size).toBeCloseTo(0.05 * 400, 9);
    expect(levels[10]!.sigma).toBe(0);
  });

  it('plain lmc keeps the initial split, about one half in each mode', async () => {
    // The state after the last of 1000 steps (kept draws are thinned from the first step on).
    let last = new Float64Array(0);
    sample(mixtureModel(true), {
      sampler: 'lmc',
      chains: particles,
      warmup: 0,
      draws: 1000,
      thin: 1000,
      stepSize: 0.05,
      initRadius: 8,
      seed: 1,
      onDraw: (event) => {
        if (event.iteration === 999) last = event.state.position.slice();
      },
    });
    const fraction = modeFractions(last, particles, 2, modes)[0]!.fraction;
    expect(Math.abs(fraction - 0.5)).toBeLessThan(tolerance(0.5));
  });

  it('the compiled examples/models/mixture_noise.stan gives the same weights', async () => {
    const source = readFileSync(new URL('../../examples/models/mixture_noise.stan', import.meta.url), 'utf8');
    const model = await compile(source, { data: {}, backend: 'f64', name: 'mixture_noise' });
    expect(model.readsNoise).toBe(true);
    const fit = await runAnnealed(model, {
      chains: particles,
      seed: 2,
      stepSize: 0.05,
      initRadius: 8,
      modes,
      annealing,
    });
    expect(Math.abs(fit.summary.modes![0]!.fraction - 0.8)).toBeLessThan(tolerance(0.8));
    model.dispose();
  });

  it('falls back to the smoothed-score estimate for a model without noise, and says so', async () => {
    const n = 400;
    const fit = await runAnnealed(mixtureModel(false), {
      chains: n,
      seed: 1,
      stepSize: 0.05,
      initRadius: 8,
      modes,
      annealing: { ...annealing, smoothingSamples: 8 },
    });
    expect(fit.summary.warnings).toHaveLength(1);
    expect(fit.summary.warnings[0]).toMatch(/smoothed score .* 8 draws per particle/);
    // No particle is thrown out at large σ (the gradient form alone did that: 1e36) ...
    for (let p = 0; p < n; p++) {
      const x = fit.outputs[2 * p]!;
      const y = fit.outputs[2 * p + 1]!;
      expect(Math.min(Math.hypot(x - 5, y - 5), Math.hypot(x + 5, y + 5))).toBeLessThan(8);
    }
    // ... and more than plain lmc's one half in the heavy mode (finite K biases the weights
    // toward one half: 0.58, 0.64, 0.70 with K = 4, 16, 64 and 1280 particles, docs/annealed.md;
    // about 0.61 expected here, 4.5 binomial standard errors above 0.5).
    expect(fit.summary.modes![0]!.fraction).toBeGreaterThan(0.5);
  });

  it('reports the energy distance to a reference sample', async () => {
    // Reference: exact draws from p.
    const stream = deriveStream(4, 'reference');
    const m = 1000;
    const points = new Float64Array(2 * m);
    for (let r = 0; r < m; r++) {
      const c = stream.uniform() < 0.2 ? -5 : 5;
      points[2 * r] = c + stream.normal();
      points[2 * r + 1] = c + stream.normal();
    }
    const reference = { names: ['x.1', 'x.2'], n: m, dim: 2, points };
    const fit = await runAnnealed(mixtureModel(true), {
      chains: 400,
      seed: 3,
      stepSize: 0.05,
      initRadius: 8,
      annealing: { ...annealing, reference },
    });
    const near = fit.summary.energy_distance!;
    const lmc = await runAnnealed(mixtureModel(true), {
      chains: 400,
      seed: 3,
      stepSize: 0.05,
      initRadius: 8,
      // One level at σ = 1 only, no annealing: stuck at the initial split.
      annealing: { sigmaMax: 2, sigmaMin: 1, levels: 1, stepsPerLevel: 200, finalSteps: 100, reference },
    });
    expect(near).toBeLessThan(0.15);
    expect(lmc.summary.energy_distance!).toBeGreaterThan(3 * near);
  });

  it('rejects a score network of another dimension than the model', async () => {
    await initTfjs();
    const net = ScoreNetwork.initialize(
      {
        architecture: { kind: 'mlp', dim: 1, hidden: [4], activation: 'swish' },
        sigmas: [1, 0.5],
        normalization: { mean: [0], scale: 1 },
      },
      deriveStream(1),
    );
    await expect(runAnnealed(mixtureModel(true), { chains: 10, annealing: { score: net } })).rejects.toThrow(
      /score network has dimension 1 but the model has 2 parameters/,
    );
    await expect(
      runAnnealed(mixtureModel(true), { chains: 10, annealing: { sigmaMin: 2, sigmaMax: 1 } }),
    ).rejects.toThrow(LangevinError);
    await expect(runAnnealed(mixtureModel(true), { chains: 10, annealing: { levels: 0 } })).rejects.toThrow(
      /levels must be/,
    );
    // The library reads no files: a caller passes the loaded network.
    await expect(runAnnealed(mixtureModel(true), { chains: 10, annealing: { scoreFile: 's.json' } })).rejects.toThrow(
      InternalError,
    );
    net.dispose();
  });
});
