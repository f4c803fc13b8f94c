/**
 * Generalised linear models: the density of y given the linear predictor
 * alpha + x·beta, delegated to the plain distribution (normal,
 * bernoulli_logit, poisson_log, neg_binomial_2_log), exactly as Stan
 * defines them. x is an n×k matrix, beta a k-vector, alpha a scalar or an
 * n-vector. Stan has no `_rng` for the GLMs, so neither do these entries.
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { DistributionEntry, ParamSpec } from '../types.js';
import { normal } from './continuous.js';
import { bernoulliLogit, negBinomial2Log, orderedLogistic, poissonLog } from './discrete.js';
import { Build, constantNumbers } from '../build.js';
import { extraReferenceCases } from './reference-cases-extra.js';

const X: ParamSpec = { name: 'x', type: 'matrix', constraint: 'real' };
const ALPHA: ParamSpec = { name: 'alpha', type: 'reals', constraint: 'real' };
const BETA: ParamSpec = { name: 'beta', type: 'vector', constraint: 'real' };

/** alpha + x·beta as an n-vector. */
function linearPredictor(ops: Ops, name: string, y: Val, x: Val, alpha: Val, beta: Val): Val {
  if (x.shape.length !== 2) throw new LangevinError(`${name}: x must be a matrix`);
  const [n, k] = x.shape as [number, number];
  if (beta.shape.length !== 1 || beta.shape[0] !== k) {
    throw new LangevinError(`${name}: x has ${k} columns but beta has ${beta.shape[0] ?? 1} elements`);
  }
  const ny = y.shape.length === 0 ? 1 : y.shape[0]!;
  if (y.shape.length !== 0 && ny !== n) throw new LangevinError(`${name}: ${ny} outcomes but x has ${n} rows`);
  if (alpha.shape.length !== 0 && alpha.shape[0] !== n) {
    throw new LangevinError(`${name}: alpha has ${alpha.shape[0]} elements but x has ${n} rows`);
  }
  return ops.binary('add', ops.matmul(x, beta), alpha);
}

function glm(name: string, base: DistributionEntry, extra: ParamSpec[], doc: string): DistributionEntry {
  return {
    name,
    discrete: base.discrete,
    variate: base.discrete ? 'ints' : 'reals',
    support: base.support,
    params: [X, ALPHA, BETA, ...extra],
    logDensity(ops, y, [x, alpha, beta, ...rest]) {
      const eta = linearPredictor(ops, name, y, x!, alpha!, beta!);
      // a scalar y against one row: the predictor is that row's value
      const yy = y.shape.length === 0 && eta.shape[0] !== 1 ? ops.fill(y, eta.shape) : y;
      return base.logDensity(ops, yy, [eta, ...rest]);
    },
    cases: extraReferenceCases[name] ?? [],
    doc,
  };
}

export const normalIdGlm = glm(
  'normal_id_glm',
  normal,
  [{ name: 'sigma', type: 'reals', constraint: 'positive' }],
  'Linear regression: normal(y | alpha + x·beta, sigma).',
);
export const bernoulliLogitGlm = glm(
  'bernoulli_logit_glm',
  bernoulliLogit,
  [],
  'Logistic regression: bernoulli_logit(y | alpha + x·beta).',
);
export const poissonLogGlm = glm(
  'poisson_log_glm',
  poissonLog,
  [],
  'Poisson regression: poisson_log(y | alpha + x·beta).',
);
export const negBinomial2LogGlm = glm(
  'neg_binomial_2_log_glm',
  negBinomial2Log,
  [{ name: 'phi', type: 'reals', constraint: 'positive' }],
  'Negative-binomial regression: neg_binomial_2_log(y | alpha + x·beta, phi).',
);

/** ordered_logistic(y | x·beta, c): no intercept (the cutpoints play its part). */
export const orderedLogisticGlm: DistributionEntry = {
  name: 'ordered_logistic_glm',
  discrete: true,
  variate: 'ints',
  support: 'int in 1..K',
  params: [X, BETA, { name: 'c', type: 'vector', constraint: 'real' }],
  logDensity(ops, y, [x, beta, c]) {
    const eta = linearPredictor(ops, 'ordered_logistic_glm', y, x!, ops.constant(0), beta!);
    return orderedLogistic.logDensity(ops, y.shape.length === 0 ? ops.reshape(y, [1]) : y, [eta, c!]);
  },
  cases: extraReferenceCases.ordered_logistic_glm ?? [],
  doc: 'Ordinal regression: ordered_logistic(y | x·beta, c) with increasing cutpoints c.',
};

/** categorical_logit(y_n | alpha + x_n·beta) for each row n; alpha a K-vector, beta k×K. */
export const categoricalLogitGlm: DistributionEntry = {
  name: 'categorical_logit_glm',
  discrete: true,
  variate: 'ints',
  support: 'int in 1..K',
  params: [
    X,
    { name: 'alpha', type: 'vector', constraint: 'real' },
    { name: 'beta', type: 'matrix', constraint: 'real' },
  ],
  logDensity(ops, y, [x, alpha, beta]) {
    const name = 'categorical_logit_glm';
    const b = new Build(ops);
    const [n, k] = x!.shape as [number, number];
    const classes = beta!.shape[1]!;
    if (beta!.shape[0] !== k)
      throw new LangevinError(`${name}: x has ${k} columns but beta has ${beta!.shape[0]} rows`);
    if (ops.size(alpha!) !== classes)
      throw new LangevinError(`${name}: alpha has ${ops.size(alpha!)} elements for ${classes} classes`);
    const ys = constantNumbers(y, `the outcome of ${name}`);
    if (ys.length !== n && ys.length !== 1)
      throw new LangevinError(`${name}: ${ys.length} outcomes but x has ${n} rows`);
    const rowsAlpha = ops.gather(
      alpha!,
      Int32Array.from({ length: n * classes }, (_, i) => i % classes),
      [n, classes],
    );
    const eta = ops.binary('add', ops.matmul(x!, beta!), rowsAlpha);
    const terms: Val[] = [];
    for (let r = 0; r < n; r++) {
      const outcome = ys[ys.length === 1 ? 0 : r]!;
      if (!Number.isInteger(outcome) || outcome < 1 || outcome > classes) {
        throw new LangevinError(`${name}: outcome ${outcome} is outside 1..${classes}`);
      }
      const row = ops.gather(
        eta,
        Int32Array.from({ length: classes }, (_, j) => r * classes + j),
        [classes],
      );
      terms.push(b.sub(ops.gather(eta, Int32Array.of(r * classes + outcome - 1), []), b.r('log_sum_exp', row)));
    }
    return terms.length === 0 ? b.k(0) : b.sum(ops.concat(terms, [terms.length]));
  },
  cases: extraReferenceCases.categorical_logit_glm ?? [],
  doc: 'Multinomial logistic regression: categorical_logit(y_n | alpha + x_n·beta), beta k×K.',
};

export const glmDistributions: DistributionEntry[] = [
  normalIdGlm,
  bernoulliLogitGlm,
  poissonLogGlm,
  negBinomial2LogGlm,
  orderedLogisticGlm,
  categoricalLogitGlm,
];
