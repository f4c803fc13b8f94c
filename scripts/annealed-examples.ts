/**
 * Regenerates examples/annealed/: the two-mode mixture (plain lmc,
 * annealed with the model's noise family, annealed with the smoothed-score
 * estimate) and the learned-score examples (two moons, a ring of 8
 * Gaussians, a checkerboard: data, trained score files, annealed vs plain
 * lmc on the same score, energy distances to fresh data), with SVG figures
 * and results.json. Seeded: a rerun gives the same files.
 *
 * Run (from the repository root):
 *   npx tsc -p tsconfig.json --outDir out/build --declaration false --sourceMap false
 *   node out/build/scripts/annealed-examples.js [mixture] [two-moons] [ring8] [checkerboard]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../src/compile/compile.js';
import { energyDistance } from '../src/diagnostics/energy-distance.js';
import { modeFractions } from '../src/diagnostics/mode-fractions.js';
import { sampleModel } from '../src/inference/sample-model.js';
import { formatPointsCsv } from '../src/io/points-csv.js';
import { sample } from '../src/samplers/run.js';
import { serializeScore } from '../src/score/score-json.js';
import { scoreModel } from '../src/score/score-model.js';
import { trainScore } from '../src/score/train.js';
import { DATASETS, generateDataset, type DatasetName } from './annealed-datasets.js';
import { scatterSvg } from './annealed-plot.js';

const ROOT = 'examples/annealed';
const only = new Set(process.argv.slice(2));
const wanted = (name: string): boolean => only.size === 0 || only.has(name);
const resultsPath = join(ROOT, 'results.json');
const results: Record<string, unknown> = (() => {
  try {
    return JSON.parse(readFileSync(resultsPath, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
})();
const round = (x: number, digits = 4): number => Number(x.toPrecision(digits));

for (const dir of ['data', 'scores', 'figures']) mkdirSync(join(ROOT, dir), { recursive: true });

/** The last draw of each chain: chains × draws × P outputs → chains × P. */
function lastDraws(outputs: Float64Array, chains: number, draws: number, P: number): Float64Array {
  const out = new Float64Array(chains * P);
  for (let c = 0; c < chains; c++)
    out.set(outputs.subarray((c * draws + draws - 1) * P, (c * draws + draws) * P), c * P);
  return out;
}

async function mixture(): Promise<void> {
  const particles = 1280;
  const modes = [
    [5, 5],
    [-5, -5],
  ];
  const common = { chains: particles, seed: 1, stepSize: 0.05, initRadius: 8, modes };
  const annealing = { sigmaMax: 20, sigmaMin: 1, levels: 10, stepsPerLevel: 100, finalSteps: 100 };
  const noisy = await compile(readFileSync('examples/models/mixture_noise.stan', 'utf8'), {
    data: {},
    backend: 'f64',
    name: 'mixture_noise',
  });
  const plain = await compile(readFileSync(join(ROOT, 'mixture.stan'), 'utf8'), {
    data: {},
    backend: 'f64',
    name: 'mixture',
  });

  const lmcFit = await sampleModel(plain, { ...common, sampler: 'lmc', warmup: 0, draws: 1000 });
  const lmc = lastDraws(lmcFit.outputs, particles, 1000, 2);
  const annealed = await sampleModel(noisy, { ...common, sampler: 'annealed', annealing });
  const smoothed: Record<string, { fraction: number; seconds: number; particles: Float64Array }> = {};
  for (const k of [4, 16, 64]) {
    const fit = await sampleModel(plain, {
      ...common,
      sampler: 'annealed',
      annealing: { ...annealing, smoothingSamples: k },
    });
    smoothed[k] = {
      fraction: fit.summary.modes![0]!.fraction,
      seconds: fit.summary.timing.sampling_seconds,
      particles: fit.outputs,
    };
  }
  const fraction = (x: Float64Array): number => modeFractions(x, particles, 2, modes)[0]!.fraction;
  results.mixture = {
    target: '1/5 N((-5,-5), I) + 4/5 N((5,5), I); 1280 particles uniform on [-8, 8]^2; seed 1',
    fraction_in_5_5: {
      lmc: round(fraction(lmc)),
      annealed_noise_model: round(annealed.summary.modes![0]!.fraction),
      annealed_smoothed_score: Object.fromEntries(
        Object.entries(smoothed).map(([k, v]) => [`K=${k}`, round(v.fraction)]),
      ),
    },
    binomial_sd_at_0_8: round(Math.sqrt((0.8 * 0.2) / particles), 2),
    settings: {
      lmc: 'eta 0.05, 1000 steps',
      annealed: 'sigma 20 -> 1, L = 10, T = 100, eta 0.05 at the last level, 100 final steps at noise 0',
    },
    annealing_levels: annealed.summary.annealing!.levels.map((l) => ({
      sigma: round(l.sigma),
      step_size: round(l.step_size),
      mean_squared_score_norm: round(l.mean_squared_score_norm),
    })),
    smoothed_seconds: Object.fromEntries(Object.entries(smoothed).map(([k, v]) => [`K=${k}`, round(v.seconds, 3)])),
  };
  const note = (x: Float64Array): string => `${(100 * fraction(x)).toFixed(1)}% at (5,5)`;
  writeFileSync(
    join(ROOT, 'figures', 'mixture.svg'),
    scatterSvg(
      [
        { title: 'lmc (η = 0.05, 1000 steps)', points: lmc, note: note(lmc) },
        { title: 'annealed, noise model', points: annealed.outputs, color: '#2ca02c', note: note(annealed.outputs) },
        {
          title: 'annealed, smoothed score (K = 16)',
          points: smoothed[16]!.particles,
          color: '#9467bd',
          note: note(smoothed[16]!.particles),
        },
      ],
      {
        range: [-9, 9, -9, 9],
        markers: [
          [5, 5],
          [-5, -5],
        ],
      },
    ),
  );
  noisy.dispose();
  plain.dispose();
}

/** Settings per data set: the box particles start in, training epochs. */
const SETTINGS: Record<DatasetName, { box: number; epochs: number; hidden: number[]; sigmaMin: number }> = {
  'two-moons': { box: 3, epochs: 300, hidden: [128, 128, 128], sigmaMin: 0.05 },
  ring8: { box: 5, epochs: 300, hidden: [128, 128, 128], sigmaMin: 0.1 },
  checkerboard: { box: 5, epochs: 800, hidden: [128, 128, 128], sigmaMin: 0.1 },
};

async function learned(name: DatasetName): Promise<void> {
  const { box, epochs, hidden, sigmaMin: trainSigmaMin } = SETTINGS[name];
  const train = generateDataset(name, 6000, 1);
  const fresh = generateDataset(name, 2000, 2);
  writeFileSync(
    join(ROOT, 'data', `${name}.csv`),
    formatPointsCsv(
      ['x', 'y'],
      train.map((v) => round(v, 6)),
      6000,
    ),
  );
  writeFileSync(
    join(ROOT, 'data', `${name}-fresh.csv`),
    formatPointsCsv(
      ['x', 'y'],
      fresh.map((v) => round(v, 6)),
      2000,
    ),
  );

  const started = performance.now();
  const trained = await trainScore(train, 6000, 2, {
    hidden,
    levels: 10,
    sigmaMin: trainSigmaMin,
    epochs,
    seed: 1,
    onEpoch: (e) => {
      if (e.epoch % 50 === 0)
        console.log(`${name}: epoch ${e.epoch} train ${e.trainLoss.toFixed(4)} held-out ${e.heldOutLoss.toFixed(4)}`);
    },
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const net = trained.net;
  writeFileSync(
    join(ROOT, 'scores', `${name}.json`),
    serializeScore(net, { data_file: `data/${name}.csv`, ...trained.info }),
  );

  const particles = 2000;
  const sigmaMin = net.sigmaMin;
  const eta = 0.05 * sigmaMin * sigmaMin;
  const model = scoreModel(net);
  const annealedFit = await sampleModel(model, {
    sampler: 'annealed',
    chains: particles,
    seed: 1,
    stepSize: eta,
    initRadius: box,
    annealing: { stepsPerLevel: 100 },
  });
  const steps = 100 * net.spec.sigmas.length;
  const lmcRuns: Record<string, Float64Array> = {};
  // Plain lmc at σ_min from the same start: with the annealed run's last step size and
  // the same number of score evaluations, and with a 10× larger step (still stable).
  for (const [label, stepSize] of [
    ['eta_L', eta],
    ['10 eta_L', 10 * eta],
  ] as const) {
    let last = new Float64Array(0);
    sample(model, {
      sampler: 'lmc',
      chains: particles,
      warmup: 0,
      draws: steps,
      thin: steps,
      seed: 1,
      stepSize,
      initRadius: box,
      gradientOnly: true,
      // Kept draws are thinned from the first step on; we want the state after the last step.
      onDraw: (event) => {
        if (event.iteration === steps - 1) last = event.state.position.slice();
      },
    });
    lmcRuns[label] = last;
  }
  const ed = (x: Float64Array): number => round(energyDistance(x, particles, fresh, 2000, 2));
  const baseline = ed(generateDataset(name, particles, 3));
  results[name] = {
    train_points: 6000,
    fresh_points: 2000,
    particles,
    score: {
      hidden,
      sigmas: net.spec.sigmas.map((s) => round(s)),
      epochs,
      seconds: round(trainSeconds, 3),
      final_held_out_loss: trained.info.final_held_out_loss,
    },
    sampler: {
      init: `uniform on [-${box}, ${box}]^2`,
      levels: net.spec.sigmas.length,
      steps_per_level: 100,
      eta_L: round(eta),
    },
    energy_distance_to_fresh_data: {
      annealed: ed(annealedFit.outputs),
      lmc_eta_L: ed(lmcRuns['eta_L']!),
      lmc_10_eta_L: ed(lmcRuns['10 eta_L']!),
      independent_data_sample: baseline,
    },
  };
  const r = results[name] as { energy_distance_to_fresh_data: Record<string, number> };
  const range: [number, number, number, number] = [-box - 0.5, box + 0.5, -box - 0.5, box + 0.5];
  writeFileSync(
    join(ROOT, 'figures', `${name}.svg`),
    scatterSvg(
      [
        { title: 'fresh data', points: fresh, color: '#7f7f7f' },
        {
          title: 'annealed (learned score)',
          points: annealedFit.outputs,
          color: '#2ca02c',
          note: `energy distance ${r.energy_distance_to_fresh_data.annealed}`,
        },
        {
          title: `lmc at σ_min, ${steps} steps`,
          points: lmcRuns['10 eta_L']!,
          note: `energy distance ${r.energy_distance_to_fresh_data.lmc_10_eta_L} (η = 10 η_L)`,
        },
      ],
      { range },
    ),
  );
  net.dispose();
}

if (wanted('mixture')) await mixture();
for (const name of DATASETS) if (wanted(name)) await learned(name);
writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
