/**
 * tfjs is an optional peer dependency: f64 users never install it. Where
 * it is needed (the tfjs backend, score networks) a missing package turns
 * into one line saying what to install, not a module-resolution trace.
 */
import { LangevinError } from '../errors.js';

export const TFJS_INSTALL = 'npm install @tensorflow/tfjs @tensorflow/tfjs-backend-wasm';

/** Whether `error` is Node failing to find a @tensorflow package. */
export function isMissingTfjs(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  return (
    (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') && /@tensorflow\/tfjs/.test(e.message ?? '')
  );
}

export function missingTfjsError(what: string): LangevinError {
  return new LangevinError(`${what} needs the optional peer dependency @tensorflow/tfjs: ${TFJS_INSTALL}`);
}

/** Run a dynamic import of tfjs-backed code, naming what needed it if tfjs is missing. */
export async function withTfjs<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissingTfjs(error)) throw missingTfjsError(what);
    throw error;
  }
}
