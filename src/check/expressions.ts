/**
 * Typing of expressions. Each expression's type is recorded in the context's
 * map; an expression whose type cannot be found reports one error and yields
 * undefined, which silences follow-on errors in the enclosing expressions.
 */
import type { BinaryExpr, CallExpr, Expr, Index, Span } from '../language/ast.js';
import type { DistributionEntry } from '../../stdlib/types.js';
import { closestName } from '../errors.js';
import type { CheckContext } from './context.js';
import { callableNames } from './library.js';
import { resolveStdlibName, type DensitySuffix } from './resolve.js';
import { checkUserCall, userFunctionNames } from './user-functions.js';
import {
  argTypesToString,
  binaryOperatorHint,
  binaryOperatorType,
  describePattern,
  patternCost,
  prefixOperatorType,
  resolveSignature,
  signatureToString,
  transposeType,
} from './signatures.js';
import {
  INT,
  REAL,
  isInt,
  isIntArray1,
  isScalar,
  parseType,
  promoteIntToReal,
  typeToString,
  unify,
  type StanType,
} from './types.js';

/** Blocks where `noise` may be read. */
const NOISE_BLOCKS = new Set(['model', 'transformed parameters']);
/** Blocks where `_rng` functions may be called. */
const RNG_BLOCKS = new Set(['transformed data', 'generated quantities']);

/** Type an expression; `allowString` only for print / reject arguments. */
export function checkExpr(expr: Expr, ctx: CheckContext, allowString = false): StanType | undefined {
  const t = inferExpr(expr, ctx, allowString);
  if (t) ctx.types.set(expr, t);
  return t;
}

function inferExpr(expr: Expr, ctx: CheckContext, allowString: boolean): StanType | undefined {
  switch (expr.kind) {
    case 'IntLiteral':
      return INT;
    case 'RealLiteral':
      return REAL;
    case 'StringLiteral':
      if (!allowString) ctx.error('string literals are only allowed in print and reject', expr.span);
      return undefined;
    case 'Variable':
      return checkVariable(expr.name, expr.span, ctx);
    case 'Binary': {
      // A left-deep chain (a sum of thousands of terms) is typed in a loop, not by recursion.
      const spine: BinaryExpr[] = [];
      let leftmost: Expr = expr;
      while (leftmost.kind === 'Binary') {
        spine.push(leftmost);
        leftmost = leftmost.left;
      }
      let l = checkExpr(leftmost, ctx);
      for (let i = spine.length - 1; i >= 0; i--) {
        const node = spine[i]!;
        const r = checkExpr(node.right, ctx);
        let t: StanType | undefined;
        if (l && r) {
          t = binaryOperatorType(node.op, l, r);
          if (!t) {
            const hint = binaryOperatorHint(node.op, l, r);
            ctx.error(
              `operator '${node.op}' cannot be applied to '${typeToString(l)}' and '${typeToString(r)}'`,
              node.span,
              hint ? [hint] : undefined,
            );
          }
        }
        if (t && i > 0) ctx.types.set(node, t);
        l = t;
      }
      return l;
    }
    case 'Prefix': {
      const o = checkExpr(expr.operand, ctx);
      if (!o) return undefined;
      const t = prefixOperatorType(expr.op, o);
      if (!t) ctx.error(`prefix operator '${expr.op}' cannot be applied to '${typeToString(o)}'`, expr.span);
      return t;
    }
    case 'Transpose': {
      const o = checkExpr(expr.operand, ctx);
      if (!o) return undefined;
      const t = transposeType(o);
      if (!t) ctx.error(`transpose (') cannot be applied to '${typeToString(o)}'`, expr.span);
      return t;
    }
    case 'Ternary': {
      const c = checkExpr(expr.condition, ctx);
      const a = checkExpr(expr.then, ctx);
      const b = checkExpr(expr.otherwise, ctx);
      if (c && !isInt(c)) ctx.error(`condition of '?:' must be int, got '${typeToString(c)}'`, expr.condition.span);
      if (!a || !b) return undefined;
      const t = unify(a, b);
      if (!t) {
        ctx.error(`branches of '?:' have different types '${typeToString(a)}' and '${typeToString(b)}'`, expr.span);
      }
      return t;
    }
    case 'Call':
      return checkCall(expr, ctx);
    case 'Index': {
      const target = checkExpr(expr.target, ctx);
      return indexType(target, expr.indices, expr.span, ctx);
    }
    case 'ArrayExpr':
      return checkArrayExpr(expr.elements, expr.span, ctx);
    case 'RowVectorExpr':
      return checkRowVectorExpr(expr.elements, expr.span, ctx);
  }
}

export function checkVariable(name: string, span: Span, ctx: CheckContext): StanType | undefined {
  const v = ctx.scope.lookup(name);
  if (v) return v.type;
  if (name === 'noise') {
    if (ctx.fn) {
      ctx.error("'noise' cannot be read inside a function; pass it as an argument", span);
      return undefined;
    }
    if (!NOISE_BLOCKS.has(ctx.block)) {
      ctx.error("'noise' can only be read in the model and transformed parameters blocks", span);
      return undefined;
    }
    ctx.readsNoise = true;
    return REAL;
  }
  if (name === 'target' || name === 'potential') {
    ctx.error(
      `'${name}' cannot be read as a variable; use '${name} += ...' in the model block`,
      span,
      name === 'target' ? ['target() returns the log density accumulated so far'] : undefined,
    );
    return undefined;
  }
  if (ctx.library.functions.has(name) || ctx.userFunctions.has(name)) {
    ctx.error(`'${name}' is a function, not a variable; call it as ${name}(...)`, span);
    return undefined;
  }
  const later = ctx.blockVariables.get(name);
  if (later) {
    ctx.error(
      `identifier '${name}' not in scope (it is declared later, in ${later.block} on line ${later.line})`,
      span,
    );
    return undefined;
  }
  const suggestion = closestName(name, ctx.scope.visibleNames());
  ctx.error(`identifier '${name}' not in scope${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, span);
  return undefined;
}

// ---------------------------------------------------------------- indexing

type IndexKind = 'single' | 'multi';

/** Type of one index position; undefined (after an error) when it is not an index. */
function checkIndex(index: Index, ctx: CheckContext): IndexKind | undefined {
  switch (index.kind) {
    case 'All':
      return 'multi';
    case 'Range': {
      let ok = true;
      for (const bound of [index.lower, index.upper]) {
        if (!bound) continue;
        const t = checkExpr(bound, ctx);
        if (t && !isInt(t)) {
          ctx.error(`range bound must be int, got '${typeToString(t)}'`, bound.span);
          ok = false;
        }
        if (!t) ok = false;
      }
      return ok ? 'multi' : undefined;
    }
    case 'Single': {
      const t = checkExpr(index.expr, ctx);
      if (!t) return undefined;
      if (isInt(t)) return 'single';
      if (isIntArray1(t)) return 'multi';
      ctx.error(`index must be int or array[] int, got '${typeToString(t)}'`, index.expr.span);
      return undefined;
    }
  }
}

/** How many index positions a base type takes after its array dimensions. */
function baseIndexCount(base: StanType['base']): number {
  return base === 'matrix' ? 2 : base === 'vector' || base === 'row_vector' ? 1 : 0;
}

/**
 * The type of `target[indices]`: indices apply to array dimensions first,
 * then to the vector / matrix; a single (int) index drops its dimension, a
 * multi-index (array[] int, range, ':') keeps it.
 */
export function indexType(
  target: StanType | undefined,
  indices: Index[],
  span: Span,
  ctx: CheckContext,
): StanType | undefined {
  const kinds = indices.map((i) => checkIndex(i, ctx));
  if (!target) return undefined;
  const allowed = target.arrayDims + baseIndexCount(target.base);
  if (indices.length > allowed) {
    ctx.error(
      `too many indexes for a value of type '${typeToString(target)}': at most ${allowed} allowed, got ${indices.length}`,
      span,
    );
    return undefined;
  }
  if (kinds.some((k) => k === undefined)) return undefined;
  const ks = kinds as IndexKind[];
  const onArrays = ks.slice(0, target.arrayDims);
  const onBase = ks.slice(target.arrayDims);
  const arrayDims = onArrays.filter((k) => k === 'multi').length + (target.arrayDims - onArrays.length);
  return { base: indexBase(target.base, onBase), arrayDims };
}

function indexBase(base: StanType['base'], ks: IndexKind[]): StanType['base'] {
  if (ks.length === 0) return base;
  if (base === 'vector' || base === 'row_vector') return ks[0] === 'single' ? 'real' : base;
  // matrix
  const [row, col] = ks;
  if (col === undefined) return row === 'single' ? 'row_vector' : 'matrix';
  if (row === 'single') return col === 'single' ? 'real' : 'row_vector';
  return col === 'single' ? 'vector' : 'matrix';
}

// ---------------------------------------------------------------- literals

function checkArrayExpr(elements: Expr[], span: Span, ctx: CheckContext): StanType | undefined {
  const types = elements.map((e) => checkExpr(e, ctx));
  if (elements.length === 0) {
    ctx.error('an array expression needs at least one element', span);
    return undefined;
  }
  if (types.some((t) => t === undefined)) return undefined;
  let common = types[0]!;
  for (let i = 1; i < types.length; i++) {
    const u = unify(common, types[i]!);
    if (!u) {
      ctx.error(
        `array elements must have one type: element ${i + 1} is '${typeToString(types[i]!)}', expected '${typeToString(common)}'`,
        elements[i]!.span,
      );
      return undefined;
    }
    common = u;
  }
  return { base: common.base, arrayDims: common.arrayDims + 1 };
}

function checkRowVectorExpr(elements: Expr[], span: Span, ctx: CheckContext): StanType | undefined {
  const types = elements.map((e) => checkExpr(e, ctx));
  if (elements.length === 0) {
    ctx.error('a row vector expression needs at least one element', span);
    return undefined;
  }
  if (types.some((t) => t === undefined)) return undefined;
  const ts = types as StanType[];
  if (ts.every(isScalar)) return { base: 'row_vector', arrayDims: 0 };
  if (ts.every((t) => t.base === 'row_vector' && t.arrayDims === 0)) return { base: 'matrix', arrayDims: 0 };
  const isRow = (t: StanType) => t.base === 'row_vector' && t.arrayDims === 0;
  const invalid = ts.findIndex((t) => !isScalar(t) && !isRow(t));
  if (invalid >= 0) {
    ctx.error(
      `elements of '[...]' must be int/real (making a row_vector) or row_vector (making a matrix), got '${typeToString(ts[invalid]!)}'`,
      elements[invalid]!.span,
    );
    return undefined;
  }
  const odd = ts.findIndex((t) => isScalar(t) !== isScalar(ts[0]!));
  ctx.error(
    `elements of '[...]' cannot mix '${typeToString(ts[0]!)}' and '${typeToString(ts[odd]!)}'`,
    elements[odd]!.span,
  );
  return undefined;
}

// ---------------------------------------------------------------- calls

function checkCall(call: CallExpr, ctx: CheckContext): StanType | undefined {
  const argTypes = call.args.map((a) => checkExpr(a, ctx));
  const { name } = call;
  const stdlib = resolveStdlibName(ctx.library, name);
  const user = checkUserCall(call, argTypes, ctx, false, stdlib !== undefined);
  if (user.handled) return user.type;
  if (stdlib?.kind === 'function') {
    const fn = stdlib.entry;
    if (call.conditional) {
      ctx.error(`'|' is only used in calls of _lpdf, _lpmf, _lcdf and _lccdf functions, not '${name}'`, call.span);
    }
    if (fn.rng || /_rng$/.test(name)) checkRngBlock(name, call.nameSpan, ctx);
    if (argTypes.some((t) => t === undefined)) return undefined;
    const args = argTypes as StanType[];
    const match = resolveSignature(fn.signatures, args);
    if (match) {
      ctx.calls.set(call, { kind: 'function', entry: fn, returns: match.returns });
      return match.returns;
    }
    reportNoSignature(
      name,
      fn.signatures.map((s) => s.args.length),
      fn.signatures.map(signatureToString),
      args,
      call,
      ctx,
    );
    return undefined;
  }
  if (stdlib?.kind === 'density') {
    ctx.calls.set(call, { kind: 'density', distribution: stdlib.distribution, suffix: stdlib.suffix });
    return checkDensityCall(call, stdlib.distribution, stdlib.suffix, argTypes, ctx);
  }
  if (name === 'target' && call.args.length === 0) {
    ctx.calls.set(call, { kind: 'target' });
    if (ctx.fn ? !/_lp$/.test(ctx.fn.name) : !NOISE_BLOCKS.has(ctx.block)) {
      ctx.error('target() can only be used in the model and transformed parameters blocks', call.span);
    }
    return REAL;
  }
  if (ctx.library.distributions.has(name)) {
    const d = ctx.library.distributions.get(name)!;
    ctx.error(
      `'${name}' is a distribution, not a function: use it as 'y ~ ${name}(...)' or call '${name}_${d.discrete ? 'lpmf' : 'lpdf'}(y | ...)'`,
      call.nameSpan,
    );
    return undefined;
  }
  const suggestion = closestName(name, [...userFunctionNames(ctx), ...callableNames(ctx.library)]);
  ctx.error(`unknown function '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`, call.nameSpan);
  return undefined;
}

function checkRngBlock(name: string, span: Span, ctx: CheckContext): void {
  if (ctx.fn) {
    if (!/_rng$/.test(ctx.fn.name)) {
      ctx.error(
        `random number generator '${name}' is only allowed in transformed data, generated quantities and functions whose names end in '_rng', not in '${ctx.fn.name}'`,
        span,
      );
    }
    return;
  }
  if (!RNG_BLOCKS.has(ctx.block)) {
    ctx.error(
      `random number generator '${name}' is only allowed in transformed data and generated quantities, not in ${ctx.block}`,
      span,
    );
  }
}

function reportNoSignature(
  name: string,
  arities: number[],
  signatures: string[],
  args: StanType[],
  call: CallExpr,
  ctx: CheckContext,
): void {
  const counts = [...new Set(arities)].sort((a, b) => a - b);
  if (!counts.includes(args.length)) {
    const expected =
      counts.length === 1 ? `${counts[0]}` : `${counts.slice(0, -1).join(', ')} or ${counts[counts.length - 1]}`;
    const noun = counts.length === 1 && counts[0] === 1 ? 'argument' : 'arguments';
    ctx.error(`'${name}' takes ${expected} ${noun}, got ${args.length}`, call.span);
    return;
  }
  const shown = signatures.slice(0, 8);
  if (signatures.length > shown.length) shown.push(`... (${signatures.length - shown.length} more)`);
  ctx.error(`no signature of '${name}' accepts arguments ${argTypesToString(args)}`, call.span, [
    `available signatures: ${shown.join('; ')}`,
  ]);
}

/** `dist_lpdf(y | ...)`, `_lpmf`, `_lupdf`, `_lupmf`, `_lcdf`, `_lccdf`, `_rng`. */
function checkDensityCall(
  call: CallExpr,
  dist: DistributionEntry,
  suffix: DensitySuffix,
  argTypes: Array<StanType | undefined>,
  ctx: CheckContext,
): StanType | undefined {
  const { name } = call;
  if (suffix === 'rng') {
    if (call.conditional)
      ctx.error(`'${name}' takes no '|': ${name}(${dist.params.map((p) => p.name).join(', ')})`, call.span);
    checkRngBlock(name, call.nameSpan, ctx);
    if (!dist.rng) {
      ctx.error(
        `'${name}' is not available: distribution '${dist.name}' has no random number generator yet`,
        call.nameSpan,
      );
      return undefined;
    }
    // Some `_rng` functions take other arguments than the density (lkj_corr_rng(K, eta)).
    const rngDist = dist.rngParams ? { ...dist, params: dist.rngParams } : dist;
    const ok = checkDistributionArgs(rngDist, undefined, call.args, argTypes, call.span, ctx);
    return ok ? rngReturnType(rngDist, argTypes as StanType[]) : undefined;
  }
  const wantsMass = suffix === 'lpmf' || suffix === 'lupmf';
  const wantsDensity = suffix === 'lpdf' || suffix === 'lupdf';
  if (dist.discrete && wantsDensity) {
    ctx.error(
      `'${dist.name}' is a discrete distribution: use '${dist.name}_${suffix.replace('pdf', 'pmf')}', not '${name}'`,
      call.nameSpan,
    );
  } else if (!dist.discrete && wantsMass) {
    ctx.error(
      `'${dist.name}' is a continuous distribution: use '${dist.name}_${suffix.replace('pmf', 'pdf')}', not '${name}'`,
      call.nameSpan,
    );
  }
  if ((suffix === 'lcdf' || suffix === 'cdf') && !dist.logCdf) {
    ctx.error(`'${name}' is not available: distribution '${dist.name}' has no log CDF yet`, call.nameSpan);
  }
  if (suffix === 'lccdf' && !dist.logCcdf) {
    ctx.error(`'${name}' is not available: distribution '${dist.name}' has no log CCDF yet`, call.nameSpan);
  }
  if (call.args.length === 0) {
    ctx.error(`'${name}' needs a variate: ${name}(y | ${dist.params.map((p) => p.name).join(', ')})`, call.span);
    return undefined;
  }
  if (!call.conditional && call.args.length > 1) {
    ctx.error(
      `'${name}' needs '|' after the variate: ${name}(y | ${dist.params.map((p) => p.name).join(', ')})`,
      call.span,
    );
  }
  checkDistributionArgs(
    dist,
    { expr: call.args[0]!, type: argTypes[0] },
    call.args.slice(1),
    argTypes.slice(1),
    call.span,
    ctx,
  );
  return REAL;
}

/**
 * Check a distribution's variate (absent for `_rng`) and parameters against
 * its entry; reports and returns false on any mismatch.
 */
export function checkDistributionArgs(
  dist: DistributionEntry,
  variate: { expr: Expr; type: StanType | undefined } | undefined,
  params: Expr[],
  paramTypes: Array<StanType | undefined>,
  span: Span,
  ctx: CheckContext,
): boolean {
  let ok = true;
  if (params.length !== dist.params.length) {
    const names = dist.params.map((p) => p.name).join(', ');
    const n = dist.params.length;
    ctx.error(
      `distribution '${dist.name}' takes ${n} parameter${n === 1 ? '' : 's'}${n > 0 ? ` (${names})` : ''}, got ${params.length}`,
      span,
    );
    ok = false;
  }
  if (variate?.type) {
    if (patternCost(dist.variate, variate.type) === undefined) {
      ctx.error(
        `the variate of '${dist.name}' must be ${patternPhrase(dist.variate)}, got '${typeToString(variate.type)}'`,
        variate.expr.span,
      );
      ok = false;
    }
  } else if (variate) ok = false;
  const n = Math.min(params.length, dist.params.length);
  for (let i = 0; i < n; i++) {
    const t = paramTypes[i];
    const spec = dist.params[i]!;
    if (!t) {
      ok = false;
      continue;
    }
    if (patternCost(spec.type, t) === undefined) {
      ctx.error(
        `parameter '${spec.name}' of '${dist.name}' must be ${patternPhrase(spec.type)}, got '${typeToString(t)}'`,
        params[i]!.span,
      );
      ok = false;
    }
  }
  return ok;
}

function patternPhrase(pattern: string): string {
  const described = describePattern(pattern);
  return described === pattern ? `'${pattern}'` : `${pattern} (${described})`;
}

/**
 * What `dist_rng(params)` returns: for univariate distributions a scalar
 * when every vectorised ('reals' / 'ints') parameter is a scalar, else an
 * array with one draw per element (as Stan); for 'vectors' distributions a
 * vector, or an array of vectors when a 'vectors' parameter is an array.
 */
function rngReturnType(dist: DistributionEntry, params: StanType[]): StanType {
  const element: StanType = dist.discrete ? INT : REAL;
  const vectorisedArg = (family: string): boolean =>
    dist.params.some((spec, i) => spec.type === family && params[i] !== undefined && !isScalar(params[i]!));
  if (['reals', 'ints', 'real', 'int'].includes(dist.variate)) {
    return vectorisedArg('reals') || vectorisedArg('ints') ? { base: element.base, arrayDims: 1 } : element;
  }
  if (dist.variate === 'vectors') {
    const arrayArg = dist.params.some((spec, i) => spec.type === 'vectors' && (params[i]?.arrayDims ?? 0) > 0);
    return { base: 'vector', arrayDims: arrayArg ? 1 : 0 };
  }
  const concrete = parseType(dist.variate);
  return concrete ? (dist.discrete ? concrete : promoteIntToReal(concrete)) : element;
}
