/**
 * `import 'langevin'` and an f64 compile + sample must not load tfjs
 * (≈ 1.3 s of start-up, and an optional dependency for f64 users). Every
 * import of a tfjs package is replaced by a module that records the load;
 * the last test checks that the recording works (a tfjs backend loads it).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { sourceGraph, staticallyReachable } from './source-graph.js';

const loads = vi.hoisted(() => [] as string[]);

vi.mock('@tensorflow/tfjs', () => {
  loads.push('@tensorflow/tfjs');
  throw new Error('@tensorflow/tfjs was loaded');
});
vi.mock('@tensorflow/tfjs-backend-wasm', () => {
  loads.push('@tensorflow/tfjs-backend-wasm');
  throw new Error('@tensorflow/tfjs-backend-wasm was loaded');
});

describe('tfjs is loaded only when asked for', () => {
  it('is not loaded by the library entry, an f64 compile or an f64 sample', async () => {
    expect.hasAssertions();
    const langevin = await import('../../src/index.js');
    const source = 'data { real y; } parameters { real mu; } model { y ~ normal(mu, 2); }';
    for (const backend of ['f64', 'auto'] as const) {
      const model = await langevin.compile(source, { data: { y: 1 }, backend });
      expect(model.backend).toBe('f64');
      const fit = await langevin.sampleModel(model, { chains: 2, warmup: 100, draws: 100, seed: 3 });
      expect(fit.summary.parameters.map((p) => p.name)).toContain('mu');
    }
    expect(loads).toEqual([]);
  });

  it('is not loaded by the browser entry', async () => {
    await import('../../src/browser.js');
    expect(loads).toEqual([]);
  });

  it('is loaded by a tfjs compile (so the check above can fail)', async () => {
    const langevin = await import('../../src/index.js');
    await expect(
      langevin.compile('parameters { real mu; } model { mu ~ normal(0, 1); }', { backend: 'tfjs' }),
    ).rejects.toThrow();
    expect(loads).toContain('@tensorflow/tfjs');
  });
});

describe('no entry loads tfjs at start-up', () => {
  const graph = sourceGraph(fileURLToPath(new URL('../..', import.meta.url)), ['src', 'stdlib']);
  for (const entry of ['src/index.ts', 'src/browser.ts', 'src/cli/main.ts']) {
    it(`${entry} reaches tfjs only through dynamic import()`, () => {
      const reachable = staticallyReachable(graph, entry);
      expect(reachable.size).toBeGreaterThan(10);
      const tfjs = graph.external.filter(
        (edge) => edge.kind === 'static' && edge.specifier.startsWith('@tensorflow/') && reachable.has(edge.from),
      );
      expect(tfjs.map((edge) => `${edge.from} imports ${edge.specifier}`)).toEqual([]);
    });
  }
  it('src/score/index.ts (langevin/score) does load it, so the check can fail', () => {
    const reachable = staticallyReachable(graph, 'src/score/index.ts');
    expect(graph.external.some((edge) => edge.specifier === '@tensorflow/tfjs' && reachable.has(edge.from))).toBe(true);
  });
});
