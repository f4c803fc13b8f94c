/**
 * The loop vectoriser: a `for` loop over data is traced once for all its
 * iterations (lanes.ts explains frames and why this is sound), so the
 * density graph and compile time do not grow with the loop's length. The
 * entry `vectoriseFor` returns false (having undone everything) when the
 * body does something it cannot prove safe or has no vectorised form for;
 * the caller then unrolls the loop as before. docs/backends.md lists what
 * falls back.
 */
import type { AssignStmt, Expr, ForStmt, Index, Stmt, TildeStmt, VarDecl } from '../language/ast.js';
import type { Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import { INT } from '../check/types.js';
import { findDistribution, findFunction } from '../../stdlib/index.js';
import { Variable, constantScalar, declare, lookup, withScope, type Context, type Value } from './context.js';
import { concreteType } from './declarations.js';
import { atCall } from './expressions.js';
import { AccessLog, Attempt, Frame, NotVectorisable, giveUp, liftLanes, scatter } from './lanes.js';
import {
  ElementOps,
  inner,
  laneSelect,
  logAccess,
  materialise,
  mentions,
  outsideLanes,
  repeatLanes,
  type Source,
} from './lane-values.js';
import { binaryLaned, densityArgs, evaluateLaned, inFrame, partition } from './vector-expressions.js';

type Flow = 'next' | 'break' | 'continue';

/** Run the loop `for (s.variable in lo:hi)` vectorised; false (nothing changed) when it cannot be. */
export function vectoriseFor(ctx: Context, s: ForStmt, lo: number, hi: number): boolean {
  const n = hi - lo + 1;
  if (n < 2 || ctx.vectorise === false || !eligible(ctx, s.body)) return false;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = lo + i;
  const reason: string[] = [];
  const loops = ctx.loops;
  ctx.loops = undefined;
  let ok: boolean;
  try {
    ok = attempt(ctx, new Frame(n, undefined, undefined, new AccessLog()), s, values, reason);
  } finally {
    ctx.loops = loops;
  }
  ctx.loops?.push({ span: s.span, block: ctx.block, iterations: n, vectorised: ok, reason: reason[0] });
  return ok;
}

/**
 * Eager runs (transformed data, generated quantities) keep their random
 * draws and prints in order: a loop with a print, or with a `_rng` call
 * that does not run exactly once per iteration, unrolls.
 */
function eligible(ctx: Context, body: Stmt): boolean {
  if (ctx.mode === 'graph') return true;
  if (JSON.stringify(body, (k, v: unknown) => (k.endsWith('pan') ? undefined : v)).includes('"kind":"Print"'))
    return false;
  const sites = { straight: 0, guarded: 0 };
  rngSites(body, false, sites);
  return sites.guarded === 0 && sites.straight <= 1;
}

/** Count `_rng` calls, split by whether control flow decides how often they run. */
function rngSites(node: unknown, guarded: boolean, sites: { straight: number; guarded: number }): void {
  if (Array.isArray(node)) {
    for (const n of node) rngSites(n, guarded, sites);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.kind === 'Call' && typeof o.name === 'string' && (o.name.endsWith('_rng') || findFunction(o.name)?.rng)) {
    if (guarded) sites.guarded++;
    else sites.straight++;
  }
  const inner =
    guarded ||
    ['If', 'For', 'ForEach', 'While', 'Ternary'].includes(o.kind as string) ||
    (o.kind === 'Binary' && (o.op === '&&' || o.op === '||'));
  for (const key in o) if (!key.endsWith('pan')) rngSites(o[key], inner, sites);
}

function attempt(ctx: Context, frame: Frame, s: ForStmt, values: Float64Array, reason?: string[]): boolean {
  const saved = { lane: ctx.lane, attempt: ctx.attempt };
  const undo = new Attempt(ctx.target.length, frame, ctx.attempt);
  ctx.lane = frame;
  ctx.attempt = undo;
  const depth = ctx.scopes.length;
  frame.scopeDepth = depth;
  ctx.scopes.push(new Map());
  try {
    declare(
      ctx,
      new Variable(s.variable, INT, [frame.size], s.variableSpan, ctx.ops.constant(values, [frame.size]), true, frame),
    );
    if (execute(ctx, s.body) !== 'next') giveUp('break or continue');
    frame.log!.check();
    ctx.scopes.pop();
    ctx.lane = saved.lane;
    ctx.attempt = saved.attempt;
    writeBack(ctx, frame);
    undo.commit();
    return true;
  } catch (error) {
    if (!(error instanceof NotVectorisable)) throw error;
    reason?.push(error.message);
    undo.restore(ctx.target);
    return false;
  } finally {
    ctx.scopes.length = depth;
    ctx.lane = saved.lane;
    ctx.attempt = saved.attempt;
  }
}

function executeAll(ctx: Context, body: Stmt[]): Flow {
  for (const s of body) if (execute(ctx, s) !== 'next') return giveUp('break or continue');
  return 'next';
}

function execute(ctx: Context, s: Stmt): Flow {
  switch (s.kind) {
    case 'VarDecl':
      declareLocal(ctx, s);
      return 'next';
    case 'Assign':
      assign(ctx, s);
      return 'next';
    case 'Tilde':
      tilde(ctx, s);
      return 'next';
    case 'TargetPlus':
      ctx.target.push(total(ctx, s.value));
      return 'next';
    case 'PotentialPlus':
      ctx.target.push(ctx.ops.unary('neg', total(ctx, s.value)));
      return 'next';
    case 'For':
      nestedFor(ctx, s);
      return 'next';
    case 'While':
      for (;;) {
        const c = evaluateLaned(ctx, s.condition);
        if (c.lane) giveUp('a while condition that depends on the iteration');
        const k = constantScalar(c.val) ?? giveUp('while on parameters');
        if (k === 0) break;
        if (withScope(ctx, () => execute(ctx, s.body)) !== 'next') giveUp('break or continue');
      }
      return 'next';
    case 'If': {
      const c = evaluateLaned(ctx, s.condition);
      if (!c.lane) {
        const k = constantScalar(c.val) ?? giveUp('if on parameters');
        if (k !== 0) return withScope(ctx, () => execute(ctx, s.then));
        return s.otherwise ? withScope(ctx, () => execute(ctx, s.otherwise!)) : 'next';
      }
      if (!c.val.constant) giveUp('if on parameters');
      const [yes, no] = partition(c.val.constant);
      const run = (lanes: Int32Array, body: Stmt | undefined): void => {
        if (!body || lanes.length === 0) return;
        const flow = inFrame(ctx, lanes, () => withScope(ctx, () => execute(ctx, body)));
        if (flow !== 'next') giveUp('break or continue');
      };
      run(yes, s.then);
      run(no, s.otherwise);
      return 'next';
    }
    case 'Block':
      return withScope(ctx, () => executeAll(ctx, s.body));
    case 'Print':
      if (ctx.mode === 'eager') giveUp('print');
      return 'next';
    case 'Empty':
      return 'next';
    default:
      return giveUp(`${s.kind} in a vectorised loop`);
  }
}

/** A loop inside a vectorised body: its own frame of (lane, index) pairs, else unrolled within the current frame. */
function nestedFor(ctx: Context, s: ForStmt): void {
  const lo = evaluateLaned(ctx, s.lower);
  const hi = evaluateLaned(ctx, s.upper);
  const L = ctx.lane!.size;
  const bound = (v: Value, l: number): number => {
    const c = v.val.constant ?? giveUp('loop bounds on parameters');
    const x = v.lane ? c[l]! : c[0]!;
    if (!Number.isInteger(x)) giveUp('loop bound');
    return x;
  };
  const parents: number[] = [];
  const values: number[] = [];
  for (let l = 0; l < L; l++) {
    for (let i = bound(lo, l); i <= bound(hi, l); i++) {
      parents.push(l);
      values.push(i);
    }
  }
  if (values.length === 0) return;
  const frame = new Frame(values.length, ctx.lane, Int32Array.from(parents), new AccessLog());
  if (attempt(ctx, frame, s, Float64Array.from(values))) return;
  if (lo.lane || hi.lane) giveUp('a ragged inner loop that cannot be vectorised');
  // Unroll the inner loop; each of its iterations still runs for every lane.
  for (let i = bound(lo, 0); i <= bound(hi, 0); i++) {
    const flow = withScope(ctx, () => {
      declare(ctx, new Variable(s.variable, INT, [], s.variableSpan, ctx.ops.constant(i), true));
      return execute(ctx, s.body);
    });
    if (flow !== 'next') giveUp('break or continue');
  }
}

// ---------------------------------------------------------------- declarations and assignment

function declareLocal(ctx: Context, s: VarDecl): void {
  if (ctx.scopes[ctx.scopes.length - 1]!.has(s.name)) giveUp('redeclaration');
  if (mentions(ctx, s.type).laned) giveUp('a size that depends on the iteration');
  const t = outsideLanes(ctx, () => concreteType(ctx, s.type, s.name));
  const L = ctx.lane!.size;
  const shape = [L, ...t.shape];
  const variable = new Variable(
    s.name,
    t.type,
    shape,
    s.nameSpan,
    ctx.ops.constant(new Float64Array(shapeSize(shape)).fill(NaN), shape),
    false,
    ctx.lane,
  );
  declare(ctx, variable);
  if (s.init) write(ctx, variable, [], evaluateLaned(ctx, s.init));
}

const COMPOUND: Record<string, string> = { '+=': '+', '-=': '-', '*=': '*', '/=': '/', '.*=': '.*', './=': './' };

function assign(ctx: Context, s: AssignStmt): void {
  const v = lookup(ctx, s.name);
  if (!v || v.readOnly) return giveUp('assignment');
  if (s.indices.slice(0, -1).some((g) => g.some((i) => i.kind !== 'Single'))) giveUp('x[a:b][...]');
  const indices = s.indices.flat();
  let value = evaluateLaned(ctx, s.value);
  if (s.op !== '=') {
    if (indices.length === 0 && (s.op === '+=' || s.op === '-=') && !v.owner && accumulate(ctx, v, s.op, value)) return;
    const current = read(ctx, v, indices, s);
    value = binaryLaned(ctx, COMPOUND[s.op]!, current, value, s.span);
  }
  write(ctx, v, indices, value);
}

function source(ctx: Context, v: Variable): Source {
  return {
    val: v.read(ctx.ops),
    type: v.type,
    shape: v.owner ? v.shape.slice(1) : [...v.shape],
    owner: v.owner,
    variable: v,
  };
}

function read(ctx: Context, v: Variable, indices: Index[], s: AssignStmt): Value {
  const sel = laneSelect(ctx, source(ctx, v), indices, s.span, (x) => evaluateLaned(ctx, x));
  logAccess(ctx, v, sel.flat, shapeSize(sel.shape), false);
  return {
    type: sel.type,
    val: ctx.ops.gather(v.read(ctx.ops), sel.flat, [ctx.lane!.size, ...sel.shape]),
    lane: ctx.lane,
  };
}

/** Assign `value` to `v[indices]` in every lane: a scatter into v's value. */
function write(ctx: Context, target: Variable, indices: Index[], value: Value): void {
  let v = target;
  const selectIn = (x: Variable) =>
    laneSelect(ctx, source(ctx, x), indices, indices[0]?.span ?? x.span!, (e) => evaluateLaned(ctx, e));
  let sel = selectIn(v);
  const scratch = privatise(ctx, v, sel.flat, shapeSize(sel.shape));
  if (scratch) {
    v = scratch;
    sel = selectIn(v);
  }
  const own = inner(value);
  if (shapeSize(own) !== shapeSize(sel.shape) && own.length !== 0) giveUp('size mismatch in an assignment');
  if (own.length === 0 && sel.shape.length !== 0) giveUp('a scalar assigned to a container');
  const val = materialise(ctx, value, sel.shape);
  logAccess(ctx, v, sel.flat, shapeSize(sel.shape), true);
  ctx.attempt!.touch(ctx.ops, v);
  v.assign(scatter(ctx.ops, v.read(ctx.ops), sel.flat, val));
}

/** Largest private copy (lanes × elements) of a scratch variable. */
const MAX_PRIVATE = 4_000_000;

/**
 * When iterations of an enclosing loop would write the same elements of
 * `v`, and that loop has not used `v` before, give the loop a private copy
 * per iteration (Private in lanes.ts); undefined when no copy is needed.
 */
function privatise(ctx: Context, v: Variable, flat: Int32Array, perLane: number): Variable | undefined {
  const frame = ctx.lane!;
  const loops = [...frame.loops(v.owner)].reverse();
  for (const loop of loops) {
    const map = frame.mapTo(loop);
    const lane = (i: number): number => (map ? map[Math.floor(i / perLane)]! : Math.floor(i / perLane));
    if (!loop.log!.wouldConflict(v, flat, lane)) continue;
    if (loop.log!.has(v)) giveUp(`'${v.name}' carries a value from one iteration to another`);
    const shape = v.owner ? v.shape.slice(1) : [...v.shape];
    const size = loop.size * shapeSize(shape);
    if (size > MAX_PRIVATE) giveUp(`a private copy of '${v.name}' per iteration is too large`);
    const old = v.read(ctx.ops);
    const init = v.owner ? liftLanes(ctx.ops, old, v.owner, loop) : repeatLanes(ctx.ops, old, loop.size);
    const shadow = new Variable(v.name, v.type, [loop.size, ...shape], v.span, init, false, loop);
    loop.privates.push({ original: v, shadow, written: new Uint8Array(size) });
    ctx.scopes[loop.scopeDepth]!.set(v.name, shadow);
    return shadow;
  }
  return undefined;
}

/** After a loop: each privatised variable takes, element by element, what the last iteration wrote. */
function writeBack(ctx: Context, frame: Frame): void {
  const ops = ctx.ops;
  for (const { original, shadow, written } of frame.privates) {
    const whole = original.read(ops);
    const n = shapeSize(whole.shape);
    const per = shapeSize(shadow.shape.slice(1));
    const map = original.owner ? frame.mapTo(original.owner) : undefined;
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    for (let l = 0; l < frame.size; l++) {
      const base = original.owner ? (map ? map[l]! : l) * per : 0;
      for (let j = 0; j < per; j++) if (written[l * per + j]) perm[base + j] = n + l * per + j;
    }
    ctx.attempt?.touch(ops, original);
    original.assign(ops.gather(ops.concat([whole, shadow.read(ops)], [n + frame.size * per]), perm, whole.shape));
  }
}

/**
 * `x += e` on a scalar declared outside the loop and used nowhere else in
 * it: a sum over the iterations (AccessLog.check enforces "nowhere else").
 */
function accumulate(ctx: Context, v: Variable, op: '+=' | '-=', value: Value): boolean {
  if (v.shape.length !== 0 || inner(value).length !== 0) return false;
  const ops = ctx.ops;
  const sum = value.lane ? ops.reduce('sum', value.val) : ops.binary('mul', value.val, ops.constant(ctx.lane!.size));
  for (const loop of ctx.lane!.loops()) loop.log!.accumulate(v);
  ctx.attempt!.touch(ops, v);
  v.assign(ops.binary(op === '+=' ? 'add' : 'sub', v.read(ops), sum));
  return true;
}

// ---------------------------------------------------------------- log density

/** The sum over lanes of a `target +=` value; sums of density calls are summed term by term. */
function total(ctx: Context, e: Expr): Val {
  const ops = ctx.ops;
  if (e.kind === 'Binary' && (e.op === '+' || e.op === '-')) {
    const l = total(ctx, e.left);
    const r = total(ctx, e.right);
    return ops.binary(e.op === '+' ? 'add' : 'sub', l, r);
  }
  if (e.kind === 'Call') {
    const m = /^(.+)_(lpdf|lpmf|lupdf|lupmf)$/.exec(e.name);
    const dist = m ? findDistribution(m[1]!) : undefined;
    if (dist && e.args.length > 0 && mentions(ctx, e).laned) {
      const args = e.args.map((a) => evaluateLaned(ctx, a));
      const [y, ...params] = densityArgs(ctx, dist, args) as [Val, ...Val[]];
      return atCall(ctx, e.span, () => dist.logDensity(ops, y, params));
    }
  }
  const v = evaluateLaned(ctx, e);
  const sum = v.val.shape.length === 0 ? v.val : ops.reduce('sum', v.val);
  return v.lane ? sum : ops.binary('mul', sum, ops.constant(ctx.lane!.size));
}

function tilde(ctx: Context, s: TildeStmt): void {
  const dist = findDistribution(s.distribution) ?? giveUp('unknown distribution');
  const ops = ctx.ops;
  const L = ctx.lane!.size;
  const m = mentions(ctx, s);
  if (!m.laned) {
    // The same term in every iteration.
    const y = evaluateLaned(ctx, s.lhs).val;
    const params = s.args.map((a) => evaluateLaned(ctx, a).val);
    if (s.truncation) giveUp('truncation of a uniform term');
    ctx.target.push(
      ops.binary(
        'mul',
        atCall(ctx, s.span, () => dist.logDensity(ops, y, params)),
        ops.constant(L),
      ),
    );
    return;
  }
  const args = [s.lhs, ...s.args].map((a) => evaluateLaned(ctx, a));
  const [y, ...params] = densityArgs(ctx, dist, args) as [Val, ...Val[]];
  ctx.target.push(atCall(ctx, s.span, () => dist.logDensity(ops, y, params)));
  const t = s.truncation;
  if (!t || (!t.lower && !t.upper)) return;
  atCall(ctx, t.span, () => {
    const bound = (e: Expr | undefined): Val | undefined => {
      if (!e) return undefined;
      const b = evaluateLaned(ctx, e);
      if (inner(b).length !== 0) giveUp('a container truncation bound');
      return b.val;
    };
    const lower = bound(t.lower);
    const upper = bound(t.upper);
    const below = lower && dist.discrete ? ops.binary('sub', lower, ops.constant(1)) : lower;
    let logMass: Val;
    if (below && upper) {
      if (!dist.logCdf) giveUp('no CDF');
      // Per lane: log(F(U) − F(L)), from the per-element CDFs.
      const each = new ElementOps(ops);
      const hi = dist.logCdf(each, materialiseScalar(ctx, upper), params);
      const lo = dist.logCdf(each, materialiseScalar(ctx, below), params);
      if (shapeSize(hi.shape) !== L || shapeSize(lo.shape) !== L) giveUp('a CDF that is not elementwise');
      logMass = ops.reduce('sum', ops.binary('log_diff_exp', hi, lo));
    } else if (below) {
      if (!dist.logCcdf) giveUp('no CCDF');
      logMass = dist.logCcdf(ops, materialiseScalar(ctx, below), params);
    } else {
      if (!dist.logCdf) giveUp('no CDF');
      logMass = dist.logCdf(ops, materialiseScalar(ctx, upper!), params);
    }
    ctx.target.push(ops.unary('neg', logMass));
    let outside: Val | undefined;
    if (lower) outside = ops.reduce('sum', ops.binary('lt', y, lower));
    if (upper) {
      const above = ops.reduce('sum', ops.binary('gt', y, upper));
      outside = outside ? ops.binary('add', outside, above) : above;
    }
    ctx.target.push(ops.select(ops.binary('gt', outside!, ops.constant(0)), ops.constant(-Infinity), ops.constant(0)));
  });
}

function materialiseScalar(ctx: Context, v: Val): Val {
  return v.shape.length === 0 ? ctx.ops.fill(v, [ctx.lane!.size]) : v;
}
