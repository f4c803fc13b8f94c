/**
 * The Web Worker side of the pool, in Node: a fake Worker (the browser's
 * addEventListener/postMessage/terminate, messages structured-cloned)
 * whose script is the chain worker's serveChains, in this thread. Real
 * browsers are not run here (no browser in the unit tests): this checks
 * the port's wiring and that the draws are those of one thread.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sampleModel } from '../../src/inference/sample-model.js';
import type { ToWorker } from '../../src/parallel/protocol.js';
import { serveChains } from '../../src/parallel/serve.js';
import { defaultSpawner, webWorkerPort } from '../../src/parallel/spawn.js';

const MODELS = new URL('../../examples/models/', import.meta.url).pathname;
const source = readFileSync(`${MODELS}eight_schools_noncentered.stan`, 'utf8');
const data = JSON.parse(readFileSync(`${MODELS}eight_schools_noncentered.data.json`, 'utf8'));

const created: Array<{ url: string; type?: string }> = [];

class FakeWebWorker {
  private listeners: Array<(event: { data?: unknown }) => void> = [];
  private toWorker?: (message: ToWorker) => void;
  terminated = false;

  constructor(url: URL, options?: { type?: string }) {
    created.push({ url: url.href, type: options?.type });
    serveChains(
      {
        post: (message) => setTimeout(() => this.listeners.forEach((l) => l({ data: structuredClone(message) })), 0),
        onMessage: (handler) => (this.toWorker = handler),
      },
      (recipe) => compile(recipe.source, recipe.options),
    );
  }

  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void {
    if (type === 'message') this.listeners.push(listener);
  }

  postMessage(message: ToWorker): void {
    const copy = structuredClone(message);
    setTimeout(() => this.toWorker?.(copy), 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('the default spawner in a browser', () => {
  it('asks the app for its Web Worker (so bundlers see the script)', () => {
    vi.stubGlobal('Worker', FakeWebWorker);
    vi.stubGlobal('process', { ...process, getBuiltinModule: undefined });
    const { spawn, why } = defaultSpawner();
    expect(spawn).toBeUndefined();
    expect(why).toMatch(/webWorkerPort\(new Worker\(new URL\('langevin\/chain-worker'/);
  });
});

describe('the Web Worker pool', () => {
  it('runs chains on Web Workers the app starts, with the draws of one thread', async () => {
    const model = await compile(source, { data, backend: 'f64' });
    const run = { chains: 3, warmup: 80, draws: 40, seed: 4 };
    const one = await sampleModel(model, { ...run, threads: 1 });
    const url = new URL('../../src/chain-worker.js', import.meta.url);
    const spawnWorker = () => webWorkerPort(new FakeWebWorker(url, { type: 'module' }));
    const two = await sampleModel(model, { ...run, threads: 2, spawnWorker });
    expect(created).toHaveLength(2);
    expect(two.threads).toBe(2);
    expect(Array.from(two.outputs)).toEqual(Array.from(one.outputs));
    expect(two.summary.parameters).toEqual(one.summary.parameters);
  }, 60_000);
});
