/**
 * Every example model (examples/models), lowered to its density graph,
 * evaluated by tfjs and by the f64 tape at random unconstrained points:
 * the real mixes of stdlib primitives agree to float32 accuracy.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileF64 } from '../../src/backends/f64/tape.js';
import { compileTfjs } from '../../src/backends/tfjs/compile.js';
import { lowerToGraph } from '../../src/compile/compile.js';
import type { ModelData } from '../../src/model/types.js';
import { makeRng, sample } from './harness.js';

const DIR = join(import.meta.dirname, '../../examples/models');
const MODELS = readdirSync(DIR)
  .filter((f) => f.endsWith('.stan'))
  .map((f) => f.replace(/\.stan$/, ''));
/**
 * tfjs spends ~10 µs of fixed overhead per op, so a graph lowered to
 * 10⁵ scalar nodes (changepoint: 125k) takes tens of seconds per gradient;
 * such graphs are the f64 backend's job, and an example model that lowers
 * to more nodes than this fails here (its loops should vectorise).
 */
const MAX_NODES = 8000;

describe('tfjs and f64 agree on the example models', () => {
  it.each(MODELS)('%s', async (name) => {
    expect.hasAssertions();
    const source = readFileSync(join(DIR, `${name}.stan`), 'utf8');
    const dataPath = join(DIR, `${name}.data.json`);
    const data = existsSync(dataPath) ? (JSON.parse(readFileSync(dataPath, 'utf8')) as ModelData) : {};
    const graph = lowerToGraph(source, data);
    expect(
      graph.nodes.length,
      `${name} is too large for tfjs in a unit test: shrink its data or vectorise its loops`,
    ).toBeLessThanOrEqual(MAX_NODES);
    const chains = 3;
    const x = Float64Array.from(sample({ intervals: [[-1.5, 1.5]] }, chains * graph.dim, makeRng(name)));
    const f64 = compileF64(graph);
    const tfjs = await compileTfjs(graph);
    try {
      const noise = graph.readsNoise ? 0.5 : 0;
      const a = f64.logDensityAndGradient(x, chains, noise);
      const b = tfjs.logDensityAndGradient(x, chains, noise);
      for (let c = 0; c < chains; c++) {
        const ref = a.logDensity[c]!;
        // float32 sums: rounding grows with the size of the terms summed.
        if (!(Math.abs(b.logDensity[c]! - ref) <= 1e-5 * Math.max(1, Math.abs(ref)) + 1e-3)) {
          throw new Error(`chain ${c}: tfjs ${b.logDensity[c]} vs f64 ${ref}`);
        }
      }
      const scale = Math.max(1, ...Array.from(a.gradient, Math.abs));
      for (let i = 0; i < a.gradient.length; i++) {
        if (!(Math.abs(b.gradient[i]! - a.gradient[i]!) <= 1e-4 * scale)) {
          throw new Error(`gradient[${i}]: tfjs ${b.gradient[i]} vs f64 ${a.gradient[i]} (scale ${scale})`);
        }
      }
    } finally {
      f64.dispose();
      tfjs.dispose();
    }
  });
});
