/**
 * Gradient evaluations per second on a 100-d standard Gaussian with 256
 * chains (log density sum of −x²/2), on wasm and cpu. The assertion is a
 * loose floor; set TFJS_BENCH_SECONDS to measure longer and print figures.
 */
import { describe, expect, it } from 'vitest';
import { compileTfjs } from '../../src/backends/tfjs/compile.js';
import { initTfjs, type TfjsBackendName } from '../../src/backends/tfjs/setup.js';
import { HandGraph } from './graphs.js';

const DIM = 100;
const CHAINS = 256;

function gaussianGraph() {
  const g = new HandGraph();
  const x = g.param([DIM]);
  return g.build(g.binary('mul', g.scalar(-0.5), g.reduce('sum', g.unary('square', x))));
}

async function measure(backend: TfjsBackendName, seconds: number): Promise<number> {
  const ev = await compileTfjs(gaussianGraph(), { backend });
  const x = new Float64Array(CHAINS * DIM).map((_, i) => Math.sin(i));
  for (let i = 0; i < 20; i++) ev.logDensityAndGradient(x, CHAINS);
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    const r = ev.logDensityAndGradient(x, CHAINS);
    expect(r.gradient[1]).toBeCloseTo(-x[1]!, 5);
    calls++;
  }
  const perSecond = calls / ((performance.now() - start) / 1000);
  ev.dispose();
  return perSecond;
}

describe('tfjs throughput, 100-d Gaussian, 256 chains', () => {
  const seconds = Number(process.env.TFJS_BENCH_SECONDS ?? 0.3);
  for (const backend of ['wasm', 'cpu'] as const) {
    it(`${backend}`, async () => {
      const rate = await measure(backend, seconds);
      if (process.env.TFJS_BENCH_SECONDS) {
        console.log(
          `${backend}: ${rate.toFixed(0)} gradient evaluations/s (${(rate * CHAINS).toExponential(2)} chain-gradients/s)`,
        );
      }
      expect(rate).toBeGreaterThan(20);
    });
  }
  it('leaves wasm active for later tests', async () => {
    expect(await initTfjs('wasm')).toBe('wasm');
  });
});
