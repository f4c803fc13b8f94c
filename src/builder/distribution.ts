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

/** Any distribution by its Stan name: `dist('skew_normal', xi, omega, alpha)`. */
export function dist(name: string, ...args: ExprLike[]): Distribution {
  return new Distribution(name, args);
}

export const normal = (mu: ExprLike, sigma: ExprLike): Distribution => dist('normal', mu, sigma);
export const studentT = (nu: ExprLike, mu: ExprLike, sigma: ExprLike): Distribution => dist('student_t', nu, mu, sigma);
export const cauchy = (mu: ExprLike, sigma: ExprLike): Distribution => dist('cauchy', mu, sigma);
export const doubleExponential = (mu: ExprLike, sigma: ExprLike): Distribution => dist('double_exponential', mu, sigma);
export const logistic = (mu: ExprLike, sigma: ExprLike): Distribution => dist('logistic', mu, sigma);
export const lognormal = (mu: ExprLike, sigma: ExprLike): Distribution => dist('lognormal', mu, sigma);
export const exponential = (beta: ExprLike): Distribution => dist('exponential', beta);
export const gamma = (alpha: ExprLike, beta: ExprLike): Distribution => dist('gamma', alpha, beta);
export const invGamma = (alpha: ExprLike, beta: ExprLike): Distribution => dist('inv_gamma', alpha, beta);
export const beta = (alpha: ExprLike, b: ExprLike): Distribution => dist('beta', alpha, b);
export const uniform = (lower: ExprLike, upper: ExprLike): Distribution => dist('uniform', lower, upper);
export const chiSquare = (nu: ExprLike): Distribution => dist('chi_square', nu);
export const weibull = (alpha: ExprLike, sigma: ExprLike): Distribution => dist('weibull', alpha, sigma);
export const multiNormal = (mu: ExprLike, sigma: ExprLike): Distribution => dist('multi_normal', mu, sigma);
export const multiNormalCholesky = (mu: ExprLike, l: ExprLike): Distribution => dist('multi_normal_cholesky', mu, l);
export const dirichlet = (alpha: ExprLike): Distribution => dist('dirichlet', alpha);
export const bernoulli = (theta: ExprLike): Distribution => dist('bernoulli', theta);
export const bernoulliLogit = (alpha: ExprLike): Distribution => dist('bernoulli_logit', alpha);
export const binomial = (n: ExprLike, theta: ExprLike): Distribution => dist('binomial', n, theta);
export const binomialLogit = (n: ExprLike, alpha: ExprLike): Distribution => dist('binomial_logit', n, alpha);
export const poisson = (lambda: ExprLike): Distribution => dist('poisson', lambda);
export const poissonLog = (alpha: ExprLike): Distribution => dist('poisson_log', alpha);
export const negBinomial2 = (mu: ExprLike, phi: ExprLike): Distribution => dist('neg_binomial_2', mu, phi);
export const categorical = (theta: ExprLike): Distribution => dist('categorical', theta);
