/**
 * Expression evaluation of the tracing interpreter: each expression becomes
 * a typed value built through `Ops` (constants fold, parameters make graph
 * nodes). Types and what each call means come from the checker
 * (ctx.typed, src/check/resolve.ts); nothing is re-inferred here.
 */
import type { BinaryExpr, CallExpr, Expr, IndexExpr, Span } from '../language/ast.js';
import type { BinaryOp, Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import { INT, REAL, typeToString, type StanType } from '../check/types.js';
import { calleeOf, typeOf } from '../check/resolve.js';
import { findFunction } from '../../stdlib/index.js';
import type { DistributionEntry, FunctionEntry } from '../../stdlib/types.js';
import { LangevinError } from '../errors.js';
import { assemble, constantScalar, lookup, userError, type Context, type Value } from './context.js';
import { evaluateSelectors, select } from './indexing.js';

export function evaluate(ctx: Context, e: Expr): Value {
  switch (e.kind) {
    case 'IntLiteral':
      return { type: INT, val: ctx.ops.constant(e.value) };
    case 'RealLiteral':
      return { type: REAL, val: ctx.ops.constant(e.value) };
    case 'StringLiteral':
      throw userError('a string can only be an argument of print or reject', e.span, ctx.file);
    case 'Variable': {
      const v = lookup(ctx, e.name);
      if (v) return { type: v.type, val: v.read(ctx.ops) };
      if (e.name === 'noise') return { type: REAL, val: ctx.noise() };
      throw userError(`unknown variable '${e.name}'`, e.span, ctx.file);
    }
    case 'Binary':
      return binary(ctx, e);
    case 'Prefix': {
      const x = evaluate(ctx, e.operand);
      const type = typeOf(ctx.typed, e);
      if (e.op === '+') return { type, val: x.val };
      if (e.op === '-') return { type, val: ctx.ops.unary('neg', x.val) };
      return { type, val: ctx.ops.unary('logical_not', x.val) };
    }
    case 'Transpose': {
      const x = evaluate(ctx, e.operand);
      return { type: typeOf(ctx.typed, e), val: x.type.base === 'matrix' ? ctx.ops.transpose(x.val) : x.val };
    }
    case 'Ternary': {
      const cond = evaluate(ctx, e.condition);
      const c = constantScalar(cond.val);
      const type = typeOf(ctx.typed, e);
      if (c !== undefined) return { type, val: evaluate(ctx, c !== 0 ? e.then : e.otherwise).val };
      const a = evaluate(ctx, e.then);
      const b = evaluate(ctx, e.otherwise);
      if (a.val.shape.length !== 0 && b.val.shape.length !== 0 && shapeSize(a.val.shape) !== shapeSize(b.val.shape)) {
        throw userError('the branches of ?: have different sizes', e.span, ctx.file);
      }
      return { type, val: ctx.ops.select(cond.val, a.val, b.val) };
    }
    case 'Call':
      return call(ctx, e);
    case 'Index':
      return index(ctx, e);
    case 'ArrayExpr': {
      const parts = e.elements.map((el) => evaluate(ctx, el));
      const first = parts[0]!;
      checkSameShapes(ctx, parts, e.span);
      return {
        type: typeOf(ctx.typed, e),
        val: assemble(
          ctx.ops,
          parts.map((p) => p.val),
          [parts.length, ...first.val.shape],
        ),
      };
    }
    case 'RowVectorExpr': {
      const parts = e.elements.map((el) => evaluate(ctx, el));
      checkSameShapes(ctx, parts, e.span);
      const type = typeOf(ctx.typed, e);
      if (type.base === 'row_vector') {
        return {
          type,
          val: assemble(
            ctx.ops,
            parts.map((p) => p.val),
            [parts.length],
          ),
        };
      }
      if (type.base === 'matrix') {
        const cols = parts[0]!.val.shape[0]!;
        return {
          type,
          val: assemble(
            ctx.ops,
            parts.map((p) => p.val),
            [parts.length, cols],
          ),
        };
      }
      throw userError('the elements of [...] must all be scalars or all row vectors', e.span, ctx.file);
    }
  }
}

function checkSameShapes(ctx: Context, parts: Value[], span: Span): void {
  const s = parts[0]!.val.shape;
  for (const p of parts) {
    if (p.val.shape.length !== s.length || p.val.shape.some((d, i) => d !== s[i])) {
      throw userError('the elements have different sizes', span, ctx.file);
    }
  }
}

// ---------------------------------------------------------------- operators

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

function binary(ctx: Context, e: BinaryExpr): Value {
  // A left-deep chain (a sum of thousands of terms) is evaluated in a loop, not by recursion.
  const spine: BinaryExpr[] = [];
  let leftmost: Expr = e;
  while (leftmost.kind === 'Binary') {
    spine.push(leftmost);
    leftmost = leftmost.left;
  }
  let value = evaluate(ctx, leftmost);
  for (let i = spine.length - 1; i >= 0; i--) value = binaryStep(ctx, spine[i]!, value);
  return value;
}

/** `l op e.right` for a Binary e whose left side evaluated to l. */
function binaryStep(ctx: Context, e: BinaryExpr, l: Value): Value {
  const ops = ctx.ops;
  if (e.op === '&&' || e.op === '||') {
    // Short-circuit on a known left side, as Stan does.
    const c = constantScalar(l.val);
    if (c !== undefined && (e.op === '&&' ? c === 0 : c !== 0))
      return { type: INT, val: ops.constant(c !== 0 ? 1 : 0) };
  }
  const r = evaluate(ctx, e.right);
  return { type: typeOf(ctx.typed, e), val: binaryValue(ctx, e.op, l, r, e.span) };
}

/** The value of `l op r` whose (valid) result type is `type`. */
export function binaryValue(ctx: Context, op: string, l: Value, r: Value, span: Span): Val {
  const ops = ctx.ops;
  const ls = l.val.shape.length === 0;
  const rs = r.val.shape.length === 0;
  const elementwise = (name: BinaryOp): Val => {
    if (!ls && !rs && (l.val.shape.length !== r.val.shape.length || l.val.shape.some((d, i) => d !== r.val.shape[i]))) {
      throw userError(`size mismatch in ${op}: [${l.val.shape}] and [${r.val.shape}]`, span, ctx.file);
    }
    return ops.binary(name, l.val, r.val);
  };
  const intOperands = l.type.base === 'int' && r.type.base === 'int' && ls && rs;
  switch (op) {
    case '*':
      if (ls || rs) return ops.binary('mul', l.val, r.val);
      return matrixProduct(ctx, l, r, span);
    case '/':
      if (intOperands) return integerDivision(ctx, l.val, r.val, span);
      if (rs) return ops.binary('div', l.val, r.val);
      return atCall(ctx, span, () => findFunction('mdivide_right')!.apply(ops, [l.val, r.val]));
    case '%/%':
      return integerDivision(ctx, l.val, r.val, span);
    case '%': {
      const b = constantScalar(r.val);
      if (b === 0) throw userError('modulus by zero', span, ctx.file);
      return ops.binary('fmod', l.val, r.val);
    }
    case '\\':
      return atCall(ctx, span, () => findFunction('mdivide_left')!.apply(ops, [l.val, r.val]));
    default: {
      const name = ELEMENTWISE[op];
      if (!name) throw userError(`operator ${op} is not supported`, span, ctx.file);
      return elementwise(name);
    }
  }
}

function integerDivision(ctx: Context, a: Val, b: Val, span: Span): Val {
  if (constantScalar(b) === 0) throw userError('integer division by zero', span, ctx.file);
  return ctx.ops.unary('trunc', ctx.ops.binary('div', a, b));
}

function matrixProduct(ctx: Context, l: Value, r: Value, span: Span): Val {
  const ops = ctx.ops;
  const a = l.val.shape;
  const b = r.val.shape;
  const mismatch = (inner1: number, inner2: number): never => {
    throw userError(
      `size mismatch in *: ${typeToString(l.type)} [${a}] times ${typeToString(r.type)} [${b}] (${inner1} vs ${inner2})`,
      span,
      ctx.file,
    );
  };
  if (l.type.base === 'vector' && r.type.base === 'row_vector') {
    return ops.matmul(ops.reshape(l.val, [a[0]!, 1]), ops.reshape(r.val, [1, b[0]!]));
  }
  const inner = a[a.length - 1]!;
  const innerR = b[0]!;
  if (inner !== innerR) mismatch(inner, innerR);
  return ops.matmul(l.val, r.val);
}

// ---------------------------------------------------------------- indexing

function index(ctx: Context, e: IndexExpr): Value {
  const evalIndex = (x: Expr) => evaluate(ctx, x);
  if (e.target.kind === 'Variable') {
    const v = lookup(ctx, e.target.name);
    if (v) {
      const selectors = evaluateSelectors(ctx, e.indices, v.shape, evalIndex, e.span);
      const s = select(v.type, v.shape, selectors);
      return { type: typeOf(ctx.typed, e), val: v.pick(ctx.ops, s.flat, s.shape) };
    }
  }
  const target = evaluate(ctx, e.target);
  const selectors = evaluateSelectors(ctx, e.indices, target.val.shape, evalIndex, e.span);
  const s = select(target.type, target.val.shape as number[], selectors);
  return { type: typeOf(ctx.typed, e), val: pickFrom(ctx, target.val, s.flat, s.shape) };
}

export function pickFrom(ctx: Context, v: Val, flat: Int32Array, shape: readonly number[]): Val {
  if (v.constant) {
    const out = new Float64Array(flat.length);
    for (let i = 0; i < flat.length; i++) out[i] = v.constant[flat[i]!]!;
    return ctx.ops.constant(out, shape);
  }
  return ctx.ops.gather(v, flat, shape);
}

// ---------------------------------------------------------------- calls

/** Run a stdlib entry, giving its span-less user errors the call's location. */
export function atCall<T>(ctx: Context, span: Span, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof LangevinError && error.diagnostics.some((d) => d.span === undefined)) {
      throw new LangevinError(error.diagnostics.map((d) => (d.span ? d : { ...d, span, file: ctx.file })));
    }
    throw error;
  }
}

function call(ctx: Context, e: CallExpr): Value {
  const callee = calleeOf(ctx.typed, e);
  switch (callee.kind) {
    case 'user':
      return ctx.userFunctions!.call(ctx, e, callee.def);
    case 'density':
      return densityCall(ctx, e, callee.distribution, callee.suffix);
    case 'target':
      return { type: REAL, val: targetSoFar(ctx) };
    case 'function':
      return functionCall(ctx, e, callee.entry, callee.returns);
  }
}

function functionCall(ctx: Context, e: CallExpr, entry: FunctionEntry, returns: StanType): Value {
  const args = e.args.map((a) => evaluate(ctx, a));
  const sizeLike = sizeFunction(e.name, args);
  if (sizeLike !== undefined) return { type: INT, val: ctx.ops.constant(sizeLike) };
  if (entry.sample) {
    const sample = entry.sample;
    if (!ctx.rng || ctx.mode !== 'eager')
      throw userError(`${e.name} can only be used in transformed data and generated quantities`, e.nameSpan, ctx.file);
    const out = atCall(ctx, e.span, () =>
      sample(
        ctx.rng!,
        args.map((a) => a.val.constant!),
        args.map((a) => [...a.val.shape]),
      ),
    );
    return { type: returns, val: ctx.ops.constant(out.value, out.shape) };
  }
  const val = atCall(ctx, e.span, () =>
    entry.apply(
      ctx.ops,
      args.map((a) => a.val),
      args.map((a) => typeToString(a.type)),
    ),
  );
  return { type: returns, val };
}

/** `target()`: the log density accumulated so far. */
function targetSoFar(ctx: Context): Val {
  const ops = ctx.ops;
  const terms = ctx.target.map((t) => (t.shape.length === 0 ? t : ops.reduce('sum', t)));
  if (terms.length === 0) return ops.constant(0);
  if (terms.length === 1) return terms[0]!;
  return ops.reduce('sum', ops.concat(terms, [terms.length]));
}

/** size, num_elements, rows, cols: from the Stan type, which shapes alone cannot tell. */
export function sizeFunction(name: string, args: Value[]): number | undefined {
  if (args.length !== 1) return undefined;
  const { type, val } = args[0]!;
  const shape = val.shape;
  switch (name) {
    case 'size':
      if (type.arrayDims > 0 || type.base === 'vector' || type.base === 'row_vector') return shape[0]!;
      if (type.base === 'matrix') return shape[0]! * shape[1]!;
      return 1;
    case 'num_elements':
      return shapeSize(shape);
    case 'rows':
      if (type.arrayDims > 0) return undefined;
      return type.base === 'row_vector' ? 1 : type.base === 'int' || type.base === 'real' ? undefined : shape[0]!;
    case 'cols':
      if (type.arrayDims > 0) return undefined;
      return type.base === 'vector'
        ? 1
        : type.base === 'row_vector'
          ? shape[0]!
          : type.base === 'matrix'
            ? shape[1]!
            : undefined;
    default:
      return undefined;
  }
}

function densityCall(ctx: Context, e: CallExpr, dist: DistributionEntry, suffix: string): Value {
  const args = e.args.map((a) => evaluate(ctx, a));
  if (suffix === 'rng') return rngCall(ctx, e, dist, args);
  if (args.length === 0) throw userError(`${e.name} needs a variate argument`, e.span, ctx.file);
  const [y, ...params] = args.map((a) => a.val) as [Val, ...Val[]];
  const val = atCall(ctx, e.span, () => densityValue(ctx, dist, suffix, y, params, e));
  return { type: REAL, val };
}

function densityValue(ctx: Context, dist: DistributionEntry, suffix: string, y: Val, params: Val[], e: CallExpr): Val {
  switch (suffix) {
    case 'lcdf':
    case 'cdf': {
      if (!dist.logCdf) throw userError(`${dist.name} has no CDF`, e.nameSpan, ctx.file);
      const lc = dist.logCdf(ctx.ops, y, params);
      return suffix === 'cdf' ? ctx.ops.unary('exp', lc) : lc;
    }
    case 'lccdf':
      if (!dist.logCcdf) throw userError(`${dist.name} has no complementary CDF`, e.nameSpan, ctx.file);
      return dist.logCcdf(ctx.ops, y, params);
    default:
      return dist.logDensity(ctx.ops, y, params);
  }
}

const VECTORISED = new Set(['reals', 'ints', 'R', 'T']);

export function rngCall(ctx: Context, e: CallExpr, dist: DistributionEntry, args: Value[]): Value {
  if (!ctx.rng || ctx.mode !== 'eager') {
    throw userError(`${e.name} can only be used in transformed data and generated quantities`, e.nameSpan, ctx.file);
  }
  const sample = dist.rng;
  if (!sample) throw userError(`${dist.name} has no random number generator`, e.nameSpan, ctx.file);
  const rng = ctx.rng;
  const numbers = args.map((a) => a.val.constant!);
  const shapes = args.map((a) => [...a.val.shape]);
  const specs = dist.rngParams ?? dist.params;
  const vectorised = specs.map((p, i) => VECTORISED.has(p.type) && args[i] !== undefined);
  let n: number | undefined;
  args.forEach((a, i) => {
    if (!vectorised[i] || a.val.shape.length === 0) return;
    const size = shapeSize(a.val.shape);
    if (n !== undefined && n !== size) {
      throw userError(`${e.name}: vectorised arguments must have the same size (${n} and ${size})`, e.span, ctx.file);
    }
    n = size;
  });
  // The checker's type of the call (one draw per iteration inside a vectorised loop: rngLaned retypes).
  const type = typeOf(ctx.typed, e);
  const draw = (k: number): number | Float64Array =>
    atCall(ctx, e.span, () =>
      sample(
        rng,
        numbers.map((c, i) =>
          vectorised[i] ? (c.length === 1 ? c[0]! : c[k]!) : args[i]!.val.shape.length === 0 ? c[0]! : c,
        ),
        shapes,
      ),
    );
  if (n === undefined) {
    const out = draw(0);
    if (typeof out === 'number') return { type, val: ctx.ops.constant(out) };
    // A matrix-valued draw (lkj_corr_rng) is square.
    const side = Math.round(Math.sqrt(out.length));
    const shape = type.base === 'matrix' && type.arrayDims === 0 ? [side, side] : [out.length];
    return { type, val: ctx.ops.constant(out, shape) };
  }
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = draw(k) as number;
  return { type: { base: type.base, arrayDims: 1 }, val: ctx.ops.constant(out, [n]) };
}
