/**
 * `--reference FILE`: the energy distance between draws and a reference
 * sample, over the columns the reference names. Its header may use Stan
 * names (`x[1]`) or CSV names (`x.1`); a header that names no output is
 * matched by position to the first outputs.
 */
import { energyDistance } from '../diagnostics/energy-distance.js';
import { LangevinError } from '../errors.js';
import { csvColumnName } from '../io/cmdstan-csv.js';
import type { PointTable } from '../io/points-csv.js';

/** Which output column each reference column is (by name, else by position). */
export function referenceColumns(outputNames: readonly string[], reference: PointTable): number[] {
  const byName = reference.names.map((name) => {
    const i = outputNames.indexOf(name);
    return i >= 0 ? i : outputNames.map(csvColumnName).indexOf(name);
  });
  if (byName.every((i) => i >= 0)) return byName;
  if (byName.some((i) => i >= 0)) {
    const missing = reference.names.filter((_, j) => byName[j]! < 0);
    throw new LangevinError(
      `--reference: column(s) ${missing.join(', ')} name no parameter of the model (${outputNames.join(', ')})`,
    );
  }
  if (reference.dim > outputNames.length) {
    throw new LangevinError(
      `--reference: ${reference.dim} columns, but the model has ${outputNames.length} outputs (${outputNames.join(', ')})`,
    );
  }
  return reference.names.map((_, j) => j);
}

/**
 * Energy distance 2E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖ between the n draws
 * (n × outputNames.length) and the reference points.
 * @example
 * ```ts
 * import { parsePointsCsv, referenceEnergyDistance } from 'langevin';
 * const grid = (shift) => Array.from({ length: 101 }, (_, i) => -1 + i / 50 + shift);
 * const reference = parsePointsCsv(['x', ...grid(0)].join('\n'));
 * // draws (n × outputs, row-major) against the reference's column of the same name:
 * // about 0 for draws like the reference (unbiased, so it can dip below 0), large when apart
 * const near = referenceEnergyDistance(Float64Array.from(grid(0.01)), 101, ['x'], reference);
 * const far = referenceEnergyDistance(Float64Array.from(grid(3)), 101, ['x'], reference);
 * console.log(near.toFixed(3), far.toFixed(3)); // → -0.013 4.640
 * ```
 */
export function referenceEnergyDistance(
  outputs: Float64Array,
  n: number,
  outputNames: readonly string[],
  reference: PointTable,
): number {
  const columns = referenceColumns(outputNames, reference);
  const P = outputNames.length;
  const k = columns.length;
  const x = new Float64Array(n * k);
  for (let r = 0; r < n; r++) for (let j = 0; j < k; j++) x[r * k + j] = outputs[r * P + columns[j]!]!;
  if (n < 2 || reference.n < 2)
    throw new LangevinError('--reference: the energy distance needs at least two draws and two reference points');
  return energyDistance(x, n, reference.points, reference.n, k);
}
