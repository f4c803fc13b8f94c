/**
 * Constrained parameter values (Stan JSON shape) → the unconstrained
 * vector, as BridgeStan's `param_unconstrain_json` and CmdStan's init
 * files: each declaration in order, its bounds evaluated with the data and
 * the parameters before it, checked against the declared constraint, then
 * the transform's inverse.
 */
import { shapeSize, type Val } from '../../ir/ops.js';
import { EagerOps } from '../eager-ops.js';
import { Variable, declare } from '../context.js';
import { makeContext, type Prepared } from '../run.js';
import { evaluateBounds } from '../parameters.js';
import type { Bounds, NumericBound } from '../../transforms/index.js';
import { LangevinError } from '../../errors.js';
import type { ModelData } from '../../model/types.js';
import { flattenValue } from './stan-values.js';

export function unconstrainValues(prepared: Prepared, values: ModelData, what = 'initial values'): Float64Array {
  const ops = new EagerOps();
  const ctx = makeContext(
    ops,
    'eager',
    'parameters',
    prepared.file,
    prepared.typed,
    [prepared.dataScope, new Map()],
    () => ops.constant(0),
  );
  const out = new Float64Array(prepared.dim);
  for (const layout of prepared.layouts) {
    const { decl, concrete } = layout;
    const x = flattenValue(decl.name, values[decl.name], concrete.shape, what);
    let y: Float64Array;
    if (!layout.transform) {
      y = x;
    } else if (layout.transform.elementwise) {
      const bounds = numericBounds(evaluateBounds(ctx, decl, concrete));
      y = inverse(layout.transform.transform, decl.name, x, concrete.shape, bounds, what);
    } else {
      const count = shapeSize(concrete.arraySizes);
      const per = x.length / Math.max(count, 1);
      y = new Float64Array(layout.freeSize);
      const free = layout.transform.transform.freeSize(concrete.baseSizes);
      for (let a = 0; a < count; a++) {
        const part = x.subarray(a * per, (a + 1) * per);
        y.set(inverse(layout.transform.transform, decl.name, part, concrete.baseSizes, {}, what), a * free);
      }
    }
    out.set(y, layout.offset);
    // Later bounds may refer to this parameter.
    declare(
      ctx,
      new Variable(decl.name, concrete.type, concrete.shape, decl.nameSpan, ops.constant(x, concrete.shape), true),
    );
  }
  return out;
}

function inverse(
  transform: {
    unconstrain: (x: Float64Array, s: readonly number[], b: Bounds<NumericBound>) => Float64Array;
    violation: (x: Float64Array, s: readonly number[], b: Bounds<NumericBound>) => string | undefined;
  },
  name: string,
  x: Float64Array,
  sizes: readonly number[],
  bounds: Bounds<NumericBound>,
  what: string,
): Float64Array {
  const problem = transform.violation(x, sizes, bounds);
  if (problem) throw new LangevinError(`${what}: '${name}' violates its declared constraint: ${problem}`);
  return transform.unconstrain(x, sizes, bounds);
}

function numericBounds(bounds: Bounds<Val>): Bounds<NumericBound> {
  const out: Bounds<NumericBound> = {};
  for (const key of ['lower', 'upper', 'offset', 'multiplier'] as const) {
    const c = bounds[key]?.constant;
    if (!c) continue;
    out[key] = c.length === 1 ? c[0]! : c;
  }
  return out;
}
