/**
 * The statements whose rules depend on being inside a user-defined
 * function: `return`, `target +=` / `~` (model block or `_lp` functions)
 * and `jacobian +=` (transformed parameters or `_jacobian` functions).
 */
import type { JacobianPlusStmt, ReturnStmt } from '../language/ast.js';
import type { CheckContext } from './context.js';
import { checkExpr } from './expressions.js';
import { assignable, typeToString } from './types.js';

/** Why `what` (`'target +='`, `'~' statements`) is not allowed here, or undefined. */
export function targetProblem(what: string, ctx: CheckContext, verb = 'is'): string | undefined {
  if (ctx.fn) {
    return /_lp$/.test(ctx.fn.name)
      ? undefined
      : `${what} ${verb} only allowed in the model block and in functions whose names end in '_lp', not in '${ctx.fn.name}'`;
  }
  return ctx.block === 'model' ? undefined : `${what} ${verb} only allowed in the model block, not in ${ctx.block}`;
}

export function checkReturn(stmt: ReturnStmt, ctx: CheckContext): void {
  const fn = ctx.fn;
  const t = stmt.value ? checkExpr(stmt.value, ctx) : undefined;
  if (!fn) return; // the parser reports a return outside a function
  if (!fn.returns) {
    if (stmt.value) ctx.error(`void function '${fn.name}' cannot return a value; write 'return;'`, stmt.value.span);
    return;
  }
  if (!stmt.value) {
    ctx.error(`function '${fn.name}' must return a value of type '${typeToString(fn.returns)}'`, stmt.span);
    return;
  }
  if (t && !assignable(t, fn.returns)) {
    ctx.error(
      `function '${fn.name}' returns '${typeToString(fn.returns)}', but this value has type '${typeToString(t)}'`,
      stmt.value.span,
    );
  }
}

export function checkJacobianPlus(stmt: JacobianPlusStmt, ctx: CheckContext): void {
  checkExpr(stmt.value, ctx);
  const allowed = ctx.fn ? /_jacobian$/.test(ctx.fn.name) : ctx.block === 'transformed parameters';
  if (!allowed) {
    ctx.error(
      `'jacobian +=' is only allowed in the transformed parameters block and in functions whose names end in '_jacobian', not in ${ctx.fn ? `'${ctx.fn.name}'` : ctx.block}`,
      stmt.span,
    );
  }
}
