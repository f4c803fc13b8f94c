/**
 * Statement execution of the tracing interpreter. Control flow runs at
 * compile time: loop bounds and conditions must be constants (data, loop
 * variables). A `for` loop over data is traced once for all iterations when
 * the vectoriser can (vector-statements.ts) and unrolls otherwise. A
 * condition that depends on parameters is a user error.
 */
import type { AssignStmt, Expr, Index, Stmt, TildeStmt, VarDecl } from '../language/ast.js';
import type { Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import { INT, REAL, typeToString, type StanType } from '../check/types.js';
import { calleeOf } from '../check/resolve.js';
import { InternalError } from '../errors.js';
import {
  Variable,
  constantScalar,
  declare,
  lookup,
  sameShape,
  userError,
  withScope,
  type Context,
  type Value,
} from './context.js';
import { concreteType } from './declarations.js';
import { atCall, binaryValue, evaluate } from './expressions.js';
import { constantInt, evaluateSelectors, select } from './indexing.js';
import { vectoriseFor } from './vector-statements.js';
import { scanFor } from './scan-loop.js';
import { limits } from '../limits.js';
import { checkConstantArguments } from './argument-check.js';

export type Flow = 'next' | 'break' | 'continue';

const CONTROL_FLOW_ERROR = 'control flow on parameter values is not supported; use the ternary operator or fmin/fmax';

const EXIT_ERROR =
  'break or continue on parameter values is not supported: how often a loop runs must follow from the data';

/** Whether an if statement's branches hold a break or continue of an enclosing loop. */
function leaves(s: Stmt): boolean {
  switch (s.kind) {
    case 'Break':
    case 'Continue':
      return true;
    case 'If':
      return leaves(s.then) || (s.otherwise !== undefined && leaves(s.otherwise));
    case 'Block':
      return s.body.some(leaves);
    default:
      return false;
  }
}

export function executeAll(ctx: Context, body: Stmt[]): Flow {
  for (const s of body) {
    const flow = execute(ctx, s);
    if (flow !== 'next') return flow;
  }
  return 'next';
}

export function execute(ctx: Context, s: Stmt): Flow {
  switch (s.kind) {
    case 'VarDecl':
      declareVariable(ctx, s);
      return 'next';
    case 'Assign':
      assign(ctx, s);
      return 'next';
    case 'Tilde':
      tilde(ctx, s);
      return 'next';
    case 'TargetPlus':
      ctx.target.push(total(ctx, evaluate(ctx, s.value).val));
      return 'next';
    case 'JacobianPlus':
      ctx.target.push(total(ctx, evaluate(ctx, s.value).val));
      return 'next';
    case 'Return':
      return ctx.userFunctions!.leave(ctx, s);
    case 'PotentialPlus':
      ctx.target.push(ctx.ops.unary('neg', total(ctx, evaluate(ctx, s.value).val)));
      return 'next';
    case 'For': {
      const lo = constantInt(ctx, evaluate(ctx, s.lower), s.lower.span);
      const hi = constantInt(ctx, evaluate(ctx, s.upper), s.upper.span);
      // A loop over data runs vectorised when it can (vector-statements.ts), else unrolls.
      if (vectoriseFor(ctx, s, lo, hi)) return 'next';
      // A recurrence (v[t] from v[t − k]) becomes one scan node (scan-loop.ts).
      if (scanFor(ctx, s, lo, hi, execute)) {
        const report = ctx.loops?.[ctx.loops.length - 1];
        if (report && report.span === s.span) report.scan = true;
        return 'next';
      }
      // Loops inside an unrolled loop are not reported one by one.
      const loops = ctx.loops;
      ctx.loops = undefined;
      try {
        for (let i = lo; i <= hi; i++) {
          const flow = withScope(ctx, () => {
            declare(ctx, new Variable(s.variable, INT, [], s.variableSpan, ctx.ops.constant(i), true));
            return execute(ctx, s.body);
          });
          if (flow === 'break') break;
        }
      } finally {
        ctx.loops = loops;
      }
      return 'next';
    }
    case 'ForEach': {
      const c = evaluate(ctx, s.collection);
      for (const element of elements(ctx, c)) {
        const flow = withScope(ctx, () => {
          declare(
            ctx,
            new Variable(s.variable, element.type, [...element.val.shape], s.variableSpan, element.val, true),
          );
          return execute(ctx, s.body);
        });
        if (flow === 'break') break;
      }
      return 'next';
    }
    case 'While': {
      // An iteration budget: a loop that never ends is an error (E703), not a hang.
      const budget = limits().iterations;
      for (let n = 0; ; n++) {
        if (!condition(ctx, s.condition)) break;
        if (n >= budget) {
          throw userError(
            `while loop ran past the iteration budget of ${budget} iterations (raise it with --max-iterations)`,
            s.span,
            ctx.file,
          );
        }
        const flow = withScope(ctx, () => execute(ctx, s.body));
        if (flow === 'break') break;
      }
      return 'next';
    }
    case 'If': {
      if (condition(ctx, s.condition, leaves(s))) return withScope(ctx, () => execute(ctx, s.then));
      if (s.otherwise) return withScope(ctx, () => execute(ctx, s.otherwise!));
      return 'next';
    }
    case 'Block':
      return withScope(ctx, () => executeAll(ctx, s.body));
    case 'Print':
      if (ctx.mode === 'eager' && ctx.print) ctx.print(message(ctx, s.args));
      return 'next';
    case 'Reject':
      throw userError(`reject: ${message(ctx, s.args)}`, s.span, ctx.file);
    case 'Break':
      return 'break';
    case 'Continue':
      return 'continue';
    case 'CallStmt': {
      const callee = calleeOf(ctx.typed, s.call);
      if (callee.kind !== 'user') throw new InternalError(`the checker accepted '${s.call.name}' as a statement`);
      ctx.userFunctions!.call(ctx, s.call, callee.def);
      return 'next';
    }
    case 'Empty':
      return 'next';
  }
}

/** A scalar condition known at compile time (`exits`: it guards a break or continue). */
function condition(ctx: Context, e: Expr, exits = false): boolean {
  const v = evaluate(ctx, e);
  const c = constantScalar(v.val);
  if (v.val.constant === undefined) throw userError(exits ? EXIT_ERROR : CONTROL_FLOW_ERROR, e.span, ctx.file);
  if (c === undefined) throw userError('a condition must be an int or real', e.span, ctx.file);
  return c !== 0;
}

/** `target += x` sums the elements of a container. */
function total(ctx: Context, v: Val): Val {
  return v.shape.length === 0 ? v : ctx.ops.reduce('sum', v);
}

/** The elements a foreach loop visits (matrices in column-major order, as Stan). */
function elements(ctx: Context, c: Value): Value[] {
  const ops = ctx.ops;
  const shape = c.val.shape;
  const pick = (flat: number[], s: number[]): Val =>
    c.val.constant
      ? ops.constant(
          Float64Array.from(flat, (i) => c.val.constant![i]!),
          s,
        )
      : ops.gather(c.val, Int32Array.from(flat), s);
  if (c.type.arrayDims > 0) {
    const inner = shape.slice(1);
    const n = shapeSize(inner);
    const type: StanType = { base: c.type.base, arrayDims: c.type.arrayDims - 1 };
    return Array.from({ length: shape[0]! }, (_, i) => ({
      type,
      val: pick(
        Array.from({ length: n }, (_, k) => i * n + k),
        inner,
      ),
    }));
  }
  if (c.type.base === 'vector' || c.type.base === 'row_vector') {
    return Array.from({ length: shape[0]! }, (_, i) => ({ type: REAL, val: pick([i], []) }));
  }
  if (c.type.base === 'matrix') {
    const [r, k] = [shape[0]!, shape[1]!];
    const out: Value[] = [];
    for (let j = 0; j < k; j++) for (let i = 0; i < r; i++) out.push({ type: REAL, val: pick([i * k + j], []) });
    return out;
  }
  throw userError(`cannot loop over a value of type ${typeToString(c.type)}`, undefined, ctx.file);
}

function message(ctx: Context, args: Expr[]): string {
  return args
    .map((a) => {
      if (a.kind === 'StringLiteral') return a.value;
      const v = evaluate(ctx, a);
      return v.val.constant ? formatValue(v.val.constant, v.val.shape) : '<depends on parameters>';
    })
    .join('');
}

/** Stan's print format: scalars plain, containers as nested [a,b,...]. */
export function formatValue(c: Float64Array, shape: readonly number[]): string {
  const rec = (offset: number, d: number): string => {
    if (d === shape.length) return String(c[offset]);
    const inner = shapeSize(shape.slice(d + 1));
    const parts: string[] = [];
    for (let i = 0; i < shape[d]!; i++) parts.push(rec(offset + i * inner, d + 1));
    return `[${parts.join(',')}]`;
  };
  return rec(0, 0);
}

// ---------------------------------------------------------------- declarations and assignment

export function declareVariable(ctx: Context, s: VarDecl, readOnly = false): Variable {
  if (lookup(ctx, s.name) && ctx.scopes[ctx.scopes.length - 1]!.has(s.name)) {
    throw userError(`'${s.name}' is already declared`, s.nameSpan, ctx.file);
  }
  const t = concreteType(ctx, s.type, s.name);
  const initial = ctx.ops.constant(new Float64Array(shapeSize(t.shape)).fill(NaN), t.shape);
  const variable = new Variable(s.name, t.type, t.shape, s.nameSpan, initial, readOnly);
  if (s.init) {
    const v = evaluate(ctx, s.init);
    variable.assign(conform(ctx, v, t.shape, t.type, s.init.span, s.name));
  }
  declare(ctx, variable);
  return variable;
}

/** A value reshaped to a target shape after checking sizes (user error on mismatch). */
function conform(
  ctx: Context,
  v: Value,
  shape: readonly number[],
  type: StanType,
  span: Expr['span'],
  name: string,
): Val {
  if (sameShape(v.val.shape, shape)) return v.val;
  if (shapeSize(v.val.shape) === shapeSize(shape) && v.val.shape.length === shape.length)
    return ctx.ops.reshape(v.val, shape);
  if (v.val.shape.length === 0 && shape.length === 0) return v.val;
  throw userError(
    `size mismatch assigning to '${name}': the value has shape [${v.val.shape.join(',')}], ` +
      `'${name}' (${typeToString(type)}) has shape [${shape.join(',')}]`,
    span,
    ctx.file,
  );
}

const COMPOUND: Record<string, string> = { '+=': '+', '-=': '-', '*=': '*', '/=': '/', '.*=': '.*', './=': './' };

function assign(ctx: Context, s: AssignStmt): void {
  const variable = lookup(ctx, s.name);
  if (!variable) throw userError(`unknown variable '${s.name}'`, s.nameSpan, ctx.file);
  if (variable.readOnly) throw userError(`'${s.name}' cannot be assigned here`, s.nameSpan, ctx.file);
  const indices = flattenIndexGroups(ctx, s.indices);
  const selection =
    indices.length === 0
      ? undefined
      : select(
          variable.type,
          variable.shape,
          evaluateSelectors(ctx, indices, variable.shape, (e) => evaluate(ctx, e), s.span),
        );
  let value = evaluate(ctx, s.value);
  if (s.op !== '=') {
    const op = COMPOUND[s.op]!;
    const current: Value = selection
      ? { type: selection.type, val: variable.pick(ctx.ops, selection.flat, selection.shape) }
      : { type: variable.type, val: variable.read(ctx.ops) };
    const type = ctx.typed.compound.get(s);
    if (!type) throw new InternalError(`the checker left '${s.op}' untyped`);
    value = { type, val: binaryValue(ctx, op, current, value, s.span) };
  }
  if (!selection) {
    variable.assign(conform(ctx, value, variable.shape, variable.type, s.value.span, s.name));
    return;
  }
  const val = conform(ctx, value, selection.shape, selection.type, s.value.span, s.name);
  variable.assignAt(ctx.ops, selection.flat, val);
}

/** `x[i][j]` is `x[i, j]` when the earlier groups are single indices. */
function flattenIndexGroups(ctx: Context, groups: Index[][]): Index[] {
  if (groups.length <= 1) return groups[0] ?? [];
  for (const g of groups.slice(0, -1)) {
    for (const i of g) {
      if (i.kind !== 'Single') {
        throw userError(
          'assigning through x[a:b][...] is not supported; write the indices in one [ ]',
          i.span,
          ctx.file,
        );
      }
    }
  }
  return groups.flat();
}

// ---------------------------------------------------------------- ~

function tilde(ctx: Context, s: TildeStmt): void {
  const target = ctx.typed.tildes.get(s);
  if (!target) throw new InternalError(`the checker left '~ ${s.distribution}' unresolved`);
  if (target.kind === 'user') return ctx.userFunctions!.tilde(ctx, s, target);
  const dist = target.distribution;
  const y = evaluate(ctx, s.lhs).val;
  const params = s.args.map((a) => evaluate(ctx, a).val);
  checkConstantArguments(ctx, dist, params, s.args);
  const ops = ctx.ops;
  const dropped =
    ctx.mode === 'graph' ? (c: number) => void (ctx.droppedConstant = (ctx.droppedConstant ?? 0) + c) : undefined;
  ctx.target.push(atCall(ctx, s.span, () => dist.logDensity(ops, y, params, dropped)));
  const t = s.truncation;
  if (!t || (!t.lower && !t.upper)) return;
  atCall(ctx, t.span, () => {
    if (y.shape.length !== 0 && params.some((p) => p.shape.length !== 0)) {
      throw userError('truncation T[,] needs scalar parameters when the left side is a container', t.span, ctx.file);
    }
    const n = shapeSize(y.shape);
    const lower = t.lower ? evaluate(ctx, t.lower).val : undefined;
    const upper = t.upper ? evaluate(ctx, t.upper).val : undefined;
    // Discrete: P(L <= y <= U) = F(U) − F(L − 1).
    const below = lower && dist.discrete ? ops.binary('sub', lower, ops.constant(1)) : lower;
    const need = (f: unknown, what: string): void => {
      if (!f) throw userError(`truncation needs the ${what} of ${dist.name}, which is not available`, t.span, ctx.file);
    };
    let logMass: Val;
    if (below && upper) {
      need(dist.logCdf, 'CDF');
      logMass = ops.binary('log_diff_exp', dist.logCdf!(ops, upper, params), dist.logCdf!(ops, below, params));
    } else if (below) {
      need(dist.logCcdf, 'complementary CDF');
      logMass = dist.logCcdf!(ops, below, params);
    } else {
      need(dist.logCdf, 'CDF');
      logMass = dist.logCdf!(ops, upper!, params);
    }
    ctx.target.push(ops.binary('mul', ops.constant(-n), logMass));
    // Outside the truncation interval the density is zero.
    let outside: Val | undefined;
    if (lower) outside = ops.reduce('sum', ops.binary('lt', y, lower));
    if (upper) {
      const above = ops.reduce('sum', ops.binary('gt', y, upper));
      outside = outside ? ops.binary('add', outside, above) : above;
    }
    if (outside)
      ctx.target.push(ops.select(ops.binary('gt', outside, ops.constant(0)), ops.constant(-Infinity), ops.constant(0)));
  });
}
