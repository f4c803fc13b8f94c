/**
 * The builder API: write a model in TypeScript and get the same AST the
 * parser produces from Stan text, so it takes the same checker, lowering and
 * backends. See docs/builder.md.
 */
export { model, ModelBuilder } from './model.js';
export {
  Expression, IndexSpec, v, c, call, callConditional, ifElse, arrayOf, rowVectorOf, all, range, toExpr,
} from './expression.js';
export type { ExprLike, IndexLike } from './expression.js';
export {
  StanType, int, real, vector, rowVector, matrix, simplex, ordered, positiveOrdered, unitVector,
  choleskyFactorCorr, choleskyFactorCov, covMatrix, corrMatrix, array,
} from './types.js';
export {
  Distribution, dist, normal, studentT, cauchy, doubleExponential, logistic, lognormal, exponential, gamma,
  invGamma, beta, uniform, chiSquare, weibull, multiNormal, multiNormalCholesky, dirichlet, bernoulli,
  bernoulliLogit, binomial, binomialLogit, poisson, poissonLog, negBinomial2, categorical,
} from './distribution.js';
export {
  exp, log, sqrt, square, abs, log1p, expm1, log1m, invLogit, logit, logInvLogit, lgamma, tanh, sin, cos,
  pow, fmin, fmax, sum, mean, sd, variance, prod, min, max, size, rows, cols, toVector, cumulativeSum,
  dotSelf, dotProduct, repVector, logSumExp, logMix, pi,
} from './functions.js';
export { decl, assign, sample, target, potential, forRange, forEach, ifThen } from './statements.js';
export type { Body, Stmt } from './statements.js';
export { stanExpr, stanStatements } from './stan-text.js';
