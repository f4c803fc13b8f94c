/**
 * The elementwise math library: unary functions vectorised over every
 * container ('T' → 'T'), binary functions vectorised with scalar
 * broadcasting, and the constants (pi(), e(), ...). Each maps to one IR
 * primitive, so data folds and parameters trace with exact derivatives.
 */
import type { BinaryOp, Ops, UnaryOp, Val } from '../../src/ir/ops.js';
import type { FunctionEntry } from '../types.js';
import { Build, broadcast } from '../build.js';
import { fn, type SigSpec } from './define.js';

const T_TO_T: SigSpec = [['T'], 'T'];

function unary(name: string, op: UnaryOp, doc: string, extra: SigSpec[] = []): FunctionEntry {
  return fn(name, doc, [...extra, T_TO_T], (ops, [x]) => ops.unary(op, x!));
}

/** Elementwise binary with Stan's vectorisation (scalar–container broadcasting). */
export function binaryApply(ops: Ops, name: string, op: BinaryOp, a: Val, b: Val): Val {
  const { args } = broadcast(ops, name, [a, b]);
  return ops.binary(op, args[0]!, args[1]!);
}

const BINARY_SIGS: SigSpec[] = [
  [['real', 'real'], 'real'],
  [['T', 'real'], 'T'],
  [['real', 'T'], 'T'],
  [['T', 'T'], 'T'],
];

function binary(name: string, op: BinaryOp, doc: string, extra: SigSpec[] = []): FunctionEntry {
  return fn(name, doc, [...extra, ...BINARY_SIGS], (ops, [a, b]) => binaryApply(ops, name, op, a!, b!));
}

function constant(name: string, value: number, doc: string): FunctionEntry {
  return fn(name, doc, [[[], 'real']], (ops) => ops.constant(value));
}

/** log2() / log10(): the constant with no argument, the function with one. */
function constantOrUnary(name: string, op: UnaryOp, value: number, doc: string): FunctionEntry {
  return fn(name, doc, [[[], 'real'], T_TO_T], (ops, args) =>
    args.length === 0 ? ops.constant(value) : ops.unary(op, args[0]!),
  );
}

export const elementwiseFunctions: FunctionEntry[] = [
  unary('exp', 'exp', 'Natural exponential.'),
  unary('exp2', 'exp2', 'Base-2 exponential.'),
  unary('log', 'log', 'Natural logarithm.'),
  constantOrUnary('log2', 'log2', Math.LN2, 'log2(): the constant log(2); log2(x): base-2 logarithm.'),
  constantOrUnary('log10', 'log10', Math.LN10, 'log10(): the constant log(10); log10(x): base-10 logarithm.'),
  unary('log1p', 'log1p', 'log(1 + x), accurate near 0.'),
  unary('expm1', 'expm1', 'exp(x) - 1, accurate near 0.'),
  unary('sqrt', 'sqrt', 'Square root.'),
  unary('cbrt', 'cbrt', 'Cube root.'),
  unary('square', 'square', 'x squared, x².'),
  unary('abs', 'abs', 'Absolute value (int for int).', [[['int'], 'int']]),
  unary('fabs', 'abs', 'Absolute value (deprecated Stan spelling of abs).'),
  unary('inv', 'inv', '1 / x.'),
  unary('inv_sqrt', 'inv_sqrt', '1 / sqrt(x).'),
  unary('inv_square', 'inv_square', '1 / x².'),
  unary('inv_logit', 'inv_logit', 'Logistic sigmoid 1 / (1 + exp(-x)).'),
  unary('logit', 'logit', 'log(x / (1 - x)).'),
  unary('log_inv_logit', 'log_inv_logit', 'log(inv_logit(x)), stable.'),
  unary('log1m_inv_logit', 'log1m_inv_logit', 'log(1 - inv_logit(x)), stable.'),
  unary('log1m', 'log1m', 'log(1 - x), accurate near 0.'),
  unary('log1p_exp', 'log1p_exp', 'log(1 + exp(x)), stable (softplus).'),
  unary('log1m_exp', 'log1m_exp', 'log(1 - exp(x)) for x < 0, stable.'),
  unary('inv_cloglog', 'inv_cloglog', '1 - exp(-exp(x)).'),
  unary('lgamma', 'lgamma', 'log |Γ(x)|.'),
  unary('digamma', 'digamma', 'Derivative of lgamma.'),
  unary('trigamma', 'trigamma', 'Second derivative of lgamma.'),
  unary('tgamma', 'tgamma', 'Γ(x).'),
  unary('sin', 'sin', 'Sine.'),
  unary('cos', 'cos', 'Cosine.'),
  unary('tan', 'tan', 'Tangent.'),
  unary('asin', 'asin', 'Arc sine.'),
  unary('acos', 'acos', 'Arc cosine.'),
  unary('atan', 'atan', 'Arc tangent.'),
  unary('sinh', 'sinh', 'Hyperbolic sine.'),
  unary('cosh', 'cosh', 'Hyperbolic cosine.'),
  unary('tanh', 'tanh', 'Hyperbolic tangent.'),
  unary('asinh', 'asinh', 'Inverse hyperbolic sine.'),
  unary('acosh', 'acosh', 'Inverse hyperbolic cosine.'),
  unary('atanh', 'atanh', 'Inverse hyperbolic tangent.'),
  unary('erf', 'erf', 'Error function.'),
  unary('erfc', 'erfc', 'Complementary error function, accurate in the upper tail.'),
  unary('Phi', 'Phi', 'Standard normal CDF.'),
  unary('inv_Phi', 'inv_Phi', 'Standard normal quantile function.'),
  unary('Phi_approx', 'Phi_approx', 'Logistic approximation inv_logit(0.07056 x³ + 1.5976 x) of Phi.'),
  unary('floor', 'floor', 'Round down (zero derivative).'),
  unary('ceil', 'ceil', 'Round up (zero derivative).'),
  unary('round', 'round', 'Round half away from zero (zero derivative).'),
  unary('trunc', 'trunc', 'Round toward zero (zero derivative).'),
  unary('step', 'step', 'step(x) = 0 if x < 0 else 1 (real).'),
  fn(
    'int_step',
    'int_step(x) = 1 if x > 0 else 0 (int).',
    [
      [['int'], 'int'],
      [['real'], 'int'],
    ],
    (ops, [x]) => ops.binary('gt', x!, ops.constant(0)),
  ),
  fn('is_nan', '1 if x is NaN, else 0.', [[['real'], 'int']], (ops, [x]) => ops.unary('is_nan', x!)),
  fn('is_inf', '1 if x is ±Infinity, else 0.', [[['real'], 'int']], (ops, [x]) => ops.unary('is_inf', x!)),

  binary('pow', 'pow', 'x raised to the power y.'),
  binary('fmin', 'fmin', 'Smaller of two reals.'),
  binary('fmax', 'fmax', 'Larger of two reals.'),
  binary('fdim', 'fdim', 'Positive difference max(x - y, 0).'),
  binary('fmod', 'fmod', 'Remainder of x / y with the sign of x.'),
  binary('atan2', 'atan2', 'Arc tangent of y/x using both signs.'),
  binary('hypot', 'hypot', 'sqrt(x² + y²) without overflow.'),
  binary('lbeta', 'lbeta', 'log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b).'),
  binary('lchoose', 'lchoose', 'log of the binomial coefficient.'),
  binary('gamma_p', 'gamma_p', 'Regularised lower incomplete gamma P(a, z), a > 0, z >= 0.'),
  binary('gamma_q', 'gamma_q', 'Regularised upper incomplete gamma Q(a, z) = 1 - P(a, z).'),
  fn(
    'inc_beta',
    'Regularised incomplete beta I_x(a, b), a > 0, b > 0, 0 <= x <= 1.',
    [
      [['real', 'real', 'real'], 'real'],
      [['T', 'T', 'T'], 'T'],
    ],
    (ops, [a, b, x]) => {
      const { args } = broadcast(ops, 'inc_beta', [a!, b!, x!]);
      return ops.ternary('inc_beta', args[0]!, args[1]!, args[2]!);
    },
  ),
  binary('log_diff_exp', 'log_diff_exp', 'log(exp(x) - exp(y)), stable.'),
  binary('multiply_log', 'multiply_log', 'x·log(y), 0 when x = y = 0.'),
  binary('lmultiply', 'lmultiply', 'x·log(y), 0 when x = y = 0.'),
  binary('binary_log_loss', 'binary_log_loss', 'Log loss: -log(y) if x = 1, -log(1 - y) if x = 0.'),
  fn('choose', 'Binomial coefficient (int).', [[['int', 'int'], 'int']], (ops, [n, k]) =>
    ops.unary('round', ops.unary('exp', ops.binary('lchoose', n!, k!))),
  ),
  fn(
    'fma',
    'x·y + z.',
    [
      [['real', 'real', 'real'], 'real'],
      [['T', 'T', 'T'], 'T'],
    ],
    (ops, [x, y, z]) => {
      const { args } = broadcast(ops, 'fma', [x!, y!, z!]);
      const b = new Build(ops);
      return b.add(b.mul(args[0]!, args[1]!), args[2]!);
    },
  ),

  constant('pi', Math.PI, 'The constant π.'),
  constant('e', Math.E, "Euler's number e."),
  constant('sqrt2', Math.SQRT2, 'sqrt(2).'),
  constant('not_a_number', NaN, 'Not a number (NaN).'),
  constant('positive_infinity', Infinity, '+Infinity.'),
  constant('negative_infinity', -Infinity, '-Infinity.'),
  constant('machine_precision', Number.EPSILON, 'The float64 machine epsilon, 2⁻⁵².'),
];
