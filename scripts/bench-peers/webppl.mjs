/**
 * WebPPL HMC on M2 (logistic regression) or M4 (eight schools,
 * non-centred): 4 chains (one webppl process each, seeds 1–4), 1000
 * burn-in and 1000 kept samples with a fixed step size and number of
 * leapfrog steps (WebPPL's HMC does not adapt). Prints one JSON line with
 * the wall times and the minimum ESS bulk over the returned quantities,
 * computed with langevin's own diagnostics (agreeing with R posterior).
 * Usage: node webppl.mjs WEBPPL_BIN M2|M4 DATA.json
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { essBulk } = await import(join(root, 'dist', 'src', 'diagnostics', 'ess.js'));
const [bin, model, dataFile] = process.argv.slice(2);
const data = JSON.parse(readFileSync(dataFile, 'utf8'));
const samples = Number(process.env.WEBPPL_SAMPLES ?? 1000);
const settings = model === 'M2' ? { steps: 10, stepSize: 0.015 } : { steps: 10, stepSize: 0.15 };

/** Data as one string literal, parsed at run time: a large array literal overflows WebPPL's AST passes. */
const quote = (value) => JSON.stringify(JSON.stringify(value));

const programs = {
  // y ~ bernoulli_logit(X β) as one factor on tensors (scalar code is ~100× slower); β ~ normal(0, 1)
  M2: `
var X = Matrix(JSON.parse(${quote(data.X)}));
var y = Vector(JSON.parse(${quote(data.y)}));
var model = function() {
  var beta = sample(DiagCovGaussian({mu: zeros([${data.D}, 1]), sigma: ones([${data.D}, 1])}));
  var eta = T.dot(X, beta);
  factor(T.sumreduce(T.sub(T.mul(y, eta), T.log(T.add(T.exp(eta), 1)))));
  return T.toScalars(beta);
};`,
  // tau ~ half-Cauchy(0, 5) as |c| with c ~ Cauchy(0, 5) (HMC needs an unbounded space)
  M4: `
var y = JSON.parse(${quote(data.y)});
var sigma = JSON.parse(${quote(data.sigma)});
var model = function() {
  var mu = sample(Gaussian({mu: 0, sigma: 5}));
  var tau = Math.abs(sample(Cauchy({location: 0, scale: 5})));
  var thetaTilde = repeat(${data.J}, function() { return sample(Gaussian({mu: 0, sigma: 1})); });
  var theta = map(function(t) { return mu + tau * t; }, thetaTilde);
  map2(function(th, k) { observe(Gaussian({mu: th, sigma: sigma[k]}), y[k]); }, theta, _.range(${data.J}));
  return [mu, tau].concat(thetaTilde).concat(theta);
};`,
};

const program = `${programs[model]}
var dist = Infer({method: 'MCMC', samples: ${samples}, burn: ${samples}, model: model,
  kernel: {HMC: {steps: ${settings.steps}, stepSize: ${settings.stepSize}}}});
var draws = map(function(s) { return s.value; }, dist.samples);
console.log(JSON.stringify(draws));
'done';`;

const dir = mkdtempSync(join(tmpdir(), 'langevin-webppl-'));
const file = join(dir, `${model}.wppl`);
writeFileSync(file, program);
const chains = [];
let seconds = 0;
for (let seed = 1; seed <= 4; seed++) {
  const t0 = performance.now();
  const out = execFileSync(bin, [file, '--random-seed', String(seed)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  seconds += (performance.now() - t0) / 1000;
  const line = out.split('\n').find((l) => l.startsWith('[['));
  if (!line) throw new Error(`webppl printed no draws for seed ${seed}`);
  chains.push(JSON.parse(line));
}
const draws = chains[0].length;
const width = chains[0][0].length;
let minEss = Infinity;
for (let k = 0; k < width; k++) {
  const values = new Float64Array(4 * draws);
  chains.forEach((chain, c) =>
    chain.forEach((row, m) => {
      values[c * draws + m] = row[k];
    }),
  );
  const ess = essBulk({ values, chains: 4, draws });
  if (ess !== null) minEss = Math.min(minEss, ess);
}
console.log(
  JSON.stringify({
    seconds_end_to_end: seconds,
    gradient_evaluations: 4 * 2 * samples * settings.steps,
    min_ess_bulk: minEss,
    steps: settings.steps,
    step_size: settings.stepSize,
  }),
);
