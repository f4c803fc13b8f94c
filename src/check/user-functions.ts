/**
 * Calls of user-defined functions: overload resolution (exact types first,
 * then int → real promotion, as stanc3), the suffix rules (`_rng`, `_lp`,
 * `_lpdf`/`_lpmf` with `~` and `|`, `_lcdf`/`_lccdf` for truncation) and
 * `data`-qualified arguments.
 */
import type { CallExpr, Expr, FunctionDef, Span, TildeStmt, UnsizedType } from '../language/ast.js';
import type { CheckContext } from './context.js';
import type { TildeTarget } from './resolve.js';
import { variablesIn } from './variables-in.js';
import { REAL, assignable, isInt, isScalar, typeToString, type StanType } from './types.js';

export interface UserSignature {
  name: string;
  args: Array<{ name: string; type: StanType; dataOnly: boolean }>;
  /** undefined for a void function. */
  returns: StanType | undefined;
  def: FunctionDef;
}

export function unsizedType(t: UnsizedType): StanType {
  return { base: t.base, arrayDims: t.arrayDims };
}

export function signatureText(sig: UserSignature): string {
  const args = sig.args.map((a) => `${a.dataOnly ? 'data ' : ''}${typeToString(a.type)}`).join(', ');
  return `${sig.returns ? typeToString(sig.returns) : 'void'} ${sig.name}(${args})`;
}

/** The user overload that `args` select, 'ambiguous', or undefined when none applies. */
export function resolveUser(overloads: UserSignature[], args: StanType[]): UserSignature | 'ambiguous' | undefined {
  let best: UserSignature | undefined;
  let bestCost = Infinity;
  let tie = false;
  for (const sig of overloads) {
    if (sig.args.length !== args.length) continue;
    let cost = 0;
    let ok = true;
    for (let i = 0; i < args.length; i++) {
      const want = sig.args[i]!.type;
      const got = args[i]!;
      if (!assignable(got, want)) {
        ok = false;
        break;
      }
      if (got.base !== want.base) cost++;
    }
    if (!ok) continue;
    if (cost < bestCost) {
      best = sig;
      bestCost = cost;
      tie = false;
    } else if (cost === bestCost) tie = true;
  }
  if (tie) return 'ambiguous';
  return best;
}

/** `foo_lupdf` is a call of the user's `foo_lpdf` (likewise `_lupmf`). */
function definitionName(name: string): string {
  return name.replace(/_lupdf$/, '_lpdf').replace(/_lupmf$/, '_lpmf');
}

export function userFunctionNames(ctx: CheckContext): string[] {
  return [...ctx.userFunctions.keys()];
}

/** Where a function with this suffix may be called from, or undefined when it may be called anywhere. */
function placementProblem(name: string, ctx: CheckContext): string | undefined {
  if (/_rng$/.test(name)) {
    if (ctx.fn)
      return /_rng$/.test(ctx.fn.name)
        ? undefined
        : `'${name}' can only be called in transformed data, generated quantities and functions whose names end in '_rng', not in function '${ctx.fn.name}'`;
    return ctx.block === 'transformed data' || ctx.block === 'generated quantities'
      ? undefined
      : `random number generator '${name}' is only allowed in transformed data and generated quantities, not in ${ctx.block}`;
  }
  if (/_lp$/.test(name)) {
    if (ctx.fn)
      return /_lp$/.test(ctx.fn.name)
        ? undefined
        : `'${name}' changes target: it can only be called in the model block, transformed parameters and other functions whose names end in '_lp'`;
    return ctx.block === 'model' || ctx.block === 'transformed parameters'
      ? undefined
      : `'${name}' changes target: it can only be called in the model block and transformed parameters, not in ${ctx.block}`;
  }
  if (/_jacobian$/.test(name)) {
    if (ctx.fn)
      return /_jacobian$/.test(ctx.fn.name)
        ? undefined
        : `'${name}' changes the Jacobian: it can only be called in transformed parameters and other functions whose names end in '_jacobian'`;
    return ctx.block === 'transformed parameters'
      ? undefined
      : `'${name}' changes the Jacobian: it can only be called in transformed parameters, not in ${ctx.block}`;
  }
  return undefined;
}

/**
 * Type a call of a user function. `handled` is false when no user function
 * has the name (or none fits and the stdlib has the name), so the stdlib
 * is tried next. `statement`: the call is a statement (void is expected).
 */
export function checkUserCall(
  call: CallExpr,
  argTypes: Array<StanType | undefined>,
  ctx: CheckContext,
  statement = false,
  stdlibHasName = false,
): { handled: boolean; type?: StanType } {
  const name = definitionName(call.name);
  const overloads = ctx.userFunctions.get(name);
  if (!overloads) return { handled: false };
  if (argTypes.some((t) => t === undefined)) return { handled: true };
  const args = argTypes as StanType[];
  const sig = resolveUser(overloads, args);
  if (sig === undefined && stdlibHasName) return { handled: false };
  if (sig === undefined || sig === 'ambiguous') {
    const shown = overloads.map(signatureText).join('; ');
    const what = sig === 'ambiguous' ? 'is ambiguous for' : 'has no overload accepting';
    ctx.error(`'${call.name}' ${what} arguments (${args.map(typeToString).join(', ')})`, call.span, [
      `declared: ${shown}`,
    ]);
    return { handled: true };
  }
  const problem = placementProblem(name, ctx);
  if (problem) ctx.error(problem, call.nameSpan);
  if (call.conditional && !/_(lpdf|lpmf|lcdf|lccdf)$/.test(name)) {
    ctx.error(`'|' is only used in calls of _lpdf, _lpmf, _lcdf and _lccdf functions, not '${call.name}'`, call.span);
  }
  checkDataArguments(sig, call.args, ctx);
  ctx.calls.set(call, { kind: 'user', def: sig.def });
  if (!sig.returns) {
    if (!statement) ctx.error(`'${call.name}' returns void and cannot be used as a value`, call.span);
    return { handled: true };
  }
  if (statement) {
    ctx.error(
      `the result of '${call.name}' (${typeToString(sig.returns)}) is discarded: only void functions can be called as statements`,
      call.span,
    );
  }
  return { handled: true, type: sig.returns };
}

/** A `data` argument must not depend on parameters. */
function checkDataArguments(sig: UserSignature, args: Expr[], ctx: CheckContext): void {
  sig.args.forEach((a, i) => {
    if (!a.dataOnly || !args[i]) return;
    const culprit = nonDataVariable(args[i]!, ctx);
    if (culprit) {
      ctx.error(
        `argument '${a.name}' of '${sig.name}' is declared 'data', but '${culprit.name}' ${culprit.why}`,
        culprit.span,
      );
    }
  });
}

function nonDataVariable(e: Expr, ctx: CheckContext): { name: string; span: Span; why: string } | undefined {
  for (const x of variablesIn(e)) {
    const v = ctx.scope.lookup(x.name);
    if (!v) continue;
    if (v.kind === 'argument' && !v.isData) return { ...x, why: "is an argument not declared 'data'" };
    if (v.block === 'parameters' || v.block === 'transformed parameters') {
      return { ...x, why: `is declared in ${v.block}` };
    }
  }
  return undefined;
}

/**
 * `y ~ foo(...)` with a user `foo_lpdf` / `foo_lpmf`; returns false when the
 * user defined neither (the caller reports an unknown distribution).
 */
export function checkUserTilde(
  stmt: TildeStmt,
  lhs: StanType | undefined,
  argTypes: Array<StanType | undefined>,
  ctx: CheckContext,
): boolean {
  const suffix = ['_lpdf', '_lpmf'].find((s) => ctx.userFunctions.has(stmt.distribution + s));
  if (!suffix) return false;
  const call: CallExpr = {
    kind: 'Call',
    name: stmt.distribution + suffix,
    nameSpan: stmt.distributionSpan,
    args: [stmt.lhs, ...stmt.args],
    conditional: true,
    span: stmt.span,
  };
  checkUserCall(call, [lhs, ...argTypes], ctx);
  const callee = ctx.calls.get(call);
  const target: TildeTarget | undefined = callee?.kind === 'user' ? { kind: 'user', def: callee.def } : undefined;
  if (target) ctx.tildes.set(stmt, target);
  const tr = stmt.truncation;
  if (!tr) return true;
  const need = (s: '_lcdf' | '_lccdf', what: string): void => {
    if (!ctx.userFunctions.has(stmt.distribution + s)) {
      ctx.error(
        `cannot truncate '${stmt.distribution}' ${what}: define '${stmt.distribution}${s}' in the functions block`,
        tr.span,
      );
      return;
    }
    const bound: CallExpr = { ...call, name: stmt.distribution + s };
    checkUserCall(bound, [lhs && isScalar(lhs) ? lhs : REAL, ...argTypes], ctx);
    const chosen = ctx.calls.get(bound);
    if (target && chosen?.kind === 'user') target[s === '_lcdf' ? 'lcdf' : 'lccdf'] = chosen.def;
  };
  if (tr.upper) need('_lcdf', 'from above');
  if (tr.lower && !tr.upper) need('_lccdf', 'from below');
  if (tr.lower && tr.upper && !ctx.userFunctions.has(stmt.distribution + '_lcdf')) return true;
  if (lhs && !isScalar(lhs) && !(lhs.arrayDims === 0 && lhs.base !== 'matrix')) {
    ctx.error(`truncation needs a scalar or one-dimensional left side, got '${typeToString(lhs)}'`, stmt.lhs.span);
  }
  if (lhs && suffix === '_lpmf' && !isInt(lhs) && lhs.base !== 'int') {
    ctx.error(`the left side of '${stmt.distribution}' must be int`, stmt.lhs.span);
  }
  return true;
}
