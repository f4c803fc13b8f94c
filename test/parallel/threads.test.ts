/**
 * Chains on worker threads give the draws of one thread: the API with
 * real worker_threads (the built dist/src/chain-worker.js: `npm run
 * build` first), the pool with a fake in-process worker (the interface a
 * browser's Web Workers implement too), a failing group, an abort.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';
import type { Fit } from '../../src/inference/types.js';
import { chainGroups } from '../../src/parallel/chain-groups.js';
import type { FromWorker, SpawnWorker, ToWorker, WorkerPort } from '../../src/parallel/protocol.js';
import { serveChains } from '../../src/parallel/serve.js';
import { threadPlan } from '../../src/parallel/threaded.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const MODELS = `${ROOT}examples/models/`;
const source = readFileSync(`${MODELS}eight_schools_noncentered.stan`, 'utf8');
const data = JSON.parse(readFileSync(`${MODELS}eight_schools_noncentered.data.json`, 'utf8'));
const RUN = { chains: 4, warmup: 150, draws: 100, seed: 11 };

/** A worker in this thread: serveChains on the other end of a pair of queues. */
function fakeSpawner(options: { failFirst?: number } = {}): { spawn: SpawnWorker; started: number[] } {
  const started: number[] = [];
  const spawn: SpawnWorker = () => {
    let toMain: ((m: FromWorker) => void) | undefined;
    let toWorker: ((m: ToWorker) => void) | undefined;
    serveChains(
      {
        post: (m) => queueMicrotask(() => toMain?.(m)),
        onMessage: (handler) => (toWorker = handler),
      },
      async (recipe) => {
        const model = await compile(recipe.source, recipe.options);
        return model;
      },
    );
    const port: WorkerPort = {
      post: (m) => {
        if (m.type === 'run') {
          started.push(m.task.first);
          if (m.task.first === options.failFirst) {
            // a chain that cannot start: the worker's sampler throws
            m = {
              type: 'run',
              task: { ...m.task, options: { ...m.task.options, init: new Float64Array(m.task.count * 10).fill(NaN) } },
            };
          }
        }
        const message = m;
        setTimeout(() => toWorker?.(message), 0);
      },
      onMessage: (handler) => (toMain = handler),
      onFailure: () => undefined,
      terminate: () => undefined,
    };
    return port;
  };
  return { spawn, started };
}

function same(a: Fit, b: Fit): void {
  expect(Buffer.from(b.outputs.buffer).equals(Buffer.from(a.outputs.buffer))).toBe(true);
  expect(Array.from(b.lp)).toEqual(Array.from(a.lp));
  expect(Array.from(b.stepSize)).toEqual(Array.from(a.stepSize));
  expect(b.summary.parameters).toEqual(a.summary.parameters);
  expect(b.summary.warnings).toEqual(a.summary.warnings);
}

describe('chain groups', () => {
  it('splits contiguously, larger groups first, never more groups than chains', () => {
    expect(chainGroups(0, 5, 2)).toEqual([
      { first: 0, count: 3 },
      { first: 3, count: 2 },
    ]);
    expect(chainGroups(2, 2, 8)).toEqual([
      { first: 2, count: 1 },
      { first: 3, count: 1 },
    ]);
    expect(chainGroups(0, 3, 1)).toEqual([{ first: 0, count: 3 }]);
  });
});

describe('sampleModel with threads', async () => {
  const model = await compile(source, { data, backend: 'f64' });
  const one = await sampleModel(model, { ...RUN, threads: 1 });

  it('gives the draws of one thread through a worker pool (fake, in-process workers)', async () => {
    const { spawn, started } = fakeSpawner();
    const two = await sampleModel(model, { ...RUN, threads: 2, spawnWorker: spawn });
    expect(started).toEqual([0, 2]);
    expect(two.threads).toBe(2);
    same(one, two);
  });

  it('gives the draws of one thread on real worker_threads', async () => {
    expect(existsSync(`${ROOT}dist/src/chain-worker.js`), 'run `npm run build` first').toBe(true);
    const notes: string[] = [];
    const two = await sampleModel(model, { ...RUN, threads: 2, onNote: (n) => notes.push(n) });
    expect(notes).toEqual([]);
    expect(two.threads).toBe(2);
    same(one, two);
  }, 60_000);

  it("names the chains of a failing worker and keeps the others' draws", async () => {
    const { spawn } = fakeSpawner({ failFirst: 2 });
    const fit = await sampleModel(model, { ...RUN, threads: 2, spawnWorker: spawn });
    expect(fit.failures).toEqual([
      { chains: [3, 4], message: expect.stringMatching(/^chains 3-4 failed: chain 3: the log density .* not finite/) },
    ]);
    expect(fit.chains).toBe(2);
    expect(fit.summary.failed_chains?.[0]?.chains).toEqual([3, 4]);
    const P = model.outputNames.length;
    // chains 1-2 are those of the whole run
    expect(Array.from(fit.outputs)).toEqual(Array.from(one.outputs.subarray(0, 2 * RUN.draws * P)));
  }, 60_000);

  it('reports a real worker thread that fails with its chains', async () => {
    const dim = model.dim;
    const init = new Float64Array(4 * dim);
    init.fill(NaN, 2 * dim); // chains 3-4 cannot start
    const fit = await sampleModel(model, { ...RUN, threads: 2, init });
    expect(fit.threads).toBe(2);
    expect(fit.failures?.map((f) => f.chains)).toEqual([[3, 4]]);
    expect(fit.failures?.[0]?.message).toMatch(/^chains 3-4 failed: chain 3: /);
    expect(fit.chains).toBe(2);
  }, 60_000);

  it('stops every group on abort and keeps the draws all reached', async () => {
    const controller = new AbortController();
    const { spawn } = fakeSpawner();
    let seen = 0;
    const fit = await sampleModel(model, {
      ...RUN,
      warmup: 20,
      draws: 100_000,
      threads: 2,
      spawnWorker: spawn,
      signal: controller.signal,
      onProgress: (done) => {
        seen = done;
        if (done > 200) controller.abort();
      },
    });
    expect(seen).toBeGreaterThan(200);
    expect(fit.interrupted).toBe(true);
    expect(fit.draws).toBeGreaterThan(0);
    expect(fit.draws).toBeLessThan(100_000);
    expect(fit.chains).toBe(4);
  }, 60_000);

  it('falls back to one thread, with a note, for a model without a recipe', () => {
    const plain = { ...model, backend: 'f64' as const, recipe: undefined } as typeof model;
    expect(threadPlan(plain, { threads: 4 }, 4)).toEqual({
      threads: 1,
      note: expect.stringMatching(/one thread: .*recompiled/),
    });
    expect(threadPlan(model, { threads: 8, spawnWorker: fakeSpawner().spawn }, 3).threads).toBe(3);
    expect(threadPlan(model, { threads: 2, onDraw: () => undefined }, 4).note).toMatch(/onDraw/);
  });
});
