/**
 * Start a chain worker: Node's worker_threads under Node; in browsers a
 * Web Worker the app starts (webWorkerPort), elsewhere nothing (then the
 * run stays on one thread). Nothing here imports a Node built-in:
 * worker_threads comes from process.getBuiltinModule at run time
 * (node-builtin.ts), so the browser entry, which reaches this file, stays
 * free of Node modules.
 */
import type * as WorkerThreads from 'node:worker_threads';
import type * as Fs from 'node:fs';
import { nodeBuiltin } from './node-builtin.js';
import type { FromWorker, SpawnWorker, ToWorker, WorkerPort } from './protocol.js';

/** The spawner for this environment, or undefined with the reason there is none. */
export function defaultSpawner(): { spawn?: SpawnWorker; why?: string } {
  const threads = nodeBuiltin<typeof WorkerThreads>('node:worker_threads');
  if (threads) {
    const script = nodeWorkerScript();
    if (!script) return { why: 'the worker script dist/src/chain-worker.js is missing (run `npm run build`)' };
    return { spawn: () => nodePort(new threads.Worker(script)) };
  }
  if (typeof (globalThis as { Worker?: unknown }).Worker === 'function') {
    return {
      why: "in a browser, give spawnWorker: () => webWorkerPort(new Worker(new URL('langevin/chain-worker', import.meta.url), { type: 'module' }))",
    };
  }
  return { why: 'this environment has no worker threads' };
}

/**
 * The compiled worker beside this file (dist/src/chain-worker.js); from
 * the TypeScript sources (tests) the built one under dist/.
 */
function nodeWorkerScript(): URL | undefined {
  const fs = nodeBuiltin<typeof Fs>('node:fs');
  for (const candidate of [
    new URL('../chain-worker.js', import.meta.url),
    new URL('../../dist/src/chain-worker.js', import.meta.url),
  ]) {
    if (candidate.protocol !== 'file:' || fs?.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function nodePort(worker: WorkerThreads.Worker): WorkerPort {
  let answered = false;
  return {
    post: (message: ToWorker) => worker.postMessage(message),
    onMessage: (handler) =>
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'done' || message.type === 'error') answered = true;
        handler(message);
      }),
    onFailure: (handler) => {
      worker.on('error', (error) => handler(error instanceof Error ? error : new Error(String(error))));
      worker.on('exit', (code) => {
        if (!answered) handler(new Error(`the worker thread exited (code ${code}) before it finished`));
      });
    },
    terminate: () => {
      answered = true;
      void worker.terminate();
    },
  };
}

/** The parts of a browser's Worker the pool uses. */
export interface WebWorkerLike {
  postMessage(message: unknown): void;
  /** 'message' events carry `data`, 'error' events a `message`. */
  addEventListener(type: 'message' | 'error', listener: (event: { data?: unknown; message?: string }) => void): void;
  terminate(): void;
}

/**
 * A Web Worker as a pool port. The app starts the worker itself, so its
 * bundler sees the script and bundles it (an app that never uses threads
 * bundles nothing more):
 * `spawnWorker: () => webWorkerPort(new Worker(new URL('langevin/chain-worker', import.meta.url), { type: 'module' }))`.
 * @example
 * ```ts
 * import { webWorkerPort } from 'langevin/browser';
 * // any object with a Worker's postMessage, addEventListener and terminate
 * const sent: unknown[] = [];
 * const port = webWorkerPort({ postMessage: (m) => sent.push(m), addEventListener: () => {}, terminate: () => {} });
 * port.post({ kind: 'ping' } as never);
 * console.log(sent); // → [ { kind: 'ping' } ]
 * ```
 */
export function webWorkerPort(worker: WebWorkerLike): WorkerPort {
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => worker.addEventListener('message', (event) => handler(event.data as FromWorker)),
    onFailure: (handler) =>
      worker.addEventListener('error', (event) => handler(new Error(event.message ?? 'the Web Worker failed'))),
    terminate: () => worker.terminate(),
  };
}
