/**
 * Loop-carried recurrences as scans (the IR's 'scan' node). A loop the
 * vectoriser gives up on because `v[t]` is written and `v[t − k]` read
 * (GARCH's sigma, an AR(K) state, the HMM forward variables) is traced once
 * as the body of a scan:
 *
 *  - the carry is, for each such v, its rows t−K … t−1 (K the largest lag);
 *  - subexpressions that depend on t but not on the carry (`y[t − 1]`,
 *    `alpha1 * (y[t] − mu)^2`, a density of the data at t) are evaluated
 *    for every t at once by the vectoriser (evaluateLaned) and become the
 *    scan's sequences, one slice per step;
 *  - values from outside the loop (parameters, earlier locals) are the
 *    scan's closures, through BodyOps, which maps them to the body's inputs.
 *
 * The statements run through the ordinary interpreter on the rewritten AST
 * (the carry reads and t-dependent pieces replaced by placeholder
 * variables), building the body in a graph of its own; the scan's output
 * (the carries, stacked) is scattered back into each v. Whatever the
 * pattern does not cover returns false with nothing changed, and the loop
 * unrolls as before.
 */
import type { Expr, ForStmt, Index, Stmt, AssignStmt } from '../language/ast.js';
import type { BinaryOp, Ops, ReduceOp, ScanSpec, Shape, TernaryOp, UnaryOp, Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import { GraphBuilder } from '../ir/graph.js';
import { INT, type StanType } from '../check/types.js';
import { Variable, declare, lookup, withScope, type Context } from './context.js';
import { evaluate } from './expressions.js';
import { constantInt } from './indexing.js';
import { AccessLog, Attempt, Frame, NotVectorisable, scatter } from './lanes.js';
import { evaluateLaned } from './vector-expressions.js';

type Execute = (ctx: Context, s: Stmt) => unknown;

/** A carried variable: `lag` its largest lag K, `row` one row's shape, `at` its block's offset in the carry. */
interface Carried {
  variable: Variable;
  lag: number;
  row: number[];
  rowType: StanType;
  at: number;
}

/** Placeholder names cannot be Stan identifiers. */
const CUR = (v: string) => `#cur:${v}`;
const LAG = (v: string, c: number) => `#lag:${v}:${c}`;

class Unsupported extends Error {}
function no(reason: string): never {
  throw new Unsupported(reason);
}

/** Run `for (s.variable in lo:hi)` as a scan; false (nothing changed) when the loop is not a recurrence it covers. */
export function scanFor(ctx: Context, s: ForStmt, lo: number, hi: number, execute: Execute): boolean {
  const n = hi - lo + 1;
  const main = ctx.ops;
  if (n < 2 || ctx.mode !== 'graph' || ctx.vectorise === false || ctx.lane || !main.scan) return false;
  const split = fission(s);
  if (split) {
    // the recurrence as a scan, then the log-density terms as a loop of their own over the finished values
    if (!scanFor(ctx, split.recurrence, lo, hi, execute)) return false;
    const loops = ctx.loops;
    ctx.loops = undefined;
    try {
      execute(ctx, split.terms);
    } finally {
      ctx.loops = loops;
    }
    return true;
  }
  const shape = analyse(ctx, s, lo, hi);
  if (!shape) return false;
  const depth = ctx.scopes.length;
  const targets = ctx.target.length;
  try {
    const done = trace(ctx, s, lo, n, shape, execute);
    for (const f of done) f();
    return true;
  } catch {
    // the unrolled loop reports any real error at its place
    ctx.target.length = targets;
    return false;
  } finally {
    ctx.scopes.length = depth;
    ctx.ops = main;
    ctx.lane = undefined;
    ctx.attempt = undefined;
  }
}

// ---------------------------------------------------------------- the pattern

/**
 * A body whose top level mixes the recurrence with `~` / `target +=`
 * statements: the loop without the terms (the recurrence), and the loop
 * without the writes to variables declared outside it (the terms, which
 * then read the finished values; locals are recomputed). Terms only add to
 * the target, so running them after the recurrence gives the same sum.
 */
function fission(s: ForStmt): { recurrence: ForStmt; terms: ForStmt } | undefined {
  const top = s.body.kind === 'Block' ? s.body.body : [s.body];
  const term = (st: Stmt) => st.kind === 'Tilde' || st.kind === 'TargetPlus';
  if (!top.some(term)) return undefined;
  const locals = new Set<string>();
  const rest: Stmt[] = [];
  const terms: Stmt[] = [];
  /** Outer variables written so far, and how often. */
  const writes = new Map<string, number>();
  const outer = (st: Stmt) => st.kind === 'Assign' && !locals.has(st.name);
  for (const st of top) {
    if (st.kind === 'VarDecl') locals.add(st.name);
    else if (outer(st)) writes.set((st as { name: string }).name, 0);
  }
  locals.clear();
  for (const st of top) {
    if (st.kind === 'VarDecl') locals.add(st.name);
    if (!term(st)) rest.push(st);
    if (outer(st)) {
      const name = (st as { name: string }).name;
      writes.set(name, writes.get(name)! + 1);
      continue;
    }
    // a kept statement must see each outer variable's final value: none read before (or between) its writes
    const read = names(st);
    for (const [name, count] of writes) if (read.has(name) && count === 0) return undefined;
    terms.push(st);
  }
  for (const count of writes.values()) if (count !== 1) return undefined;
  // terms that read a local assigned in an inner block would need that block: keep to flat bodies
  if (rest.some((st) => st.kind !== 'VarDecl' && st.kind !== 'Assign')) return undefined;
  const block = (body: Stmt[]): Stmt => ({ kind: 'Block', body, span: s.body.span });
  return { recurrence: { ...s, body: block(rest) }, terms: { ...s, body: block(terms) } };
}

interface Shape0 {
  carried: Carried[];
  locals: Set<string>;
  size: number;
}

/** Visit every object of an AST fragment (spans skipped). */
function walk(
  node: unknown,
  f: (o: Record<string, unknown>, parent?: Record<string, unknown>) => void,
  parent?: Record<string, unknown>,
): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, f, parent);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  f(o, parent);
  for (const k in o) if (!k.endsWith('pan')) walk(o[k], f, o);
}

function names(node: unknown): Set<string> {
  const out = new Set<string>();
  walk(node, (o) => {
    if (o.kind === 'Variable' && typeof o.name === 'string') out.add(o.name);
  });
  return out;
}

/** The lag c of an index `t` (0) or `t - c`, else undefined. */
function lagOf(index: Index | undefined, t: string): number | undefined {
  if (!index || index.kind !== 'Single') return undefined;
  const e = index.expr;
  if (e.kind === 'Variable' && e.name === t) return 0;
  if (e.kind === 'Binary' && e.op === '-' && e.left.kind === 'Variable' && e.left.name === t) {
    if (e.right.kind === 'IntLiteral' && e.right.value >= 1) return e.right.value;
  }
  return undefined;
}

function rowType(type: StanType): StanType {
  if (type.arrayDims > 0) return { ...type, arrayDims: type.arrayDims - 1 };
  if (type.base === 'matrix') return { ...type, base: 'row_vector' };
  return { ...type, base: 'real' };
}

/** The carried variables and body locals, or undefined when the loop is not a covered recurrence. */
function analyse(ctx: Context, s: ForStmt, lo: number, hi: number): Shape0 | undefined {
  const t = s.variable;
  const locals = new Set<string>();
  const written = new Set<string>();
  let ok = true;
  const statements = (st: Stmt): void => {
    switch (st.kind) {
      case 'Block':
        st.body.forEach(statements);
        return;
      case 'Empty':
        return;
      case 'VarDecl':
        if (names(st.type).has(t)) ok = false;
        locals.add(st.name);
        return;
      case 'Assign':
        if (!locals.has(st.name)) {
          const first = st.indices[0]?.[0];
          if (
            st.op !== '=' ||
            lagOf(first, t) !== 0 ||
            st.indices.slice(0, -1).some((g) => g.some((i) => i.kind !== 'Single'))
          )
            ok = false;
          written.add(st.name);
        }
        return;
      case 'For': {
        const bounds = names([st.lower, st.upper]);
        if (bounds.has(t) || [...locals].some((l) => bounds.has(l))) ok = false;
        statements(st.body);
        return;
      }
      default:
        ok = false;
    }
  };
  statements(s.body);
  if (!ok || written.size === 0) return undefined;
  for (const w of written) if (locals.has(w)) return undefined;
  const lags = new Map<string, number>([...written].map((w) => [w, 0]));
  // every mention of a carried variable is v[t] or v[t - c]
  walk(s.body, (o, parent) => {
    if (o.kind !== 'Variable' || !lags.has(o.name as string)) return;
    const p = parent as { kind?: string; target?: unknown; indices?: Index[] } | undefined;
    const c = p?.kind === 'Index' && p.target === o ? lagOf(p.indices?.[0], t) : undefined;
    if (c === undefined) ok = false;
    else lags.set(o.name as string, Math.max(lags.get(o.name as string)!, c));
  });
  if (!ok) return undefined;
  const carried: Carried[] = [];
  let size = 0;
  for (const [name, lag] of lags) {
    const v = lookup(ctx, name);
    if (!v || v.readOnly || v.owner || lag < 1 || v.shape.length === 0) return undefined;
    if (lo - lag < 1 || hi > v.shape[0]!) return undefined;
    const row = v.shape.slice(1);
    carried.push({ variable: v, lag, row, rowType: rowType(v.type), at: size });
    size += lag * shapeSize(row);
  }
  return { carried, locals, size };
}

// ---------------------------------------------------------------- the body

interface Slot {
  offset: number;
  size: number;
  outer: Val;
}

/**
 * The Ops of a scan body: values from the enclosing graph (anything this
 * builder did not make) become closures, inputs of the body.
 */
class BodyOps implements Ops {
  private readonly made = new WeakSet<Val>();
  private readonly byKey = new Map<string, Val>();
  readonly closures: Slot[] = [];
  readonly sequences: Slot[] = [];
  next: number;

  constructor(
    readonly body: GraphBuilder,
    carrySize: number,
  ) {
    this.next = carrySize;
  }

  own(v: Val): Val {
    this.made.add(v);
    return v;
  }

  /** A fresh input of the body holding one slice of `outer` per step. */
  sequence(outer: Val, shape: Shape): Val {
    const p = this.own(this.body.param(this.next, shape));
    this.sequences.push({ offset: this.next, size: shapeSize(shape), outer });
    this.next += shapeSize(shape);
    return p;
  }

  private in(v: Val): Val {
    if (v.constant || this.made.has(v)) return v;
    const key = `${v.node}|${v.shape.join(',')}`;
    let p = this.byKey.get(key);
    if (!p) {
      p = this.own(this.body.param(this.next, v.shape));
      this.closures.push({ offset: this.next, size: shapeSize(v.shape), outer: v });
      this.next += shapeSize(v.shape);
      this.byKey.set(key, p);
    }
    return p;
  }

  constant(value: number | ArrayLike<number>, shape?: Shape): Val {
    return this.own(this.body.constant(value, shape));
  }
  isConstant(v: Val): boolean {
    return v.constant !== undefined;
  }
  size(v: Val): number {
    return shapeSize(v.shape);
  }
  unary(op: UnaryOp, x: Val): Val {
    return this.own(this.body.unary(op, this.in(x)));
  }
  binary(op: BinaryOp, a: Val, b: Val): Val {
    return this.own(this.body.binary(op, this.in(a), this.in(b)));
  }
  ternary(op: TernaryOp, a: Val, b: Val, c: Val): Val {
    return this.own(this.body.ternary(op, this.in(a), this.in(b), this.in(c)));
  }
  reduce(op: ReduceOp, x: Val): Val {
    return this.own(this.body.reduce(op, this.in(x)));
  }
  select(cond: Val, a: Val, b: Val): Val {
    return this.own(this.body.select(this.in(cond), this.in(a), this.in(b)));
  }
  matmul(a: Val, b: Val): Val {
    return this.own(this.body.matmul(this.in(a), this.in(b)));
  }
  transpose(x: Val): Val {
    return this.own(this.body.transpose(this.in(x)));
  }
  cholesky(x: Val): Val {
    return this.own(this.body.cholesky(this.in(x)));
  }
  triangularSolveLower(L: Val, b: Val): Val {
    return this.own(this.body.triangularSolveLower(this.in(L), this.in(b)));
  }
  gather(x: Val, indices: Int32Array, shape: Shape): Val {
    return this.own(this.body.gather(this.in(x), indices, shape));
  }
  concat(parts: Val[], shape: Shape): Val {
    return this.own(
      this.body.concat(
        parts.map((p) => this.in(p)),
        shape,
      ),
    );
  }
  reshape(x: Val, shape: Shape): Val {
    return this.own(this.body.reshape(this.in(x), shape));
  }
  fill(x: Val, shape: Shape): Val {
    return this.own(this.body.fill(this.in(x), shape));
  }
}

/** A variable `t` the rewritten body must never read (every use of t is a sequence): reading it gives up. */
class Hidden extends Variable {
  override read(): Val {
    return no('the loop variable outside a sequence');
  }
  override pick(): Val {
    return no('the loop variable outside a sequence');
  }
}

/** Trace the body; returns what to do to commit (assign the carried variables). */
function trace(ctx: Context, s: ForStmt, lo: number, n: number, shape: Shape0, execute: Execute): Array<() => void> {
  const main = ctx.ops;
  const t = s.variable;
  const body = new GraphBuilder();
  const ops = new BodyOps(body, shape.size);
  const frame = new Frame(n, undefined, undefined, new AccessLog());
  const laneT = new Variable(
    t,
    INT,
    [n],
    s.variableSpan,
    main.constant(
      Float64Array.from({ length: n }, (_, i) => lo + i),
      [n],
    ),
    true,
    frame,
  );
  const carriedNames = new Set(shape.carried.map((c) => c.variable.name));
  const opaque = new Set([...carriedNames, ...shape.locals]);
  let placeholders = 0;

  ctx.scopes.push(new Map());
  declare(ctx, new Hidden(t, INT, [], s.variableSpan, main.constant(0), true));
  // the carry's lag rows and each carried variable's current row
  for (const c of shape.carried) {
    const rs = shapeSize(c.row);
    for (let k = c.lag; k >= 1; k--) {
      const p = ops.own(body.param(c.at + (c.lag - k) * rs, c.row));
      declare(ctx, new Variable(LAG(c.variable.name, k), c.rowType, c.row, undefined, p, false));
    }
    const old = c.variable.read(main);
    const idx = Int32Array.from({ length: n * rs }, (_, i) => (lo - 1) * rs + i);
    const rows = main.gather(old, idx, [n, ...c.row]);
    declare(ctx, new Variable(CUR(c.variable.name), c.rowType, c.row, undefined, ops.sequence(rows, c.row), false));
  }

  const typed = ctx.typed;
  const copyTyped = (from: Expr, to: Expr) => {
    const ty = typed.types.get(from);
    if (ty) typed.types.set(to, ty);
    if (from.kind === 'Call') {
      const callee = typed.calls.get(from);
      if (callee) typed.calls.set(to as typeof from, callee);
    }
  };
  const placeholder = (type: StanType, shp: number[], val: Val, span: Expr['span']): Expr => {
    const name = `#seq:${placeholders++}`;
    declare(ctx, new Variable(name, type, shp, undefined, val, true));
    const e: Expr = { kind: 'Variable', name, span };
    typed.types.set(e, type);
    return e;
  };
  /** Every iteration's value of a t-dependent expression that does not read the carry: a sequence. */
  const sequence = (e: Expr): Expr | undefined => {
    const saved = { ops: ctx.ops, lane: ctx.lane, attempt: ctx.attempt };
    ctx.ops = main;
    ctx.lane = frame;
    ctx.attempt = new Attempt(ctx.target.length, frame);
    ctx.scopes.push(new Map([[t, laneT]]));
    let v;
    try {
      v = evaluateLaned(ctx, e);
    } catch (error) {
      if (error instanceof NotVectorisable) return undefined;
      throw error;
    } finally {
      ctx.scopes.pop();
      ctx.ops = saved.ops;
      ctx.lane = saved.lane;
      ctx.attempt = saved.attempt;
    }
    if (!v.lane) return placeholder(v.type, [...v.val.shape], v.val, e.span);
    const inner = v.val.shape.slice(1);
    return placeholder(v.type, inner, ops.sequence(v.val, inner), e.span);
  };
  const rewriteIndex = (i: Index): Index => {
    if (i.kind === 'Single') return { ...i, expr: rewrite(i.expr) };
    if (i.kind === 'Range') return { ...i, lower: i.lower && rewrite(i.lower), upper: i.upper && rewrite(i.upper) };
    return i;
  };
  const rewrite = (e: Expr): Expr => {
    const mentioned = names(e);
    if (!mentioned.has(t) && ![...carriedNames].some((c) => mentioned.has(c))) return e;
    if (![...opaque].some((c) => mentioned.has(c))) {
      const q = sequence(e);
      if (q) return q;
    }
    if (e.kind === 'Index' && e.target.kind === 'Variable' && carriedNames.has(e.target.name)) {
      const c = lagOf(e.indices[0], t)!;
      const name = c === 0 ? CUR(e.target.name) : LAG(e.target.name, c);
      const target: Expr = { kind: 'Variable', name, span: e.target.span };
      const v = lookup(ctx, name)!;
      typed.types.set(target, v.type);
      if (e.indices.length === 1) {
        typed.types.set(target, typed.types.get(e) ?? v.type);
        return target;
      }
      const out: Expr = { ...e, target, indices: e.indices.slice(1).map(rewriteIndex) };
      copyTyped(e, out);
      return out;
    }
    if (e.kind === 'Variable') return no(`'${e.name}' outside an index by t`);
    const out: Record<string, unknown> = { ...e };
    for (const k in out) {
      if (k.endsWith('pan')) continue;
      const x = out[k];
      const one = (y: unknown): unknown => {
        if (y === null || typeof y !== 'object' || !('kind' in y)) return y;
        const kind = (y as { kind: string }).kind;
        return kind === 'Single' || kind === 'All' || kind === 'Range' ? rewriteIndex(y as Index) : rewrite(y as Expr);
      };
      out[k] = Array.isArray(x) ? x.map(one) : one(x);
    }
    copyTyped(e, out as unknown as Expr);
    return out as unknown as Expr;
  };

  ctx.ops = ops;
  const run = (st: Stmt): void => {
    switch (st.kind) {
      case 'Block':
        withScope(ctx, () => st.body.forEach(run));
        return;
      case 'Empty':
        return;
      case 'VarDecl':
        execute(ctx, { ...st, init: st.init && rewrite(st.init) });
        return;
      case 'Assign': {
        let rewritten: AssignStmt;
        if (carriedNames.has(st.name)) {
          const [first, ...groups] = st.indices;
          const rest = [first!.slice(1), ...groups].filter((g) => g.length > 0);
          rewritten = {
            ...st,
            name: CUR(st.name),
            indices: rest.map((g) => g.map(rewriteIndex)),
            value: rewrite(st.value),
          };
        } else rewritten = { ...st, indices: st.indices.map((g) => g.map(rewriteIndex)), value: rewrite(st.value) };
        const compound = typed.compound.get(st);
        if (compound) typed.compound.set(rewritten, compound);
        execute(ctx, rewritten);
        return;
      }
      case 'For': {
        const a = constantInt(ctx, evaluate(ctx, st.lower), st.lower.span);
        const b = constantInt(ctx, evaluate(ctx, st.upper), st.upper.span);
        for (let i = a; i <= b; i++)
          withScope(ctx, () => {
            declare(ctx, new Variable(st.variable, INT, [], st.variableSpan, ops.constant(i), true));
            run(st.body);
          });
        return;
      }
      default:
        no(st.kind);
    }
  };
  const targets = ctx.target.length;
  withScope(ctx, () => run(s.body));
  if (ctx.target.length !== targets) no('a term of the log density in the body');

  // next carry: each variable's lags shifted by one, its current row last
  const parts: Val[] = [];
  for (const c of shape.carried) {
    for (let k = c.lag - 1; k >= 1; k--) parts.push(lookup(ctx, LAG(c.variable.name, k))!.read(ops));
    parts.push(lookup(ctx, CUR(c.variable.name))!.read(ops));
  }
  const next = ops.concat(
    parts.map((p) => ops.reshape(p, [shapeSize(p.shape)])),
    [shape.size],
  );
  const graph = body.finishValue(next, ops.next);
  // inputs in the scan's order: carry, sequences, closures
  const moved = new Map<number, number>();
  let at = shape.size;
  for (const slot of [...ops.sequences, ...ops.closures]) {
    moved.set(slot.offset, at);
    at += slot.size;
  }
  for (const node of graph.nodes)
    if (node.kind === 'param' && node.offset >= shape.size) node.offset = moved.get(node.offset)!;

  const init = main.concat(
    shape.carried.map((c) => {
      const rs = shapeSize(c.row);
      const idx = Int32Array.from({ length: c.lag * rs }, (_, i) => (lo - 1 - c.lag) * rs + i);
      return main.gather(c.variable.read(main), idx, [c.lag * rs]);
    }),
    [shape.size],
  );
  const spec: ScanSpec = {
    body: graph,
    length: n,
    init,
    sequences: ops.sequences.map((q) => q.outer),
    closures: ops.closures.map((q) => q.outer),
  };
  const out = main.scan!(spec);
  return shape.carried.map((c) => () => {
    const rs = shapeSize(c.row);
    const from = c.at + (c.lag - 1) * rs;
    const take = Int32Array.from({ length: n * rs }, (_, i) => Math.floor(i / rs) * shape.size + from + (i % rs));
    const rows = main.gather(out, take, [n * rs]);
    const v = c.variable;
    const whole = v.read(main);
    const positions = Int32Array.from({ length: n * rs }, (_, i) => (lo - 1) * rs + i);
    v.assign(scatter(main, whole, positions, rows));
  });
}
