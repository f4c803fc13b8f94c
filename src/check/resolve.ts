/**
 * What the checker resolved, handed to the lowering (src/compile) so that
 * it dispatches on the checker's decisions instead of re-deriving them:
 * the type of every expression, and for every call and `~` statement the
 * stdlib entry (with the overload's return type) or the user function it
 * means. `resolveStdlibName` is the one place that reads a stdlib name and
 * its suffix (`normal_lpdf`, `poisson_rng`, `exp`).
 */
import type { AssignStmt, CallExpr, Expr, FunctionDef, TildeStmt } from '../language/ast.js';
import type { DistributionEntry, FunctionEntry } from '../../stdlib/types.js';
import { InternalError } from '../errors.js';
import type { Library } from './library.js';
import type { StanType } from './types.js';

/** Suffixes that turn a distribution name into a callable function. */
export const DENSITY_SUFFIXES = ['lpdf', 'lpmf', 'lupdf', 'lupmf', 'lcdf', 'lccdf', 'cdf', 'rng'] as const;
export type DensitySuffix = (typeof DENSITY_SUFFIXES)[number];

const SUFFIXED = new RegExp(`^(.+)_(${DENSITY_SUFFIXES.join('|')})$`);

/** A stdlib name: a function, or a distribution with a suffix. */
export type StdlibName =
  | { kind: 'function'; entry: FunctionEntry }
  | { kind: 'density'; distribution: DistributionEntry; suffix: DensitySuffix };

export function resolveStdlibName(library: Library, name: string): StdlibName | undefined {
  const entry = library.functions.get(name);
  if (entry) return { kind: 'function', entry };
  const m = SUFFIXED.exec(name);
  const distribution = m ? library.distributions.get(m[1]!) : undefined;
  return distribution ? { kind: 'density', distribution, suffix: m![2] as DensitySuffix } : undefined;
}

/** What a call means. */
export type Callee =
  /** A stdlib function; `returns` is the type of the overload the arguments select. */
  | { kind: 'function'; entry: FunctionEntry; returns: StanType }
  | { kind: 'density'; distribution: DistributionEntry; suffix: DensitySuffix }
  /** A user-defined function: the overload the arguments select. */
  | { kind: 'user'; def: FunctionDef }
  /** `target()`. */
  | { kind: 'target' };

/**
 * What a `~` statement means: a stdlib distribution, or a user `_lpdf`/`_lpmf`
 * with the `_lcdf`/`_lccdf` overloads its truncation calls.
 */
export type TildeTarget =
  | { kind: 'density'; distribution: DistributionEntry }
  | { kind: 'user'; def: FunctionDef; lcdf?: FunctionDef; lccdf?: FunctionDef };

/** The checker's results the lowering reads. */
export interface TypedProgram {
  /** The type of every well-typed expression. */
  types: Map<Expr, StanType>;
  calls: Map<CallExpr, Callee>;
  tildes: Map<TildeStmt, TildeTarget>;
  /** The type of `x op= e` before it is assigned back. */
  compound: Map<AssignStmt, StanType>;
}

export function typeOf(typed: TypedProgram, e: Expr): StanType {
  const t = typed.types.get(e);
  if (!t) throw new InternalError(`the checker left a ${e.kind} expression untyped`);
  return t;
}

export function calleeOf(typed: TypedProgram, e: CallExpr): Callee {
  const c = typed.calls.get(e);
  if (!c) throw new InternalError(`the checker left the call of '${e.name}' unresolved`);
  return c;
}
