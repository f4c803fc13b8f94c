/**
 * Discrete distributions (Stan parameterisations, every constant kept).
 * The integer variates are always data or loop values, so they are
 * constants when the density is built; categorical relies on that to pick
 * elements by index.
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { DistributionEntry } from '../types.js';
import { Build, constantNumbers } from '../build.js';
import { count, positive, real, unitParam, univariate } from './univariate.js';
import { referenceCases } from './reference-cases.js';
import { betaVariate, binomialVariate, categoricalVariate, gammaVariate, poissonVariate } from './samplers.js';

const inv_logit = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

export const bernoulli = univariate({
  name: 'bernoulli',
  discrete: true,
  support: 'int in {0,1}',
  params: [unitParam('theta')],
  density: (b, n, [theta]) => b.select(b.eq(n, 1), b.log(theta!), b.log1m(theta!)),
  sample: (rng, [theta]) => (rng.uniform() < theta! ? 1 : 0),
  doc: 'Bernoulli with success probability 0 <= theta <= 1.',
});

export const bernoulliLogit = univariate({
  name: 'bernoulli_logit',
  discrete: true,
  support: 'int in {0,1}',
  params: [real('alpha')],
  // log inv_logit(s·alpha) with s = +1 for n = 1 and -1 for n = 0.
  density: (b, n, [alpha]) => b.u('log_inv_logit', b.mul(b.sub(b.mul(2, n), 1), alpha!)),
  sample: (rng, [alpha]) => (rng.uniform() < inv_logit(alpha!) ? 1 : 0),
  doc: 'Bernoulli with success probability inv_logit(alpha).',
});

export const binomial = univariate({
  name: 'binomial',
  discrete: true,
  support: 'int in 0..N',
  params: [count('N'), unitParam('theta')],
  density: (b, n, [N, theta]) => {
    const failures = b.sub(N!, n);
    return b.plus(
      b.b('lchoose', N!, n),
      b.b('multiply_log', n, theta!),
      // (N - n)·log1m(theta), 0 when there are no failures (also at theta = 1)
      b.select(b.eq(failures, 0), 0, b.mul(failures, b.log1m(theta!))),
    );
  },
  sample: (rng, [N, theta]) => binomialVariate(rng, N!, theta!),
  doc: 'Binomial: successes in N trials with probability 0 <= theta <= 1.',
});

export const binomialLogit = univariate({
  name: 'binomial_logit',
  discrete: true,
  support: 'int in 0..N',
  params: [count('N'), real('alpha')],
  density: (b, n, [N, alpha]) =>
    b.plus(
      b.b('lchoose', N!, n),
      b.mul(n, b.u('log_inv_logit', alpha!)),
      b.mul(b.sub(N!, n), b.u('log1m_inv_logit', alpha!)),
    ),
  sample: (rng, [N, alpha]) => binomialVariate(rng, N!, inv_logit(alpha!)),
  doc: 'Binomial with success probability inv_logit(alpha).',
});

export const betaBinomial = univariate({
  name: 'beta_binomial',
  discrete: true,
  support: 'int in 0..N',
  params: [count('N'), positive('alpha'), positive('beta')],
  density: (b, n, [N, alpha, beta]) =>
    b.plus(
      b.b('lchoose', N!, n),
      b.b('lbeta', b.add(n, alpha!), b.add(b.sub(N!, n), beta!)),
      b.neg(b.b('lbeta', alpha!, beta!)),
    ),
  sample: (rng, [N, alpha, beta]) => binomialVariate(rng, N!, betaVariate(rng, alpha!, beta!)),
  doc: 'Beta-binomial: binomial(N, theta) with theta ~ beta(alpha, beta).',
});

export const poisson = univariate({
  name: 'poisson',
  discrete: true,
  support: 'int>=0',
  params: [{ name: 'lambda', type: 'reals', constraint: 'nonnegative' }],
  density: (b, n, [lambda]) => b.plus(b.b('multiply_log', n, lambda!), b.neg(lambda!), b.neg(b.lgamma(b.add(n, 1)))),
  sample: (rng, [lambda]) => poissonVariate(rng, lambda!),
  doc: 'Poisson with rate lambda >= 0.',
});

export const poissonLog = univariate({
  name: 'poisson_log',
  discrete: true,
  support: 'int>=0',
  params: [real('alpha')],
  density: (b, n, [alpha]) => b.plus(b.mul(n, alpha!), b.neg(b.exp(alpha!)), b.neg(b.lgamma(b.add(n, 1)))),
  sample: (rng, [alpha]) => poissonVariate(rng, Math.exp(alpha!)),
  doc: 'Poisson with log rate alpha.',
});

/** lgamma(n + phi) - lgamma(n + 1) - lgamma(phi): log of the binomial coefficient C(n + phi - 1, n). */
export const negBinomialCoefficient = (b: Build, n: Val, phi: Val): Val =>
  b.plus(b.lgamma(b.add(n, phi)), b.neg(b.lgamma(b.add(n, 1))), b.neg(b.lgamma(phi)));

export const negBinomial2 = univariate({
  name: 'neg_binomial_2',
  discrete: true,
  support: 'int>=0',
  params: [positive('mu'), positive('phi')],
  // phi·log(phi/(mu + phi)) written as -phi·log1p(mu/phi): it tends to -mu
  // without cancellation as phi grows (the Poisson limit).
  density: (b, n, [mu, phi]) =>
    b.plus(
      negBinomialCoefficient(b, n, phi!),
      b.b('multiply_log', n, mu!),
      b.neg(b.mul(n, b.log(b.add(mu!, phi!)))),
      b.neg(b.mul(phi!, b.log1p(b.div(mu!, phi!)))),
    ),
  sample: (rng, [mu, phi]) => poissonVariate(rng, gammaVariate(rng, phi!, phi! / mu!)),
  doc: 'Negative binomial with mean mu > 0 and precision phi > 0 (variance mu + mu²/phi).',
});

export const negBinomial2Log = univariate({
  name: 'neg_binomial_2_log',
  discrete: true,
  support: 'int>=0',
  params: [real('eta'), positive('phi')],
  // n·(eta − log phi) − (n + phi)·log1p_exp(eta − log phi), the same density
  // without the cancellation between phi·log(phi) and (n + phi)·log(mu + phi).
  density: (b, n, [eta, phi]) => {
    const t = b.sub(eta!, b.log(phi!));
    return b.plus(negBinomialCoefficient(b, n, phi!), b.mul(n, t), b.neg(b.mul(b.add(n, phi!), b.u('log1p_exp', t))));
  },
  sample: (rng, [eta, phi]) => poissonVariate(rng, gammaVariate(rng, phi!, phi! / Math.exp(eta!))),
  doc: 'Negative binomial with log mean eta and precision phi > 0.',
});

/** Flat 0-based indices of the outcomes y (1..K, int or array of ints), checked against K. */
function outcomeIndices(name: string, y: Val, k: number): Int32Array {
  const values = constantNumbers(y, `the outcome of ${name}`);
  const idx = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 1 || v > k) {
      throw new LangevinError(`${name}: outcome ${v} is outside 1..${k}`);
    }
    idx[i] = v - 1;
  });
  return idx;
}

function categoricalEntry(logit: boolean): DistributionEntry {
  const name = logit ? 'categorical_logit' : 'categorical';
  return {
    name,
    discrete: true,
    variate: 'ints',
    support: 'int in 1..K',
    params: logit
      ? [{ name: 'beta', type: 'vector', constraint: 'real' }]
      : [{ name: 'theta', type: 'vector', constraint: 'simplex' }],
    logDensity(ops: Ops, y: Val, [theta]: Val[]): Val {
      const b = new Build(ops);
      const k = ops.size(theta!);
      const idx = outcomeIndices(name, y, k);
      const flat = theta!.shape.length === 1 ? theta! : ops.reshape(theta!, [k]);
      if (!logit) return b.sum(ops.gather(b.log(flat), idx, [idx.length]));
      const picked = b.sum(ops.gather(flat, idx, [idx.length]));
      return b.sub(picked, b.mul(b.r('log_sum_exp', flat), idx.length));
    },
    rng(rng, [theta]) {
      const t = theta as Float64Array;
      if (!logit) return categoricalVariate(rng, t);
      const m = Math.max(...t);
      return categoricalVariate(
        rng,
        Array.from(t, (x) => Math.exp(x - m)),
      );
    },
    cases: referenceCases[name] ?? [],
    doc: logit
      ? 'Categorical over 1..K with probabilities softmax(beta).'
      : 'Categorical over 1..K with probabilities theta (a simplex).',
  };
}

export const categorical = categoricalEntry(false);
export const categoricalLogit = categoricalEntry(true);

export const multinomial: DistributionEntry = {
  name: 'multinomial',
  discrete: true,
  variate: 'array[] int',
  support: 'counts',
  params: [{ name: 'theta', type: 'vector', constraint: 'simplex' }],
  logDensity(ops, y, [theta]) {
    const b = new Build(ops);
    const counts = constantNumbers(y, 'the counts of multinomial');
    if (counts.length !== ops.size(theta!)) {
      throw new LangevinError(`multinomial: ${counts.length} counts but ${ops.size(theta!)} probabilities`);
    }
    const total = counts.reduce((s, c) => s + c, 0);
    const yv = ops.reshape(y, theta!.shape);
    return b.plus(b.lgamma(total + 1), b.neg(b.sum(b.lgamma(b.add(yv, 1)))), b.sum(b.b('multiply_log', yv, theta!)));
  },
  rngParams: [
    { name: 'theta', type: 'vector', constraint: 'simplex' },
    { name: 'N', type: 'int', constraint: 'int>=0' },
  ],
  rng(rng, [theta, n]) {
    // sequential binomials: count k ~ Binomial(remaining, theta_k / remaining mass)
    const t = theta as Float64Array;
    let remaining = n as number;
    let mass = t.reduce((s, v) => s + v, 0);
    const out = new Float64Array(t.length);
    for (let k = 0; k < t.length - 1 && remaining > 0; k++) {
      out[k] = binomialVariate(rng, remaining, Math.min(1, Math.max(0, t[k]! / mass)));
      remaining -= out[k]!;
      mass -= t[k]!;
    }
    out[t.length - 1] += remaining;
    return out;
  },
  cases: referenceCases.multinomial ?? [],
  doc: 'Multinomial counts y over K categories with probabilities theta (a simplex); multinomial_rng(theta, N).',
};

/**
 * ordered_logistic: P(y = k) = inv_logit(eta - c[k-1]) - inv_logit(eta - c[k])
 * with c[0] = -inf, c[K] = +inf. The outcomes are constants, so each
 * element picks its formula (first, last or interior category) now.
 */
export const orderedLogistic: DistributionEntry = {
  name: 'ordered_logistic',
  discrete: true,
  variate: 'ints',
  support: 'int in 1..K',
  params: [
    { name: 'eta', type: 'reals', constraint: 'real' },
    { name: 'c', type: 'vectors', constraint: 'real' },
  ],
  logDensity(ops, y, [eta, c]) {
    const b = new Build(ops);
    const ks = constantNumbers(y, 'the outcome of ordered_logistic');
    const n = ks.length;
    const perRow = c!.shape.length === 2;
    const cuts = perRow ? c!.shape[1]! : c!.shape[0]!;
    if (perRow && c!.shape[0] !== n)
      throw new LangevinError(`ordered_logistic: ${n} outcomes but ${c!.shape[0]} cutpoint vectors`);
    if (ops.size(eta!) !== 1 && ops.size(eta!) !== n)
      throw new LangevinError(`ordered_logistic: ${n} outcomes but ${ops.size(eta!)} predictors`);
    const etaFlat = ops.reshape(eta!, ops.size(eta!) === 1 ? [1] : [n]);
    const cFlat = ops.reshape(c!, [ops.size(c!)]);
    const groups = { first: [] as number[], last: [] as number[], interior: [] as number[] };
    ks.forEach((k, i) => {
      if (!Number.isInteger(k) || k < 1 || k > cuts + 1)
        throw new LangevinError(`ordered_logistic: outcome ${k} is outside 1..${cuts + 1}`);
      if (k === 1) groups.first.push(i);
      else if (k === cuts + 1) groups.last.push(i);
      else groups.interior.push(i);
    });
    const etaAt = (rows: number[]) =>
      ops.size(eta!) === 1
        ? ops.fill(ops.reshape(etaFlat, []), [rows.length])
        : ops.gather(etaFlat, Int32Array.from(rows), [rows.length]);
    const cutAt = (rows: number[], offset: number) =>
      ops.gather(
        cFlat,
        Int32Array.from(rows, (i) => (perRow ? i * cuts : 0) + ks[i]! - 1 + offset),
        [rows.length],
      );
    const terms: Val[] = [];
    if (groups.first.length)
      terms.push(b.sum(b.u('log1m_inv_logit', b.sub(etaAt(groups.first), cutAt(groups.first, 0)))));
    if (groups.last.length) terms.push(b.sum(b.u('log_inv_logit', b.sub(etaAt(groups.last), cutAt(groups.last, -1)))));
    if (groups.interior.length) {
      const e = etaAt(groups.interior);
      const upper = b.u('log_inv_logit', b.sub(e, cutAt(groups.interior, -1)));
      const lower = b.u('log_inv_logit', b.sub(e, cutAt(groups.interior, 0)));
      terms.push(b.sum(b.b('log_diff_exp', upper, lower)));
    }
    return terms.length ? b.plus(...terms) : b.k(0);
  },
  rng(rng, [eta, c]) {
    const cuts = c as Float64Array;
    const e = eta as number;
    const cdf = (j: number) => (j < 0 ? 0 : j >= cuts.length ? 1 : inv_logit(cuts[j]! - e));
    const probs = Array.from({ length: cuts.length + 1 }, (_, k) => cdf(k) - cdf(k - 1));
    return categoricalVariate(rng, probs);
  },
  cases: referenceCases.ordered_logistic ?? [],
  doc: 'Ordinal outcome in 1..K with predictor eta and increasing cutpoints c (K - 1 of them).',
};

export const discreteDistributions: DistributionEntry[] = [
  bernoulli,
  bernoulliLogit,
  binomial,
  binomialLogit,
  betaBinomial,
  poisson,
  poissonLog,
  negBinomial2,
  negBinomial2Log,
  categorical,
  categoricalLogit,
  multinomial,
  orderedLogistic,
];
