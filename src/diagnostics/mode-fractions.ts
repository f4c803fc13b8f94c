import { InternalError, LangevinError } from '../errors.js';

export interface ModeFraction {
  center: number[];
  fraction: number;
}

/**
 * Mode weights: the fraction of the n draws (row-major n × dim) nearest to
 * each centre in Euclidean distance. Centres may give fewer coordinates than
 * `dim`; they are then compared over the first coordinates only. Ties go to
 * the first centre; draws with a non-finite coordinate count for none, so
 * the fractions then sum to less than one.
 */
export function modeFractions(
  draws: Float64Array,
  n: number,
  dim: number,
  centers: readonly number[][],
): ModeFraction[] {
  if (draws.length !== n * dim) throw new InternalError(`modeFractions: ${draws.length} values for ${n} × ${dim}`);
  if (centers.length === 0) return [];
  const k = centers[0]!.length;
  for (const c of centers) {
    if (c.length !== k) throw new LangevinError('every mode centre must have the same number of coordinates');
    if (k === 0 || k > dim)
      throw new LangevinError(`a mode centre has ${c.length} coordinates but the model has ${dim} parameters`);
  }
  const counts = new Float64Array(centers.length);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let j = 0; j < centers.length; j++) {
      let s = 0;
      for (let d = 0; d < k; d++) {
        const diff = draws[i * dim + d]! - centers[j]![d]!;
        s += diff * diff;
      }
      if (s < bestDistance) {
        bestDistance = s;
        best = j;
      }
    }
    if (best >= 0) counts[best] = counts[best]! + 1;
  }
  return centers.map((center, j) => ({ center: [...center], fraction: n > 0 ? counts[j]! / n : 0 }));
}

/**
 * Parse the CLI's `--modes "a,b;c,d"`: centres separated by ';', coordinates
 * by ','. A malformed number is a user error.
 */
export function parseModes(spec: string): number[][] {
  const centers = spec
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) =>
      part.split(',').map((text) => {
        const value = Number(text.trim());
        if (text.trim() === '' || !Number.isFinite(value))
          throw new LangevinError(`--modes: '${text.trim()}' in "${part}" is not a number (expected e.g. "-1,0; 1,0")`);
        return value;
      }),
    );
  if (centers.length === 0) throw new LangevinError('--modes: no centre given (expected e.g. "-1,0; 1,0")');
  const k = centers[0]!.length;
  if (centers.some((c) => c.length !== k))
    throw new LangevinError(`--modes: every centre needs the same number of coordinates ("${spec}")`);
  return centers;
}
