// Multimodality and annealing (seed section 5): the mixture
// 0.2 N((-5,-5), I) + 0.8 N((5,5), I). Plain lmc from inits spread over
// both basins keeps the initial split; annealed Langevin (Song–Ermon)
// recovers the weights. Writes annealing.json and annealing.txt.
import { langevin, makeLog, sampleAndReport, saveJson } from './cli.mjs';

const SEED = 1;
const MODEL = 'examples/models/mixture_noise.stan';
const MODES = '-5,-5;5,5';
const log = makeLog();
const runs = [];

const record = (label, args) => {
  log(`$ langevin ${args.map((a) => (/[;\s]/.test(a) ? `"${a}"` : a)).join(' ')}`);
  const fit = langevin([...args, '--json']);
  const fractions = fit.modes.map((m) => m.fraction);
  const n = fit.chains * fit.draws;
  runs.push({ label, args, draws: n, fractions });
  log(
    `  ${label}: fraction near (-5,-5) = ${fractions[0].toFixed(3)}, near (5,5) = ${fractions[1].toFixed(3)}   (truth 0.200 / 0.800)`,
  );
  return fit;
};

record('lmc, 200 chains from uniform(-10, 10)^2', [
  'sample',
  MODEL,
  '--sampler',
  'lmc',
  '--init',
  '10',
  '--chains',
  '200',
  '--seed',
  String(SEED),
  '--modes',
  MODES,
]);
record('mala, 200 chains from uniform(-10, 10)^2', [
  'sample',
  MODEL,
  '--sampler',
  'mala',
  '--init',
  '10',
  '--chains',
  '200',
  '--seed',
  String(SEED),
  '--modes',
  MODES,
]);
record('annealed, 1000 particles (defaults)', [
  'sample',
  MODEL,
  '--sampler',
  'annealed',
  '--seed',
  String(SEED),
  '--modes',
  MODES,
]);
log('');
log('A chain of lmc or mala sees only the basin it starts in: the barrier between the components is');
log('23.6 (small mode) to 25 nats (large mode) high in log density above the saddle near the origin, so the fractions');
log('are the initial split (the line x1 + x2 = -0.14 cuts the init square nearly in half), not the weights.');
log('Annealing starts at noise levels where the smoothed components overlap, then follows them down.');
log('');
log(
  `scatter of 8 lmc chains: ${sampleAndReport('mixture-lmc', ['sample', MODEL, '--sampler', 'lmc', '--init', '10', '--chains', '8', '--seed', String(SEED), '--modes', MODES])}`,
);
log(
  `scatter of the annealed particles: ${sampleAndReport('mixture-annealed', ['sample', MODEL, '--sampler', 'annealed', '--seed', String(SEED), '--modes', MODES])}`,
);
saveJson('annealing.json', { seed: SEED, runs });
log.save('annealing.txt');
