/**
 * User-defined functions in the tracing interpreter: a call is lowered by
 * tracing the function's body with its arguments bound (inlining), in a
 * scope that holds only the arguments (Stan functions see no block
 * variables). `target +=` in an `_lp` body adds to the caller's target, as
 * in Stan. Recursion unrolls at compile time, so it must end on data:
 * conditions on parameters are the interpreter's usual user error, and a
 * depth limit turns runaway recursion into a message instead of a crash.
 */
import type { CallExpr, FunctionDef, Program, ReturnStmt, Span, TildeStmt } from '../language/ast.js';
import type { Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import { INT } from '../check/types.js';
import { unsizedType, type UserSignature } from '../check/user-functions.js';
import { InternalError } from '../errors.js';
import { Variable, userError, type Context, type UserFunctionHooks, type UserTilde, type Value } from './context.js';
import { evaluate } from './expressions.js';
import { executeAll } from './statements.js';

/** Deeper than this, recursion is taken not to end on data. */
const MAX_DEPTH = 256;

/** Thrown by `return` and caught by the call that traces the body. */
class ReturnSignal {
  constructor(readonly value: Value | undefined) {}
}

const cache = new WeakMap<Program, UserFunctionHooks | undefined>();

/** The hooks for a program's functions block; undefined when it has none. */
export function userFunctionHooks(program: Program): UserFunctionHooks | undefined {
  if (cache.has(program)) return cache.get(program);
  const defs = (program.functions ?? []).filter((f) => f.body !== undefined);
  const hooks = defs.length === 0 ? undefined : makeHooks(defs);
  cache.set(program, hooks);
  return hooks;
}

function makeHooks(defs: FunctionDef[]): UserFunctionHooks {
  // Overloads are chosen by the checker (CheckedProgram.calls); here each definition is traced.
  const bySignature = new Map<FunctionDef, UserSignature>();
  for (const def of defs) {
    bySignature.set(def, {
      name: def.name,
      args: def.args.map((a) => ({ name: a.name, type: unsizedType(a.type), dataOnly: a.dataOnly })),
      returns: def.returns === 'void' ? undefined : unsizedType(def.returns),
      def,
    });
  }
  let depth = 0;

  const invoke = (ctx: Context, sig: UserSignature, args: Value[], span: Span): Value => {
    if (depth >= MAX_DEPTH) {
      throw userError(
        `'${sig.name}' recurses more than ${MAX_DEPTH} calls deep: recursion must end on data values (each call is traced at compile time)`,
        span,
        ctx.file,
      );
    }
    const scope = new Map<string, Variable>();
    sig.args.forEach((a, i) => {
      const v = args[i]!;
      scope.set(a.name, new Variable(a.name, a.type, [...v.val.shape], sig.def.args[i]!.nameSpan, v.val, true));
    });
    const saved = ctx.scopes;
    ctx.scopes = [scope];
    depth++;
    try {
      executeAll(ctx, sig.def.body!.body);
    } catch (signal) {
      if (!(signal instanceof ReturnSignal)) throw signal;
      if (sig.returns && signal.value) return { type: sig.returns, val: signal.value.val };
    } finally {
      depth--;
      ctx.scopes = saved;
    }
    if (sig.returns) throw userError(`'${sig.name}' ended without returning a value`, span, ctx.file);
    return { type: INT, val: ctx.ops.constant(0) };
  };

  const signature = (def: FunctionDef): UserSignature => {
    const sig = bySignature.get(def);
    if (!sig) throw new InternalError(`the checker chose '${def.name}', which has no body`);
    return sig;
  };

  return {
    call(ctx: Context, e: CallExpr, def: FunctionDef): Value {
      return invoke(
        ctx,
        signature(def),
        e.args.map((a) => evaluate(ctx, a)),
        e.span,
      );
    },
    tilde(ctx: Context, s: TildeStmt, target: UserTilde): void {
      const y = evaluate(ctx, s.lhs);
      const params = s.args.map((a) => evaluate(ctx, a));
      ctx.target.push(invoke(ctx, signature(target.def), [y, ...params], s.span).val);
      if (s.truncation && (s.truncation.lower || s.truncation.upper)) {
        truncate(ctx, s, y, params, target.def.name.endsWith('_lpmf'), (which, bound) => {
          const def = target[which];
          if (!def) throw new InternalError(`the checker left '${s.distribution}_${which}' unresolved`);
          return invoke(ctx, signature(def), [bound, ...params], s.truncation!.span).val;
        });
      }
    },
    leave(ctx: Context, s: ReturnStmt): never {
      throw new ReturnSignal(s.value ? evaluate(ctx, s.value) : undefined);
    },
  };
}

/** `T[L, U]` on a user density: subtract log P(L <= y <= U) per element, −∞ outside. */
function truncate(
  ctx: Context,
  s: TildeStmt,
  y: Value,
  params: Value[],
  discrete: boolean,
  logCdf: (which: 'lcdf' | 'lccdf', bound: Value) => Val,
): void {
  const ops = ctx.ops;
  const t = s.truncation!;
  const n = shapeSize(y.val.shape);
  const lower = t.lower ? evaluate(ctx, t.lower) : undefined;
  const upper = t.upper ? evaluate(ctx, t.upper) : undefined;
  const below: Value | undefined =
    lower && discrete ? { type: lower.type, val: ops.binary('sub', lower.val, ops.constant(1)) } : lower;
  let logMass: Val;
  if (below && upper) logMass = ops.binary('log_diff_exp', logCdf('lcdf', upper), logCdf('lcdf', below));
  else if (below) logMass = logCdf('lccdf', below);
  else logMass = logCdf('lcdf', upper!);
  ctx.target.push(ops.binary('mul', ops.constant(-n), logMass));
  let outside: Val | undefined;
  if (lower) outside = ops.reduce('sum', ops.binary('lt', y.val, lower.val));
  if (upper) {
    const above = ops.reduce('sum', ops.binary('gt', y.val, upper.val));
    outside = outside ? ops.binary('add', outside, above) : above;
  }
  if (outside)
    ctx.target.push(ops.select(ops.binary('gt', outside, ops.constant(0)), ops.constant(-Infinity), ops.constant(0)));
}
