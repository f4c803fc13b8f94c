/**
 * The transform table the lowering reads: which transform a declaration
 * uses, given its base type and which bounds it has.
 */
import type { BaseTypeName } from '../language/ast.js';
import { affineTransform } from './affine.js';
import { boundsTransform } from './bounds.js';
import { choleskyCorrTransform, corrMatrixTransform } from './correlation.js';
import { choleskyCovTransform, covMatrixTransform } from './covariance.js';
import { orderedTransform, positiveOrderedTransform } from './ordered.js';
import { simplexTransform } from './simplex.js';
import { unitVectorTransform } from './unit-vector.js';
import type { Transform } from './types.js';

export type { Bounds, Constrained, NumericBound, Transform } from './types.js';
export { boundsTransform, affineTransform, orderedTransform, positiveOrderedTransform, simplexTransform };
export { choleskyCorrTransform, corrMatrixTransform, covMatrixTransform, choleskyCovTransform, unitVectorTransform };

/** Structural transforms by declared base type (applied to each array element). */
export const STRUCTURAL_TRANSFORMS: Partial<Record<BaseTypeName, Transform>> = {
  ordered: orderedTransform,
  positive_ordered: positiveOrderedTransform,
  simplex: simplexTransform,
  unit_vector: unitVectorTransform,
  cholesky_factor_corr: choleskyCorrTransform,
  corr_matrix: corrMatrixTransform,
  cov_matrix: covMatrixTransform,
  cholesky_factor_cov: choleskyCovTransform,
};

/**
 * The transform for a declaration, or undefined for an unconstrained one.
 * Elementwise transforms (bounds, offset/multiplier) apply to the whole
 * value, structural ones to each array element.
 */
export function transformFor(
  base: BaseTypeName,
  has: { lower: boolean; upper: boolean; offset: boolean; multiplier: boolean },
): { transform: Transform; elementwise: boolean } | undefined {
  const structural = STRUCTURAL_TRANSFORMS[base];
  if (structural) return { transform: structural, elementwise: false };
  if (has.lower || has.upper) return { transform: boundsTransform, elementwise: true };
  if (has.offset || has.multiplier) return { transform: affineTransform, elementwise: true };
  return undefined;
}
