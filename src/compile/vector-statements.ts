/**
 * The loop vectoriser: a `for` loop over data is traced once for all its
 * iterations (lanes.ts explains frames and why this is sound), so the
 * density graph and compile time do not grow with the loop's length. The
 * entry `vectoriseFor` returns false (having undone everything) when the
 * body does something it cannot prove safe or has no vectorised form for;
 * the caller then unrolls the loop as before. docs/backends.md lists what
 * falls back.
 */
import type { AssignStmt, CallExpr, Expr, ForStmt, Index, Stmt, TildeStmt, VarDecl } from '../language/ast.js';
import type { Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import { INT } from '../check/types.js';
import { InternalError, LangevinError } from '../errors.js';
import { limits } from '../limits.js';
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

/**
 * How a statement left the lanes of the current frame: 'next' (all run on),
 * or per lane 0 (runs on), CONTINUE or BREAK, so the rest of a loop body
 * runs only on the lanes still going.
 */
type Flow = 'next' | Int8Array;
const CONTINUE = 1;
const BREAK = 2;

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
    ok = attemptLoop(ctx, s, undefined, values, reason);
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
  rngSites(ctx, body, false, sites);
  // A break or continue decides how often a draw runs, like a condition.
  if (sites.straight > 0 && stops(body)) return false;
  return sites.guarded === 0 && sites.straight <= 1;
}

/** Whether a loop body has a `break` or `continue` of its own or of an inner loop. */
function stops(body: Stmt): boolean {
  return (
    JSON.stringify(body, (k, v: unknown) => (k.endsWith('pan') ? undefined : v)).match(/"kind":"(Break|Continue)"/) !==
    null
  );
}

/**
 * Vectorise one loop whose lanes are (parent lane, value) pairs. A `break`
 * on data in lane k means the later iterations of the same parent lane
 * never run: the first trace finds the first breaking lane of each parent
 * lane, and the loop is traced again on the lanes up to it, where the
 * break only ends its own lane (a continue).
 */
function attemptLoop(
  ctx: Context,
  s: ForStmt,
  parents: Int32Array | undefined,
  values: Float64Array,
  reason?: string[],
): boolean {
  const parent = parents ? ctx.lane : undefined;
  const first = attempt(ctx, new Frame(values.length, parent, parents, new AccessLog()), s, values, reason);
  if (typeof first === 'boolean') return first;
  const keep = first;
  const again = attempt(
    ctx,
    new Frame(keep.length, parent, parents && Int32Array.from(keep, (l) => parents[l]!), new AccessLog()),
    s,
    Float64Array.from(keep, (l) => values[l]!),
    reason,
    true,
  );
  if (typeof again !== 'boolean') throw new InternalError('a vectorised loop broke at a different iteration');
  return again;
}

/** Per group of lanes with one parent lane, the lanes up to its first BREAK (undefined: no lane breaks early). */
function lanesBeforeBreak(flow: Int8Array, parents: Int32Array | undefined): Int32Array | undefined {
  const keep: number[] = [];
  let early = false;
  let stopped = -1;
  for (let l = 0; l < flow.length; l++) {
    const group = parents ? parents[l]! : 0;
    if (group === stopped) {
      early = true;
      continue;
    }
    keep.push(l);
    if (flow[l] === BREAK) stopped = group;
  }
  return early ? Int32Array.from(keep) : undefined;
}

/** Count `_rng` calls, split by whether control flow decides how often they run. */
function rngSites(ctx: Context, node: unknown, guarded: boolean, sites: { straight: number; guarded: number }): void {
  if (Array.isArray(node)) {
    for (const n of node) rngSites(ctx, n, guarded, sites);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.kind === 'Call' && drawsRandom(ctx, o as unknown as CallExpr)) {
    if (guarded) sites.guarded++;
    else sites.straight++;
  }
  const inner =
    guarded ||
    ['If', 'For', 'ForEach', 'While', 'Ternary'].includes(o.kind as string) ||
    (o.kind === 'Binary' && (o.op === '&&' || o.op === '||'));
  for (const key in o) if (!key.endsWith('pan')) rngSites(ctx, o[key], inner, sites);
}

function drawsRandom(ctx: Context, e: CallExpr): boolean {
  const callee = ctx.typed.calls.get(e);
  if (!callee) return false;
  if (callee.kind === 'density') return callee.suffix === 'rng';
  if (callee.kind === 'function') return callee.entry.rng === true || e.name.endsWith('_rng');
  return callee.kind === 'user' && callee.def.name.endsWith('_rng');
}

/**
 * One trace of the loop on `frame`: true when it vectorised, false when it
 * gave up (all undone), or the lanes to trace again on (all undone) when a
 * break on data ends some group of lanes early.
 */
function attempt(
  ctx: Context,
  frame: Frame,
  s: ForStmt,
  values: Float64Array,
  reason?: string[],
  truncated = false,
): boolean | Int32Array {
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
    const flow = execute(ctx, s.body);
    if (flow !== 'next' && !truncated) {
      const keep = lanesBeforeBreak(flow, frame.toParent);
      if (keep) {
        undo.restore(ctx.target);
        return keep;
      }
    }
    frame.log!.check();
    ctx.scopes.pop();
    ctx.lane = saved.lane;
    ctx.attempt = saved.attempt;
    writeBack(ctx, frame);
    undo.commit();
    return true;
  } catch (error) {
    // With a break, a later lane may fail where sequential execution would have stopped first.
    const late = error instanceof LangevinError && stops(s.body);
    if (!(error instanceof NotVectorisable) && !late) throw error;
    reason?.push(late ? 'an error in an iteration a break may skip' : (error as Error).message);
    undo.restore(ctx.target);
    return false;
  } finally {
    ctx.scopes.length = depth;
    ctx.lane = saved.lane;
    ctx.attempt = saved.attempt;
  }
}

function executeAll(ctx: Context, body: Stmt[]): Flow {
  let flow: Flow = 'next';
  for (const s of body) {
    if (flow === 'next') flow = execute(ctx, s);
    else {
      const going = running(flow);
      if (going.length === 0) break;
      flow = join(
        flow,
        going,
        onLanes(ctx, going, () => execute(ctx, s)),
      );
    }
  }
  return flow;
}

/** The lanes of a flow still going. */
function running(flow: Int8Array): Int32Array {
  const out: number[] = [];
  for (let l = 0; l < flow.length; l++) if (flow[l] === 0) out.push(l);
  return Int32Array.from(out);
}

/** Run `body` on some lanes of the current frame (all: no sub-frame). */
function onLanes<T>(ctx: Context, lanes: Int32Array, body: () => T): T {
  return lanes.length === ctx.lane!.size ? body() : inFrame(ctx, lanes, body);
}

/** `into` (a whole frame's flow, or 'next') with the flow of the sub-frame `lanes` written in. */
function join(into: Flow, lanes: Int32Array, sub: Flow, size = into === 'next' ? 0 : into.length): Flow {
  if (sub === 'next') return into;
  const out = into === 'next' ? new Int8Array(size) : into;
  if (lanes.length === out.length && sub.length === out.length && into === 'next') return sub;
  lanes.forEach((l, i) => {
    if (sub[i]) out[l] = sub[i]!;
  });
  return out;
}

/** Every lane of the current frame leaves the same way. */
function all(ctx: Context, how: number): Int8Array {
  return new Int8Array(ctx.lane!.size).fill(how);
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
    case 'While': {
      // Each lane runs rounds until its condition fails or it breaks; the others sit out.
      let going: Int32Array = Int32Array.from({ length: ctx.lane!.size }, (_, l) => l);
      for (let n = 0; going.length > 0; n++) {
        if (n >= limits().iterations) giveUp('a long while loop');
        const c = onLanes(ctx, going, () => evaluateLaned(ctx, s.condition));
        const k = c.val.constant ?? giveUp('while on parameters');
        if (c.lane) {
          const [yes] = partition(k);
          const from = going;
          going = Int32Array.from(yes, (i) => from[i]!);
        } else if (k[0] === 0) break;
        if (going.length === 0) break;
        going = survivors(
          going,
          onLanes(ctx, going, () => withScope(ctx, () => execute(ctx, s.body))),
        );
      }
      return 'next';
    }
    case 'If': {
      const c = evaluateLaned(ctx, s.condition);
      if (!c.lane) {
        const k = constantScalar(c.val) ?? giveUp('if on parameters');
        if (k !== 0) return withScope(ctx, () => execute(ctx, s.then));
        return s.otherwise ? withScope(ctx, () => execute(ctx, s.otherwise!)) : 'next';
      }
      if (!c.val.constant) giveUp('if on parameters');
      const [yes, no] = partition(c.val.constant);
      const L = ctx.lane!.size;
      const run = (into: Flow, lanes: Int32Array, body: Stmt | undefined): Flow => {
        if (!body || lanes.length === 0) return into;
        return join(
          into,
          lanes,
          onLanes(ctx, lanes, () => withScope(ctx, () => execute(ctx, body))),
          L,
        );
      };
      return run(run('next', yes, s.then), no, s.otherwise);
    }
    case 'Break':
      return all(ctx, BREAK);
    case 'Continue':
      return all(ctx, CONTINUE);
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
  if (attemptLoop(ctx, s, Int32Array.from(parents), Float64Array.from(values))) return;
  if (lo.lane || hi.lane) giveUp('a ragged inner loop that cannot be vectorised');
  // Unroll the inner loop; each of its iterations runs for every lane that has not broken out.
  let going: Int32Array = Int32Array.from({ length: L }, (_, l) => l);
  for (let i = bound(lo, 0); i <= bound(hi, 0) && going.length > 0; i++) {
    const flow = onLanes(ctx, going, () =>
      withScope(ctx, () => {
        declare(ctx, new Variable(s.variable, INT, [], s.variableSpan, ctx.ops.constant(i), true));
        return execute(ctx, s.body);
      }),
    );
    going = survivors(going, flow);
  }
}

/** The lanes of `going` that did not break (their flow in `flow`, one per element of `going`). */
function survivors(going: Int32Array, flow: Flow): Int32Array {
  if (flow === 'next') return going;
  return going.filter((_, i) => flow[i] !== BREAK);
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
    const type = ctx.typed.compound.get(s) ?? giveUp('an untyped compound assignment');
    value = binaryLaned(ctx, COMPOUND[s.op]!, current, value, s.span, type);
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
    const callee = ctx.typed.calls.get(e);
    const dist =
      callee?.kind === 'density' && ['lpdf', 'lpmf', 'lupdf', 'lupmf'].includes(callee.suffix)
        ? callee.distribution
        : undefined;
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
  const target = ctx.typed.tildes.get(s);
  if (target?.kind !== 'density') giveUp('a user-defined density');
  const dist = target.distribution;
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
