/**
 * Stan JSON-shaped values of parameters (nested arrays, matrices as rows)
 * to and from flat row-major Float64Arrays, with the shape checked and a
 * message that names the variable.
 */
import { LangevinError } from '../../errors.js';
import { columnMajorOrder } from '../names.js';
import type { DataValue, ModelData } from '../../model/types.js';

/** Row-major numbers of `value`, which must have exactly `shape`. */
export function flattenValue(
  name: string,
  value: DataValue | undefined,
  shape: readonly number[],
  what: string,
): Float64Array {
  if (value === undefined) throw new LangevinError(`${what} has no value for '${name}'`);
  const out: number[] = [];
  const walk = (v: DataValue, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number' && !isNumericString(v)) {
        throw new LangevinError(`${what}: '${name}${path}' should be a number, got ${describe(v)}`);
      }
      out.push(Number(v));
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      const expected = shape.slice(depth).join(' × ');
      throw new LangevinError(`${what}: '${name}${path}' should be an array of ${expected}, got ${describe(v)}`);
    }
    v.forEach((x, i) => walk(x, depth + 1, `${path}[${i + 1}]`));
  };
  walk(value, 0, '');
  return Float64Array.from(out);
}

/** Nested arrays of `shape` from row-major numbers. */
export function nestValue(flat: ArrayLike<number>, shape: readonly number[]): DataValue {
  let k = 0;
  const build = (depth: number): DataValue => {
    if (depth === shape.length) return flat[k++]!;
    return Array.from({ length: shape[depth]! }, () => build(depth + 1));
  };
  return build(0);
}

// Stan JSON writes infinities and NaN as strings.
function isNumericString(v: unknown): boolean {
  return v === 'Inf' || v === '-Inf' || v === 'Infinity' || v === '-Infinity' || v === 'NaN';
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return JSON.stringify(v) ?? String(v);
}

/**
 * Outputs in CmdStan's order (column-major within each variable, as
 * `constrain` and `generate` return them) → Stan JSON-shaped values, for
 * the first variables of `parameters` that `flat` covers.
 */
export function outputsToJson(
  parameters: ReadonlyArray<{ name: string; shape: number[] }>,
  flat: ArrayLike<number>,
): ModelData {
  const out: ModelData = {};
  let k = 0;
  for (const p of parameters) {
    const size = p.shape.reduce((a, b) => a * b, 1);
    if (k + size > flat.length) break;
    const rowMajor = new Float64Array(size);
    const order = columnMajorOrder(p.shape);
    for (let i = 0; i < size; i++) rowMajor[order[i]!] = flat[k + i]!;
    out[p.name] = nestValue(rowMajor, p.shape);
    k += size;
  }
  return out;
}
