/**
 * The checker's types: an unsized Stan type, `array[,] vector` and friends.
 * Constrained declarations (simplex, ordered, cov_matrix, ...) have the
 * unconstrained base they are stored in (vector, matrix); sizes are runtime
 * facts that the checker does not track.
 */
import type { BaseTypeName } from '../language/ast.js';

export type StanBase = 'int' | 'real' | 'vector' | 'row_vector' | 'matrix';

export interface StanType {
  base: StanBase;
  /** Number of array dimensions wrapped around the base (0: not an array). */
  arrayDims: number;
}

export const INT: StanType = { base: 'int', arrayDims: 0 };
export const REAL: StanType = { base: 'real', arrayDims: 0 };
export const VECTOR: StanType = { base: 'vector', arrayDims: 0 };
export const ROW_VECTOR: StanType = { base: 'row_vector', arrayDims: 0 };
export const MATRIX: StanType = { base: 'matrix', arrayDims: 0 };

export function stanType(base: StanBase, arrayDims = 0): StanType {
  return { base, arrayDims };
}

/** Stan's spelling: 'real', 'array[] vector', 'array[,] int'. */
export function typeToString(t: StanType): string {
  if (t.arrayDims === 0) return t.base;
  return `array[${','.repeat(t.arrayDims - 1)}] ${t.base}`;
}

/** The inverse of typeToString, for stdlib patterns; undefined when not a concrete type. */
export function parseType(text: string): StanType | undefined {
  const m = /^\s*(?:array\s*\[\s*((?:,\s*)*)\]\s*)?(int|real|vector|row_vector|matrix)\s*$/.exec(text);
  if (!m) return undefined;
  const dims = m[0].includes('array') ? (m[1] ?? '').split(',').length : 0;
  return { base: m[2] as StanBase, arrayDims: dims };
}

export function sameType(a: StanType, b: StanType): boolean {
  return a.base === b.base && a.arrayDims === b.arrayDims;
}

/** int or real, not an array. */
export function isScalar(t: StanType): boolean {
  return t.arrayDims === 0 && (t.base === 'int' || t.base === 'real');
}

export function isInt(t: StanType): boolean {
  return t.arrayDims === 0 && t.base === 'int';
}

/** vector, row_vector or matrix, not an array. */
export function isLinearAlgebra(t: StanType): boolean {
  return t.arrayDims === 0 && (t.base === 'vector' || t.base === 'row_vector' || t.base === 'matrix');
}

/** `array[] int` (one dimension), the type of a multi-index. */
export function isIntArray1(t: StanType): boolean {
  return t.arrayDims === 1 && t.base === 'int';
}

/** int promoted to real, keeping array dimensions. */
export function promoteIntToReal(t: StanType): StanType {
  return t.base === 'int' ? { base: 'real', arrayDims: t.arrayDims } : t;
}

/** Whether a value of type `from` can be stored in / passed as `to` (Stan's int→real promotion). */
export function assignable(from: StanType, to: StanType): boolean {
  if (from.arrayDims !== to.arrayDims) return false;
  if (from.base === to.base) return true;
  return from.base === 'int' && to.base === 'real';
}

/** The common type of two branches / array elements, if any. */
export function unify(a: StanType, b: StanType): StanType | undefined {
  if (assignable(a, b)) return b;
  if (assignable(b, a)) return a;
  return undefined;
}

/** The type a declaration of base `base` is stored in. */
export function declBase(base: BaseTypeName): StanBase {
  switch (base) {
    case 'int':
    case 'real':
    case 'vector':
    case 'row_vector':
    case 'matrix':
      return base;
    case 'simplex':
    case 'ordered':
    case 'positive_ordered':
    case 'unit_vector':
      return 'vector';
    case 'cholesky_factor_corr':
    case 'cholesky_factor_cov':
    case 'cov_matrix':
    case 'corr_matrix':
      return 'matrix';
  }
}

/** Constrained container types: allowed only as top-level block variables. */
export function isConstrainedBase(base: BaseTypeName): boolean {
  return declBase(base) !== base;
}

/** How many size expressions a base type takes: [min, max]. */
export function sizeArity(base: BaseTypeName): [number, number] {
  switch (base) {
    case 'int':
    case 'real':
      return [0, 0];
    case 'matrix':
      return [2, 2];
    case 'cholesky_factor_cov':
      return [1, 2];
    default:
      return [1, 1];
  }
}
