/**
 * Every example model compiles with its data, has a finite log density at
 * random points, a gradient that matches central finite differences,
 * batched evaluation equal to one chain at a time, and runs generate.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileSync } from '../../src/compile/compile.js';
import { deriveStream } from '../../src/random/index.js';
import { EXAMPLES, example, points } from './helpers.js';

const names = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.stan'))
  .map((f) => f.replace(/\.stan$/, ''));

describe.each(names)('%s', (name) => {
  const { source, data } = example(name);
  const model = compileSync(source, { data, file: `${name}.stan` });
  const chains = 3;
  const x = points(chains * model.dim, 11, 1);

  test('names and sizes agree', () => {
    expect(model.unconstrainedNames.length).toBe(model.dim);
    expect(new Set(model.outputNames).size).toBe(model.outputNames.length);
    expect(model.outputNames.length).toBeGreaterThanOrEqual(model.constrainedDim);
  });

  test('finite log density; batched equals one chain at a time', () => {
    const batched = model.logDensity(x, chains);
    for (let c = 0; c < chains; c++) {
      expect(Number.isFinite(batched[c]!)).toBe(true);
      const one = model.logDensity(x.slice(c * model.dim, (c + 1) * model.dim), 1)[0]!;
      expect(batched[c]).toBeCloseTo(one, 9);
    }
  });

  test('gradient matches finite differences', () => {
    const { logDensity, gradient } = model.logDensityAndGradient(x, chains);
    const h = 1e-5;
    for (let c = 0; c < chains; c++) {
      expect(logDensity[c]).toBeCloseTo(model.logDensity(x.slice(c * model.dim, (c + 1) * model.dim), 1)[0]!, 9);
      for (let i = 0; i < model.dim; i++) {
        const up = x.slice(c * model.dim, (c + 1) * model.dim);
        const down = up.slice();
        up[i]! += h;
        down[i]! -= h;
        const fd = (model.logDensity(up, 1)[0]! - model.logDensity(down, 1)[0]!) / (2 * h);
        const g = gradient[c * model.dim + i]!;
        expect(Math.abs(g - fd)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  test('constrain and generate run and agree on the parameters', () => {
    const constrained = model.constrain(x, chains);
    expect(constrained.length).toBe(chains * model.constrainedDim);
    const generated = model.generate(x, chains, deriveStream(3, 'test'));
    const width = model.outputNames.length;
    expect(generated.length).toBe(chains * width);
    for (let c = 0; c < chains; c++) {
      for (let i = 0; i < model.constrainedDim; i++) {
        expect(generated[c * width + i]).toBe(constrained[c * model.constrainedDim + i]);
      }
    }
  });
});
