/**
 * Checking statements and declarations: what each block may contain, which
 * variables may be assigned, loop and condition types, and declared types
 * (sizes, bounds, constrained types).
 */
import type {
  AssignStmt,
  BlockName,
  Expr,
  ForEachStmt,
  ForStmt,
  Stmt,
  TildeStmt,
  TypeDecl,
  VarDecl,
} from '../language/ast.js';
import { closestName } from '../errors.js';
import type { CheckContext } from './context.js';
import { checkDistributionArgs, checkExpr, indexType } from './expressions.js';
import { RESERVED_WORDS, type VariableInfo, type VariableKind } from './scope.js';
import { checkUserCall, checkUserTilde } from './user-functions.js';
import { checkJacobianPlus, checkReturn, targetProblem } from './function-statements.js';
import { binaryOperatorType } from './signatures.js';
import { variablesIn } from './variables-in.js';
import {
  INT,
  REAL,
  assignable,
  declBase,
  isConstrainedBase,
  isInt,
  isScalar,
  sizeArity,
  typeToString,
  type StanType,
} from './types.js';

/** Blocks whose variables are known before sampling. */
const DATA_BLOCKS = new Set<BlockName>(['data', 'transformed data']);
/** Blocks that hold declarations only. */
const DECLARATION_ONLY = new Set<BlockName>(['data', 'parameters']);

/** Called for each block-level declaration, so the caller can collect them. */
export type DeclarationSink = (info: VariableInfo, stmt: VarDecl) => void;

/** Check one statement. `blockLevel`: directly in a block, not nested. */
export function checkStmt(stmt: Stmt, ctx: CheckContext, blockLevel: boolean, sink?: DeclarationSink): void {
  if (DECLARATION_ONLY.has(ctx.block) && stmt.kind !== 'VarDecl') {
    ctx.error(`the ${ctx.block} block may only contain declarations, not statements`, stmt.span);
    return;
  }
  switch (stmt.kind) {
    case 'VarDecl':
      checkVarDecl(stmt, ctx, blockLevel, sink);
      return;
    case 'Assign':
      checkAssign(stmt, ctx);
      return;
    case 'Tilde':
      checkTilde(stmt, ctx);
      return;
    case 'TargetPlus':
    case 'PotentialPlus': {
      const word = stmt.kind === 'TargetPlus' ? 'target' : 'potential';
      const problem = targetProblem(`'${word} +='`, ctx);
      if (problem) ctx.error(problem, stmt.span);
      checkExpr(stmt.value, ctx);
      return;
    }
    case 'For':
      checkFor(stmt, ctx, sink);
      return;
    case 'ForEach':
      checkForEach(stmt, ctx, sink);
      return;
    case 'While':
      checkCondition(stmt.condition, 'while', ctx);
      ctx.loopDepth++;
      checkNested(stmt.body, ctx, sink);
      ctx.loopDepth--;
      return;
    case 'If':
      checkCondition(stmt.condition, 'if', ctx);
      checkNested(stmt.then, ctx, sink);
      if (stmt.otherwise) checkNested(stmt.otherwise, ctx, sink);
      return;
    case 'Block':
      ctx.scope.push();
      for (const s of stmt.body) checkStmt(s, ctx, false, sink);
      ctx.scope.pop();
      return;
    case 'Print':
    case 'Reject':
      for (const a of stmt.args) checkExpr(a, ctx, true);
      return;
    case 'Break':
    case 'Continue':
      if (ctx.loopDepth === 0)
        ctx.error(`'${stmt.kind === 'Break' ? 'break' : 'continue'}' outside of a loop`, stmt.span);
      return;
    case 'Return':
      checkReturn(stmt, ctx);
      return;
    case 'JacobianPlus':
      checkJacobianPlus(stmt, ctx);
      return;
    case 'CallStmt': {
      if (ctx.userFunctions.has(stmt.call.name.replace(/_lup([dm])f$/, '_lp$1f'))) {
        const argTypes = stmt.call.args.map((a) => checkExpr(a, ctx));
        const handled = checkUserCall(stmt.call, argTypes, ctx, true, ctx.library.functions.has(stmt.call.name));
        if (handled.handled) return;
      }
      const t = checkExpr(stmt.call, ctx);
      if (t) {
        ctx.error(
          `the result of '${stmt.call.name}' (${typeToString(t)}) is discarded: only void functions can be called as statements`,
          stmt.span,
        );
      }
      return;
    }
    case 'Empty':
      return;
  }
}

/** A statement nested in a loop or if: its own scope (a declaration there is local to it). */
function checkNested(stmt: Stmt, ctx: CheckContext, sink?: DeclarationSink): void {
  ctx.scope.push();
  checkStmt(stmt, ctx, false, sink);
  ctx.scope.pop();
}

function checkCondition(cond: Expr, what: string, ctx: CheckContext): void {
  const t = checkExpr(cond, ctx);
  if (t && !isScalar(t)) ctx.error(`condition of '${what}' must be int or real, got '${typeToString(t)}'`, cond.span);
}

// ---------------------------------------------------------------- loops

function declareLoopVariable(name: string, type: StanType, stmt: ForStmt | ForEachStmt, ctx: CheckContext): void {
  declare(
    {
      name,
      type,
      kind: 'loop',
      block: ctx.block,
      isData: DATA_BLOCKS.has(ctx.block),
      span: stmt.variableSpan,
    },
    ctx,
  );
}

function checkFor(stmt: ForStmt, ctx: CheckContext, sink?: DeclarationSink): void {
  for (const bound of [stmt.lower, stmt.upper]) {
    const t = checkExpr(bound, ctx);
    if (t && !isInt(t)) ctx.error(`loop bounds must be int, got '${typeToString(t)}'`, bound.span);
  }
  ctx.scope.push();
  declareLoopVariable(stmt.variable, INT, stmt, ctx);
  ctx.loopDepth++;
  checkNested(stmt.body, ctx, sink);
  ctx.loopDepth--;
  ctx.scope.pop();
}

function checkForEach(stmt: ForEachStmt, ctx: CheckContext, sink?: DeclarationSink): void {
  const t = checkExpr(stmt.collection, ctx);
  let element: StanType | undefined;
  if (t) {
    if (t.arrayDims > 0) element = { base: t.base, arrayDims: t.arrayDims - 1 };
    else if (!isScalar(t)) element = REAL;
    else ctx.error(`cannot loop over a value of type '${typeToString(t)}'`, stmt.collection.span);
  }
  ctx.scope.push();
  declareLoopVariable(stmt.variable, element ?? REAL, stmt, ctx);
  ctx.loopDepth++;
  checkNested(stmt.body, ctx, sink);
  ctx.loopDepth--;
  ctx.scope.pop();
}

// ---------------------------------------------------------------- declarations

function declare(info: VariableInfo, ctx: CheckContext): boolean {
  if (RESERVED_WORDS.has(info.name)) {
    ctx.error(`'${info.name}' is a reserved word and cannot be used as a variable name`, info.span);
    return false;
  }
  if (info.name.endsWith('__')) {
    ctx.error(`variable names ending in '__' are reserved ('${info.name}')`, info.span);
    return false;
  }
  const previous = ctx.scope.declare(info);
  if (previous) {
    ctx.error(
      `'${info.name}' is already declared (line ${previous.span.start.line}, ${describeKind(previous)})`,
      info.span,
    );
    return false;
  }
  return true;
}

function describeKind(v: VariableInfo): string {
  if (v.kind === 'loop') return 'a loop variable';
  if (v.kind === 'argument') return 'a function argument';
  if (v.kind === 'local') return 'a local variable';
  return `in the ${v.block} block`;
}

function checkVarDecl(stmt: VarDecl, ctx: CheckContext, blockLevel: boolean, sink?: DeclarationSink): void {
  const kind: VariableKind = blockLevel && ctx.block !== 'model' ? 'block' : 'local';
  const type = checkTypeDecl(stmt.type, kind, stmt, ctx);
  if (stmt.init) {
    if (DECLARATION_ONLY.has(ctx.block)) {
      ctx.error(`variables in the ${ctx.block} block cannot be given a value`, stmt.init.span);
    }
    const t = checkExpr(stmt.init, ctx);
    if (t && !assignable(t, type)) {
      ctx.error(
        `cannot initialise '${stmt.name}' of type '${typeToString(type)}' with a value of type '${typeToString(t)}'`,
        stmt.init.span,
      );
    }
  }
  const info: VariableInfo = {
    name: stmt.name,
    type,
    kind,
    block: ctx.block,
    isData: DATA_BLOCKS.has(ctx.block),
    span: stmt.nameSpan,
    decl: stmt.type,
  };
  if (declare(info, ctx) && kind === 'block') sink?.(info, stmt);
}

/** Check a declared type and return the type it stores. */
function checkTypeDecl(decl: TypeDecl, kind: VariableKind, stmt: VarDecl, ctx: CheckContext): StanType {
  const type: StanType = { base: declBase(decl.base), arrayDims: decl.arrayDims.length };
  for (const size of [...decl.arrayDims, ...decl.sizes]) {
    const t = checkExpr(size, ctx);
    if (t && !isInt(t)) ctx.error(`size must be int, got '${typeToString(t)}'`, size.span);
    else if (t && kind === 'block') checkDataOnly(size, stmt.name, ctx);
  }
  const [lo, hi] = sizeArity(decl.base);
  if (decl.sizes.length < lo || decl.sizes.length > hi) {
    const expected = lo === hi ? `${lo}` : `${lo} or ${hi}`;
    ctx.error(`'${decl.base}' takes ${expected} size${hi === 1 ? '' : 's'}, got ${decl.sizes.length}`, decl.span);
  }
  if (
    (ctx.block === 'parameters' || ctx.block === 'transformed parameters') &&
    kind === 'block' &&
    type.base === 'int'
  ) {
    ctx.error(`${ctx.block} cannot be int ('${stmt.name}'); use real`, decl.span);
  }
  if (kind !== 'block') {
    if (isConstrainedBase(decl.base)) {
      ctx.error(
        `local variables cannot have constrained type '${decl.base}'; declare '${stmt.name}' as '${declBase(decl.base)}'`,
        decl.span,
      );
    }
    if (decl.constraint && Object.values(decl.constraint).some((e) => e !== undefined)) {
      ctx.error(`local variables cannot have constraints ('${stmt.name}')`, decl.span);
    }
    return type;
  }
  const c = decl.constraint;
  if (!c) return type;
  const element: StanType = { base: type.base, arrayDims: 0 };
  const bounds: Array<[string, Expr | undefined]> = [
    ['lower', c.lower],
    ['upper', c.upper],
    ['offset', c.offset],
    ['multiplier', c.multiplier],
  ];
  const present = bounds.filter(([, e]) => e !== undefined);
  if (present.length === 0) return type;
  if (isConstrainedBase(decl.base)) {
    ctx.error(`'${decl.base}' cannot have <${present.map(([n]) => n).join(', ')}>`, decl.span);
    return type;
  }
  const affine = c.offset !== undefined || c.multiplier !== undefined;
  if (affine && (c.lower !== undefined || c.upper !== undefined)) {
    ctx.error('<lower, upper> and <offset, multiplier> cannot be combined', decl.span);
  }
  if (affine && type.base === 'int') ctx.error('int variables cannot have <offset, multiplier>', decl.span);
  for (const [name, e] of present) {
    const t = checkExpr(e!, ctx);
    if (!t) continue;
    const ok = type.base === 'int' ? isInt(t) : isScalar(t) || assignable(t, element) || assignable(t, type);
    if (!ok) {
      const want =
        type.base === 'int'
          ? "'int'"
          : type.base === 'real'
            ? 'int or real'
            : `int, real or '${typeToString(element)}'`;
      ctx.error(`${name} bound of '${stmt.name}' must be ${want}, got '${typeToString(t)}'`, e!.span);
    }
  }
  return type;
}

/**
 * Sizes of block variables must be known from the data alone (as Stan
 * requires): every variable they read is data or transformed data.
 */
function checkDataOnly(size: Expr, declared: string, ctx: CheckContext): void {
  for (const v of variablesIn(size)) {
    const info = ctx.scope.lookup(v.name);
    if (info && !info.isData) {
      ctx.error(`the size of '${declared}' must be data only, but '${v.name}' is declared in ${info.block}`, v.span);
    }
  }
}

// ---------------------------------------------------------------- assignment

const COMPOUND_OPERATOR = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '.*=': '.*',
  './=': './',
} as const;

function checkAssign(stmt: AssignStmt, ctx: CheckContext): void {
  const value = checkExpr(stmt.value, ctx);
  const v = ctx.scope.lookup(stmt.name);
  let target: StanType | undefined;
  if (!v) {
    if (stmt.name === 'target' || stmt.name === 'potential') {
      ctx.error(`cannot assign to '${stmt.name}'; use '${stmt.name} += ...' in the model block`, stmt.nameSpan);
    } else if (stmt.name === 'noise') {
      ctx.error("cannot assign to 'noise': it is set by the sampler", stmt.nameSpan);
    } else {
      // Reports "not in scope" with a suggestion.
      checkExpr({ kind: 'Variable', name: stmt.name, span: stmt.nameSpan }, ctx);
    }
  } else {
    const problem = assignmentProblem(v, ctx);
    if (problem) ctx.error(problem, stmt.nameSpan);
    target = v.type;
  }
  for (const group of stmt.indices) {
    const spanEnd = group.length > 0 ? group[group.length - 1]!.span.end : stmt.nameSpan.end;
    target = indexType(target, group, { start: stmt.nameSpan.start, end: spanEnd }, ctx);
  }
  if (!target || !value) return;
  if (stmt.op === '=') {
    if (!assignable(value, target)) {
      ctx.error(
        `cannot assign a value of type '${typeToString(value)}' to '${stmt.name}${stmt.indices.length > 0 ? '[...]' : ''}' of type '${typeToString(target)}'`,
        stmt.span,
      );
    }
    return;
  }
  const result = binaryOperatorType(COMPOUND_OPERATOR[stmt.op], target, value);
  if (result) ctx.compound.set(stmt, result);
  if (!result || !assignable(result, target)) {
    ctx.error(
      `operator '${stmt.op}' cannot be applied to '${typeToString(target)}' and '${typeToString(value)}'`,
      stmt.span,
    );
  }
}

/** Why `v` cannot be assigned here, or undefined when it can. */
function assignmentProblem(v: VariableInfo, ctx: CheckContext): string | undefined {
  if (v.kind === 'loop') return `cannot assign to loop variable '${v.name}'`;
  if (v.kind === 'argument')
    return `cannot assign to function argument '${v.name}' (arguments are read-only; copy it into a local variable)`;
  if (v.kind === 'local') return undefined;
  if (v.block === ctx.block) return undefined;
  if (v.block === 'data') return `cannot assign to data variable '${v.name}'`;
  if (v.block === 'parameters') return `cannot assign to parameter '${v.name}'`;
  return `cannot assign to '${v.name}' (declared in ${v.block}) in the ${ctx.block} block`;
}

// ---------------------------------------------------------------- distributions

function checkTilde(stmt: TildeStmt, ctx: CheckContext): void {
  const problem = targetProblem("'~' statements", ctx, 'are');
  if (problem) ctx.error(problem, stmt.span);
  const lhs = checkExpr(stmt.lhs, ctx);
  const argTypes = stmt.args.map((a) => checkExpr(a, ctx));
  const dist = ctx.library.distributions.get(stmt.distribution);
  if (!dist) {
    if (checkUserTilde(stmt, lhs, argTypes, ctx)) return;
    reportUnknownDistribution(stmt, ctx);
    return;
  }
  ctx.tildes.set(stmt, { kind: 'density', distribution: dist });
  checkDistributionArgs(dist, { expr: stmt.lhs, type: lhs }, stmt.args, argTypes, stmt.distributionSpan, ctx);
  const tr = stmt.truncation;
  if (!tr) return;
  const univariate = ['reals', 'ints', 'real', 'int'].includes(dist.variate);
  if (!univariate) {
    ctx.error(`truncation is only defined for univariate distributions, not '${dist.name}'`, tr.span);
    return;
  }
  if (tr.lower && !dist.logCcdf) {
    ctx.error(`cannot truncate '${dist.name}' from below: it has no log CCDF yet`, tr.span);
  }
  if (tr.upper && !dist.logCdf) {
    ctx.error(`cannot truncate '${dist.name}' from above: it has no log CDF yet`, tr.span);
  }
  for (const bound of [tr.lower, tr.upper]) {
    if (!bound) continue;
    const t = checkExpr(bound, ctx);
    const ok = t === undefined || (dist.discrete ? isInt(t) : isScalar(t));
    if (!ok) {
      ctx.error(
        `truncation bound must be ${dist.discrete ? 'int' : 'int or real'}, got '${typeToString(t!)}'`,
        bound.span,
      );
    }
  }
}

function reportUnknownDistribution(stmt: TildeStmt, ctx: CheckContext): void {
  const name = stmt.distribution;
  const m = /^(.+)_(lpdf|lpmf|lupdf|lupmf)$/.exec(name);
  if (m && ctx.library.distributions.has(m[1]!)) {
    ctx.error(`write '~ ${m[1]}(...)' without the '_${m[2]}' suffix`, stmt.distributionSpan);
    return;
  }
  const suggestion = closestDistribution(name, ctx);
  ctx.error(
    `unknown distribution '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
    stmt.distributionSpan,
  );
}

function closestDistribution(name: string, ctx: CheckContext): string | undefined {
  return closestName(name, ctx.library.distributions.keys());
}
