/**
 * The log |Jacobian| of the constraining transforms alone, as a Float64
 * tape: what `logDensity(..., { jacobian: false })` subtracts (BridgeStan's
 * `jacobian` flag). Traced exactly as the density traces its parameters.
 */
import { GraphBuilder } from '../../ir/graph.js';
import { compileF64 } from '../../backends/f64/tape.js';
import type { DensityEvaluator } from '../../backends/evaluator.js';
import { bindParameters } from '../parameters.js';
import { makeContext, sumTerms, type Prepared } from '../run.js';

export function logJacobianEvaluator(prepared: Prepared): DensityEvaluator {
  const builder = new GraphBuilder();
  const ctx = makeContext(
    builder,
    'graph',
    'parameters',
    prepared.file,
    prepared.typed,
    [prepared.dataScope, new Map()],
    () => builder.noise(),
  );
  // In graph mode bindParameters adds exactly the log-Jacobians to the target.
  bindParameters(ctx, prepared.layouts, (offset, size) => builder.param(offset, [size]));
  const graph = builder.finish(sumTerms(builder, ctx.target), { dim: prepared.dim });
  return compileF64(graph);
}
