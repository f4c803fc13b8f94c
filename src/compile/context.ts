/**
 * The state of the tracing interpreter: typed values, variables (with an
 * element-wise store so `x[i] = …` in a loop stays O(1) per assignment),
 * scopes, the accumulated log density, and user-error helpers.
 */
import type { BlockName, CallExpr, FunctionDef, ReturnStmt, Span, TildeStmt } from '../language/ast.js';
import type { Ops, Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import type { StanType } from '../check/types.js';
import type { TildeTarget, TypedProgram } from '../check/resolve.js';

export type UserTilde = Extract<TildeTarget, { kind: 'user' }>;
import type { Rng } from '../../stdlib/types.js';
import { InternalError, LangevinError } from '../errors.js';
import type { Attempt, Frame } from './lanes.js';

/**
 * A value with its Stan type ([n] alone cannot tell vector, row_vector and array apart).
 * `lane` is set inside a vectorised loop body (lanes.ts) for a value that
 * differs between iterations: `val` then has a leading dimension of
 * `lane.size` and `type` is the type of one iteration's value.
 */
export interface Value {
  type: StanType;
  val: Val;
  lane?: Frame;
}

export function userError(message: string, span: Span | undefined, file: string, notes?: string[]): LangevinError {
  return new LangevinError({ severity: 'error', message, span, file, notes });
}

/**
 * A variable. Its value is held whole, or as one scalar cell per element
 * (after element assignments); a missing cell is read from the whole value.
 * Reading the whole value after element writes concatenates the cells once.
 */
export class Variable {
  private whole: Val | undefined;
  private cells: Array<Val | undefined> | undefined;
  /** Whether every cell is present (then the whole value is not needed to read one). */
  private complete = false;

  constructor(
    readonly name: string,
    readonly type: StanType,
    readonly shape: number[],
    readonly span: Span | undefined,
    initial: Val,
    /** Loop variables and variables of earlier blocks cannot be assigned. */
    readonly readOnly = false,
    /** A local of a vectorised loop body: `shape` is [owner.size, ...one iteration's shape]. */
    readonly owner?: Frame,
  ) {
    this.whole = initial;
    this.size = shapeSize(shape);
  }

  /** Number of scalars. */
  readonly size: number;

  read(ops: Ops): Val {
    if (this.whole) return this.whole;
    const cells = this.cells!.map((c, i) => c ?? this.cellFromWhole(ops, i));
    this.whole = assemble(ops, cells, this.shape);
    return this.whole;
  }

  /** Elements at flat row-major indices, as a value of `shape`. */
  pick(ops: Ops, flat: Int32Array, shape: readonly number[]): Val {
    if (this.cells === undefined && this.whole) {
      const w = this.whole;
      if (w.constant) return constantPick(ops, w.constant, flat, shape);
      if (flat.length === this.size && isIdentity(flat)) return sameShape(w.shape, shape) ? w : ops.reshape(w, shape);
      if (flat.length !== 1) return ops.gather(w, flat, shape);
      // A scalar read of a traced whole value: cache it as a cell.
      this.cells = new Array<Val | undefined>(this.size);
      this.complete = false;
    }
    const parts: Val[] = [];
    for (let i = 0; i < flat.length; i++) parts.push(this.cell(ops, flat[i]!));
    if (parts.length === 1 && shape.length === 0) return parts[0]!;
    return assemble(ops, parts, shape);
  }

  assign(value: Val): void {
    if (!sameShape(value.shape, this.shape)) {
      throw new InternalError(`assign: shape [${value.shape}] to '${this.name}' of shape [${this.shape}]`);
    }
    this.whole = value;
    this.cells = undefined;
    this.complete = false;
  }

  /** Write the elements of `value` (flattened) at the flat indices. */
  assignAt(ops: Ops, flat: Int32Array, value: Val): void {
    if (this.cells === undefined) this.cells = new Array<Val | undefined>(this.size);
    if (!this.complete) {
      // Every cell must hold its value before the whole value is dropped.
      const n = this.size;
      for (let i = 0; i < n; i++) if (this.cells[i] === undefined) this.cells[i] = this.cellFromWhole(ops, i);
      this.complete = true;
    }
    if (flat.length === 1 && value.shape.length === 0) {
      this.cells[flat[0]!] = value;
    } else if (value.constant) {
      for (let i = 0; i < flat.length; i++) this.cells[flat[i]!] = ops.constant(value.constant[i]!);
    } else {
      for (let i = 0; i < flat.length; i++) this.cells[flat[i]!] = ops.gather(value, Int32Array.of(i), []);
    }
    this.whole = undefined;
  }

  private cell(ops: Ops, i: number): Val {
    let c = this.cells?.[i];
    if (c === undefined) {
      c = this.cellFromWhole(ops, i);
      if (this.cells) this.cells[i] = c;
    }
    return c;
  }

  private cellFromWhole(ops: Ops, i: number): Val {
    const w = this.whole;
    if (!w) throw new InternalError(`variable '${this.name}': element ${i} has no value`);
    if (w.constant) return ops.constant(w.constant[i]!);
    return ops.gather(w, Int32Array.of(i), []);
  }
}

function isIdentity(flat: Int32Array): boolean {
  for (let i = 0; i < flat.length; i++) if (flat[i] !== i) return false;
  return true;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function constantPick(ops: Ops, c: Float64Array, flat: Int32Array, shape: readonly number[]): Val {
  const out = new Float64Array(flat.length);
  for (let i = 0; i < flat.length; i++) out[i] = c[flat[i]!]!;
  return ops.constant(out, shape);
}

/** One value of `shape` from scalar parts: a constant when all are, else a concat. */
export function assemble(ops: Ops, parts: Val[], shape: readonly number[]): Val {
  if (parts.every((p) => p.constant !== undefined)) {
    const out = new Float64Array(shapeSize(shape));
    let k = 0;
    for (const p of parts) {
      out.set(p.constant!, k);
      k += p.constant!.length;
    }
    return ops.constant(out, shape);
  }
  // runs of constant parts as one constant each (the graph then does not grow with unwritten elements)
  const merged: Val[] = [];
  let run: Val[] = [];
  const flush = () => {
    if (run.length > 1) {
      const size = run.reduce((n, p) => n + p.constant!.length, 0);
      merged.push(assemble(ops, run, [size]));
    } else merged.push(...run);
    run = [];
  };
  for (const p of parts) {
    if (p.constant !== undefined) run.push(p);
    else {
      flush();
      merged.push(p);
    }
  }
  flush();
  return ops.concat(merged, shape);
}

/** How a loop over data was traced: vectorised (once for all iterations) or unrolled, and why. */
export interface LoopReport {
  span: Span;
  block: BlockName;
  iterations: number;
  vectorised: boolean;
  /** Why it unrolled. */
  reason?: string;
  /** Traced once as a scan (a loop-carried recurrence, scan-loop.ts) instead of unrolled. */
  scan?: boolean;
}

export type Mode =
  /** Tracing the log density: parameters are graph nodes. */
  | 'graph'
  /** Everything is a constant (data, transformed data, generate). */
  | 'eager';

export interface Context {
  ops: Ops;
  /** The model file name, for diagnostics. */
  file: string;
  /** The checker's types and resolved calls (src/check/resolve.ts). */
  typed: TypedProgram;
  mode: Mode;
  block: BlockName;
  /** Random numbers for `_rng` (transformed data, generated quantities). */
  rng?: Rng;
  scopes: Array<Map<string, Variable>>;
  /** Scalar log-density terms, summed at the end. */
  target: Val[];
  /** Sum of the constant terms of `~` statements (what Stan's `propto` drops), when tracing. */
  droppedConstant?: number;
  /** The reserved `noise`: a graph node when tracing, 0 otherwise. */
  noise(): Val;
  /** Where print() output goes (eager mode only). */
  print?: (message: string) => void;
  /** Receives how each outermost loop over data was traced (for --debug-ir and tests). */
  loops?: LoopReport[];
  /** Whether loops over data may run vectorised (false: every loop unrolls). */
  vectorise?: boolean;
  /** Inside a vectorised loop body: the current set of iterations (lanes.ts). */
  lane?: Frame;
  /** Inside a vectorised loop: how to undo it when the vectoriser gives up. */
  attempt?: Attempt;
  /** The functions block's definitions (user-functions.ts), when the program has one. */
  userFunctions?: UserFunctionHooks;
}

/** How the interpreter reaches user-defined functions (kept behind an interface: no import cycle). */
export interface UserFunctionHooks {
  /** The value of a call of the user function `def` (the overload the checker chose). */
  call(ctx: Context, e: CallExpr, def: FunctionDef): Value;
  /** `y ~ foo(...)` with the user's `foo_lpdf`/`foo_lpmf` (and truncation's `_lcdf`/`_lccdf`) the checker chose. */
  tilde(ctx: Context, s: TildeStmt, target: UserTilde): void;
  /** `return`: leaves the function body being traced. */
  leave(ctx: Context, s: ReturnStmt): never;
}

export function lookup(ctx: Context, name: string): Variable | undefined {
  for (let i = ctx.scopes.length - 1; i >= 0; i--) {
    const v = ctx.scopes[i]!.get(name);
    if (v) return v;
  }
  return undefined;
}

export function declare(ctx: Context, variable: Variable): void {
  ctx.scopes[ctx.scopes.length - 1]!.set(variable.name, variable);
}

export function withScope<T>(ctx: Context, body: () => T): T {
  ctx.scopes.push(new Map());
  try {
    return body();
  } finally {
    ctx.scopes.pop();
  }
}

/** The number of a scalar constant, or undefined when traced. */
export function constantScalar(v: Val): number | undefined {
  return v.constant !== undefined && v.constant.length === 1 ? v.constant[0] : undefined;
}
