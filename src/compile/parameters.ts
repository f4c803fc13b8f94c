/**
 * Parameters: their layout on the unconstrained vector (declaration order,
 * row-major within a declaration) and their binding in a run — a slice of
 * the unconstrained vector (a graph `param` when tracing, constants when
 * generating) followed by the declaration's transform, whose log-Jacobian
 * is added to the log density when tracing.
 */
import type { Constraint, Program, VarDecl } from '../language/ast.js';
import { findBlock } from '../language/ast.js';
import type { Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import { transformFor, type Bounds, type Transform } from '../transforms/index.js';
import { Variable, declare, userError, type Context } from './context.js';
import { concreteType, type ConcreteType } from './declarations.js';
import { evaluate } from './expressions.js';
import { rowMajorNames } from './names.js';

export interface ParameterLayout {
  decl: VarDecl;
  concrete: ConcreteType;
  /** First unconstrained coordinate. */
  offset: number;
  /** Unconstrained coordinates of the whole declaration. */
  freeSize: number;
  transform?: { transform: Transform; elementwise: boolean };
  unconstrainedNames: string[];
}

export function layoutParameters(ctx: Context, program: Program): ParameterLayout[] {
  const block = findBlock(program, 'parameters');
  const layouts: ParameterLayout[] = [];
  let offset = 0;
  for (const stmt of block?.body ?? []) {
    if (stmt.kind !== 'VarDecl') continue;
    if (stmt.init) throw userError('a parameter cannot have an initial value', stmt.init.span, ctx.file);
    const concrete = concreteType(ctx, stmt.type, stmt.name);
    const c = stmt.type.constraint ?? {};
    const transform = transformFor(stmt.type.base, {
      lower: !!c.lower,
      upper: !!c.upper,
      offset: !!c.offset,
      multiplier: !!c.multiplier,
    });
    let freeSize: number;
    let names: string[];
    if (transform && !transform.elementwise) {
      const perElement = transform.transform.freeSize(concrete.baseSizes);
      const count = shapeSize(concrete.arraySizes);
      freeSize = perElement * count;
      names = rowMajorNames(stmt.name, [...concrete.arraySizes, perElement]);
    } else {
      freeSize = shapeSize(concrete.shape);
      names = rowMajorNames(stmt.name, concrete.shape);
    }
    layouts.push({ decl: stmt, concrete, offset, freeSize, transform, unconstrainedNames: names });
    offset += freeSize;
  }
  return layouts;
}

/** Where the unconstrained coordinates come from in a run. */
export type CoordinateSource = (offset: number, size: number) => Val;

/** Declare the constrained parameters in ctx (adding log-Jacobians to the target when tracing). */
export function bindParameters(ctx: Context, layouts: ParameterLayout[], source: CoordinateSource): void {
  for (const layout of layouts) {
    const { decl, concrete } = layout;
    const shape = concrete.shape;
    let x: Val;
    if (!layout.transform) {
      x = ctx.ops.reshape(source(layout.offset, layout.freeSize), shape);
    } else if (layout.transform.elementwise) {
      const bounds = evaluateBounds(ctx, decl, concrete);
      const r = layout.transform.transform.constrain(ctx.ops, source(layout.offset, layout.freeSize), shape, bounds);
      x = r.x;
      if (ctx.mode === 'graph') ctx.target.push(r.logJacobian);
    } else {
      const t = layout.transform.transform;
      const count = shapeSize(concrete.arraySizes);
      const per = t.freeSize(concrete.baseSizes);
      const parts: Val[] = [];
      for (let a = 0; a < count; a++) {
        const r = t.constrain(ctx.ops, source(layout.offset + a * per, per), concrete.baseSizes, {});
        parts.push(r.x);
        if (ctx.mode === 'graph') ctx.target.push(r.logJacobian);
      }
      x = concrete.arraySizes.length === 0 ? parts[0]! : ctx.ops.concat(parts, shape);
    }
    declare(ctx, new Variable(decl.name, concrete.type, shape, decl.nameSpan, x, true));
  }
}

/** Bound values broadcast to what the transforms accept: a scalar or the full shape. */
export function evaluateBounds(ctx: Context, decl: VarDecl, concrete: ConcreteType): Bounds<Val> {
  const c: Constraint = decl.type.constraint ?? {};
  const out: Bounds<Val> = {};
  for (const key of ['lower', 'upper', 'offset', 'multiplier'] as const) {
    const e = c[key];
    if (!e) continue;
    const v = evaluate(ctx, e).val;
    out[key] = fitBound(ctx, v, concrete, e.span, key, decl.name);
  }
  return out;
}

function fitBound(ctx: Context, v: Val, concrete: ConcreteType, span: VarDecl['span'], key: string, name: string): Val {
  const shape = concrete.shape;
  const size = shapeSize(v.shape);
  if (v.shape.length === 0) return v;
  if (size === shapeSize(shape)) return ctx.ops.reshape(v, shape);
  const elementShape = shape.slice(concrete.arraySizes.length);
  const per = shapeSize(elementShape);
  if (size === per && per > 0) {
    // One bound per element of the base type, repeated over the array dims.
    const n = shapeSize(shape);
    const idx = Int32Array.from({ length: n }, (_, i) => i % per);
    return v.constant
      ? ctx.ops.constant(
          Float64Array.from(idx, (i) => v.constant![i]!),
          shape,
        )
      : ctx.ops.gather(v, idx, shape);
  }
  throw userError(
    `the ${key} bound of '${name}' has ${size} elements; expected a scalar or ${shapeSize(shape)} elements`,
    span,
    ctx.file,
  );
}
