/**
 * A model file is data: compiling and running one never executes
 * JavaScript taken from it. The f64 backend specialises its loops at run
 * time with `new Function`, from fixed templates; this test records every
 * source string handed to the Function constructor while a model full of
 * hostile names and strings is compiled, evaluated and run, and checks that
 * none of the model's text reaches them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';

const MARK = 'pwned';
const source = `
data { int<lower=1> N_${MARK}; }
transformed data { print("}); globalThis.${MARK} = 1; (function(){"); }
parameters { vector[N_${MARK}] x_${MARK}; real<lower=0> s_${MARK}; }
model {
  x_${MARK} ~ normal(0, s_${MARK});
  s_${MARK} ~ exponential(1);
  target += -0.5 * dot_self(x_${MARK}) + log1p_exp(sum(x_${MARK}));
}
generated quantities { real y_${MARK} = normal_rng(0, 1); }
`;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a model file is data', () => {
  it('no text of the model reaches generated code', async () => {
    const seen: string[] = [];
    const RealFunction = Function;
    const Spy = function (...args: string[]) {
      seen.push(args.join('\n'));
      return RealFunction(...args);
    } as unknown as FunctionConstructor;
    vi.stubGlobal('Function', Spy);
    const model = await compile(source, { data: { [`N_${MARK}`]: 3 }, backend: 'f64', print: () => {} });
    const fit = await sampleModel(model, { sampler: 'mala', chains: 2, warmup: 50, draws: 50, seed: 1 });
    expect(fit.draws).toBe(50);
    expect((globalThis as Record<string, unknown>)[MARK]).toBeUndefined();
    // The spy saw the generated loops (so the check is not vacuous) and none holds model text.
    expect(seen.length).toBeGreaterThan(0);
    for (const code of seen) expect(code).not.toContain(MARK);
  });
});
