/**
 * constrain / generate: CmdStan names and order (column-major within a
 * variable), values on the constrained scale, transformed parameters and
 * generated quantities, _rng draws from the given stream.
 */
import { describe, expect, test } from 'vitest';
import { compileSync } from '../../src/compile/compile.js';
import { deriveStream } from '../../src/random/index.js';
import { example, points } from './helpers.js';

describe('output names', () => {
  test('parameters, transformed parameters, generated quantities; matrices column-major', () => {
    const model = compileSync(
      `parameters {
         real<lower=0> s;
         matrix[2, 3] m;
         array[2] vector[2] v;
       }
       transformed parameters { real t = 2 * s; }
       model { s ~ exponential(1); to_vector(m) ~ normal(0, 1); for (i in 1:2) v[i] ~ normal(0, 1); }
       generated quantities { array[2, 2] real g; for (i in 1:2) for (j in 1:2) g[i, j] = 10 * i + j; }`,
    );
    expect(model.unconstrainedNames).toEqual([
      's',
      'm[1,1]',
      'm[1,2]',
      'm[1,3]',
      'm[2,1]',
      'm[2,2]',
      'm[2,3]',
      'v[1,1]',
      'v[1,2]',
      'v[2,1]',
      'v[2,2]',
    ]);
    expect(model.outputNames).toEqual([
      's',
      'm[1,1]',
      'm[2,1]',
      'm[1,2]',
      'm[2,2]',
      'm[1,3]',
      'm[2,3]',
      'v[1,1]',
      'v[2,1]',
      'v[1,2]',
      'v[2,2]',
      't',
      'g[1,1]',
      'g[2,1]',
      'g[1,2]',
      'g[2,2]',
    ]);
    expect(model.constrainedDim).toBe(11);
    expect(model.parameters.map((p) => [p.name, p.block, p.shape])).toEqual([
      ['s', 'parameters', []],
      ['m', 'parameters', [2, 3]],
      ['v', 'parameters', [2, 2]],
      ['t', 'transformed parameters', []],
      ['g', 'generated quantities', [2, 2]],
    ]);
    expect(model.parameters[0]!.type).toBe('real<lower=0>');
    const x = Float64Array.from({ length: 11 }, (_, i) => i / 10);
    const out = model.generate(x, 1, deriveStream(1, 'g'));
    // s = exp(0), m row-major from x[1..6] written column-major, then v, t, g.
    expect(Array.from(out)).toEqual([1, 0.1, 0.4, 0.2, 0.5, 0.3, 0.6, 0.7, 0.9, 0.8, 1.0, 2, 11, 21, 12, 22]);
  });

  test('simplex has K − 1 unconstrained coordinates and K outputs', () => {
    const model = compileSync('parameters { simplex[4] theta; } model { }');
    expect(model.dim).toBe(3);
    expect(model.unconstrainedNames).toEqual(['theta[1]', 'theta[2]', 'theta[3]']);
    expect(model.outputNames).toEqual(['theta[1]', 'theta[2]', 'theta[3]', 'theta[4]']);
    const theta = model.constrain(Float64Array.of(0.3, -0.2, 1), 1);
    expect(theta.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // y = 0 everywhere is the centre of the simplex.
    for (const v of model.constrain(new Float64Array(3), 1)) expect(v).toBeCloseTo(0.25, 12);
  });
});

describe('generate', () => {
  test('eight schools: theta = mu + tau * theta_tilde, per chain', () => {
    const { source, data } = example('eight_schools_noncentered');
    const model = compileSync(source, { data });
    const x = points(20, 9);
    const out = model.generate(x, 2, deriveStream(1, 'g'));
    const width = model.outputNames.length;
    expect(width).toBe(18);
    for (let c = 0; c < 2; c++) {
      const mu = x[c * 10]!;
      const tau = Math.exp(x[c * 10 + 1]!);
      const row = out.subarray(c * width, (c + 1) * width);
      expect(row[0]).toBe(mu);
      expect(row[1]).toBeCloseTo(tau, 14);
      for (let j = 0; j < 8; j++) {
        expect(model.outputNames[10 + j]).toBe(`theta[${j + 1}]`);
        expect(row[10 + j]).toBeCloseTo(mu + tau * x[c * 10 + 2 + j]!, 12);
      }
    }
  });

  test('_rng draws come from the given stream and are reproducible', () => {
    const { source, data } = example('linear_regression_ppc');
    const model = compileSync(source, { data });
    const x = points(model.dim * 2, 3, 0.5);
    const a = model.generate(x, 2, deriveStream(5, 'gq'));
    const b = model.generate(x, 2, deriveStream(5, 'gq'));
    const c = model.generate(x, 2, deriveStream(6, 'gq'));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    const yRep = model.outputNames.indexOf('y_rep[1]');
    const mu1 = model.outputNames.indexOf('mu[1]');
    expect(yRep).toBeGreaterThan(0);
    // y_rep[1] ~ normal(mu[1], sigma): within 6 sigma.
    const sigma = a[model.outputNames.indexOf('sigma')]!;
    expect(Math.abs(a[yRep]! - a[mu1]!)).toBeLessThan(6 * sigma);
    // log_lik[n] = normal_lpdf(y[n] | mu[n], sigma)
    const y = example('linear_regression_ppc').data.y as number[];
    const ll = a[model.outputNames.indexOf('log_lik[1]')]!;
    const z = (y[0]! - a[mu1]!) / sigma;
    expect(ll).toBeCloseTo(-0.5 * Math.log(2 * Math.PI) - Math.log(sigma) - 0.5 * z * z, 10);
  });

  test('print in generated quantities goes to the print option', () => {
    const lines: string[] = [];
    const model = compileSync(
      'parameters { real x; } model { x ~ normal(0, 1); print("x=", x); } generated quantities { print("gq x=", x, " v=", [1, 2]); }',
      {
        print: (m) => lines.push(m),
      },
    );
    model.logDensity(Float64Array.of(0.5), 1);
    model.generate(Float64Array.of(0.5), 1, deriveStream(1));
    expect(lines).toEqual(['gq x=0.5 v=[1,2]']);
  });
});
