/**
 * Distributions of the builder: `normal(mu, sigma)` is the right-hand side
 * of `y ~ normal(mu, sigma)`, and also gives the matching function calls
 * (`.lpdf(y)` is `normal_lpdf(y | mu, sigma)`, `.rng()` is `normal_rng(mu, sigma)`).
 */
import type { Expr } from '../language/ast.js';
import { Expression, call, callConditional, toExpr, type ExprLike } from './expression.js';
import { builderError, checkIdentifier } from './span.js';

export interface Truncation {
  lower?: Expr;
  upper?: Expr;
}

export class Distribution {
  /** The arguments as AST. */
  readonly args: readonly Expr[];

  constructor(
    readonly name: string,
    args: readonly ExprLike[],
    readonly truncation?: Readonly<Truncation>,
  ) {
    checkIdentifier(name, 'distribution');
    this.args = args.map(toExpr);
  }

  /** `T[lower, upper]` on a `~` statement; pass undefined for an open end. */
  truncate(lower?: ExprLike, upper?: ExprLike): Distribution {
    if (lower === undefined && upper === undefined) throw builderError('truncate() needs a lower or an upper bound');
    const truncation: Truncation = {};
    if (lower !== undefined) truncation.lower = toExpr(lower);
    if (upper !== undefined) truncation.upper = toExpr(upper);
    return new Distribution(this.name, this.args.map(wrap), truncation);
  }

  /** `name_lpdf(y | args)` (continuous). */
  lpdf(y: ExprLike): Expression {
    return this.conditional('lpdf', y);
  }
  /** `name_lpmf(y | args)` (discrete). */
  lpmf(y: ExprLike): Expression {
    return this.conditional('lpmf', y);
  }
  /** `name_lcdf(y | args)`. */
  lcdf(y: ExprLike): Expression {
    return this.conditional('lcdf', y);
  }
  /** `name_lccdf(y | args)`. */
  lccdf(y: ExprLike): Expression {
    return this.conditional('lccdf', y);
  }
  /** `name_rng(args)`: a draw, in generated quantities and transformed data. */
  rng(): Expression {
    return call(`${this.name}_rng`, ...this.args.map(wrap));
  }

  private conditional(suffix: string, y: ExprLike): Expression {
    if (this.truncation)
      throw builderError(`a truncated distribution has no ${suffix}(); truncation only applies to '~'`);
    return callConditional(`${this.name}_${suffix}`, y, ...this.args.map(wrap));
  }
}

function wrap(e: Expr): Expression {
  return new Expression(e);
}

/**
 * Any distribution by its Stan name: `dist('skew_normal', xi, omega, alpha)`.
 * @example
 * ```ts
 * import { model, real, dist } from 'langevin/builder';
 * // any distribution of the stdlib by its Stan name
 * console.log(model('m').parameter('x', real()).sample('x', dist('skew_normal', 0, 1, 2)).toStan());
 * // → parameters {
 * // →   real x;
 * // → }
 * // → model {
 * // →   x ~ skew_normal(0, 1, 2);
 * // → }
 * ```
 */
export function dist(name: string, ...args: ExprLike[]): Distribution {
  return new Distribution(name, args);
}

/**
 * `normal(mu, sigma)`: the right-hand side of `y ~ normal(mu, sigma)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, real, normal } from 'langevin/builder';
 * console.log(model('m').parameter('mu', real()).sample('mu', normal(0, 1)).toStan());
 * // → parameters {
 * // →   real mu;
 * // → }
 * // → model {
 * // →   mu ~ normal(0, 1);
 * // → }
 * ```
 */
export const normal = (mu: ExprLike, sigma: ExprLike): Distribution => dist('normal', mu, sigma);
/**
 * `student_t(nu, mu, sigma)`: the right-hand side of `y ~ student_t(nu, mu, sigma)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, studentT } from 'langevin/builder';
 * console.log(model('m').target(studentT(3, 0, 1).lpdf(0.5)).toStan());
 * // → model {
 * // →   target += student_t_lpdf(0.5 | 3, 0, 1);
 * // → }
 * ```
 */
export const studentT = (nu: ExprLike, mu: ExprLike, sigma: ExprLike): Distribution => dist('student_t', nu, mu, sigma);
/**
 * `cauchy(mu, sigma)`: the right-hand side of `y ~ cauchy(mu, sigma)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, cauchy } from 'langevin/builder';
 * console.log(model('m').target(cauchy(0, 1).lpdf(0.5)).toStan());
 * // → model {
 * // →   target += cauchy_lpdf(0.5 | 0, 1);
 * // → }
 * ```
 */
export const cauchy = (mu: ExprLike, sigma: ExprLike): Distribution => dist('cauchy', mu, sigma);
/**
 * `double_exponential(mu, sigma)`: the right-hand side of `y ~ double_exponential(mu, sigma)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, doubleExponential } from 'langevin/builder';
 * console.log(model('m').target(doubleExponential(0, 1).lpdf(0.5)).toStan());
 * // → model {
 * // →   target += double_exponential_lpdf(0.5 | 0, 1);
 * // → }
 * ```
 */
export const doubleExponential = (mu: ExprLike, sigma: ExprLike): Distribution => dist('double_exponential', mu, sigma);
/**
 * `logistic(mu, sigma)`: the right-hand side of `y ~ logistic(mu, sigma)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, logistic } from 'langevin/builder';
 * console.log(model('m').target(logistic(0, 1).lpdf(0.5)).toStan());
 * // → model {
 * // →   target += logistic_lpdf(0.5 | 0, 1);
 * // → }
 * ```
 */
export const logistic = (mu: ExprLike, sigma: ExprLike): Distribution => dist('logistic', mu, sigma);
/**
 * `lognormal(mu, sigma)`: the right-hand side of `y ~ lognormal(mu, sigma)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, lognormal } from 'langevin/builder';
 * console.log(model('m').target(lognormal(0, 1).lpdf(2)).toStan());
 * // → model {
 * // →   target += lognormal_lpdf(2 | 0, 1);
 * // → }
 * ```
 */
export const lognormal = (mu: ExprLike, sigma: ExprLike): Distribution => dist('lognormal', mu, sigma);
/**
 * `exponential(beta)`: the right-hand side of `y ~ exponential(beta)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, exponential } from 'langevin/builder';
 * console.log(model('m').target(exponential(1.5).lpdf(2)).toStan());
 * // → model {
 * // →   target += exponential_lpdf(2 | 1.5);
 * // → }
 * ```
 */
export const exponential = (beta: ExprLike): Distribution => dist('exponential', beta);
/**
 * `gamma(alpha, beta)`: the right-hand side of `y ~ gamma(alpha, beta)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, gamma } from 'langevin/builder';
 * console.log(model('m').target(gamma(2, 1).lpdf(2)).toStan());
 * // → model {
 * // →   target += gamma_lpdf(2 | 2, 1);
 * // → }
 * ```
 */
export const gamma = (alpha: ExprLike, beta: ExprLike): Distribution => dist('gamma', alpha, beta);
/**
 * `inv_gamma(alpha, beta)`: the right-hand side of `y ~ inv_gamma(alpha, beta)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, invGamma } from 'langevin/builder';
 * console.log(model('m').target(invGamma(2, 1).lpdf(2)).toStan());
 * // → model {
 * // →   target += inv_gamma_lpdf(2 | 2, 1);
 * // → }
 * ```
 */
export const invGamma = (alpha: ExprLike, beta: ExprLike): Distribution => dist('inv_gamma', alpha, beta);
/**
 * `beta(alpha, b)`: the right-hand side of `y ~ beta(alpha, b)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, beta } from 'langevin/builder';
 * console.log(model('m').target(beta(2, 3).lpdf(0.4)).toStan());
 * // → model {
 * // →   target += beta_lpdf(0.4 | 2, 3);
 * // → }
 * ```
 */
export const beta = (alpha: ExprLike, b: ExprLike): Distribution => dist('beta', alpha, b);
/**
 * `uniform(lower, upper)`: the right-hand side of `y ~ uniform(lower, upper)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, uniform } from 'langevin/builder';
 * console.log(model('m').target(uniform(0, 1).lpdf(0.4)).toStan());
 * // → model {
 * // →   target += uniform_lpdf(0.4 | 0, 1);
 * // → }
 * ```
 */
export const uniform = (lower: ExprLike, upper: ExprLike): Distribution => dist('uniform', lower, upper);
/**
 * `chi_square(nu)`: the right-hand side of `y ~ chi_square(nu)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, chiSquare } from 'langevin/builder';
 * console.log(model('m').target(chiSquare(3).lpdf(2)).toStan());
 * // → model {
 * // →   target += chi_square_lpdf(2 | 3);
 * // → }
 * ```
 */
export const chiSquare = (nu: ExprLike): Distribution => dist('chi_square', nu);
/**
 * `weibull(alpha, sigma)`: the right-hand side of `y ~ weibull(alpha, sigma)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, weibull } from 'langevin/builder';
 * console.log(model('m').target(weibull(2, 1).lpdf(0.5)).toStan());
 * // → model {
 * // →   target += weibull_lpdf(0.5 | 2, 1);
 * // → }
 * ```
 */
export const weibull = (alpha: ExprLike, sigma: ExprLike): Distribution => dist('weibull', alpha, sigma);
/**
 * `multi_normal(mu, sigma)`: the right-hand side of `y ~ multi_normal(mu, sigma)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, vector, covMatrix, multiNormal } from 'langevin/builder';
 * const m = model('m').data('mu', vector(2)).data('Sigma', covMatrix(2)).parameter('y', vector(2));
 * console.log(m.sample('y', multiNormal('mu', 'Sigma')).toStan());
 * // → data {
 * // →   vector[2] mu;
 * // →   cov_matrix[2] Sigma;
 * // → }
 * // → parameters {
 * // →   vector[2] y;
 * // → }
 * // → model {
 * // →   y ~ multi_normal(mu, Sigma);
 * // → }
 * ```
 */
export const multiNormal = (mu: ExprLike, sigma: ExprLike): Distribution => dist('multi_normal', mu, sigma);
/**
 * `multi_normal_cholesky(mu, l)`: the right-hand side of `y ~ multi_normal_cholesky(mu, l)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, vector, choleskyFactorCov, multiNormalCholesky } from 'langevin/builder';
 * const m = model('m').data('mu', vector(2)).data('L', choleskyFactorCov(2)).parameter('y', vector(2));
 * console.log(m.sample('y', multiNormalCholesky('mu', 'L')).toStan());
 * // → data {
 * // →   vector[2] mu;
 * // →   cholesky_factor_cov[2] L;
 * // → }
 * // → parameters {
 * // →   vector[2] y;
 * // → }
 * // → model {
 * // →   y ~ multi_normal_cholesky(mu, L);
 * // → }
 * ```
 */
export const multiNormalCholesky = (mu: ExprLike, l: ExprLike): Distribution => dist('multi_normal_cholesky', mu, l);
/**
 * `dirichlet(alpha)`: the right-hand side of `y ~ dirichlet(alpha)`; `.lpdf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, vector, simplex, dirichlet } from 'langevin/builder';
 * const m = model('m').data('alpha', vector(3).lower(0)).parameter('theta', simplex(3));
 * console.log(m.sample('theta', dirichlet('alpha')).toStan());
 * // → data {
 * // →   vector<lower=0>[3] alpha;
 * // → }
 * // → parameters {
 * // →   simplex[3] theta;
 * // → }
 * // → model {
 * // →   theta ~ dirichlet(alpha);
 * // → }
 * ```
 */
export const dirichlet = (alpha: ExprLike): Distribution => dist('dirichlet', alpha);
/**
 * `bernoulli(theta)`: the right-hand side of `y ~ bernoulli(theta)`; `.lpmf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, bernoulli } from 'langevin/builder';
 * console.log(model('m').target(bernoulli(0.3).lpmf(1)).toStan());
 * // → model {
 * // →   target += bernoulli_lpmf(1 | 0.3);
 * // → }
 * ```
 */
export const bernoulli = (theta: ExprLike): Distribution => dist('bernoulli', theta);
/**
 * `bernoulli_logit(alpha)`: the right-hand side of `y ~ bernoulli_logit(alpha)`; `.lpmf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, bernoulliLogit } from 'langevin/builder';
 * console.log(model('m').target(bernoulliLogit(0.5).lpmf(1)).toStan());
 * // → model {
 * // →   target += bernoulli_logit_lpmf(1 | 0.5);
 * // → }
 * ```
 */
export const bernoulliLogit = (alpha: ExprLike): Distribution => dist('bernoulli_logit', alpha);
/**
 * `binomial(n, theta)`: the right-hand side of `y ~ binomial(n, theta)`; `.lpmf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, binomial } from 'langevin/builder';
 * console.log(model('m').target(binomial(10, 0.3).lpmf(4)).toStan());
 * // → model {
 * // →   target += binomial_lpmf(4 | 10, 0.3);
 * // → }
 * ```
 */
export const binomial = (n: ExprLike, theta: ExprLike): Distribution => dist('binomial', n, theta);
/**
 * `binomial_logit(n, alpha)`: the right-hand side of `y ~ binomial_logit(n, alpha)`; `.lpmf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, binomialLogit } from 'langevin/builder';
 * console.log(model('m').target(binomialLogit(10, 0.5).lpmf(4)).toStan());
 * // → model {
 * // →   target += binomial_logit_lpmf(4 | 10, 0.5);
 * // → }
 * ```
 */
export const binomialLogit = (n: ExprLike, alpha: ExprLike): Distribution => dist('binomial_logit', n, alpha);
/**
 * `poisson(lambda)`: the right-hand side of `y ~ poisson(lambda)`; `.lpmf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, poisson } from 'langevin/builder';
 * console.log(model('m').target(poisson(3).lpmf(2)).toStan());
 * // → model {
 * // →   target += poisson_lpmf(2 | 3);
 * // → }
 * ```
 */
export const poisson = (lambda: ExprLike): Distribution => dist('poisson', lambda);
/**
 * `poisson_log(alpha)`: the right-hand side of `y ~ poisson_log(alpha)`; `.lpmf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, poissonLog } from 'langevin/builder';
 * console.log(model('m').target(poissonLog(1).lpmf(2)).toStan());
 * // → model {
 * // →   target += poisson_log_lpmf(2 | 1);
 * // → }
 * ```
 */
export const poissonLog = (alpha: ExprLike): Distribution => dist('poisson_log', alpha);
/**
 * `neg_binomial_2(mu, phi)`: the right-hand side of `y ~ neg_binomial_2(mu, phi)`; `.lpmf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, negBinomial2 } from 'langevin/builder';
 * console.log(model('m').target(negBinomial2(3, 2).lpmf(2)).toStan());
 * // → model {
 * // →   target += neg_binomial_2_lpmf(2 | 3, 2);
 * // → }
 * ```
 */
export const negBinomial2 = (mu: ExprLike, phi: ExprLike): Distribution => dist('neg_binomial_2', mu, phi);
/**
 * `categorical(theta)`: the right-hand side of `y ~ categorical(theta)`; `.lpmf(y)` and `.rng()` give its functions.
 * @example
 * ```ts
 * import { model, simplex, categorical } from 'langevin/builder';
 * console.log(model('m').parameter('theta', simplex(3)).target(categorical('theta').lpmf(2)).toStan());
 * // → parameters {
 * // →   simplex[3] theta;
 * // → }
 * // → model {
 * // →   target += categorical_lpmf(2 | theta);
 * // → }
 * ```
 */
export const categorical = (theta: ExprLike): Distribution => dist('categorical', theta);
