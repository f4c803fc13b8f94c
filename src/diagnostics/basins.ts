import { closestName, InternalError, LangevinError } from '../errors.js';

/** A basin centre: values for some named parameters, e.g. {x: -1}. */
export type BasinCenter = Record<string, number>;

export interface BasinOccupancy {
  radius: number;
  /** Fraction of all draws within `radius` of each centre (nearest centre when several). */
  occupancy: Array<{ center: BasinCenter; fraction: number }>;
  /**
   * Per chain, how often the chain moved from one basin to another: the
   * draws outside every basin are skipped, so a transition is an arrival in
   * a basin other than the last one visited. Few transitions in a long run
   * is the metastability of LMC on a multi-well potential.
   */
  transitions_per_chain: number[];
}

/**
 * Parse the CLI's `--basins "x=-1; x=1"` (or with several coordinates,
 * "theta[1]=-1, theta[2]=0; theta[1]=1, theta[2]=0"): centres separated by
 * ';', assignments by ',' outside brackets.
 */
export function parseBasins(spec: string): BasinCenter[] {
  const centers: BasinCenter[] = [];
  for (const part of spec.split(';')) {
    if (part.trim() === '') continue;
    const center: BasinCenter = {};
    for (const assignment of splitOutsideBrackets(part)) {
      const eq = assignment.indexOf('=');
      const name = eq < 0 ? '' : assignment.slice(0, eq).trim();
      const text = eq < 0 ? '' : assignment.slice(eq + 1).trim();
      const value = Number(text);
      if (name === '' || text === '' || !Number.isFinite(value))
        throw new LangevinError(
          `--basins: '${assignment.trim()}' is not of the form name=number (expected e.g. "x=-1; x=1")`,
        );
      center[name] = value;
    }
    centers.push(center);
  }
  if (centers.length === 0) throw new LangevinError('--basins: no basin given (expected e.g. "x=-1; x=1")');
  return centers;
}

function splitOutsideBrackets(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim() !== '');
}

/**
 * Basin occupancy and transitions from draws `outputs` (chains × draws × P,
 * row-major, columns named by `names`). Distances are Euclidean over the
 * coordinates each centre names. A centre naming an unknown column is a
 * user error (with the closest name suggested).
 */
export function basinOccupancy(
  outputs: Float64Array,
  chains: number,
  draws: number,
  names: readonly string[],
  centers: readonly BasinCenter[],
  radius: number,
): BasinOccupancy {
  const P = names.length;
  if (outputs.length !== chains * draws * P)
    throw new InternalError(`basinOccupancy: ${outputs.length} values for ${chains} × ${draws} × ${P}`);
  if (!(radius > 0)) throw new LangevinError(`--basin-radius must be positive, got ${radius}`);
  const index = new Map(names.map((name, i) => [name, i]));
  const resolved = centers.map((center) =>
    Object.entries(center).map(([name, value]) => {
      const column = index.get(name);
      if (column === undefined) {
        const suggestion = closestName(name, names);
        throw new LangevinError(
          `--basins: no parameter named '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        );
      }
      return { column, value };
    }),
  );

  const counts = new Float64Array(centers.length);
  const transitions: number[] = [];
  const r2 = radius * radius;
  for (let c = 0; c < chains; c++) {
    let current = -1;
    let moves = 0;
    for (let t = 0; t < draws; t++) {
      const row = (c * draws + t) * P;
      let basin = -1;
      let best = Infinity;
      for (let j = 0; j < resolved.length; j++) {
        let s = 0;
        for (const { column, value } of resolved[j]!) {
          const d = outputs[row + column]! - value;
          s += d * d;
        }
        if (s <= r2 && s < best) {
          best = s;
          basin = j;
        }
      }
      if (basin < 0) continue;
      counts[basin] = counts[basin]! + 1;
      if (current >= 0 && basin !== current) moves++;
      current = basin;
    }
    transitions.push(moves);
  }
  const total = chains * draws;
  return {
    radius,
    occupancy: centers.map((center, j) => ({ center: { ...center }, fraction: total > 0 ? counts[j]! / total : 0 })),
    transitions_per_chain: transitions,
  };
}
