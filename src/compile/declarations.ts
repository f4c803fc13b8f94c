/**
 * Declared types made concrete: sizes evaluated (from constants), the Stan
 * type the value is stored as, and the full shape (array dims, then the
 * vector/matrix dims).
 */
import type { BaseTypeName, Span, TypeDecl } from '../language/ast.js';
import { declBase, type StanType } from '../check/types.js';
import { userError, type Context } from './context.js';
import { evaluate } from './expressions.js';
import { fitsMemory, formatBytes, limits } from '../limits.js';

export interface ConcreteType {
  /** The storage type (simplex → vector, cov_matrix → matrix). */
  type: StanType;
  base: BaseTypeName;
  arraySizes: number[];
  /** Sizes written after the base type ([N], [R, C], [K], ...). */
  baseSizes: number[];
  /** arraySizes followed by the base's own dims. */
  shape: number[];
}

/** The dims a base type of these sizes has: vectors [n], matrices [r, c], square ones [k, k]. */
export function baseShape(base: BaseTypeName, sizes: number[]): number[] {
  switch (base) {
    case 'int':
    case 'real':
      return [];
    case 'matrix':
      return [sizes[0]!, sizes[1]!];
    case 'cholesky_factor_cov':
      return [sizes[0]!, sizes[1] ?? sizes[0]!];
    case 'cholesky_factor_corr':
    case 'cov_matrix':
    case 'corr_matrix':
      return [sizes[0]!, sizes[0]!];
    default:
      return [sizes[0]!];
  }
}

export function concreteType(ctx: Context, decl: TypeDecl, name: string): ConcreteType {
  const size = (e: TypeDecl['sizes'][number]): number => sizeValue(ctx, evaluate(ctx, e).val.constant, e.span, name);
  const arraySizes = decl.arrayDims.map(size);
  const baseSizes = decl.sizes.map(size);
  const storage = declBase(decl.base);
  const shape = [...arraySizes, ...baseShape(decl.base, baseSizes)];
  checkMemoryBudget(ctx, decl, name, shape);
  return {
    type: { base: storage, arrayDims: arraySizes.length },
    base: decl.base,
    arraySizes,
    baseSizes,
    shape,
  };
}

/** Sizes are checked before anything is allocated: `vector[1000000000] v;` is an error naming v, not a hang. */
function checkMemoryBudget(ctx: Context, decl: TypeDecl, name: string, shape: number[]): void {
  const elements = shape.reduce((a, b) => a * b, 1);
  if (fitsMemory(elements)) return;
  const budget = formatBytes(limits().memoryBytes);
  throw userError(
    `'${name}' has ${elements.toLocaleString('en-US')} elements (${formatBytes(elements * 8)}), over the memory budget of ${budget}; ` +
      'reduce its size or raise the budget with --max-memory-mb',
    decl.span,
    ctx.file,
  );
}

function sizeValue(ctx: Context, c: Float64Array | undefined, span: Span, name: string): number {
  if (c === undefined) {
    throw userError(
      `the size of '${name}' must be data (known before sampling), not depend on parameters`,
      span,
      ctx.file,
    );
  }
  const n = c[0]!;
  if (c.length !== 1 || !Number.isInteger(n)) throw userError(`the size of '${name}' must be an int`, span, ctx.file);
  if (n < 0) throw userError(`the size of '${name}' is negative (${n})`, span, ctx.file);
  return n;
}

/** Stan's spelling of a declaration, e.g. 'vector<lower=0>[8]' (for tables). */
export function typeText(source: string | undefined, decl: TypeDecl): string {
  if (source !== undefined) return source.slice(decl.span.start.offset, decl.span.end.offset).replace(/\s+/g, ' ');
  return decl.base;
}
