/**
 * Runs of the interpreter over a prepared program: tracing the log density
 * (parameters, transformed parameters, model) into a graph, and evaluating
 * the generated quantities eagerly for one position.
 */
import type { BlockName, Program, VarDecl } from '../language/ast.js';
import { findBlock } from '../language/ast.js';
import type { Ops, Val } from '../ir/ops.js';
import type { Rng } from '../../stdlib/types.js';
import type { TypedProgram } from '../check/resolve.js';
import { Variable, lookup, type Context, type LoopReport, type Mode } from './context.js';
import type { ConcreteType } from './declarations.js';
import { evaluateBounds, bindParameters, type ParameterLayout } from './parameters.js';
import { executeAll } from './statements.js';
import { userFunctionHooks } from './user-functions.js';

/** What every run shares: data and transformed data, layouts, declarations. */
export interface Prepared {
  program: Program;
  /** The checker's types and resolved calls of `program`. */
  typed: TypedProgram;
  file: string;
  /** Data and transformed data variables (constants, read-only). */
  dataScope: Map<string, Variable>;
  layouts: ParameterLayout[];
  dim: number;
  /** Top-level declarations of transformed parameters / generated quantities with their types. */
  transformed: Array<{ decl: VarDecl; concrete: ConcreteType }>;
  generated: Array<{ decl: VarDecl; concrete: ConcreteType }>;
  print?: (message: string) => void;
  /** Whether loops over data may run vectorised (LowerOptions.vectorise). */
  vectorise?: boolean;
}

export function makeContext(
  ops: Ops,
  mode: Mode,
  block: BlockName,
  file: string,
  typed: TypedProgram,
  scopes: Array<Map<string, Variable>>,
  noise: () => Val,
  rng?: Rng,
  print?: (message: string) => void,
): Context {
  return { ops, file, typed, mode, block, scopes, target: [], noise, rng, print };
}

/** Run the top-level statements of a block; top-level declarations land in the current scope. */
export function runBlock(ctx: Context, program: Program, name: BlockName): void {
  const block = findBlock(program, name);
  if (!block) return;
  ctx.userFunctions ??= userFunctionHooks(program);
  ctx.block = name;
  executeAll(ctx, block.body);
}

/** A traced run: the log density and the values of the parameters and transformed parameters. */
export interface Traced {
  logDensity: Val;
  /** Constrained parameters then transformed parameters, by name (row-major values). */
  values: Map<string, Val>;
  /** The constant terms of `~` statements in `logDensity` (Stan's lp__ leaves them out). */
  droppedConstant: number;
}

/** Trace parameters, transformed parameters and the model block. */
export function traceDensity(
  prepared: Prepared,
  ops: Ops & { param(offset: number, shape: readonly number[]): Val },
  noise: () => Val,
  loops?: LoopReport[],
): Traced {
  const ctx = makeContext(
    ops,
    'graph',
    'parameters',
    prepared.file,
    prepared.typed,
    [prepared.dataScope, new Map()],
    noise,
  );
  ctx.vectorise = prepared.vectorise;
  ctx.loops = loops;
  ctx.userFunctions = userFunctionHooks(prepared.program);
  bindParameters(ctx, prepared.layouts, (offset, size) => ops.param(offset, [size]));
  ctx.scopes.push(new Map());
  runBlock(ctx, prepared.program, 'transformed parameters');
  const values = new Map<string, Val>();
  for (const name of [...prepared.layouts.map((l) => l.decl.name), ...prepared.transformed.map((t) => t.decl.name)]) {
    values.set(name, lookup(ctx, name)!.read(ops));
  }
  for (const { decl, concrete } of prepared.transformed) ctx.target.push(...boundPenalty(ctx, decl, concrete));
  // The model block's variables are locals.
  ctx.scopes.push(new Map());
  runBlock(ctx, prepared.program, 'model');
  return { logDensity: sumTerms(ops, ctx.target), values, droppedConstant: ctx.droppedConstant ?? 0 };
}

/**
 * Generated quantities for one position, given the parameters and
 * transformed parameters as constants (row-major values by name).
 */
export function runGenerated(
  prepared: Prepared,
  ops: Ops,
  known: Map<string, Float64Array>,
  rng: Rng,
): Map<string, Val> {
  const scope = new Map<string, Variable>();
  const declared = [...prepared.layouts.map((l) => ({ decl: l.decl, concrete: l.concrete })), ...prepared.transformed];
  for (const { decl, concrete } of declared) {
    const value = known.get(decl.name)!;
    scope.set(
      decl.name,
      new Variable(decl.name, concrete.type, concrete.shape, decl.nameSpan, ops.constant(value, concrete.shape), true),
    );
  }
  const ctx = makeContext(
    ops,
    'eager',
    'generated quantities',
    prepared.file,
    prepared.typed,
    [prepared.dataScope, scope, new Map()],
    () => ops.constant(0),
    rng,
    prepared.print,
  );
  ctx.vectorise = prepared.vectorise;
  runBlock(ctx, prepared.program, 'generated quantities');
  const out = new Map<string, Val>();
  for (const { decl } of prepared.generated) out.set(decl.name, lookup(ctx, decl.name)!.read(ops));
  return out;
}

/**
 * Stan rejects a draw whose transformed parameters break their declared
 * bounds: here such a draw has log density −∞.
 */
function boundPenalty(ctx: Context, decl: VarDecl, concrete: ConcreteType): Val[] {
  const c = decl.type.constraint;
  if (!c || (!c.lower && !c.upper)) return [];
  const variable = lookup(ctx, decl.name);
  if (!variable) return [];
  const ops = ctx.ops;
  const x = variable.read(ops);
  if (x.constant) return [];
  const bounds = evaluateBounds(ctx, decl, concrete);
  let outside: Val | undefined;
  if (bounds.lower) outside = ops.reduce('sum', ops.binary('lt', x, bounds.lower));
  if (bounds.upper) {
    const above = ops.reduce('sum', ops.binary('gt', x, bounds.upper));
    outside = outside ? ops.binary('add', outside, above) : above;
  }
  return [ops.select(ops.binary('gt', outside!, ops.constant(0)), ops.constant(-Infinity), ops.constant(0))];
}

export function sumTerms(ops: Ops, terms: Val[]): Val {
  const scalars = terms.map((t) => (t.shape.length === 0 ? t : ops.reduce('sum', t)));
  if (scalars.length === 0) return ops.constant(0);
  if (scalars.length === 1) return scalars[0]!;
  const constants = scalars.filter((t) => t.constant);
  const traced = scalars.filter((t) => !t.constant);
  let constantSum = 0;
  for (const t of constants) constantSum += t.constant![0]!;
  if (traced.length === 0) return ops.constant(constantSum);
  const parts = constantSum === 0 ? traced : [...traced, ops.constant(constantSum)];
  if (parts.length === 1) return parts[0]!;
  return ops.reduce('sum', ops.concat(parts, [parts.length]));
}
