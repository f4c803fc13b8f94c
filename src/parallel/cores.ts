/**
 * The number of cores to use by default: Node's os.availableParallelism(),
 * a browser's navigator.hardwareConcurrency, else 1. Node's os module is
 * reached through process.getBuiltinModule at run time, so nothing here
 * imports a Node built-in (the browser entry reaches this file).
 */
import { nodeBuiltin } from './node-builtin.js';

/**
 * How many threads `--threads` uses by default.
 * @example
 * ```ts
 * import { availableCores } from 'langevin';
 * console.log(availableCores() >= 1); // → true
 * ```
 */
export function availableCores(): number {
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus: () => unknown[] }>('node:os');
  if (os) return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}
