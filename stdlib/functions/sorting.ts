/**
 * Sorting and ranking. The result's order depends on the values, which the
 * density graph cannot express for parameters, so these accept values
 * known before sampling (data, transformed data, generated quantities) and
 * report anything else as an unsupported use.
 */
import { LangevinError } from '../../src/errors.js';
import type { Val } from '../../src/ir/ops.js';
import type { FunctionEntry } from '../types.js';
import { constantInt } from '../build.js';
import { fn, type SigSpec } from './define.js';

const SORTABLE = ['array[] int', 'array[] real', 'vector', 'row_vector'] as const;

function known(name: string, x: Val): Float64Array {
  if (!x.constant) {
    throw new LangevinError(
      `${name} of values that depend on parameters is not supported yet (data and generated quantities only)`,
    );
  }
  return x.constant;
}

/** Permutation (0-based) that sorts x, stable, NaN last. */
function order(values: Float64Array, descending: boolean): number[] {
  const idx = Array.from(values, (_, i) => i);
  const key = (v: number) => (Number.isNaN(v) ? Infinity : descending ? -v : v);
  return idx.sort((a, b) => key(values[a]!) - key(values[b]!) || a - b);
}

function sorted(name: string, descending: boolean): FunctionEntry {
  const sigs = SORTABLE.map((t): SigSpec => [[t], t]);
  return fn(
    name,
    `Elements in ${descending ? 'descending' : 'ascending'} order (values known before sampling).`,
    sigs,
    (ops, [x]) => {
      const v = known(name, x!);
      return ops.constant(
        Float64Array.from(order(v, descending), (i) => v[i]!),
        x!.shape,
      );
    },
  );
}

function sortedIndices(name: string, descending: boolean): FunctionEntry {
  const sigs = SORTABLE.map((t): SigSpec => [[t], 'array[] int']);
  return fn(
    name,
    `1-based indices that sort the elements in ${descending ? 'descending' : 'ascending'} order.`,
    sigs,
    (ops, [x]) => {
      const v = known(name, x!);
      return ops.constant(
        Float64Array.from(order(v, descending), (i) => i + 1),
        [v.length],
      );
    },
  );
}

export const sortingFunctions: FunctionEntry[] = [
  sorted('sort_asc', false),
  sorted('sort_desc', true),
  sortedIndices('sort_indices_asc', false),
  sortedIndices('sort_indices_desc', true),
  fn(
    'rank',
    'rank(v, s): how many elements of v are less than v[s] (1-based s).',
    SORTABLE.map((t): SigSpec => [[t, 'int'], 'int']),
    (ops, [x, sVal]) => {
      const v = known('rank', x!);
      const s = constantInt(sVal!, 'the index in rank');
      if (s < 1 || s > v.length) throw new LangevinError(`rank: index ${s} is outside 1..${v.length}`);
      const pivot = v[s - 1]!;
      return ops.constant(v.reduce((n, e) => n + (e < pivot ? 1 : 0), 0));
    },
  ),
];
