/**
 * How a univariate (vectorised) distribution entry is assembled from its
 * elementwise formulas: Stan's broadcasting of the variate and parameters,
 * the sum over elements, and the support guards that make a parameter (or
 * a parameter-valued variate) outside its support give -Infinity instead of
 * Stan's error. Guards come from the declared constraints, so the table
 * entries only state formulas.
 */
import type { Ops, Val } from '../../src/ir/ops.js';
import type { DistributionEntry, ParamSpec, ReferenceCase, Rng } from '../types.js';
import { Build, broadcast } from '../build.js';
import { referenceCases } from './reference-cases.js';

/** The elementwise log density / log CDF of one element (all inputs broadcast). */
export type Elementwise = (b: Build, y: Val, p: Val[]) => Val;

export interface UnivariateSpec {
  name: string;
  discrete?: boolean;
  /** 'reals' for continuous, 'ints' for discrete variates. */
  variate?: string;
  support:
    'real' | 'positive' | 'nonnegative' | 'unit' | 'int>=0' | 'int in {0,1}' | 'int in 0..N' | 'bounded' | 'y>=y_min';
  params: ParamSpec[];
  density: Elementwise;
  logCdf?: Elementwise;
  logCcdf?: Elementwise;
  /** One draw from plain-number parameters. */
  sample: (rng: Rng, p: number[]) => number;
  doc: string;
  /** Extra hand-written cases on top of the generated reference cases. */
  cases?: ReferenceCase[];
}

export function univariate(spec: UnivariateSpec): DistributionEntry {
  const guard = (b: Build, lp: Val, y: Val, p: Val[], forDensity: boolean): Val => {
    let out = lp;
    spec.params.forEach((ps, i) => {
      if (ps.constraint === 'positive') out = b.positive(out, p[i]!);
      else if (ps.constraint === 'nonnegative' || ps.constraint === 'int>=0') out = b.nonnegative(out, p[i]!);
      else if (ps.constraint === 'unit') out = b.unit(out, p[i]!);
    });
    if (forDensity) {
      if (spec.support === 'positive' || spec.support === 'nonnegative' || spec.support === 'int>=0')
        out = b.nonnegative(out, y);
      else if (spec.support === 'unit' || spec.support === 'int in {0,1}') out = b.unit(out, y);
    }
    return out;
  };
  const build =
    (f: Elementwise, forDensity: boolean) =>
    (ops: Ops, y: Val, params: Val[], dropped?: (c: number) => void): Val => {
      const b = new Build(ops);
      const { args, n } = broadcast(ops, spec.name, [y, ...params]);
      const [yb, ...pb] = args as [Val, ...Val[]];
      const elementwise = f(b, yb, pb);
      if (dropped) dropped(b.constantPart(elementwise, n));
      let lp = b.total(elementwise, n);
      // 0 <= n <= N elementwise (N is the first parameter), on the broadcast values.
      if (forDensity && spec.support === 'int in 0..N')
        lp = b.unless(b.or(b.lt(yb, 0), b.gt(yb, pb[0]!)), -Infinity, lp);
      return guard(b, lp, y, params, forDensity);
    };
  const entry: DistributionEntry = {
    name: spec.name,
    discrete: spec.discrete ?? false,
    variate: spec.variate ?? (spec.discrete ? 'ints' : 'reals'),
    support: spec.support,
    params: spec.params,
    logDensity: build(spec.density, true),
    rng: (rng, params) =>
      spec.sample(
        rng,
        params.map((x) => (typeof x === 'number' ? x : x[0]!)),
      ),
    cases: [...(referenceCases[spec.name] ?? []), ...(spec.cases ?? [])],
    doc: spec.doc,
  };
  if (spec.logCdf) entry.logCdf = build(spec.logCdf, false);
  if (spec.logCcdf) entry.logCcdf = build(spec.logCcdf, false);
  return entry;
}

export const real = (name: string): ParamSpec => ({ name, type: 'reals', constraint: 'real' });
export const positive = (name: string): ParamSpec => ({ name, type: 'reals', constraint: 'positive' });
export const unitParam = (name: string): ParamSpec => ({ name, type: 'reals', constraint: 'unit' });
export const count = (name: string): ParamSpec => ({ name, type: 'ints', constraint: 'int>=0' });
