/**
 * Table-driven checks of every distribution entry: its reference cases by
 * constant folding and traced through the f64 backend, and the gradient of
 * the log density with respect to every continuous argument against
 * central finite differences. Adding a distribution adds its tests.
 */
import { describe, expect, it } from 'vitest';
import { distributions, findDistribution, splitDistributionCall } from '../../stdlib/index.js';
import type { DistributionEntry, ReferenceCase } from '../../stdlib/types.js';
import { GraphBuilder } from '../../src/ir/graph.js';
import { gradientError } from '../ir/evaluate.js';
import type { Val } from '../../src/ir/ops.js';
import { LangevinError } from '../../src/errors.js';
import { close, constantOf, flatten, isContinuous, scalarOf, tracedDensity, type Plain } from './helpers.js';

const REQUIRED = [
  'normal',
  'std_normal',
  'student_t',
  'cauchy',
  'double_exponential',
  'logistic',
  'lognormal',
  'exponential',
  'gamma',
  'inv_gamma',
  'beta',
  'uniform',
  'chi_square',
  'inv_chi_square',
  'weibull',
  'multi_normal',
  'multi_normal_cholesky',
  'dirichlet',
  'bernoulli',
  'bernoulli_logit',
  'binomial',
  'binomial_logit',
  'poisson',
  'poisson_log',
  'neg_binomial_2',
  'neg_binomial_2_log',
  'categorical',
  'categorical_logit',
];

/** Cases sitting on the boundary of a support (finite differences would step outside). */
function onBoundary(entry: DistributionEntry, c: ReferenceCase): boolean {
  return c.args.some((a, i) => {
    if (!isContinuous(entry, i)) return false;
    const constraint = i === 0 ? entry.support : entry.params[i - 1]!.constraint;
    const values = flatten(a as Plain);
    if (constraint === 'unit') return values.some((v) => v <= 1e-3 || v >= 1 - 1e-3);
    if (constraint === 'positive' || constraint === 'nonnegative') return values.some((v) => v <= 1e-3);
    return false;
  });
}

/** One argument (0 = the variate, i = parameter i) set outside its support. */
interface Probe {
  index: number;
  label: string;
  value: (arg: Plain, args: Plain[]) => Plain;
}

/** Replace every element of a plain argument. */
const every = (arg: Plain, v: number): Plain => (typeof arg === 'number' ? v : flatten(arg).map(() => v));

/** The out-of-support values this table knows how to make for each constraint and support. */
function outOfSupport(entry: DistributionEntry): Probe[] {
  const probes: Probe[] = [];
  entry.params.forEach((p, i) => {
    const index = i + 1;
    if (p.constraint === 'positive' || p.constraint === 'nonnegative') {
      probes.push({ index, label: `${p.name} = -0.5`, value: (a) => every(a, -0.5) });
    } else if (p.constraint === 'unit') {
      probes.push({ index, label: `${p.name} = 1.5`, value: (a) => every(a, 1.5) });
    }
  });
  const support = entry.support;
  const y = (label: string, value: Probe['value']) => probes.push({ index: 0, label: `y = ${label}`, value });
  if (support === 'positive' || support === 'nonnegative') y('-0.5', (a) => every(a, -0.5));
  else if (support === 'unit') y('1.5', (a) => every(a, 1.5));
  else if (support === 'bounded') y('upper bound + 1', (_a, args) => (args[2] as number) + 1);
  else if (support === 'y>=y_min') y('y_min / 2', (_a, args) => (args[1] as number) / 2);
  else if (support === 'int in {0,1}') y('2', (a) => every(a, 2));
  else if (support === 'int in 0..N') y('N + 1', (a, args) => every(a, Math.max(...flatten(args[1]!)) + 1));
  else if (support === 'int>=0') y('-1', (a) => every(a, -1));
  else if (support === 'int in 1..K') y('0', (a) => every(a, 0));
  else if (support === 'counts') y('a negative count', (a) => flatten(a).map((v, k) => (k === 0 ? -1 : v)));
  return probes;
}

/**
 * Distributions with no argument that can leave its support here, and why
 * (every other entry is probed; an entry listed here that gains a probe fails).
 */
const NO_OUT_OF_SUPPORT: Record<string, string> = {
  std_normal: 'real variate, no parameters',
  multi_normal:
    'real variates and location; Sigma is a cov_matrix, kept by its transform and checked when read as data',
  multi_normal_prec:
    'real variates and location; Omega is a cov_matrix, kept by its transform and checked when read as data',
  multi_normal_cholesky:
    'real variates and location; L is a Cholesky factor, kept by its transform and checked when read as data',
  gaussian_dlm_obs:
    'real observations, loadings and transitions; V, W and C0 are covariance matrices, kept by their transforms and checked when read as data',
};

describe('the distribution table', () => {
  it('has every required distribution, once', () => {
    const names = distributions.map((d) => d.name);
    for (const name of REQUIRED) expect(names, name).toContain(name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives every entry reference cases, an rng and a doc line', () => {
    for (const d of distributions) {
      expect(d.cases.length, d.name).toBeGreaterThanOrEqual(2);
      // Stan has no _rng for the GLMs or gaussian_dlm_obs
      if (!d.name.endsWith('_glm') && d.name !== 'gaussian_dlm_obs') expect(d.rng, d.name).toBeDefined();
      expect(d.doc.length, d.name).toBeGreaterThan(5);
    }
  });

  it('resolves suffixed calls', () => {
    expect(splitDistributionCall('normal_lpdf')?.entry.name).toBe('normal');
    expect(splitDistributionCall('poisson_lpmf')?.suffix).toBe('lpmf');
    expect(splitDistributionCall('poisson_lpdf')).toBeUndefined();
    expect(splitDistributionCall('normal_lcdf')?.suffix).toBe('lcdf');
    expect(splitDistributionCall('dirichlet_lcdf')).toBeUndefined();
    expect(findDistribution('nromal')).toBeUndefined();
  });
});

describe.each(distributions.map((d) => [d.name, d] as const))('%s', (_name, entry) => {
  it('folds its reference cases to the reference log density', () => {
    for (const c of entry.cases) {
      const ops = new GraphBuilder();
      const [y, ...params] = c.args.map((a) => constantOf(ops, a as Plain)) as [Val, ...Val[]];
      const got = scalarOf(entry.logDensity(ops, y, params));
      expect(
        close(got, c.logDensity, 1e-9),
        `${JSON.stringify(c.args)}: got ${got}, want ${c.logDensity} (${c.source})`,
      ).toBe(true);
    }
  });

  it('traces to the same value, with gradients matching finite differences', () => {
    let checked = 0;
    for (const c of entry.cases) {
      if (!Number.isFinite(c.logDensity) || onBoundary(entry, c)) continue;
      const { build, x } = tracedDensity(entry, c.args as Plain[]);
      if (x.length === 0) continue;
      const r = gradientError(build, x, [x.length], 1e-4);
      const label = `${JSON.stringify(c.args)}: value ${r.value} vs ${c.logDensity}; grad ${Array.from(r.gradient)} vs ${Array.from(r.numeric)}`;
      expect(close(r.value, c.logDensity, 1e-8), label).toBe(true);
      expect(r.maxError, label).toBeLessThan(1e-5);
      checked++;
    }
    if (entry.name !== 'std_normal' || checked > 0) expect(checked).toBeGreaterThan(0);
  });

  it('rejects every argument outside its support (-Infinity, or a user error for an integer outcome)', () => {
    const probes = outOfSupport(entry);
    if (entry.name in NO_OUT_OF_SUPPORT) {
      expect(probes, `${entry.name} has probes now: remove it from NO_OUT_OF_SUPPORT`).toEqual([]);
      return;
    }
    expect(
      probes.length,
      `${entry.name}: no out-of-support probe; add one or list it in NO_OUT_OF_SUPPORT`,
    ).toBeGreaterThan(0);
    const first = entry.cases.find((c) => Number.isFinite(c.logDensity))!;
    for (const probe of probes) {
      const args = first.args.map((a, k) =>
        k === probe.index ? probe.value(a as Plain, first.args as Plain[]) : a,
      ) as Plain[];
      const ops = new GraphBuilder();
      const density = () => {
        const [y, ...params] = args.map((a) => constantOf(ops, a)) as [Val, ...Val[]];
        return scalarOf(entry.logDensity(ops, y, params));
      };
      if (probe.index === 0 && entry.discrete) {
        // Integer outcomes are data: -Infinity, or a user error where the outcome picks an element (categorical).
        let value: number | 'user error';
        try {
          value = density();
        } catch (error) {
          if (!(error instanceof LangevinError)) throw error;
          value = 'user error';
        }
        expect([-Infinity, 'user error'], probe.label).toContain(value);
        continue;
      }
      expect(density(), probe.label).toBe(-Infinity);
      // and as a parameter: a select node, -Infinity at run time
      if (isContinuous(entry, probe.index)) {
        const { build, x } = tracedDensity(entry, args);
        expect(gradientError(build, x, [x.length]).value, `${probe.label}, traced`).toBe(-Infinity);
      }
    }
  });
});

describe('vectorisation', () => {
  it('rejects containers of different sizes with a user error', () => {
    const ops = new GraphBuilder();
    const normal = findDistribution('normal')!;
    expect(() =>
      normal.logDensity(ops, constantOf(ops, [1, 2, 3]), [constantOf(ops, [0, 1]), ops.constant(1)]),
    ).toThrow(LangevinError);
  });

  it('counts a scalar-only term once per element', () => {
    const ops = new GraphBuilder();
    const normal = findDistribution('normal')!;
    const one = scalarOf(normal.logDensity(ops, ops.constant(0), [ops.constant(0), ops.constant(2)]));
    const three = scalarOf(normal.logDensity(ops, constantOf(ops, [0, 0, 0]), [ops.constant(0), ops.constant(2)]));
    expect(three).toBeCloseTo(3 * one, 12);
  });

  it('rejects categorical outcomes outside 1..K', () => {
    const ops = new GraphBuilder();
    const cat = findDistribution('categorical')!;
    expect(() => cat.logDensity(ops, ops.constant(4), [constantOf(ops, [0.2, 0.3, 0.5])])).toThrow(LangevinError);
  });
});
