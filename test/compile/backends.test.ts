/** compile() with each backend: tfjs (float32) agrees with f64 on an example. */
import { describe, expect, test } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { example, points } from './helpers.js';

describe('backends', () => {
  test("'auto' is f64; 'tfjs' agrees with it to float32 accuracy", async () => {
    const { source, data } = example('eight_schools_noncentered');
    const f64 = await compile(source, { data, backend: 'auto', file: 'eight_schools_noncentered.stan' });
    expect(f64.backend).toBe('f64');
    expect(f64.name).toBe('eight_schools_noncentered');
    const tfjs = await compile(source, { data, backend: 'tfjs' });
    expect(tfjs.backend).toBe('tfjs');
    const x = points(2 * f64.dim, 17, 1);
    const a = f64.logDensityAndGradient(x, 2);
    const b = tfjs.logDensityAndGradient(x, 2);
    for (let c = 0; c < 2; c++)
      expect(Math.abs(b.logDensity[c]! - a.logDensity[c]!)).toBeLessThan(1e-4 * Math.abs(a.logDensity[c]!));
    for (let i = 0; i < a.gradient.length; i++)
      expect(Math.abs(b.gradient[i]! - a.gradient[i]!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(a.gradient[i]!)));
    // constrain / generate do not depend on the backend.
    expect(Array.from(tfjs.constrain(x, 2))).toEqual(Array.from(f64.constrain(x, 2)));
    tfjs.dispose();
    f64.dispose();
  });
});
