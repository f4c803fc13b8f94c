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

describe('a model file is data, in vectorised loops too', () => {
  it('no text of a loop body reaches generated code', async () => {
    const loopSource = `
data { int<lower=1> N_${MARK}; vector[N_${MARK}] y_${MARK}; array[N_${MARK}] int<lower=1, upper=2> g_${MARK}; }
parameters { vector[2] a_${MARK}; real<lower=0> s_${MARK}; }
model {
  vector[2] scratch_${MARK};
  for (n_${MARK} in 1:N_${MARK}) {
    real mu_${MARK} = a_${MARK}[g_${MARK}[n_${MARK}]];
    for (k_${MARK} in 1:2) scratch_${MARK}[k_${MARK}] = normal_lpdf(y_${MARK}[n_${MARK}] | mu_${MARK} + k_${MARK}, s_${MARK});
    if (y_${MARK}[n_${MARK}] > 0) target += log_sum_exp(scratch_${MARK});
    else y_${MARK}[n_${MARK}] ~ normal(mu_${MARK}, s_${MARK}) T[-10, ];
  }
}
`;
    const seen: string[] = [];
    const RealFunction = Function;
    const Spy = function (...args: string[]) {
      seen.push(args.join('\n'));
      return RealFunction(...args);
    } as unknown as FunctionConstructor;
    vi.stubGlobal('Function', Spy);
    const N = 40;
    const data = {
      [`N_${MARK}`]: N,
      [`y_${MARK}`]: Array.from({ length: N }, (_, i) => Math.sin(i)),
      [`g_${MARK}`]: Array.from({ length: N }, (_, i) => 1 + (i % 2)),
    };
    const model = await compile(loopSource, { data, backend: 'f64' });
    const r = model.logDensityAndGradient(Float64Array.of(0.1, -0.2, 0.3), 1);
    expect(Number.isFinite(r.logDensity[0]!)).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    for (const code of seen) expect(code).not.toContain(MARK);
  });
});

describe('a model file is data, in user-defined functions too', () => {
  it('no name, argument or string of a functions block reaches generated code', async () => {
    const fnSource = `
functions {
  real sq_${MARK}(real v_${MARK}) {
    return v_${MARK} * v_${MARK};
  }
  real fact_${MARK}(int k_${MARK}) {
    if (k_${MARK} <= 1) return 1;
    return k_${MARK} * fact_${MARK}(k_${MARK} - 1);
  }
  real checked_${MARK}(real v_${MARK}) {
    if (v_${MARK} < 0) reject("\`); globalThis.${MARK} = 1; /* \${globalThis.${MARK} = 2} */ (\`");
    return v_${MARK};
  }
  real my_${MARK}_lpdf(real y_${MARK}, real mu_${MARK}, real s_${MARK}) {
    return normal_lpdf(y_${MARK} | mu_${MARK}, s_${MARK}) - 0 * sq_${MARK}(mu_${MARK});
  }
  void say_${MARK}(real v_${MARK}) {
    print("}); globalThis.${MARK} = 3; (function(){ ", v_${MARK});
  }
}
data { int<lower=1> N_${MARK}; vector[N_${MARK}] y_${MARK}; }
transformed data { real c_${MARK} = checked_${MARK}(fact_${MARK}(4)); say_${MARK}(c_${MARK}); }
parameters { real a_${MARK}; real<lower=0> s_${MARK}; }
model {
  for (n_${MARK} in 1:N_${MARK}) y_${MARK}[n_${MARK}] ~ my_${MARK}(a_${MARK}, s_${MARK});
  target += -0.5 * sq_${MARK}(a_${MARK}) / c_${MARK};
  s_${MARK} ~ exponential(1);
}
generated quantities { real g_${MARK} = sq_${MARK}(a_${MARK}) + my_${MARK}_lpdf(0.5 | a_${MARK}, s_${MARK}); }
`;
    const seen: string[] = [];
    const RealFunction = Function;
    const Spy = function (...args: string[]) {
      seen.push(args.join('\n'));
      return RealFunction(...args);
    } as unknown as FunctionConstructor;
    vi.stubGlobal('Function', Spy);
    const N = 12;
    const printed: string[] = [];
    const data = { [`N_${MARK}`]: N, [`y_${MARK}`]: Array.from({ length: N }, (_, i) => Math.cos(i)) };
    const model = await compile(fnSource, { data, backend: 'f64', print: (s: string) => printed.push(s) });
    const fit = await sampleModel(model, { sampler: 'mala', chains: 2, warmup: 50, draws: 50, seed: 2 });
    expect(fit.draws).toBe(50);
    // the functions ran (the print went to the print hook, as text) and nothing was executed from the model
    expect(printed.join('')).toContain('globalThis');
    expect((globalThis as Record<string, unknown>)[MARK]).toBeUndefined();
    expect(seen.length).toBeGreaterThan(0);
    for (const code of seen) expect(code).not.toContain(MARK);
  });
});
