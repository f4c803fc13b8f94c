/**
 * Univariate continuous distributions, with Stan's parameterisations.
 * Each formula is the full log density (every constant kept) of one
 * element; `univariate` adds broadcasting, the sum and support guards.
 */
import type { DistributionEntry } from '../types.js';
import { LOG_2, LOG_2PI, LOG_PI } from '../build.js';
import type { Build } from '../build.js';
import type { Val } from '../../src/ir/ops.js';
import { positive, real, univariate } from './univariate.js';
import { betaVariate, gammaVariate } from './samplers.js';

const z = (b: Build, y: Val, mu: Val, sigma: Val): Val => b.div(b.sub(y, mu), sigma);

/** The regularised incomplete beta I_x(a, b) (a ternary primitive with gradients in a, b and x). */
const incBeta = (b: Build, a: Val, c: Val, x: Val): Val => b.ops.ternary('inc_beta', a, c, x);

/**
 * Student's t CDF and CCDF on the scale t = (y − mu)/sigma: the tail
 * P(T < −|t|) = I_{ν/(ν+t²)}(ν/2, 1/2)/2 and the body 1 − tail, the latter
 * as (1 + I_{t²/(ν+t²)}(1/2, ν/2))/2 so neither loses digits to 1 − x.
 */
function studentTails(b: Build, y: Val, nu: Val, mu: Val, sigma: Val): { lower: Val; upper: Val } {
  const t = z(b, y, mu, sigma);
  const t2 = b.square(t);
  const denom = b.add(nu, t2);
  const half = b.mul(0.5, nu);
  const tail = b.mul(0.5, incBeta(b, half, b.k(0.5), b.div(nu, denom)));
  const body = b.mul(0.5, b.add(1, incBeta(b, b.k(0.5), half, b.div(t2, denom))));
  const negative = b.lt(t, 0);
  return { lower: b.select(negative, tail, body), upper: b.select(negative, body, tail) };
}

export const normal = univariate({
  name: 'normal',
  support: 'real',
  params: [real('mu'), positive('sigma')],
  density: (b, y, [mu, sigma]) =>
    b.plus(b.mul(-0.5, b.square(z(b, y, mu!, sigma!))), b.neg(b.log(sigma!)), -0.5 * LOG_2PI),
  logCdf: (b, y, [mu, sigma]) => b.u('log_Phi', z(b, y, mu!, sigma!)),
  logCcdf: (b, y, [mu, sigma]) => b.u('log_Phi', b.neg(z(b, y, mu!, sigma!))),
  sample: (rng, [mu, sigma]) => mu! + sigma! * rng.normal(),
  doc: 'Normal with location mu and scale sigma > 0.',
});

export const stdNormal = univariate({
  name: 'std_normal',
  support: 'real',
  params: [],
  density: (b, y) => b.add(b.mul(-0.5, b.square(y)), -0.5 * LOG_2PI),
  logCdf: (b, y) => b.u('log_Phi', y),
  logCcdf: (b, y) => b.u('log_Phi', b.neg(y)),
  sample: (rng) => rng.normal(),
  doc: 'Standard normal, normal(0, 1).',
});

export const studentT = univariate({
  name: 'student_t',
  support: 'real',
  params: [positive('nu'), real('mu'), positive('sigma')],
  density: (b, y, [nu, mu, sigma]) => {
    const half = b.mul(0.5, nu!);
    return b.plus(
      b.lgamma(b.add(half, 0.5)),
      b.neg(b.lgamma(half)),
      b.mul(-0.5, b.log(nu!)),
      -0.5 * LOG_PI,
      b.neg(b.log(sigma!)),
      b.mul(b.neg(b.add(half, 0.5)), b.log1p(b.div(b.square(z(b, y, mu!, sigma!)), nu!))),
    );
  },
  logCdf: (b, y, [nu, mu, sigma]) => b.log(studentTails(b, y, nu!, mu!, sigma!).lower),
  logCcdf: (b, y, [nu, mu, sigma]) => b.log(studentTails(b, y, nu!, mu!, sigma!).upper),
  sample: (rng, [nu, mu, sigma]) => mu! + (sigma! * rng.normal()) / Math.sqrt(gammaVariate(rng, nu! / 2, nu! / 2)),
  doc: "Student's t with nu > 0 degrees of freedom, location mu, scale sigma > 0.",
});

export const cauchy = univariate({
  name: 'cauchy',
  support: 'real',
  params: [real('mu'), positive('sigma')],
  density: (b, y, [mu, sigma]) => b.plus(-LOG_PI, b.neg(b.log(sigma!)), b.neg(b.log1p(b.square(z(b, y, mu!, sigma!))))),
  // F = 1/2 + atan(z)/π; 1 - F = 1/2 - atan(z)/π = atan(1/z)/π for z > 0 would be
  // more accurate in the far tail, atan keeps it simple and finite.
  logCdf: (b, y, [mu, sigma]) => b.log(b.add(0.5, b.div(b.u('atan', z(b, y, mu!, sigma!)), Math.PI))),
  logCcdf: (b, y, [mu, sigma]) => b.log(b.sub(0.5, b.div(b.u('atan', z(b, y, mu!, sigma!)), Math.PI))),
  sample: (rng, [mu, sigma]) => mu! + sigma! * Math.tan(Math.PI * (rng.uniform() - 0.5)),
  doc: 'Cauchy with location mu and scale sigma > 0.',
});

export const doubleExponential = univariate({
  name: 'double_exponential',
  support: 'real',
  params: [real('mu'), positive('sigma')],
  density: (b, y, [mu, sigma]) => b.plus(-LOG_2, b.neg(b.log(sigma!)), b.neg(b.div(b.abs(b.sub(y, mu!)), sigma!))),
  // Both branches are kept finite everywhere (z clamped per side) so the
  // branch that select discards never carries NaN into a gradient.
  logCdf: (b, y, [mu, sigma]) => {
    const t = z(b, y, mu!, sigma!);
    const below = b.add(-LOG_2, b.b('fmin', t, 0));
    const above = b.log1m(b.mul(0.5, b.exp(b.neg(b.b('fmax', t, 0)))));
    return b.select(b.lt(t, 0), below, above);
  },
  logCcdf: (b, y, [mu, sigma]) => {
    const t = z(b, y, mu!, sigma!);
    const below = b.log1m(b.mul(0.5, b.exp(b.b('fmin', t, 0))));
    const above = b.sub(-LOG_2, b.b('fmax', t, 0));
    return b.select(b.lt(t, 0), below, above);
  },
  sample: (rng, [mu, sigma]) => {
    const u = rng.uniform() - 0.5;
    return mu! - sigma! * Math.sign(u) * Math.log1p(-2 * Math.abs(u));
  },
  doc: 'Double exponential (Laplace) with location mu and scale sigma > 0.',
});

export const logistic = univariate({
  name: 'logistic',
  support: 'real',
  params: [real('mu'), positive('sigma')],
  density: (b, y, [mu, sigma]) => {
    const t = z(b, y, mu!, sigma!);
    return b.plus(b.neg(t), b.neg(b.log(sigma!)), b.mul(-2, b.u('log1p_exp', b.neg(t))));
  },
  logCdf: (b, y, [mu, sigma]) => b.u('log_inv_logit', z(b, y, mu!, sigma!)),
  logCcdf: (b, y, [mu, sigma]) => b.u('log1m_inv_logit', z(b, y, mu!, sigma!)),
  sample: (rng, [mu, sigma]) => {
    const u = rng.uniform();
    return mu! + sigma! * Math.log(u / (1 - u));
  },
  doc: 'Logistic with location mu and scale sigma > 0.',
});

export const lognormal = univariate({
  name: 'lognormal',
  support: 'positive',
  params: [real('mu'), positive('sigma')],
  density: (b, y, [mu, sigma]) => {
    const ly = b.log(y);
    return b.plus(b.mul(-0.5, b.square(z(b, ly, mu!, sigma!))), b.neg(b.log(sigma!)), b.neg(ly), -0.5 * LOG_2PI);
  },
  logCdf: (b, y, [mu, sigma]) => b.u('log_Phi', z(b, b.log(b.b('fmax', y, 0)), mu!, sigma!)),
  logCcdf: (b, y, [mu, sigma]) => b.u('log_Phi', b.neg(z(b, b.log(b.b('fmax', y, 0)), mu!, sigma!))),
  sample: (rng, [mu, sigma]) => Math.exp(mu! + sigma! * rng.normal()),
  doc: 'Lognormal: log(y) ~ normal(mu, sigma), y > 0.',
});

export const exponential = univariate({
  name: 'exponential',
  support: 'nonnegative',
  params: [positive('beta')],
  density: (b, y, [beta]) => b.sub(b.log(beta!), b.mul(beta!, y)),
  logCdf: (b, y, [beta]) => b.u('log1m_exp', b.neg(b.mul(beta!, b.b('fmax', y, 0)))),
  logCcdf: (b, y, [beta]) => b.neg(b.mul(beta!, b.b('fmax', y, 0))),
  sample: (rng, [beta]) => -Math.log1p(-rng.uniform()) / beta!,
  doc: 'Exponential with rate beta > 0, y >= 0.',
});

export const gamma = univariate({
  name: 'gamma',
  support: 'nonnegative',
  params: [positive('alpha'), positive('beta')],
  density: (b, y, [alpha, beta]) =>
    b.plus(
      b.mul(alpha!, b.log(beta!)),
      b.neg(b.lgamma(alpha!)),
      b.b('multiply_log', b.sub(alpha!, 1), y),
      b.neg(b.mul(beta!, y)),
    ),
  logCdf: (b, y, [alpha, beta]) => b.log(b.b('gamma_p', alpha!, b.mul(beta!, b.b('fmax', y, 0)))),
  logCcdf: (b, y, [alpha, beta]) => b.log(b.b('gamma_q', alpha!, b.mul(beta!, b.b('fmax', y, 0)))),
  sample: (rng, [alpha, beta]) => gammaVariate(rng, alpha!, beta!),
  doc: 'Gamma with shape alpha > 0 and rate beta > 0, y >= 0.',
});

export const invGamma = univariate({
  name: 'inv_gamma',
  support: 'positive',
  params: [positive('alpha'), positive('beta')],
  density: (b, y, [alpha, beta]) =>
    b.plus(
      b.mul(alpha!, b.log(beta!)),
      b.neg(b.lgamma(alpha!)),
      b.mul(b.neg(b.add(alpha!, 1)), b.log(y)),
      b.neg(b.div(beta!, y)),
    ),
  // P(Y ≤ y) = P(1/Y ≥ 1/y) = Q(alpha, beta/y)
  logCdf: (b, y, [alpha, beta]) => b.log(b.b('gamma_q', alpha!, b.div(beta!, b.b('fmax', y, 0)))),
  logCcdf: (b, y, [alpha, beta]) => b.log(b.b('gamma_p', alpha!, b.div(beta!, b.b('fmax', y, 0)))),
  sample: (rng, [alpha, beta]) => 1 / gammaVariate(rng, alpha!, beta!),
  doc: 'Inverse gamma with shape alpha > 0 and scale beta > 0, y > 0.',
});

export const beta = univariate({
  name: 'beta',
  support: 'unit',
  params: [positive('alpha'), positive('beta')],
  density: (b, y, [alpha, beta]) =>
    b.plus(
      b.neg(b.b('lbeta', alpha!, beta!)),
      b.b('multiply_log', b.sub(alpha!, 1), y),
      b.b('multiply_log', b.sub(beta!, 1), b.sub(1, y)),
    ),
  logCdf: (b, y, [alpha, beta]) => b.log(incBeta(b, alpha!, beta!, b.b('fmin', b.b('fmax', y, 0), 1))),
  logCcdf: (b, y, [alpha, beta]) => b.log(incBeta(b, beta!, alpha!, b.sub(1, b.b('fmin', b.b('fmax', y, 0), 1)))),
  sample: (rng, [alpha, beta]) => betaVariate(rng, alpha!, beta!),
  doc: 'Beta with shapes alpha > 0, beta > 0, 0 <= y <= 1.',
});

export const uniform = univariate({
  name: 'uniform',
  support: 'bounded',
  params: [real('alpha'), real('beta')],
  // Stan: log(1/(beta - alpha)) inside [alpha, beta], -Infinity outside.
  density: (b, y, [lo, hi]) => b.select(b.or(b.lt(y, lo!), b.gt(y, hi!)), -Infinity, b.neg(b.log(b.sub(hi!, lo!)))),
  logCdf: (b, y, [lo, hi]) => {
    const clamped = b.b('fmin', b.b('fmax', y, lo!), hi!);
    return b.log(b.div(b.sub(clamped, lo!), b.sub(hi!, lo!)));
  },
  logCcdf: (b, y, [lo, hi]) => {
    const clamped = b.b('fmin', b.b('fmax', y, lo!), hi!);
    return b.log(b.div(b.sub(hi!, clamped), b.sub(hi!, lo!)));
  },
  sample: (rng, [lo, hi]) => lo! + (hi! - lo!) * rng.uniform(),
  doc: 'Uniform on [alpha, beta] (-Infinity outside, as Stan).',
});

export const chiSquare = univariate({
  name: 'chi_square',
  support: 'nonnegative',
  params: [positive('nu')],
  density: (b, y, [nu]) => {
    const half = b.mul(0.5, nu!);
    return b.plus(b.mul(half, -LOG_2), b.neg(b.lgamma(half)), b.b('multiply_log', b.sub(half, 1), y), b.mul(-0.5, y));
  },
  logCdf: (b, y, [nu]) => b.log(b.b('gamma_p', b.mul(0.5, nu!), b.mul(0.5, b.b('fmax', y, 0)))),
  logCcdf: (b, y, [nu]) => b.log(b.b('gamma_q', b.mul(0.5, nu!), b.mul(0.5, b.b('fmax', y, 0)))),
  sample: (rng, [nu]) => gammaVariate(rng, nu! / 2, 0.5),
  doc: 'Chi-square with nu > 0 degrees of freedom, y >= 0.',
});

export const invChiSquare = univariate({
  name: 'inv_chi_square',
  support: 'positive',
  params: [positive('nu')],
  density: (b, y, [nu]) => {
    const half = b.mul(0.5, nu!);
    return b.plus(b.mul(half, -LOG_2), b.neg(b.lgamma(half)), b.mul(b.neg(b.add(half, 1)), b.log(y)), b.div(-0.5, y));
  },
  sample: (rng, [nu]) => 1 / gammaVariate(rng, nu! / 2, 0.5),
  doc: 'Inverse chi-square with nu > 0 degrees of freedom, y > 0.',
});

export const weibull = univariate({
  name: 'weibull',
  support: 'nonnegative',
  params: [positive('alpha'), positive('sigma')],
  density: (b, y, [alpha, sigma]) => {
    const t = b.div(y, sigma!);
    return b.plus(
      b.log(alpha!),
      b.neg(b.log(sigma!)),
      b.b('multiply_log', b.sub(alpha!, 1), t),
      b.neg(b.pow(t, alpha!)),
    );
  },
  logCdf: (b, y, [alpha, sigma]) => b.u('log1m_exp', b.neg(b.pow(b.div(b.b('fmax', y, 0), sigma!), alpha!))),
  logCcdf: (b, y, [alpha, sigma]) => b.neg(b.pow(b.div(b.b('fmax', y, 0), sigma!), alpha!)),
  sample: (rng, [alpha, sigma]) => sigma! * Math.pow(-Math.log1p(-rng.uniform()), 1 / alpha!),
  doc: 'Weibull with shape alpha > 0 and scale sigma > 0, y >= 0.',
});

export const gumbel = univariate({
  name: 'gumbel',
  support: 'real',
  params: [real('mu'), positive('beta')],
  density: (b, y, [mu, beta]) => {
    const t = z(b, y, mu!, beta!);
    return b.plus(b.neg(b.log(beta!)), b.neg(t), b.neg(b.exp(b.neg(t))));
  },
  logCdf: (b, y, [mu, beta]) => b.neg(b.exp(b.neg(z(b, y, mu!, beta!)))),
  logCcdf: (b, y, [mu, beta]) => b.u('log1m_exp', b.neg(b.exp(b.neg(z(b, y, mu!, beta!))))),
  sample: (rng, [mu, beta]) => mu! - beta! * Math.log(-Math.log(rng.uniform())),
  doc: 'Gumbel with location mu and scale beta > 0.',
});

export const pareto = univariate({
  name: 'pareto',
  support: 'y>=y_min',
  params: [positive('y_min'), positive('alpha')],
  density: (b, y, [ymin, alpha]) =>
    b.select(
      b.lt(y, ymin!),
      -Infinity,
      b.plus(b.log(alpha!), b.mul(alpha!, b.log(ymin!)), b.mul(b.neg(b.add(alpha!, 1)), b.log(y))),
    ),
  logCdf: (b, y, [ymin, alpha]) => b.u('log1m_exp', b.mul(alpha!, b.sub(b.log(ymin!), b.log(b.b('fmax', y, ymin!))))),
  logCcdf: (b, y, [ymin, alpha]) => b.mul(alpha!, b.sub(b.log(ymin!), b.log(b.b('fmax', y, ymin!)))),
  sample: (rng, [ymin, alpha]) => ymin! * Math.pow(1 - rng.uniform(), -1 / alpha!),
  doc: 'Pareto with minimum y_min > 0 and shape alpha > 0 (-Infinity below y_min).',
});

export const rayleigh = univariate({
  name: 'rayleigh',
  support: 'nonnegative',
  params: [positive('sigma')],
  density: (b, y, [sigma]) => b.plus(b.log(y), b.mul(-2, b.log(sigma!)), b.mul(-0.5, b.square(b.div(y, sigma!)))),
  logCdf: (b, y, [sigma]) => b.u('log1m_exp', b.mul(-0.5, b.square(b.div(b.b('fmax', y, 0), sigma!)))),
  logCcdf: (b, y, [sigma]) => b.mul(-0.5, b.square(b.div(b.b('fmax', y, 0), sigma!))),
  sample: (rng, [sigma]) => sigma! * Math.sqrt(-2 * Math.log1p(-rng.uniform())),
  doc: 'Rayleigh with scale sigma > 0, y >= 0.',
});

export const frechet = univariate({
  name: 'frechet',
  support: 'positive',
  params: [positive('alpha'), positive('sigma')],
  density: (b, y, [alpha, sigma]) => {
    const t = b.div(y, sigma!);
    return b.plus(
      b.log(alpha!),
      b.neg(b.log(sigma!)),
      b.mul(b.neg(b.add(alpha!, 1)), b.log(t)),
      b.neg(b.pow(t, b.neg(alpha!))),
    );
  },
  logCdf: (b, y, [alpha, sigma]) => b.neg(b.pow(b.div(b.b('fmax', y, 0), sigma!), b.neg(alpha!))),
  logCcdf: (b, y, [alpha, sigma]) => b.u('log1m_exp', b.neg(b.pow(b.div(b.b('fmax', y, 0), sigma!), b.neg(alpha!)))),
  sample: (rng, [alpha, sigma]) => sigma! * Math.pow(-Math.log(rng.uniform()), -1 / alpha!),
  doc: 'Fréchet with shape alpha > 0 and scale sigma > 0, y > 0.',
});

export const scaledInvChiSquare = univariate({
  name: 'scaled_inv_chi_square',
  support: 'positive',
  params: [positive('nu'), positive('s')],
  density: (b, y, [nu, s]) => {
    const half = b.mul(0.5, nu!);
    return b.plus(
      b.mul(half, b.log(half)),
      b.neg(b.lgamma(half)),
      b.mul(nu!, b.log(s!)),
      b.mul(b.neg(b.add(half, 1)), b.log(y)),
      b.neg(b.div(b.mul(half, b.square(s!)), y)),
    );
  },
  sample: (rng, [nu, s]) => (nu! * s! * s!) / gammaVariate(rng, nu! / 2, 0.5),
  doc: 'Scaled inverse chi-square with nu > 0 degrees of freedom and scale s > 0, y > 0.',
});

export const skewNormal = univariate({
  name: 'skew_normal',
  support: 'real',
  params: [real('xi'), positive('omega'), real('alpha')],
  density: (b, y, [xi, omega, alpha]) => {
    const t = z(b, y, xi!, omega!);
    return b.plus(
      LOG_2 - 0.5 * LOG_2PI,
      b.neg(b.log(omega!)),
      b.mul(-0.5, b.square(t)),
      b.u('log_Phi', b.mul(alpha!, t)),
    );
  },
  sample: (rng, [xi, omega, alpha]) => {
    const delta = alpha! / Math.sqrt(1 + alpha! * alpha!);
    const u0 = rng.normal();
    const u1 = delta * u0 + Math.sqrt(1 - delta * delta) * rng.normal();
    return xi! + omega! * (u0 >= 0 ? u1 : -u1);
  },
  doc: 'Skew normal with location xi, scale omega > 0 and shape alpha.',
});

export const expModNormal = univariate({
  name: 'exp_mod_normal',
  support: 'real',
  params: [real('mu'), positive('sigma'), positive('lambda')],
  // log λ + λ(μ + λσ²/2 − y) + log Φ((y − μ)/σ − λσ)
  density: (b, y, [mu, sigma, lambda]) =>
    b.plus(
      b.log(lambda!),
      b.mul(lambda!, b.sub(b.add(mu!, b.mul(0.5, b.mul(lambda!, b.square(sigma!)))), y)),
      b.u('log_Phi', b.sub(z(b, y, mu!, sigma!), b.mul(lambda!, sigma!))),
    ),
  sample: (rng, [mu, sigma, lambda]) => mu! + sigma! * rng.normal() - Math.log1p(-rng.uniform()) / lambda!,
  doc: 'Exponentially modified normal: normal(mu, sigma) plus exponential(lambda).',
});

export const continuousDistributions: DistributionEntry[] = [
  normal,
  stdNormal,
  studentT,
  cauchy,
  doubleExponential,
  logistic,
  lognormal,
  exponential,
  gamma,
  invGamma,
  beta,
  uniform,
  chiSquare,
  invChiSquare,
  weibull,
  gumbel,
  pareto,
  rayleigh,
  frechet,
  scaledInvChiSquare,
  skewNormal,
  expModNormal,
];
