// Metastability (seed section 4): lmc-beta on the double well f(x) = (x² − 1)²
// at growing inverse temperature β. Transitions between the wells x = ±1 per
// chain versus the Eyring–Kramers mean time between them, ≈ 1.111·e^β in
// diffusion time (MATH.md "Theory"); one step of size η is η time units.
// Writes metastability.json and metastability.txt.
import { langevin, makeLog, sampleAndReport, saveJson } from './cli.mjs';

const SEED = 1;
const ETA = 0.01;
const DRAWS = 200000;
const THIN = 10;
const CHAINS = 8;
const BETAS = [1, 2, 3, 4, 5, 6, 8];
const kramers = (beta) => ((2 * Math.PI) / Math.sqrt(8 * 4)) * Math.exp(beta);

const log = makeLog();
const time = DRAWS * ETA;
log(
  `lmc-beta on examples/models/double_well.stan: ${CHAINS} chains x ${DRAWS} steps (thin ${THIN}), step size ${ETA},`,
);
log(`--warmup 0 (identity metric), --basins "x=-1; x=1" (radius 0.5), seed ${SEED}; diffusion time per chain ${time}`);
log(
  'beta  Kramers time  Kramers steps  transitions per chain               observed time  obs/Kramers  occupancy x=-1 / x=1',
);
const rows = [];
for (const beta of BETAS) {
  const fit = langevin([
    'sample',
    'examples/models/double_well.stan',
    '--sampler',
    'lmc-beta',
    '--beta',
    String(beta),
    '--step-size',
    String(ETA),
    '--warmup',
    '0',
    '--draws',
    String(DRAWS),
    '--thin',
    String(THIN),
    '--chains',
    String(CHAINS),
    '--seed',
    String(SEED),
    '--basins',
    'x=-1; x=1',
    '--json',
  ]);
  const transitions = fit.basins.transitions_per_chain;
  const total = transitions.reduce((a, b) => a + b, 0);
  const observed = total > 0 ? (CHAINS * time) / total : null;
  const row = {
    beta,
    kramers_time: kramers(beta),
    kramers_steps: kramers(beta) / ETA,
    transitions_per_chain: transitions,
    observed_time: observed,
    ratio: observed === null ? null : observed / kramers(beta),
    occupancy: fit.basins.occupancy.map((o) => o.fraction),
  };
  rows.push(row);
  log(
    `${String(beta).padEnd(5)} ${row.kramers_time.toPrecision(4).padEnd(13)} ${Math.round(row.kramers_steps).toString().padEnd(14)} ` +
      `${transitions.join(', ').padEnd(35)} ${observed === null ? '> ' + (CHAINS * time).toFixed(0) : observed.toPrecision(4)}`.padEnd(
        14,
      ) +
      `${(row.ratio === null ? '-' : row.ratio.toFixed(2)).padStart(12)}  ${row.occupancy.map((f) => f.toFixed(3)).join(' / ')}`,
  );
}
log('');
log("observed time = chains x diffusion time / all transitions; a transition is an arrival in the other well's ball.");
const page = sampleAndReport('double-well-beta4', [
  'sample',
  'examples/models/double_well.stan',
  '--sampler',
  'lmc-beta',
  '--beta',
  '4',
  '--step-size',
  String(ETA),
  '--warmup',
  '0',
  '--draws',
  String(DRAWS),
  '--thin',
  String(THIN),
  '--chains',
  '4',
  '--seed',
  String(SEED),
  '--basins',
  'x=-1; x=1',
]);
log(`traces of 4 chains at beta = 4: ${page}`);
saveJson('metastability.json', { seed: SEED, step_size: ETA, steps: DRAWS, thin: THIN, chains: CHAINS, rows });
log.save('metastability.txt');
