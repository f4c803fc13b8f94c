/**
 * Reductions over containers (sum, mean, sd, log_sum_exp, ...), the
 * softmax family, log_mix and cumulative_sum.
 */
import { LangevinError } from '../../src/errors.js';
import type { Ops, ReduceOp, Val } from '../../src/ir/ops.js';
import type { FunctionEntry } from '../types.js';
import { Build, broadcast } from '../build.js';
import { each, fn, REAL_CONTAINERS, type SigSpec } from './define.js';

const INT_OR_REAL_CONTAINERS: SigSpec[] = [[['array[] int'], 'int'], ...each(REAL_CONTAINERS, 'real')];

function reduction(name: string, op: ReduceOp, doc: string, empty: number): FunctionEntry {
  return fn(name, doc, INT_OR_REAL_CONTAINERS, (ops, [x]) =>
    ops.size(x!) === 0 ? ops.constant(empty) : ops.reduce(op, x!),
  );
}

function mean(ops: Ops, x: Val): Val {
  const n = ops.size(x);
  if (n === 0) throw new LangevinError('mean of an empty container');
  return ops.binary('div', ops.reduce('sum', x), ops.constant(n));
}

function variance(ops: Ops, x: Val): Val {
  const n = ops.size(x);
  if (n === 0) throw new LangevinError('variance of an empty container');
  if (n === 1) return ops.constant(0);
  const b = new Build(ops);
  return b.div(b.sum(b.square(b.sub(x, mean(ops, x)))), n - 1);
}

/** Softmax-family input: a vector (shape [n]). */
function logSoftmax(ops: Ops, x: Val): Val {
  const b = new Build(ops);
  return b.sub(x, b.r('log_sum_exp', x));
}

/**
 * Inclusive prefix sums by doubling (Hillis–Steele): log2(n) shifted adds,
 * O(n log n) work and no n×n matrix, so long series stay cheap.
 */
function cumulativeSum(ops: Ops, x: Val): Val {
  const n = ops.size(x);
  let acc = ops.reshape(x, [n]);
  for (let d = 1; d < n; d *= 2) {
    const padded = ops.concat([ops.constant(new Float64Array(d), [d]), acc], [n + d]);
    const shifted = ops.gather(
      padded,
      Int32Array.from({ length: n }, (_, i) => i),
      [n],
    );
    acc = ops.binary('add', acc, shifted);
  }
  return ops.reshape(acc, x.shape);
}

export const reductionFunctions: FunctionEntry[] = [
  reduction('sum', 'sum', 'Sum of the elements (0 if empty).', 0),
  reduction('prod', 'prod', 'Product of the elements (1 if empty).', 1),
  fn(
    'min',
    'Smallest element of a container (+Infinity if empty), or the smaller of two values.',
    [...INT_OR_REAL_CONTAINERS, [['int', 'int'], 'int'], [['real', 'real'], 'real']],
    (ops, args) =>
      args.length === 2
        ? ops.binary('fmin', args[0]!, args[1]!)
        : ops.size(args[0]!) === 0
          ? ops.constant(Infinity)
          : ops.reduce('min', args[0]!),
  ),
  fn(
    'max',
    'Largest element of a container (-Infinity if empty), or the larger of two values.',
    [...INT_OR_REAL_CONTAINERS, [['int', 'int'], 'int'], [['real', 'real'], 'real']],
    (ops, args) =>
      args.length === 2
        ? ops.binary('fmax', args[0]!, args[1]!)
        : ops.size(args[0]!) === 0
          ? ops.constant(-Infinity)
          : ops.reduce('max', args[0]!),
  ),
  fn(
    'log_sum_exp',
    'log(Σ exp(x)) over a container (-Infinity if empty), or log(exp(x) + exp(y)); stable.',
    [[['real', 'real'], 'real'], ...each(['array[] real', 'vector', 'row_vector', 'matrix'], 'real')],
    (ops, args) =>
      args.length === 2
        ? ops.binary('log_sum_exp2', args[0]!, args[1]!)
        : ops.size(args[0]!) === 0
          ? ops.constant(-Infinity)
          : ops.reduce('log_sum_exp', args[0]!),
  ),
  fn('mean', 'Sample mean.', each(REAL_CONTAINERS, 'real'), (ops, [x]) => mean(ops, x!)),
  fn('variance', 'Sample variance (n - 1 denominator; 0 for one element).', each(REAL_CONTAINERS, 'real'), (ops, [x]) =>
    variance(ops, x!),
  ),
  fn(
    'sd',
    'Sample standard deviation (n - 1 denominator; 0 for one element).',
    each(REAL_CONTAINERS, 'real'),
    (ops, [x]) => ops.unary('sqrt', variance(ops, x!)),
  ),
  fn('log_softmax', 'x - log_sum_exp(x).', [[['vector'], 'vector']], (ops, [x]) => logSoftmax(ops, x!)),
  fn('softmax', 'exp(x) / Σ exp(x), computed as exp(log_softmax(x)).', [[['vector'], 'vector']], (ops, [x]) =>
    ops.unary('exp', logSoftmax(ops, x!)),
  ),
  fn(
    'cumulative_sum',
    'Running sums: element i is the sum of elements 1..i.',
    [
      [['array[] int'], 'array[] int'],
      [['array[] real'], 'array[] real'],
      [['vector'], 'vector'],
      [['row_vector'], 'row_vector'],
    ],
    (ops, [x]) => cumulativeSum(ops, x!),
  ),
  fn(
    'log_mix',
    'log_mix(theta, lp1, lp2) = log(theta·exp(lp1) + (1 - theta)·exp(lp2)); log_mix(theta, lps) = log Σ theta_k exp(lps_k), summed over an array of lps vectors.',
    [
      [['real', 'real', 'real'], 'real'],
      [['vector', 'vector'], 'real'],
      [['vector', 'row_vector'], 'real'],
      [['vector', 'array[] real'], 'real'],
      [['row_vector', 'vector'], 'real'],
      [['row_vector', 'row_vector'], 'real'],
      [['array[] real', 'array[] real'], 'real'],
      [['array[] real', 'vector'], 'real'],
      [['vector', 'array[] vector'], 'real'],
      [['vector', 'array[] row_vector'], 'real'],
      [['row_vector', 'array[] vector'], 'real'],
      [['array[] real', 'array[] vector'], 'real'],
    ],
    (ops, args) => {
      const b = new Build(ops);
      if (args.length === 3) {
        const [theta, lp1, lp2] = broadcast(ops, 'log_mix', args).args as [Val, Val, Val];
        return b.b('log_sum_exp2', b.add(b.log(theta), lp1), b.add(b.log1m(theta), lp2));
      }
      const [theta, lps] = args as [Val, Val];
      const k = ops.size(theta);
      const logTheta = b.log(ops.reshape(theta, [k]));
      if (lps.shape.length === 1) {
        if (lps.shape[0] !== k) throw new LangevinError(`log_mix: ${k} weights but ${lps.shape[0]} log densities`);
        return b.r('log_sum_exp', b.add(logTheta, lps));
      }
      const [m, kk] = lps.shape as [number, number];
      if (kk !== k) throw new LangevinError(`log_mix: ${k} weights but vectors of ${kk} log densities`);
      // Σ_n log Σ_k theta_k exp(lps[n, k]), row by row.
      let acc: Val | undefined;
      for (let i = 0; i < m; i++) {
        const idx = Int32Array.from({ length: k }, (_, j) => i * k + j);
        const term = b.r('log_sum_exp', b.add(logTheta, ops.gather(lps, idx, [k])));
        acc = acc ? b.add(acc, term) : term;
      }
      return acc ?? ops.constant(0);
    },
  ),
];
