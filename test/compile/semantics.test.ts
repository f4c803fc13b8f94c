/**
 * Language semantics of the lowering: ~ versus target +=, noise,
 * potential +=, truncation, the ternary on parameters, control flow at
 * compile time, indexing, assignment forms, and the user errors.
 */
import { describe, expect, test } from 'vitest';
import { compileSync, lowerToGraph } from '../../src/compile/compile.js';
import { LangevinError } from '../../src/errors.js';
import { example, normalLpdf, points } from './helpers.js';

const lp = (source: string, x: number[], data = {}, noise = 0): number =>
  compileSync(source, { data }).logDensity(Float64Array.from(x), 1, { noise })[0]!;

function userError(source: string, data = {}): LangevinError {
  try {
    compileSync(source, { data });
  } catch (error) {
    expect(error).toBeInstanceOf(LangevinError);
    return error as LangevinError;
  }
  throw new Error('expected a LangevinError');
}

describe('log density statements', () => {
  test('~ and target += *_lpdf agree (constants kept)', () => {
    const { source, data } = example('normal_target');
    const tilde = source
      .replace('target += normal_lpdf(mu | 0, 10);', 'mu ~ normal(0, 10);')
      .replace('target += cauchy_lpdf(sigma | 0, 5);', 'sigma ~ cauchy(0, 5);')
      .replace('target += normal_lpdf(y | mu, sigma);', 'y ~ normal(mu, sigma);');
    expect(tilde).not.toBe(source);
    for (const seed of [1, 2]) {
      const x = Array.from(points(2, seed));
      expect(lp(tilde, x, data)).toBeCloseTo(lp(source, x, data), 10);
    }
  });

  test('potential += subtracts: the double well', () => {
    const { source } = example('double_well');
    for (const x of [-1.3, 0, 0.4, 2]) expect(lp(source, [x])).toBeCloseTo(-((x * x - 1) ** 2), 12);
  });

  test('noise: mixture_noise widens its components with the noise level', () => {
    const { source } = example('mixture_noise');
    const model = compileSync(source);
    expect(model.readsNoise).toBe(true);
    const expected = (x: number[], noise: number): number => {
      const s = Math.sqrt(1 + noise * noise);
      const a = Math.log(0.2) + normalLpdf(x[0]!, -5, s) + normalLpdf(x[1]!, -5, s);
      const b = Math.log(0.8) + normalLpdf(x[0]!, 5, s) + normalLpdf(x[1]!, 5, s);
      return Math.max(a, b) + Math.log(Math.exp(a - Math.max(a, b)) + Math.exp(b - Math.max(a, b)));
    };
    const x = [1.5, -0.5];
    for (const noise of [0, 0.5, 3]) {
      expect(model.logDensity(Float64Array.from(x), 1, { noise })[0]).toBeCloseTo(expected(x, noise), 10);
    }
    expect(compileSync(example('double_well').source).readsNoise).toBe(false);
  });

  test('truncation T[0, ] divides by the mass above 0', () => {
    const source = 'data { real y; } parameters { real mu; } model { y ~ normal(mu, 2) T[0, ]; }';
    const mu = 0.7;
    // P(Y > 0) for N(0.7, 2), computed with erfc.
    const mass = 0.5 * erfc(-mu / 2 / Math.SQRT2);
    expect(lp(source, [mu], { y: 1.2 })).toBeCloseTo(normalLpdf(1.2, mu, 2) - Math.log(mass), 8);
    // Below the truncation point the density is zero.
    expect(lp(source, [mu], { y: -1 })).toBe(-Infinity);
  });

  test('target += of a container sums it', () => {
    expect(lp('parameters { vector[3] x; } model { target += -x; }', [1, 2, 3])).toBeCloseTo(-6, 12);
  });
});

describe('control flow and expressions', () => {
  test('the ternary on a parameter lowers to a select', () => {
    const source = 'parameters { real x; } model { target += x > 0 ? -x : x; }';
    for (const x of [-2, 0.5, 3]) expect(lp(source, [x])).toBeCloseTo(-Math.abs(x), 12);
  });

  test('if on a parameter is a user error with a span', () => {
    const e = userError('parameters { real x; } model { if (x > 0) target += x; }');
    expect(e.diagnostics[0]!.message).toMatch(
      /control flow on parameter values is not supported; use the ternary operator or fmin\/fmax/,
    );
    expect(e.diagnostics[0]!.span?.start.column).toBe(36);
  });

  test('loops over data unroll; while, break and continue', () => {
    const source = `
      data { int N; }
      transformed data {
        int total = 0;
        int k = 0;
        while (1) { k += 1; if (k > N) break; if (k % 2 == 0) continue; total += k; }
      }
      parameters { real x; }
      model { target += total * x; for (i in 1:N) { if (i > 3) break; target += i; } }`;
    // total = 1 + 3 + 5 = 9 for N = 6; the for loop adds 1 + 2 + 3.
    expect(lp(source, [2], { N: 6 })).toBeCloseTo(9 * 2 + 6, 12);
  });

  test('integer arithmetic: / truncates on ints, %/% and %', () => {
    const source = `
      transformed data { real a = 7 / 2; real b = -7 / 2; real c = 7 %/% 2; real d = 7 % 3; real e = 7.0 / 2; }
      parameters { real x; }
      model { target += a * 10000 + b * 1000 + c * 100 + d * 10 + e; }`;
    expect(lp(source, [0])).toBeCloseTo(3 * 10000 - 3 * 1000 + 3 * 100 + 1 * 10 + 3.5, 10);
  });

  test('indexing: ranges, :, multi-indices, matrix rows and columns', () => {
    const source = `
      data { matrix[2, 3] M; array[2] int idx; }
      parameters { vector[4] v; }
      model {
        target += sum(v[2:3]) * 1000;           // v2 + v3
        target += sum(v[idx]) * 100;            // v4 + v1
        target += sum(M[2]) * 10;               // row 2: 4 + 5 + 6
        target += sum(M[:, 3]);                 // column 3: 3 + 6
        target += M[1, 2] * 0.1;                // 2
        target += (M[1:2, 2:3])[2, 1] * 0.01;   // 5
      }`;
    const v = [1, 2, 3, 4];
    const value = lp(source, v, {
      M: [
        [1, 2, 3],
        [4, 5, 6],
      ],
      idx: [4, 1],
    });
    expect(value).toBeCloseTo(5 * 1000 + 5 * 100 + 15 * 10 + 9 + 0.2 + 0.05, 9);
  });

  test('an out-of-range index is a user error', () => {
    const e = userError('data { array[3] real y; } parameters { real x; } model { target += y[4] * x; }', {
      y: [1, 2, 3],
    });
    expect(e.diagnostics[0]!.message).toBe('index 4 out of range; expecting index to be between 1 and 3');
    expect(e.diagnostics[0]!.span).toBeDefined();
  });

  test('element assignment in a loop, compound assignment', () => {
    const source = `
      parameters { real a; }
      transformed parameters {
        vector[4] s;
        s[1] = a;
        for (t in 2:4) s[t] = 2 * s[t - 1];
        s *= 2;
        s[2] += 1;
        s .*= [1, 1, 1, 2]';
      }
      model { target += sum(s); }`;
    // s = [a, 2a, 4a, 8a] * 2 = [2a, 4a, 8a, 16a]; s[2] += 1; s[4] *= 2 → sum = 2a+4a+1+8a+32a.
    expect(lp(source, [1.5])).toBeCloseTo(46 * 1.5 + 1, 12);
  });

  test('element assignment stays linear in the graph size', () => {
    const { source, data } = example('garch');
    const nodes = lowerToGraph(source, data).nodes.length;
    // Quadratic growth (a scatter per assignment) would be ~T² = 40000 nodes.
    expect(nodes).toBeLessThan(30 * (data.T as number));
  });

  test('a transformed parameter outside its bounds gives -inf', () => {
    const source = 'parameters { real x; } transformed parameters { real<lower=0> y = x; } model { x ~ normal(0, 1); }';
    expect(lp(source, [0.5])).toBeCloseTo(normalLpdf(0.5, 0, 1), 12);
    expect(lp(source, [-0.5])).toBe(-Infinity);
  });

  test('reject reached at compile time is a user error', () => {
    const e = userError(
      'data { int N; } transformed data { if (N < 1) reject("N must be positive, got ", N); } parameters { real x; } model { }',
      { N: 0 },
    );
    expect(e.diagnostics[0]!.message).toBe('reject: N must be positive, got 0');
  });

  test('_rng outside generated quantities / transformed data is a user error', () => {
    expect(() => compileSync('parameters { real x; } model { target += normal_rng(0, 1) * x; }')).toThrow(
      LangevinError,
    );
  });
});

/** erfc from the Maclaurin series of erf (accurate to ~1e-15 for |x| < 3). */
function erfc(x: number): number {
  // erf by its Maclaurin series (enough terms for |x| < 3 to reach 1e-15).
  let sum = x;
  let term = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return 1 - (2 / Math.sqrt(Math.PI)) * sum;
}
