// ULA's step-size bias (seed section 1, MATH.md "ULA bias on a Gaussian"):
// on N(0, σ²) with σ² = 1, lmc with a fixed step η settles at variance
// σ²/(1 − η/(2σ²)), MALA at σ². Writes ula-bias.json and ula-bias.txt.
import { langevin, makeLog, saveJson } from './cli.mjs';

const SEED = 1;
const STEPS = [0.05, 0.1, 0.2, 0.5, 1.0];
const common = ['--warmup', '0', '--draws', '50000', '--chains', '4', '--seed', String(SEED), '--json'];
const log = makeLog();
const rows = [];

log(`ULA bias on N(0, 1): 4 chains x 50000 draws, --warmup 0 (identity metric), seed ${SEED}`);
log('eta    predicted lmc var  lmc var (± 2 MCSE)   mala var (± 2 MCSE)  mala accept');
for (const eta of STEPS) {
  const run = (sampler) =>
    langevin(['sample', 'examples/theory/gaussian.stan', '--sampler', sampler, '--step-size', String(eta), ...common]);
  const lmc = run('lmc');
  const mala = run('mala');
  const variance = (fit) => {
    const p = fit.parameters[0];
    return { variance: p.sd ** 2, mcse: 2 * p.sd * p.mcse_sd };
  };
  const accept = mala.chain_info.reduce((a, c) => a + c.acceptance_rate, 0) / mala.chain_info.length;
  const row = {
    eta,
    predicted_lmc_variance: 1 / (1 - eta / 2),
    lmc: variance(lmc),
    mala: variance(mala),
    mala_acceptance: accept,
  };
  rows.push(row);
  const pm = (v) => `${v.variance.toFixed(4)} ± ${(2 * v.mcse).toFixed(4)}`;
  log(
    `${eta.toFixed(2).padEnd(6)} ${row.predicted_lmc_variance.toFixed(4).padEnd(18)} ${pm(row.lmc).padEnd(20)} ${pm(row.mala).padEnd(20)} ${accept.toFixed(3)}`,
  );
}

log('');
log(
  `langevin compare examples/models/normal_target.stan --data examples/models/normal_target.data.json --samplers lmc,mala --seed ${SEED}`,
);
const compare = langevin([
  'compare',
  'examples/models/normal_target.stan',
  '--data',
  'examples/models/normal_target.data.json',
  '--samplers',
  'lmc,mala',
  '--seed',
  String(SEED),
]);
log(compare.trimEnd());
const adapted = ['lmc', 'mala'].map((sampler) => {
  const fit = langevin([
    'sample',
    'examples/models/normal_target.stan',
    '--data',
    'examples/models/normal_target.data.json',
    '--sampler',
    sampler,
    '--seed',
    String(SEED),
    '--json',
  ]);
  const sigma = fit.parameters.find((p) => p.name === 'sigma');
  return {
    sampler,
    step_size: fit.chain_info[0].step_size,
    sigma_mean: sigma.mean,
    sigma_sd: sigma.sd,
    sigma_mcse_mean: sigma.mcse_mean,
  };
});
log('');
log('same runs with `sample` (default warm-up adapts the step size toward MALA acceptance 0.574):');
for (const a of adapted)
  log(
    `  ${a.sampler.padEnd(5)} step ${a.step_size.toPrecision(3)}  sigma mean ${a.sigma_mean.toFixed(4)} (MCSE ${a.sigma_mcse_mean.toFixed(4)})  sd ${a.sigma_sd.toFixed(4)}`,
  );

log('');
log('fixed smaller steps (the metric still adapts in warm-up), 4 chains x 4000 draws:');
const fixed = [
  ['lmc', '0.3'],
  ['lmc', '0.1'],
  ['mala', null],
].map(([sampler, eta]) => {
  const fit = langevin([
    'sample',
    'examples/models/normal_target.stan',
    '--data',
    'examples/models/normal_target.data.json',
    '--sampler',
    sampler,
    ...(eta ? ['--step-size', eta] : []),
    '--draws',
    '4000',
    '--seed',
    String(SEED),
    '--json',
  ]);
  const sigma = fit.parameters.find((p) => p.name === 'sigma');
  const row = {
    sampler,
    step_size: fit.chain_info[0].step_size,
    sigma_sd: sigma.sd,
    sigma_mcse_sd: sigma.mcse_sd,
    sigma_ess_bulk: sigma.ess_bulk,
  };
  log(
    `  ${sampler.padEnd(5)} step ${row.step_size.toPrecision(3)}  sigma sd ${row.sigma_sd.toFixed(4)} (MCSE ${row.sigma_mcse_sd.toFixed(4)})  ESS bulk ${Math.round(row.sigma_ess_bulk)}`,
  );
  return row;
});

saveJson('ula-bias.json', { seed: SEED, gaussian: rows, normal_target: adapted, normal_target_fixed_steps: fixed });
log.save('ula-bias.txt');
