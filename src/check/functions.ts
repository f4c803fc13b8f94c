/**
 * Checking the `functions` block: signatures (forward declarations,
 * overloads, the suffix rules on argument and return types), then each
 * body in a scope of its own arguments, with every path of a non-void
 * function ending in `return`. Signatures are collected first, so bodies
 * may call each other and themselves.
 */
import type { FunctionDef, Stmt } from '../language/ast.js';
import type { CheckContext } from './context.js';
import { RESERVED_WORDS } from './scope.js';
import { checkStmt } from './statements.js';
import { sameType, typeToString } from './types.js';
import { signatureText, unsizedType, type UserSignature } from './user-functions.js';

export function checkFunctions(defs: FunctionDef[], ctx: CheckContext): void {
  const signatures = new Map<FunctionDef, UserSignature>();
  for (const def of defs) {
    const sig: UserSignature = {
      name: def.name,
      args: def.args.map((a) => ({ name: a.name, type: unsizedType(a.type), dataOnly: a.dataOnly })),
      returns: def.returns === 'void' ? undefined : unsizedType(def.returns),
      def,
    };
    signatures.set(def, sig);
    checkSuffixRules(sig, ctx);
    const key = `${def.name}(${sig.args.map((a) => typeToString(a.type)).join(',')})`;
    const overloads = ctx.userFunctions.get(def.name) ?? [];
    const same = overloads.find((o) => `${o.name}(${o.args.map((a) => typeToString(a.type)).join(',')})` === key);
    if (same) {
      if (!sameReturn(same, sig)) {
        ctx.error(`'${def.name}' is declared twice with the same arguments and different return types`, def.nameSpan, [
          `earlier: ${signatureText(same)} (line ${same.def.nameSpan.start.line})`,
        ]);
      } else if (same.def.body && def.body) {
        ctx.error(
          `function ${signatureText(sig)} is already defined (line ${same.def.nameSpan.start.line})`,
          def.nameSpan,
        );
      }
      if (def.body) {
        // the definition completes the forward declaration
        overloads[overloads.indexOf(same)] = sig;
      }
      continue;
    }
    if (RESERVED_WORDS.has(def.name))
      ctx.error(`'${def.name}' is a reserved word and cannot name a function`, def.nameSpan);
    overloads.push(sig);
    ctx.userFunctions.set(def.name, overloads);
  }
  for (const [name, overloads] of ctx.userFunctions) {
    for (const o of overloads) {
      if (!o.def.body)
        ctx.error(`function '${name}' is declared but never defined`, o.def.nameSpan, [signatureText(o)]);
    }
  }
  for (const def of defs) if (def.body) checkBody(signatures.get(def)!, ctx);
}

function sameReturn(a: UserSignature, b: UserSignature): boolean {
  if (!a.returns || !b.returns) return !a.returns && !b.returns;
  return sameType(a.returns, b.returns);
}

/** Stan's rules tying a function's name suffix to its types. */
function checkSuffixRules(sig: UserSignature, ctx: CheckContext): void {
  const { def } = sig;
  const suffix = /_(lpdf|lpmf|lcdf|lccdf|rng|lp|jacobian|lupdf|lupmf)$/.exec(def.name)?.[1];
  if (!suffix) return;
  if (suffix === 'lupdf' || suffix === 'lupmf') {
    ctx.error(
      `functions are defined with '_${suffix.replace('u', '')}', not '_${suffix}' (calls may use either)`,
      def.nameSpan,
    );
    return;
  }
  const real = sig.returns !== undefined && sig.returns.base === 'real' && sig.returns.arrayDims === 0;
  if (['lpdf', 'lpmf', 'lcdf', 'lccdf'].includes(suffix)) {
    if (!real) ctx.error(`a function whose name ends in '_${suffix}' must return real`, def.nameSpan);
    const first = sig.args[0];
    if (!first) {
      ctx.error(`a function whose name ends in '_${suffix}' needs the variate as its first argument`, def.nameSpan);
    } else if (suffix === 'lpdf' && first.type.base === 'int') {
      ctx.error(
        `the variate of '${def.name}' is int: name the function '_lpmf' for a mass function`,
        def.args[0]!.type.span,
      );
    } else if (suffix === 'lpmf' && first.type.base !== 'int') {
      ctx.error(
        `the variate of '${def.name}' must be int (a '_lpmf' function); use '_lpdf' for real variates`,
        def.args[0]!.type.span,
      );
    }
  }
}

function checkBody(sig: UserSignature, ctx: CheckContext): void {
  const { def } = sig;
  ctx.fn = sig;
  ctx.block = 'model';
  ctx.scope.push();
  for (const [i, a] of def.args.entries()) {
    const previous = ctx.scope.declare({
      name: a.name,
      type: sig.args[i]!.type,
      kind: 'argument',
      block: 'model',
      isData: a.dataOnly,
      span: a.nameSpan,
    });
    if (previous) ctx.error(`'${a.name}' is already declared`, a.nameSpan);
    if (RESERVED_WORDS.has(a.name)) ctx.error(`'${a.name}' is a reserved word and cannot name an argument`, a.nameSpan);
  }
  for (const s of def.body!.body) checkStmt(s, ctx, false);
  ctx.scope.pop();
  ctx.fn = undefined;
  if (sig.returns && !alwaysReturns(def.body!.body)) {
    ctx.error(
      `function '${def.name}' must return a value of type '${typeToString(sig.returns)}' on every path; end its body with a 'return' statement`,
      def.nameSpan,
    );
  }
}

/** Whether running the statements always ends in `return` or `reject` (stanc3's rule, without loops). */
function alwaysReturns(body: Stmt[]): boolean {
  const last = [...body].reverse().find((s) => s.kind !== 'Empty');
  if (!last) return false;
  switch (last.kind) {
    case 'Return':
    case 'Reject':
      return true;
    case 'Block':
      return alwaysReturns(last.body);
    case 'If':
      return last.otherwise !== undefined && alwaysReturns([last.then]) && alwaysReturns([last.otherwise]);
    case 'While':
    case 'For':
    case 'ForEach':
      // a loop body that always returns (stanc3 accepts it)
      return alwaysReturns([last.body]);
    default:
      return false;
  }
}
