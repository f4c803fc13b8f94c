/**
 * Choosing and initialising the tfjs backend, once per process.
 *
 * Node: the wasm backend (SIMD when the runtime has it) is the default; it
 * is several times faster than the pure-JS cpu backend on our small,
 * op-heavy graphs. Its .wasm files are read from the installed
 * @tensorflow/tfjs-backend-wasm package. If wasm cannot start, cpu is used.
 * Browsers: webgpu (when its backend package is loaded and the browser has
 * navigator.gpu), then webgl, then wasm, then cpu.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { LangevinError } from '../../errors.js';

export type TfjsBackendName = 'wasm' | 'cpu' | 'webgl' | 'webgpu';

const isNode: boolean =
  typeof process !== 'undefined' && typeof process.versions === 'object' && process.versions.node !== undefined;

let wasmPathsSet = false;
/** The backend set by the last successful `initTfjs`, and the pending call if any. */
let active: TfjsBackendName | undefined;
let pending: Promise<TfjsBackendName> | undefined;

/** Point the wasm backend at the .wasm files of the installed package (Node only). */
async function configureWasmPaths(): Promise<void> {
  if (wasmPathsSet || !isNode) return;
  const { createRequire } = await import('node:module');
  const path = await import('node:path');
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tensorflow/tfjs-backend-wasm');
  setWasmPaths(path.dirname(entry) + path.sep);
  wasmPathsSet = true;
}

/** The webgpu backend is a separate package; load it only when asked for. */
async function registerWebgpu(): Promise<boolean> {
  if (tf.findBackendFactory('webgpu') !== null) return true;
  const specifier = '@tensorflow/tfjs-backend-webgpu';
  try {
    await import(/* @vite-ignore */ specifier);
  } catch {
    return false;
  }
  return tf.findBackendFactory('webgpu') !== null;
}

async function trySetBackend(name: TfjsBackendName): Promise<boolean> {
  if (name === 'wasm') await configureWasmPaths();
  if (name === 'webgpu' && !(await registerWebgpu())) return false;
  if (name === 'webgl' && isNode) return false;
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

function candidates(preferred?: TfjsBackendName): TfjsBackendName[] {
  const defaults: TfjsBackendName[] = isNode
    ? ['wasm', 'cpu']
    : typeof navigator !== 'undefined' && 'gpu' in navigator
      ? ['webgpu', 'webgl', 'wasm', 'cpu']
      : ['webgl', 'wasm', 'cpu'];
  return preferred === undefined ? defaults : [preferred];
}

async function initialise(preferred?: TfjsBackendName): Promise<TfjsBackendName> {
  // Production mode drops debug checks and the "install tfjs-node" banner.
  tf.enableProdMode();
  for (const name of candidates(preferred)) {
    if (await trySetBackend(name)) {
      await tf.ready();
      active = name;
      return name;
    }
  }
  if (preferred !== undefined) {
    throw new LangevinError(`the tfjs backend '${preferred}' is not available here`);
  }
  throw new LangevinError('no tfjs backend could be initialised');
}

/**
 * Initialise tfjs and return the backend in use. Without `preferred`, the
 * first call picks the default for the platform and later calls reuse it;
 * with `preferred`, that backend is made active (switching if another one
 * was active) or a LangevinError says it is unavailable.
 */
export async function initTfjs(preferred?: TfjsBackendName): Promise<TfjsBackendName> {
  if (pending !== undefined) {
    const current = await pending.catch(() => undefined);
    if (current !== undefined && (preferred === undefined || preferred === current)) return current;
  }
  const attempt = initialise(preferred);
  pending = attempt;
  return attempt;
}

/** The backend made active by `initTfjs`, if any. */
export function activeTfjsBackend(): TfjsBackendName | undefined {
  return active;
}
