/**
 * Expressions of a vectorised loop body: every iteration at once. A value
 * that depends on the iteration is "laned" (a leading dimension of one
 * entry per iteration); everything else is evaluated once by the ordinary
 * interpreter. What has no vectorised form here gives up (NotVectorisable)
 * and the loop unrolls as before.
 */
import type { CallExpr, Expr, IndexExpr, Span, TernaryExpr } from '../language/ast.js';
import type { BinaryOp, Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import { INT, REAL, typeToString, type StanType } from '../check/types.js';
import { calleeOf, typeOf } from '../check/resolve.js';
import type { DistributionEntry } from '../../stdlib/types.js';
import { elementwiseFunctions } from '../../stdlib/functions/elementwise.js';
import { constantScalar, lookup, type Context, type Value } from './context.js';
import { atCall, binaryValue, rngCall, sizeFunction } from './expressions.js';
import { Frame, giveUp, liftLanes } from './lanes.js';
import {
  ElementOps,
  commonShape,
  inner,
  isUnivariate,
  laneSelect,
  lanedValue,
  logAccess,
  materialise,
  mentions,
  operands,
  outsideLanes,
  uniform,
  type Source,
} from './lane-values.js';

const ELEMENTWISE_FUNCTIONS = new Set(elementwiseFunctions.map((f) => f.name));

/** Functions elementwise in their all-scalar form (by arity), e.g. log_sum_exp(a, b). */
const SCALAR_ELEMENTWISE: Record<string, number> = { log_sum_exp: 2, log_mix: 3 };

/** Widest per-iteration container reduced by a chain of column operations. */
const MAX_CHAIN = 64;

/**
 * sum, mean, log_sum_exp, max, min of one per-iteration container, and
 * dot_product of two: one value per lane. Sums are a matrix-vector product
 * with ones; the others a chain over the (few) columns.
 */
function reduction(ctx: Context, name: string, args: Value[]): Value | undefined {
  const ops = ctx.ops;
  const L = ctx.lane!.size;
  const rows = (v: Value): Val => {
    const k = shapeSize(inner(v));
    return ops.reshape(v.val, [L, k]);
  };
  const sumRows = (x: Val): Val => ops.matmul(x, ops.constant(new Float64Array(x.shape[1]!).fill(1), [x.shape[1]!]));
  const column = (x: Val, j: number): Val => {
    const k = x.shape[1]!;
    return ops.gather(
      x,
      Int32Array.from({ length: L }, (_, l) => l * k + j),
      [L],
    );
  };
  const chain = (x: Val, op: 'fmax' | 'fmin'): Val => {
    const k = x.shape[1]!;
    if (k > MAX_CHAIN) giveUp('a wide per-iteration reduction');
    let acc = column(x, 0);
    for (let j = 1; j < k; j++) acc = ops.binary(op, acc, column(x, j));
    return acc;
  };
  const one = args.length === 1 && args[0]!.lane && inner(args[0]!).length > 0 && args[0]!.type.base !== 'int';
  if (name === 'dot_product' && args.length === 2 && args.every((a) => a.lane && inner(a).length === 1)) {
    const [a, b] = args as [Value, Value];
    if (inner(a)[0] !== inner(b)[0]) giveUp('dot_product sizes');
    return lanedValue(ctx, REAL, sumRows(ops.reshape(ops.binary('mul', a.val, b.val), [L, inner(a)[0]!])));
  }
  if (!one) return undefined;
  const x = rows(args[0]!);
  const k = x.shape[1]!;
  switch (name) {
    case 'sum':
      return lanedValue(ctx, REAL, sumRows(x));
    case 'mean':
      return lanedValue(ctx, REAL, ops.binary('div', sumRows(x), ops.constant(k)));
    case 'max':
    case 'min':
      return lanedValue(ctx, REAL, chain(x, name === 'max' ? 'fmax' : 'fmin'));
    case 'log_sum_exp': {
      const m = chain(x, 'fmax');
      // Lanes whose maximum is infinite keep it (log Σ exp is then ±∞ or NaN, as the unrolled form).
      const finite = ops.select(ops.unary('is_inf', m), ops.constant(0), m);
      const shifted = ops.unary('exp', ops.binary('sub', x, expandRows(ops, finite, k)));
      return lanedValue(ctx, REAL, ops.binary('add', ops.unary('log', sumRows(shifted)), finite));
    }
    default:
      return undefined;
  }
}

function expandRows(ops: Context['ops'], v: Val, k: number): Val {
  const L = v.shape[0]!;
  const idx = new Int32Array(L * k);
  for (let l = 0; l < L; l++) idx.fill(l, l * k, (l + 1) * k);
  return ops.gather(v, idx, [L, k]);
}

const ELEMENTWISE: Partial<Record<string, BinaryOp>> = {
  '+': 'add',
  '-': 'sub',
  '.*': 'mul',
  './': 'div',
  '^': 'pow',
  '.^': 'pow',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '==': 'eq',
  '!=': 'ne',
  '&&': 'logical_and',
  '||': 'logical_or',
};

/** Evaluate `e` for every lane of ctx.lane: a laned value, or a uniform one when it does not depend on the iteration. */
export function evaluateLaned(ctx: Context, e: Expr): Value {
  const m = mentions(ctx, e);
  if (!m.laned) return uniform(ctx, e, m);
  const ops = ctx.ops;
  switch (e.kind) {
    case 'Variable': {
      const v = lookup(ctx, e.name);
      if (!v || !v.owner) return giveUp('variable');
      const whole = v.read(ops);
      const per = shapeSize(v.shape.slice(1));
      if (!v.readOnly) {
        const map = ctx.lane!.mapTo(v.owner);
        const flat = new Int32Array(ctx.lane!.size * per);
        for (let l = 0; l < ctx.lane!.size; l++)
          for (let j = 0; j < per; j++) flat[l * per + j] = (map ? map[l]! : l) * per + j;
        logAccess(ctx, v, flat, per, false);
      }
      return { type: v.type, val: liftLanes(ops, whole, v.owner, ctx.lane!), lane: ctx.lane };
    }
    case 'Binary': {
      const l = evaluateLaned(ctx, e.left);
      if ((e.op === '&&' || e.op === '||') && l.lane) return logical(ctx, e.op, l, e.right, e.span);
      const r = evaluateLaned(ctx, e.right);
      return binaryLaned(ctx, e.op, l, r, e.span, typeOf(ctx.typed, e));
    }
    case 'Prefix': {
      const x = evaluateLaned(ctx, e.operand);
      const type = typeOf(ctx.typed, e);
      if (e.op === '+') return { ...x, type };
      const val = ops.unary(e.op === '-' ? 'neg' : 'logical_not', x.val);
      return x.lane ? lanedValue(ctx, type, val) : { type, val };
    }
    case 'Transpose': {
      const x = evaluateLaned(ctx, e.operand);
      const type = typeOf(ctx.typed, e);
      if (x.type.base === 'matrix') giveUp('transpose of a per-iteration matrix');
      return { ...x, type };
    }
    case 'Ternary':
      return ternary(ctx, e);
    case 'Call':
      return call(ctx, e);
    case 'Index':
      return index(ctx, e);
    default:
      return giveUp(`${e.kind} depending on the iteration`);
  }
}

/** Run `body` with the current frame narrowed to the lanes `lanes` of it. */
export function inFrame<T>(ctx: Context, lanes: Int32Array, body: () => T): T {
  const parent = ctx.lane!;
  ctx.lane = new Frame(lanes.length, parent, lanes);
  try {
    return body();
  } finally {
    ctx.lane = parent;
  }
}

/** The lanes where a constant laned condition holds, and the rest. */
export function partition(c: Float64Array): [Int32Array, Int32Array] {
  const yes: number[] = [];
  const no: number[] = [];
  for (let l = 0; l < c.length; l++) (c[l] !== 0 ? yes : no).push(l);
  return [Int32Array.from(yes), Int32Array.from(no)];
}

/** Values computed on the two parts of a partition, put back in lane order. */
function merge(ctx: Context, yes: Int32Array, a: Val, no: Int32Array, b: Val, shape: readonly number[]): Val {
  const s = shapeSize(shape);
  const L = yes.length + no.length;
  const perm = new Int32Array(L * s);
  yes.forEach((l, i) => {
    for (let j = 0; j < s; j++) perm[l * s + j] = i * s + j;
  });
  no.forEach((l, i) => {
    for (let j = 0; j < s; j++) perm[l * s + j] = (yes.length + i) * s + j;
  });
  return ctx.ops.gather(ctx.ops.concat([a, b], [L * s]), perm, [L, ...shape]);
}

/** Evaluate `a` on the lanes where the constant laned `cond` holds and `b` on the rest (only those run, as in Stan). */
function split(ctx: Context, cond: Float64Array, a: () => Value, b: () => Value): Value {
  const [yes, no] = partition(cond);
  if (no.length === 0) return a();
  if (yes.length === 0) return b();
  let shape: number[] = [];
  let type: StanType = REAL;
  const va = inFrame(ctx, yes, () => {
    const v = a();
    shape = inner(v);
    type = v.type;
    return materialise(ctx, v, shape);
  });
  const vb = inFrame(ctx, no, () => {
    const v = b();
    const s = inner(v);
    if (shapeSize(s) !== shapeSize(shape)) giveUp('branches of different sizes');
    if (v.type.base === 'real') type = { ...type, base: type.base === 'int' ? 'real' : type.base };
    return materialise(ctx, v, shape);
  });
  return lanedValue(ctx, type, merge(ctx, yes, va, no, vb, shape));
}

function ternary(ctx: Context, e: TernaryExpr): Value {
  const cond = evaluateLaned(ctx, e.condition);
  if (!cond.lane) {
    const c = constantScalar(cond.val);
    if (c !== undefined) return evaluateLaned(ctx, c !== 0 ? e.then : e.otherwise);
  } else if (cond.val.constant) {
    return split(
      ctx,
      cond.val.constant,
      () => evaluateLaned(ctx, e.then),
      () => evaluateLaned(ctx, e.otherwise),
    );
  }
  const a = evaluateLaned(ctx, e.then);
  const b = evaluateLaned(ctx, e.otherwise);
  const shape = commonShape([a, b]);
  if (shape.length !== 0) giveUp('a non-scalar ?: on parameters');
  const [c, x, y] = operands(ctx, [cond, a, b], shape);
  return lanedValue(ctx, typeOf(ctx.typed, e), ctx.ops.select(c!, x!, y!));
}

/** `a && b`, `a || b` with a laned left side: short-circuit per lane when it is data. */
function logical(ctx: Context, op: '&&' | '||', l: Value, right: Expr, span: Span): Value {
  if (l.val.constant) {
    const decided = op === '&&' ? 0 : 1;
    const known = (): Value => ({ type: INT, val: ctx.ops.constant(decided) });
    const other = (): Value =>
      binaryLaned(ctx, op, { type: INT, val: ctx.ops.constant(1 - decided) }, evaluateLaned(ctx, right), span, INT);
    // Lanes whose left side decides the result skip the right side.
    const undecided = Float64Array.from(l.val.constant, (c) => ((c !== 0 ? 1 : 0) === decided ? 0 : 1));
    return split(ctx, undecided, other, known);
  }
  return binaryLaned(ctx, op, l, evaluateLaned(ctx, right), span, INT);
}

/** `l op r` for every lane; `type` is the checker's type of the result. */
export function binaryLaned(ctx: Context, op: string, l: Value, r: Value, span: Span, type: StanType): Value {
  if (!l.lane && !r.lane) return { type, val: outsideLanes(ctx, () => binaryValue(ctx, op, l, r, span)) };
  const ops = ctx.ops;
  const ls = inner(l);
  const rs = inner(r);
  const scalars = ls.length === 0 || rs.length === 0;
  const elementwise = (name: BinaryOp): Value => {
    const shape = commonShape([l, r]);
    const [a, b] = operands(ctx, [l, r], shape);
    return lanedValue(ctx, type, ops.binary(name, a!, b!));
  };
  const intOperands = l.type.base === 'int' && r.type.base === 'int' && ls.length === 0 && rs.length === 0;
  switch (op) {
    case '*':
      if (scalars) return elementwise('mul');
      return lanedValue(ctx, type, product(ctx, l, r));
    case '/':
    case '%/%':
      if (intOperands || op === '%/%') {
        if (r.val.constant && r.val.constant.some((x) => x === 0)) giveUp('integer division by zero');
        const q = elementwise('div');
        return { ...q, val: ops.unary('trunc', q.val) };
      }
      if (rs.length === 0) return elementwise('div');
      return giveUp('matrix division');
    case '%':
      if (r.val.constant && r.val.constant.some((x) => x === 0)) giveUp('modulus by zero');
      return elementwise('fmod');
    default: {
      const name = ELEMENTWISE[op] ?? giveUp(`operator ${op}`);
      return elementwise(name);
    }
  }
}

/** Per-lane products of a row vector / matrix with a vector / matrix, one side uniform. */
function product(ctx: Context, l: Value, r: Value): Val {
  const ops = ctx.ops;
  const lb = l.type.base;
  const rb = r.type.base;
  if (l.type.arrayDims > 0 || r.type.arrayDims > 0) giveUp('product of arrays');
  if (l.lane && !r.lane) {
    // row_vector · vector → [L]; row_vector · matrix → [L, C]
    if (lb === 'row_vector' && (rb === 'vector' || rb === 'matrix') && inner(l)[0] === r.val.shape[0])
      return ops.matmul(l.val, r.val);
  } else if (!l.lane && r.lane) {
    const k = inner(r)[0];
    if (lb === 'row_vector' && rb === 'vector' && l.val.shape[0] === k) return ops.matmul(r.val, l.val);
    if (lb === 'matrix' && rb === 'vector' && l.val.shape[1] === k) return ops.matmul(r.val, ops.transpose(l.val));
  }
  return giveUp('this product per iteration');
}

function index(ctx: Context, e: IndexExpr): Value {
  let source: Source;
  const v = e.target.kind === 'Variable' ? lookup(ctx, e.target.name) : undefined;
  if (v) {
    source = {
      val: v.read(ctx.ops),
      type: v.type,
      shape: v.owner ? v.shape.slice(1) : [...v.shape],
      owner: v.owner,
      variable: v,
    };
  } else {
    const t = evaluateLaned(ctx, e.target);
    source = { val: t.val, type: t.type, shape: inner(t), owner: t.lane };
  }
  const sel = laneSelect(ctx, source, e.indices, e.span, (x) => evaluateLaned(ctx, x));
  if (source.variable) logAccess(ctx, source.variable, sel.flat, shapeSize(sel.shape), false);
  const L = ctx.lane!.size;
  return lanedValue(ctx, typeOf(ctx.typed, e), ctx.ops.gather(source.val, sel.flat, [L, ...sel.shape]));
}

function call(ctx: Context, e: CallExpr): Value {
  const callee = calleeOf(ctx.typed, e);
  if (callee.kind === 'target') giveUp('target() in a loop');
  if (callee.kind === 'user') giveUp(`user function ${e.name} called with per-iteration arguments`);
  if (callee.kind === 'density') {
    const args = e.args.map((a) => evaluateLaned(ctx, a));
    if (callee.suffix === 'rng') return rngLaned(ctx, e, callee.distribution, args);
    return lanedValue(ctx, REAL, elementDensity(ctx, callee.distribution, callee.suffix, args, e.span));
  }
  const { entry, returns } = callee;
  const args = e.args.map((a) => evaluateLaned(ctx, a));
  const sizeLike = sizeFunction(
    e.name,
    args.map((a) => ({ type: a.type, val: { shape: inner(a) } })),
  );
  if (sizeLike !== undefined) return { type: INT, val: ctx.ops.constant(sizeLike) };
  if (e.name === 'dot_product' && args.length === 2) {
    const [a, b] = args as [Value, Value];
    const [x, y] = a.lane ? [a, b] : [b, a];
    if (!y.lane && inner(x).length === 1 && y.val.shape.length === 1 && inner(x)[0] === y.val.shape[0]) {
      return lanedValue(ctx, REAL, ctx.ops.matmul(x.val, ctx.ops.reshape(y.val, [y.val.shape[0]!])));
    }
    return giveUp('dot_product per iteration');
  }
  const reduced = reduction(ctx, e.name, args);
  if (reduced) return reduced;
  const scalarArity = SCALAR_ELEMENTWISE[e.name];
  const scalarForm = scalarArity === args.length && args.every((a) => inner(a).length === 0);
  if ((!ELEMENTWISE_FUNCTIONS.has(e.name) && !scalarForm) || entry.rng) return giveUp(`function ${e.name}`);
  if (args.every((a) => !a.lane)) {
    // Every argument turned out the same in each lane (e.g. a branch taken by all of them).
    return {
      type: returns,
      val: atCall(ctx, e.span, () =>
        entry.apply(
          ctx.ops,
          args.map((a) => a.val),
          args.map((a) => typeToString(a.type)),
        ),
      ),
    };
  }
  const shape = commonShape(args);
  const vals = operands(ctx, args, shape);
  const val = atCall(ctx, e.span, () =>
    entry.apply(
      ctx.ops,
      vals,
      args.map((a) => typeToString(a.type)),
    ),
  );
  if (shapeSize(val.shape) !== ctx.lane!.size * shapeSize(shape)) giveUp('function result size');
  return lanedValue(ctx, returns, ctx.ops.reshape(val, [ctx.lane!.size, ...shape]));
}

/**
 * One draw per lane, in lane order: the same random numbers as the
 * unrolled loop, because vectoriseFor admits a `_rng` call only where it
 * runs exactly once per iteration (vector-statements.ts, eligible).
 */
function rngLaned(ctx: Context, e: CallExpr, dist: DistributionEntry, args: Value[]): Value {
  if (ctx.mode !== 'eager' || !ctx.rng || !isUnivariate(dist) || args.some((a) => inner(a).length !== 0))
    giveUp('_rng here');
  const L = ctx.lane!.size;
  const lanes: Value[] = args.map((a) => ({ type: { base: a.type.base, arrayDims: 1 }, val: materialise(ctx, a, []) }));
  const out = outsideLanes(ctx, () => rngCall(ctx, e, dist, lanes));
  if (shapeSize(out.val.shape) !== L) giveUp('_rng result');
  return lanedValue(ctx, { base: out.type.base, arrayDims: 0 }, out.val);
}

/** Arguments of a univariate density as one scalar per lane (uniform scalars kept for broadcasting). */
export function densityArgs(ctx: Context, dist: DistributionEntry, args: Value[]): Val[] {
  if (!isUnivariate(dist)) giveUp(`${dist.name} per iteration`);
  const shape = commonShape(args);
  if (shape.length !== 0) giveUp('container arguments per iteration');
  const [y, ...rest] = args as [Value, ...Value[]];
  return [materialise(ctx, y, []), ...operands(ctx, rest, [])];
}

/** The log density (or CDF) of each lane, [L]. */
function elementDensity(ctx: Context, dist: DistributionEntry, suffix: string, args: Value[], span: Span): Val {
  if (suffix === 'rng') giveUp('_rng in a vectorised loop');
  if (args.length === 0) giveUp('no variate');
  const [y, ...params] = densityArgs(ctx, dist, args) as [Val, ...Val[]];
  const ops = new ElementOps(ctx.ops);
  const val = atCall(ctx, span, () => {
    switch (suffix) {
      case 'lcdf':
      case 'cdf': {
        if (!dist.logCdf) return giveUp('no CDF');
        const lc = dist.logCdf(ops, y, params);
        return suffix === 'cdf' ? ctx.ops.unary('exp', lc) : lc;
      }
      case 'lccdf':
        return dist.logCcdf ? dist.logCcdf(ops, y, params) : giveUp('no CCDF');
      default:
        return dist.logDensity(ops, y, params);
    }
  });
  const L = ctx.lane!.size;
  if (shapeSize(val.shape) !== L) giveUp('a density that is not elementwise');
  return ctx.ops.reshape(val, [L]);
}
