/**
 * The script a chain worker thread runs (src/parallel/spawn.ts starts it):
 * recompile the model from its recipe and serve the chains asked for.
 * Under Node the thread talks through worker_threads' parentPort, in a
 * browser through the Web Worker's global scope.
 */
import type * as WorkerThreads from 'node:worker_threads';
import { compile } from './compile/compile.js';
import { nodeBuiltin } from './parallel/node-builtin.js';
import type { FromWorker, ToWorker, WorkerSide } from './parallel/protocol.js';
import { serveChains } from './parallel/serve.js';

function workerSide(): WorkerSide {
  const port = nodeBuiltin<typeof WorkerThreads>('node:worker_threads')?.parentPort;
  if (port) {
    return {
      post: (message: FromWorker) => port.postMessage(message),
      onMessage: (handler) => port.on('message', (message: ToWorker) => handler(message)),
    };
  }
  const scope = globalThis as unknown as {
    postMessage(message: FromWorker): void;
    addEventListener(type: 'message', listener: (event: { data: ToWorker }) => void): void;
  };
  return {
    post: (message) => scope.postMessage(message),
    onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data)),
  };
}

// print() in transformed data already ran once in the main thread's compile.
serveChains(workerSide(), (recipe) => compile(recipe.source, { ...recipe.options, print: () => undefined }));
