/**
 * Shapes of row-major Float64 arrays. Lives below the IR (src/ir/ops.ts
 * re-exports both) so the kernels here need nothing from the IR at run time.
 */

export type Shape = readonly number[];

/** Number of elements of a shape (1 for a scalar). */
export function shapeSize(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
