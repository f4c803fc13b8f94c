/**
 * An f64 evaluator keeps at most `bufferBytes` of buffers: a call over more
 * chains runs slab by slab into fresh arrays, with each chain's results
 * bitwise those of an evaluator that holds every chain at once (as when
 * every kept draw is constrained in one call).
 */
import { describe, expect, it } from 'vitest';
import { compileF64 } from '../../src/backends/f64/tape.js';
import { GraphBuilder } from '../../src/ir/graph.js';

function graph() {
  const ops = new GraphBuilder();
  const x = ops.param(0, [3]);
  const w = ops.matmul(
    ops.constant(
      Float64Array.from({ length: 15 }, (_, i) => Math.sin(i)),
      [5, 3],
    ),
    x,
  );
  const lp = ops.reduce('sum', ops.unary('log_inv_logit', w));
  return ops.finish(ops.binary('sub', lp, ops.reduce('sum', ops.unary('square', x))));
}

describe('f64 evaluator slabs', () => {
  const g = graph();
  const chains = 1000;
  const x = Float64Array.from({ length: chains * 3 }, (_, i) => Math.cos(0.37 * i));

  it('a call larger than the slab gives the same bits, in fresh arrays, without growing the buffers', () => {
    const whole = compileF64(g, { freshOutputs: true }).logDensityAndGradient(x, chains);
    const small = compileF64(g, { bufferBytes: 4096 });
    const a = small.logDensityAndGradient(x, chains);
    expect(small.capacity).toBeLessThanOrEqual(128);
    expect(Array.from(a.logDensity)).toEqual(Array.from(whole.logDensity));
    expect(Array.from(a.gradient)).toEqual(Array.from(whole.gradient));
    const values = small.logDensity(x, chains);
    expect(Array.from(values)).toEqual(Array.from(whole.logDensity));
    // beyond the budget results are fresh: a later call does not overwrite them
    const kept = Array.from(a.logDensity);
    small.logDensityAndGradient(
      x.map((v) => -v),
      chains,
    );
    expect(Array.from(a.logDensity)).toEqual(kept);
  });

  it('results of sliced calls that fit the budget are reused (the sampler path allocates nothing)', () => {
    const ev = compileF64(g, { bufferBytes: 64 * 1024 }); // a slab of a few hundred chains; results of 1000 fit
    const a = ev.logDensityAndGradient(x, chains);
    expect(ev.capacity).toBeLessThan(chains);
    const whole = compileF64(g, { freshOutputs: true }).logDensityAndGradient(x, chains);
    expect(Array.from(a.gradient)).toEqual(Array.from(whole.gradient));
    const b = ev.logDensityAndGradient(x, chains);
    expect(b.logDensity.buffer).toBe(a.logDensity.buffer);
    expect(b.gradient.buffer).toBe(a.gradient.buffer);
  });
});
