/**
 * Example models written with the builder must be the models of
 * examples/models/*.stan: the same AST as the parsed file, Stan text that
 * parses back to the builder's AST, and the same log density and gradient
 * (and generated quantities) at random points under the f64 backend.
 */
import { describe, expect, test } from 'vitest';
import { parse } from '../../src/language/parse.js';
import { compile } from '../../src/compile/compile.js';
import {
  model,
  int,
  real,
  vector,
  matrix,
  array,
  v,
  all,
  normal,
  cauchy,
  bernoulliLogit,
  mean,
  sd,
  invLogit,
  square,
  forRange,
  assign,
  target,
  decl,
  type ModelBuilder,
} from '../../src/builder/index.js';
import { example, expectClose, expectSameDensity, randomPoints, seededRng, withoutSpans } from './helpers.js';

const eightSchools = (): ModelBuilder =>
  model('eight_schools_noncentered')
    .data('J', int().lower(0))
    .data('y', array('J', real()))
    .data('sigma', array('J', real().lower(0)))
    .parameter('mu', real())
    .parameter('tau', real().lower(0))
    .parameter('theta_tilde', vector('J'))
    .transformedParameter('theta', vector('J'), v('mu').add(v('tau').mul('theta_tilde')))
    .sample('mu', normal(0, 5))
    .sample('tau', cauchy(0, 5))
    .sample('theta_tilde', normal(0, 1))
    .sample('y', normal('theta', 'sigma'));

const kidiq = (): ModelBuilder =>
  model('kidiq')
    .data('N', int().lower(0))
    .data('kid_score', vector('N'))
    .data('mom_iq', vector('N'))
    .parameter('beta', vector(2))
    .parameter('sigma', real().lower(0))
    .sample('sigma', cauchy(0, 2.5))
    .sample('kid_score', normal(v('beta').index(1).add(v('beta').index(2).mul('mom_iq')), 'sigma'));

const logisticRegression = (): ModelBuilder => {
  const column = (x: string) => v(x).index(all, 'k');
  const eta = v('alpha').add(v('X_std').mul('beta'));
  return model('logistic_regression')
    .data('N', int().lower(0))
    .data('K', int().lower(1))
    .data('X', matrix('N', 'K'))
    .data('y', array('N', int().lower(0).upper(1)))
    .transformedData('X_std', matrix('N', 'K'))
    .transformedData(
      forRange('k', 1, 'K', [
        assign(
          column('X_std'),
          column('X')
            .sub(mean(column('X')))
            .div(sd(column('X'))),
        ),
      ]),
    )
    .parameter('alpha', real())
    .parameter('beta', vector('K'))
    .sample('alpha', normal(0, 2.5))
    .sample('beta', normal(0, 1))
    .sample('y', bernoulliLogit(eta))
    .generated('p', vector('N'), invLogit(eta))
    .generated('y_rep', array('N', int()), bernoulliLogit(eta).rng());
};

const doubleWell = (): ModelBuilder =>
  model('double_well')
    .parameter('x', real())
    .potential(square(square('x').sub(1)));

const cases: Array<[string, () => ModelBuilder]> = [
  ['eight_schools_noncentered', eightSchools],
  ['kidiq', kidiq],
  ['logistic_regression', logisticRegression],
  ['double_well', doubleWell],
];

describe.each(cases)('%s: builder and model file agree', (file, build) => {
  const { source, data } = example(file);

  test('the builder AST is the parsed file (up to spans)', () => {
    expect(withoutSpans(build().toAST())).toEqual(withoutSpans(parse(source)));
  });

  test('toStan() parses back to the builder AST', () => {
    const m = build();
    expect(withoutSpans(parse(m.toStan()))).toEqual(withoutSpans(m.toAST()));
  });

  test('same log density, gradient and generated quantities (f64)', async () => {
    const fromText = await compile(source, { data, backend: 'f64', file: `${file}.stan` });
    const fromBuilder = await build().compile({ data, backend: 'f64' });
    expect(fromBuilder.name).toBe(build().name);
    expect(fromBuilder.outputNames).toEqual(fromText.outputNames);
    expectSameDensity(fromText, fromBuilder, 20261127);

    const chains = 3;
    const x = randomPoints(chains, fromText.dim, 7);
    expectClose(fromBuilder.generate(x, chains, seededRng(11)), fromText.generate(x, chains, seededRng(11)), 0);
  });
});

describe('builder models against independent references', () => {
  test('double well: log p(x) = −(x² − 1)², d/dx = −4x(x² − 1)', () => {
    const m = doubleWell().compileSync();
    const xs = Float64Array.from([-1.7, -1, -0.3, 0, 0.4, 1, 2.2]);
    const { logDensity, gradient } = m.logDensityAndGradient(xs, xs.length);
    expectClose(
      logDensity,
      Array.from(xs, (x) => -((x * x - 1) ** 2)),
      1e-14,
    );
    expectClose(
      gradient,
      Array.from(xs, (x) => -4 * x * (x * x - 1)),
      1e-14,
    );
  });

  test('the tfjs backend runs a builder model too (float32 tolerance)', async () => {
    const { source, data } = example('eight_schools_noncentered');
    const fromText = await compile(source, { data, backend: 'f64' });
    const onTfjs = await eightSchools().compile({ data, backend: 'tfjs' });
    try {
      expect(onTfjs.backend).toBe('tfjs');
      expectSameDensity(fromText, onTfjs, 3, 1e-4);
    } finally {
      onTfjs.dispose();
    }
  });

  test('kidiq written with a loop and target += normal_lpdf has the density of the vectorised file', async () => {
    const { source, data } = example('kidiq');
    const looped = model('kidiq_loop')
      .data('N', int().lower(0))
      .data('kid_score', vector('N'))
      .data('mom_iq', vector('N'))
      .parameter('beta', vector(2))
      .parameter('sigma', real().lower(0))
      .target(cauchy(0, 2.5).lpdf('sigma'))
      .model(
        decl('mu', vector('N')),
        forRange('n', 1, 'N', (n) =>
          assign(
            v('mu').index(n),
            v('beta')
              .index(1)
              .add(v('beta').index(2).mul(v('mom_iq').index(n))),
          ),
        ),
        forRange('n', 1, 'N', (n) => target(normal(v('mu').index(n), 'sigma').lpdf(v('kid_score').index(n)))),
      );
    const fromText = await compile(source, { data, backend: 'f64' });
    expectSameDensity(fromText, looped.compileSync({ data }), 5, 1e-10);
  });
});
