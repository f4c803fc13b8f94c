/**
 * Bounds decided per element, as Stan does: an infinite entry of a bound
 * vector is no bound for that element only.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';

describe('bound vectors with some infinite entries', () => {
  it('lower = [0, -inf]: the first element is bounded, the second free', async () => {
    const source = `data { vector[2] L; } parameters { vector<lower=L>[2] v; } model { v ~ normal(0, 1); }`;
    const model = await compile(source, { data: { L: [0, -Infinity] } });
    const y = new Float64Array([0.5, -0.7]);
    const x = model.constrain(y, 1);
    expect(x[0]).toBeCloseTo(Math.exp(0.5), 12);
    expect(x[1]).toBeCloseTo(-0.7, 12);
    const lp = model.logDensity(y, 1)[0]!;
    const expected = -0.5 * (Math.exp(0.5) ** 2 + 0.49) - Math.log(2 * Math.PI) + 0.5; // + log-Jacobian y1
    expect(lp).toBeCloseTo(expected, 10);
  });

  it('lower = 0, upper = [1, inf]: logit for the first, exp for the second, finite density', async () => {
    const source = `data { vector[2] U; } parameters { vector<lower=0, upper=U>[2] v; } model { v ~ exponential(1); }`;
    const model = await compile(source, { data: { U: [1, Infinity] } });
    const y = new Float64Array([0.3, 0.2]);
    const x = model.constrain(y, 1);
    const s = 1 / (1 + Math.exp(-0.3));
    expect(x[0]).toBeCloseTo(s, 12);
    expect(x[1]).toBeCloseTo(Math.exp(0.2), 12);
    const { logDensity, gradient } = model.logDensityAndGradient(y, 1);
    const expected = -s - Math.exp(0.2) + Math.log(s) + Math.log(1 - s) + 0.2;
    expect(logDensity[0]).toBeCloseTo(expected, 10);
    expect(Number.isFinite(gradient[0]!) && Number.isFinite(gradient[1]!)).toBe(true);
  });
});
