/**
 * The iteration sets of the loop vectoriser (vector-statements.ts).
 *
 * A `for` loop whose bounds are data is traced once for all its iterations
 * at a time: a *frame* is a set of iterations (lanes), and a value that
 * differs between iterations carries a leading dimension of frame.size.
 * Nested loops make a child frame of (outer lane, inner index) pairs, and a
 * condition on data splits a frame into the lanes where it holds and the
 * rest; `toParent` maps each lane to its lane in the parent frame.
 *
 * Soundness: iterations run "all at once", statement by statement, which
 * equals running them one after another exactly when no iteration reads or
 * writes an element another iteration of the same loop writes. Indices are
 * data, so every access is known at compile time: the AccessLog of each
 * vectorised loop records them and `check` gives up (NotVectorisable) on a
 * conflict; the caller then restores what the attempt changed (Attempt) and
 * unrolls the loop as before.
 */
import type { Ops, Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import type { Variable } from './context.js';

/** Thrown inside a vectorised trace for what the vectoriser does not handle; never reaches the user. */
export class NotVectorisable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotVectorisable';
  }
}

export function giveUp(reason: string): never {
  throw new NotVectorisable(reason);
}

/**
 * A variable declared outside a loop that every iteration uses as scratch
 * (writes before it reads): the loop works on a private copy per lane
 * (`shadow`, owned by the loop's frame) and afterwards the variable holds
 * what the last iteration wrote, as in sequential execution.
 */
export interface Private {
  original: Variable;
  shadow: Variable;
  /** Per shadow element: written by its own lane yet. */
  written: Uint8Array;
}

export class Frame {
  /** Lane maps to ancestors, cached. */
  private readonly maps = new Map<Frame, Int32Array>();
  /** For a loop frame: the index in ctx.scopes of its loop scope. */
  scopeDepth = -1;
  readonly privates: Private[] = [];

  constructor(
    readonly size: number,
    readonly parent?: Frame,
    /** The parent lane of each lane (undefined for a root frame). */
    readonly toParent?: Int32Array,
    /** Set for the frame of a vectorised loop. */
    readonly log?: AccessLog,
  ) {}

  /** Whether `a` is this frame or one of its ancestors. */
  within(a: Frame): boolean {
    return this === a || (this.parent !== undefined && this.parent.within(a));
  }

  /** The lane of ancestor `a` of each lane of this frame (undefined: identity). */
  mapTo(a: Frame): Int32Array | undefined {
    if (a === this) return undefined;
    let m = this.maps.get(a);
    if (m) return m;
    const up = this.parent!.mapTo(a);
    const own = this.toParent!;
    m = up ? Int32Array.from(own, (p) => up[p]!) : own;
    this.maps.set(a, m);
    return m;
  }

  /** Loop frames from this one up to (not including) `stop` (undefined: all). */
  *loops(stop?: Frame): Generator<Frame> {
    if (this === stop) return;
    if (this.log) yield this;
    if (this.parent) yield* this.parent.loops(stop);
  }
}

/** A value laned over `from` (shape [from.size, ...inner]) seen from descendant frame `to`. */
export function liftLanes(ops: Ops, val: Val, from: Frame, to: Frame): Val {
  const map = to.mapTo(from);
  if (!map) return val;
  const inner = val.shape.slice(1);
  const s = shapeSize(inner);
  const idx = new Int32Array(to.size * s);
  for (let l = 0; l < to.size; l++) for (let j = 0; j < s; j++) idx[l * s + j] = map[l]! * s + j;
  return ops.gather(val, idx, [to.size, ...inner]);
}

/**
 * `whole` with the flat positions `at` replaced by the elements of `val`
 * in order (a scatter, built from concat and gather).
 */
export function scatter(ops: Ops, whole: Val, at: Int32Array, val: Val): Val {
  const n = shapeSize(whole.shape);
  const perm = new Int32Array(n).fill(-1);
  for (let i = 0; i < at.length; i++) perm[at[i]!] = i;
  let complete = true;
  for (let i = 0; i < n; i++)
    if (perm[i] === -1) {
      complete = false;
      break;
    }
  if (complete) {
    let identity = at.length === n;
    for (let i = 0; identity && i < n; i++) if (perm[i] !== i) identity = false;
    if (identity) return ops.reshape(val, whole.shape);
    return ops.gather(val, perm, whole.shape);
  }
  const m = at.length;
  for (let i = 0; i < n; i++) perm[i] = perm[i] === -1 ? i : n + perm[i]!;
  if (m === 0) return whole;
  return ops.gather(ops.concat([whole, val], [n + m]), perm, whole.shape);
}

interface Accesses {
  /** Element key → the loop lane that wrote it. */
  writes: Map<number, number>;
  /** Element key → the loop lane that read it, −1 when several did. */
  reads: Map<number, number>;
  /** Read whole by every lane (as in a uniform subexpression). */
  readAll: boolean;
  /** Only ever `+=`-accumulated (a sum reduction) so far. */
  accumulated: boolean;
}

/** What the iterations of one vectorised loop read and write of the variables declared outside it. */
export class AccessLog {
  private readonly vars = new Map<Variable, Accesses>();

  private entry(v: Variable): Accesses {
    let e = this.vars.get(v);
    if (!e) {
      e = { writes: new Map(), reads: new Map(), readAll: false, accumulated: false };
      this.vars.set(v, e);
    }
    return e;
  }

  write(v: Variable, keys: Int32Array, lanes: (i: number) => number): void {
    const w = this.entry(v).writes;
    for (let i = 0; i < keys.length; i++) {
      const lane = lanes(i);
      const prev = w.get(keys[i]!);
      if (prev !== undefined && prev !== lane) giveUp(`iterations write the same element of '${v.name}'`);
      w.set(keys[i]!, lane);
    }
  }

  read(v: Variable, keys: Int32Array, lanes: (i: number) => number): void {
    const r = this.entry(v).reads;
    for (let i = 0; i < keys.length; i++) {
      const lane = lanes(i);
      const prev = r.get(keys[i]!);
      r.set(keys[i]!, prev === undefined || prev === lane ? lane : -1);
    }
  }

  /** Whether the loop touched `v` at all. */
  has(v: Variable): boolean {
    return this.vars.has(v);
  }

  /** Whether writing `keys` (by these lanes) would make two iterations write one element. */
  wouldConflict(v: Variable, keys: Int32Array, lanes: (i: number) => number): boolean {
    const w = this.vars.get(v)?.writes;
    const seen = new Map<number, number>();
    for (let i = 0; i < keys.length; i++) {
      const lane = lanes(i);
      const prev = seen.get(keys[i]!) ?? w?.get(keys[i]!);
      if (prev !== undefined && prev !== lane) return true;
      seen.set(keys[i]!, lane);
    }
    return false;
  }

  readWhole(v: Variable): void {
    this.entry(v).readAll = true;
  }

  accumulate(v: Variable): void {
    this.entry(v).accumulated = true;
  }

  /** Give up when an iteration touches what another one writes. */
  check(): void {
    for (const [v, e] of this.vars) {
      if (e.accumulated && (e.writes.size > 0 || e.reads.size > 0 || e.readAll)) {
        giveUp(`'${v.name}' is accumulated and also used in the loop`);
      }
      if (e.writes.size === 0) continue;
      if (e.readAll) giveUp(`'${v.name}' is written and read whole in the loop`);
      for (const [key, lane] of e.reads) {
        const w = e.writes.get(key);
        if (w !== undefined && w !== lane) giveUp(`'${v.name}' carries a value from one iteration to another`);
      }
    }
  }
}

/** How to undo a vectorisation attempt: the target length and the first value of each variable it assigned. */
export class Attempt {
  private readonly saved = new Map<Variable, Val>();

  constructor(
    readonly targetLength: number,
    /** The frame of the loop being vectorised. */
    readonly frame: Frame,
    readonly parent?: Attempt,
  ) {}

  /** Call before assigning `v`. */
  touch(ops: Ops, v: Variable): void {
    // Locals of the loop body are new in this attempt: nothing to restore.
    if ((v.owner && v.owner.within(this.frame)) || this.saved.has(v)) return;
    this.saved.set(v, v.read(ops));
  }

  private readonly masks = new Map<Uint8Array, Uint8Array>();

  /** Call before marking elements of a private copy written. */
  touchMask(mask: Uint8Array): void {
    if (!this.masks.has(mask)) this.masks.set(mask, mask.slice());
  }

  restore(target: Val[]): void {
    target.length = this.targetLength;
    for (const [mask, copy] of this.masks) mask.set(copy);
    for (const [v, val] of this.saved) v.assign(val);
  }

  /** A successful nested attempt hands its saved values to the enclosing one. */
  commit(): void {
    if (!this.parent) return;
    for (const [v, val] of this.saved) if (!this.parent.saved.has(v)) this.parent.saved.set(v, val);
    for (const [m, copy] of this.masks) if (!this.parent.masks.has(m)) this.parent.masks.set(m, copy);
  }
}
