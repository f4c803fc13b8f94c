/**
 * Elementwise bound transforms on any shape: `<lower=a>`, `<upper=b>`,
 * `<lower=a, upper=b>`. An infinite constant bound is no bound, as in Stan.
 */
import type { Ops, Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import {
  boundAt,
  constantEverywhere,
  sumOver,
  type Bounds,
  type Constrained,
  type NumericBound,
  type Transform,
} from './types.js';

function elementwise(name: string, rest: Omit<Transform, 'name' | 'shape' | 'freeSize'>): Transform {
  return {
    name,
    shape: (sizes) => [...sizes],
    freeSize: (sizes) => shapeSize(sizes),
    ...rest,
  };
}

function reshapeTo(ops: Ops, y: Val, sizes: readonly number[]): Val {
  return y.shape.length === sizes.length && y.shape.every((d, i) => d === sizes[i]) ? y : ops.reshape(y, sizes);
}

export function constrainLower(ops: Ops, y: Val, a: Val): Constrained {
  return { x: ops.binary('add', a, ops.unary('exp', y)), logJacobian: ops.reduce('sum', y) };
}

export function constrainUpper(ops: Ops, y: Val, b: Val): Constrained {
  return { x: ops.binary('sub', b, ops.unary('exp', y)), logJacobian: ops.reduce('sum', y) };
}

export function constrainLowerUpper(ops: Ops, y: Val, a: Val, b: Val): Constrained {
  const width = ops.binary('sub', b, a);
  const x = ops.binary('add', a, ops.binary('mul', width, ops.unary('inv_logit', y)));
  const perElement = ops.binary('add', ops.unary('log_inv_logit', y), ops.unary('log1m_inv_logit', y));
  const logJacobian = ops.binary(
    'add',
    sumOver(ops, ops.unary('log', width), shapeSize(y.shape)),
    ops.reduce('sum', perElement),
  );
  return { x, logJacobian };
}

/** A constant bound container with some infinite and some finite entries. */
function mixesInfinite(ops: Ops, bound: Val | undefined): boolean {
  if (!bound || !ops.isConstant(bound) || bound.shape.length === 0) return false;
  const c = bound.constant!;
  let infinite = 0;
  for (let i = 0; i < c.length; i++) if (!Number.isFinite(c[i]!)) infinite++;
  return infinite > 0 && infinite < c.length;
}

/**
 * Constant bounds whose entries are finite for some elements and infinite
 * for others (Stan decides per element): split the elements into the four
 * cases, transform each group with its own rule, and put them back in order.
 */
function constrainPerElement(ops: Ops, y: Val, lower: Val | undefined, upper: Val | undefined): Constrained {
  const n = shapeSize(y.shape);
  const at = (bound: Val | undefined, fallback: number, i: number): number =>
    bound === undefined ? fallback : bound.shape.length === 0 ? bound.constant![0]! : bound.constant![i]!;
  const groups: Record<'both' | 'lower' | 'upper' | 'none', number[]> = { both: [], lower: [], upper: [], none: [] };
  for (let i = 0; i < n; i++) {
    const a = Number.isFinite(at(lower, -Infinity, i));
    const b = Number.isFinite(at(upper, Infinity, i));
    groups[a && b ? 'both' : a ? 'lower' : b ? 'upper' : 'none'].push(i);
  }
  const parts: Val[] = [];
  const order: number[] = [];
  let logJacobian = ops.constant(0);
  const pick = (bound: Val, idx: number[]): Val =>
    bound.shape.length === 0 ? bound : ops.gather(bound, Int32Array.from(idx), [idx.length]);
  for (const [kind, idx] of Object.entries(groups) as Array<[keyof typeof groups, number[]]>) {
    if (idx.length === 0) continue;
    const yi = ops.gather(y, Int32Array.from(idx), [idx.length]);
    const part =
      kind === 'both'
        ? constrainLowerUpper(ops, yi, pick(lower!, idx), pick(upper!, idx))
        : kind === 'lower'
          ? constrainLower(ops, yi, pick(lower!, idx))
          : kind === 'upper'
            ? constrainUpper(ops, yi, pick(upper!, idx))
            : { x: yi, logJacobian: ops.constant(0) };
    parts.push(part.x);
    order.push(...idx);
    logJacobian = ops.binary('add', logJacobian, part.logJacobian);
  }
  const inverse = new Int32Array(n);
  order.forEach((element, position) => (inverse[element] = position));
  const x = ops.gather(ops.concat(parts, [n]), inverse, y.shape);
  return { x, logJacobian };
}

/** The lower/upper/both transform, whichever bounds are present and finite. */
export const boundsTransform: Transform = elementwise('bounds', {
  constrain(ops, y, sizes, bounds: Bounds<Val>): Constrained {
    const yy = reshapeTo(ops, y, sizes);
    if (mixesInfinite(ops, bounds.lower) || mixesInfinite(ops, bounds.upper)) {
      return constrainPerElement(ops, yy, bounds.lower, bounds.upper);
    }
    const lower = constantEverywhere(ops, bounds.lower, -Infinity) ? undefined : bounds.lower;
    const upper = constantEverywhere(ops, bounds.upper, Infinity) ? undefined : bounds.upper;
    if (lower && upper) return constrainLowerUpper(ops, yy, lower, upper);
    if (lower) return constrainLower(ops, yy, lower);
    if (upper) return constrainUpper(ops, yy, upper);
    return { x: yy, logJacobian: ops.constant(0) };
  },
  unconstrain(x, _sizes, bounds) {
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const a = bounds.lower === undefined ? -Infinity : boundAt(bounds.lower, i);
      const b = bounds.upper === undefined ? Infinity : boundAt(bounds.upper, i);
      const v = x[i]!;
      if (a > -Infinity && b < Infinity) {
        const u = (v - a) / (b - a);
        y[i] = Math.log(u) - Math.log1p(-u);
      } else if (a > -Infinity) y[i] = Math.log(v - a);
      else if (b < Infinity) y[i] = Math.log(b - v);
      else y[i] = v;
    }
    return y;
  },
  violation(x, _sizes, bounds) {
    return boundsViolation(x, bounds.lower, bounds.upper);
  },
});

/** The first element outside [lower, upper], described, or undefined. */
export function boundsViolation(
  x: Float64Array,
  lower: NumericBound | undefined,
  upper: NumericBound | undefined,
): string | undefined {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (lower !== undefined && !(v >= boundAt(lower, i))) {
      return `${describe(x, i)} = ${v} is below its lower bound ${boundAt(lower, i)}`;
    }
    if (upper !== undefined && !(v <= boundAt(upper, i))) {
      return `${describe(x, i)} = ${v} is above its upper bound ${boundAt(upper, i)}`;
    }
  }
  return undefined;
}

function describe(x: Float64Array, i: number): string {
  return x.length === 1 ? 'value' : `element ${i + 1}`;
}
