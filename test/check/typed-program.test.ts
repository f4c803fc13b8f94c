/**
 * The checker feeds the lowering (src/check/resolve.ts): every call and
 * `~` of a checked program carries what it resolved to, and the lowering
 * runs exactly that, even for a library the lowering has never heard of.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { makeLibrary } from '../../src/check/library.js';
import { resolveStdlibName } from '../../src/check/resolve.js';
import { compileF64 } from '../../src/backends/f64/tape.js';
import { compileSync } from '../../src/compile/compile.js';
import { lower } from '../../src/compile/lower.js';
import { parse } from '../../src/language/parse.js';
import type { CallExpr, TildeStmt } from '../../src/language/ast.js';
import { distributions, functions } from '../../stdlib/index.js';
import { fn } from '../../stdlib/functions/define.js';

const EXAMPLES = new URL('../../examples/models/', import.meta.url).pathname;

function nodes<T>(root: unknown, kind: string): T[] {
  const out: T[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n === null || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.kind === kind) out.push(o as T);
    for (const k in o) if (!k.endsWith('pan')) walk(o[k]);
  };
  walk(root);
  return out;
}

describe('the typed program', () => {
  const models = readdirSync(EXAMPLES).filter((f) => f.endsWith('.stan'));

  it('resolves every call and ~ of every example model', () => {
    expect(models.length).toBeGreaterThan(10);
    for (const f of models) {
      const checked = check(parse(readFileSync(EXAMPLES + f, 'utf8'), f), f);
      for (const c of nodes<CallExpr>(checked.program, 'Call')) {
        expect(checked.calls.get(c), `${f}: ${c.name}`).toBeDefined();
        expect(checked.types.get(c), `${f}: ${c.name}`).toBeDefined();
      }
      for (const t of nodes<TildeStmt>(checked.program, 'Tilde'))
        expect(checked.tildes.get(t), `${f}: ~ ${t.distribution}`).toBeDefined();
    }
  });

  it('one resolver reads names and suffixes', () => {
    const library = makeLibrary(distributions, functions);
    expect(resolveStdlibName(library, 'exp')?.kind).toBe('function');
    const d = resolveStdlibName(library, 'normal_lcdf');
    expect(d?.kind === 'density' && [d.distribution.name, d.suffix]).toEqual(['normal', 'lcdf']);
    expect(resolveStdlibName(library, 'poisson_log_rng')).toMatchObject({ kind: 'density', suffix: 'rng' });
    expect(resolveStdlibName(library, 'nromal_lpdf')).toBeUndefined();
  });

  it('the lowering runs the entry the checker chose', () => {
    // A function only this library has: the lowering must take it from the checker's record.
    const triple = fn('triple_it', 'three times x', [[['real'], 'real']], (ops, [x]) =>
      ops.binary('mul', ops.constant(3), x!),
    );
    const library = makeLibrary(distributions, [...functions, triple]);
    const source = 'parameters { real x; }\nmodel { target += -0.5 * square(triple_it(x)); }\n';
    const lowered = lower(check(parse(source, 'm.stan'), 'm.stan', { library }));
    expect(lowered.dim).toBe(1);
    const x = Float64Array.of(0.7);
    const lp = compileF64(lowered.graph).logDensity(x, 1)[0];
    const reference = compileSync(source.replace('triple_it(x)', '3 * x')).logDensity(x, 1)[0];
    expect(lp).toBeCloseTo(-0.5 * (3 * 0.7) ** 2, 14);
    expect(lp).toBe(reference);
  });

  it('a user density truncated below, above and on both sides runs the overloads the checker chose', () => {
    const user = `functions {
  real myexp_lpdf(real y, real rate) { return log(rate) - rate * y; }
  real myexp_lcdf(real y, real rate) { return log1m_exp(-rate * y); }
  real myexp_lccdf(real y, real rate) { return -rate * y; }
}
data { real y; }
parameters { real<lower=0> rate; }
`;
    const plain = 'data { real y; }\nparameters { real<lower=0> rate; }\n';
    for (const t of ['T[0.5, ]', 'T[, 3]', 'T[0.5, 3]']) {
      const a = compileSync(`${user}model { y ~ myexp(rate) ${t}; }`, { data: { y: 1.2 } });
      const b = compileSync(`${plain}model { y ~ exponential(rate) ${t}; }`, { data: { y: 1.2 } });
      for (const x of [-0.5, 0.2]) {
        const [la, lb] = [a.logDensity(Float64Array.of(x), 1)[0]!, b.logDensity(Float64Array.of(x), 1)[0]!];
        expect(Math.abs(la - lb), t).toBeLessThan(1e-12);
      }
    }
  });

  it('uses the checked types: int ?: real is real, so / is real division', () => {
    const m = compileSync(
      'data { int N; }\nparameters { real mu; }\nmodel { mu ~ normal(0, 1); }\n' +
        'generated quantities { real r = (N > 0 ? 3 : 2.0) / 2; real s = (N > 0 ? 3 : 2) / 2; }\n',
      { data: { N: 1 } },
    );
    const out = m.generate(Float64Array.of(0), 1, { uniform: () => 0.5, normal: () => 0 });
    expect([out[m.outputNames.indexOf('r')], out[m.outputNames.indexOf('s')]]).toEqual([1.5, 1]);
  });
});
