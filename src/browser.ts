/**
 * langevin for browser apps: the library API of index.ts (compile,
 * sampleModel, compareSamplers, the builder, parse, check, parseStanJson),
 * plus the choice of tfjs backend. tfjs is loaded lazily, by `compile(...,
 * { backend: 'tfjs' })` or `initTfjs`, so an app that only uses the f64
 * backend does not download it. Nothing reachable from here may import a
 * Node built-in: test/browser/imports.test.ts walks the import graph.
 */
import type { TfjsBackendName } from './backends/tfjs/setup.js';

export * from './index.js';
export type { TfjsBackendName };

/**
 * Choose the tfjs backend before compiling with `backend: 'tfjs'`. Without
 * `preferred`: webgpu (if @tensorflow/tfjs-backend-webgpu is installed and
 * the browser has navigator.gpu), then webgl, wasm, cpu. Returns the
 * backend in use; a LangevinError if `preferred` cannot start here.
 * @example
 * examples/api/browser-tfjs.mjs (run by test/docs/examples.test.ts) chooses the tfjs backend and compiles a model on it:
 * `node examples/api/browser-tfjs.mjs` after `npm run build`.
 */
export async function initTfjs(preferred?: TfjsBackendName): Promise<TfjsBackendName> {
  const setup = await import('./backends/tfjs/setup.js');
  return setup.initTfjs(preferred);
}
