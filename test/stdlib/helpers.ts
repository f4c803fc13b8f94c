/**
 * Test helpers for the stdlib: turning plain numbers into Ops values, a
 * seeded Rng (seedrandom + Box–Muller), and tolerant comparisons.
 */
import seedrandom from 'seedrandom';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { DistributionEntry, Rng } from '../../stdlib/types.js';

export type Plain = number | number[] | number[][];

/** The shape of a plain argument: [] scalar, [n] vector, [r, c] matrix / array of vectors. */
export function plainShape(a: Plain): number[] {
  if (!Array.isArray(a)) return [];
  if (a.length > 0 && Array.isArray(a[0])) return [a.length, (a[0] as number[]).length];
  return [a.length];
}

export function flatten(a: Plain): number[] {
  if (!Array.isArray(a)) return [a];
  return (a as Array<number | number[]>).flatMap((x) => (Array.isArray(x) ? x : [x]));
}

export function constantOf(ops: Ops, a: Plain): Val {
  return ops.constant(Float64Array.from(flatten(a)), plainShape(a));
}

/** A seeded Rng: uniform from seedrandom, normals by Box–Muller. */
export function seededRng(seed: string): Rng {
  const random = seedrandom(seed);
  let spare: number | undefined;
  return {
    uniform: () => {
      let u = random();
      while (u === 0) u = random();
      return u;
    },
    normal: () => {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = random();
      while (u === 0) u = random();
      const v = random();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** |a - b| <= tol · max(1, |b|), with equal infinities and NaN == NaN. */
export function close(a: number, b: number, tol: number): boolean {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

export function scalarOf(v: Val): number {
  if (!v.constant || v.constant.length !== 1)
    throw new Error(`expected a constant scalar, got shape [${v.shape.join(', ')}]`);
  return v.constant[0]!;
}

/** Whether argument i (0 = variate) is continuous, i.e. can be a parameter. */
export function isContinuous(entry: DistributionEntry, i: number): boolean {
  if (i === 0) return !entry.discrete;
  const type = entry.params[i - 1]!.type;
  return type !== 'ints' && type !== 'int';
}

/**
 * The log density as a traced function of one flat parameter vector
 * holding every continuous argument in turn; discrete arguments stay
 * constants. A covariance is symmetrised and a Cholesky factor masked to
 * its lower triangle, so finite differences see the same function.
 */
export function tracedDensity(
  entry: DistributionEntry,
  args: Plain[],
  which: 'logDensity' | 'logCdf' | 'logCcdf' = 'logDensity',
) {
  const slots: Array<{ offset: number; shape: number[] } | undefined> = [];
  const x: number[] = [];
  args.forEach((a, i) => {
    if (!isContinuous(entry, i)) return slots.push(undefined);
    slots.push({ offset: x.length, shape: plainShape(a) });
    x.push(...flatten(a));
  });
  const build = (ops: Ops, p: Val): Val => {
    const vals = args.map((a, i) => {
      const slot = slots[i];
      if (!slot) return constantOf(ops, a);
      const n = slot.shape.reduce((s, d) => s * d, 1);
      const idx = Int32Array.from({ length: n }, (_, k) => slot.offset + k);
      let v = ops.gather(p, idx, slot.shape);
      const constraint = i > 0 ? entry.params[i - 1]!.constraint : entry.support;
      if (constraint === 'cov') v = ops.binary('mul', ops.binary('add', v, ops.transpose(v)), ops.constant(0.5));
      if (constraint === 'cholesky') {
        const [r, c] = slot.shape as [number, number];
        const mask = Float64Array.from({ length: r * c }, (_, k) => (k % c <= Math.floor(k / c) ? 1 : 0));
        v = ops.binary('mul', v, ops.constant(mask, [r, c]));
      }
      return v;
    });
    const [y, ...params] = vals as [Val, ...Val[]];
    return entry[which]!(ops, y, params);
  };
  return { build, x };
}
