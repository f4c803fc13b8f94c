/**
 * Stan-style names of scalars: `theta[1]`, `L[2,3]`, 1-based, no spaces.
 * Outputs (constrain, generate, CSV columns) follow CmdStan's order, which
 * is column-major over all dimensions (the first index varies fastest,
 * arrays included: `L[1,1], L[2,1], L[1,2], …`). The unconstrained
 * coordinates are in our own row-major layout and named to match it.
 */
import { shapeSize } from '../ir/ops.js';

/** Element names of `name` with `shape` in row-major order. */
export function rowMajorNames(name: string, shape: readonly number[]): string[] {
  if (shape.length === 0) return [name];
  const out: string[] = [];
  const n = shapeSize(shape);
  for (let flat = 0; flat < n; flat++) out.push(`${name}[${multiIndex(flat, shape).join(',')}]`);
  return out;
}

/** Row-major flat positions listed in column-major order (first index fastest). */
export function columnMajorOrder(shape: readonly number[]): Int32Array {
  const n = shapeSize(shape);
  const order = new Int32Array(n);
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d]!;
  }
  const counters = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let flat = 0;
    for (let d = 0; d < shape.length; d++) flat += counters[d]! * strides[d]!;
    order[k] = flat;
    for (let d = 0; d < shape.length; d++) {
      if (++counters[d]! < shape[d]!) break;
      counters[d] = 0;
    }
  }
  return order;
}

/** Element names in CmdStan's (column-major) output order. */
export function outputNames(name: string, shape: readonly number[]): string[] {
  if (shape.length === 0) return [name];
  const rowMajor = rowMajorNames(name, shape);
  return Array.from(columnMajorOrder(shape), (flat) => rowMajor[flat]!);
}

/** 1-based multi-index of a row-major flat position. */
export function multiIndex(flat: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = (flat % shape[d]!) + 1;
    flat = Math.floor(flat / shape[d]!);
  }
  return out;
}
