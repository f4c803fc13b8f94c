/**
 * Stands in for `node:fs` in this example's bundle. The library reaches
 * node:fs only through options that name files (`annealing.scoreFile`,
 * `annealing.referenceFile`), which a browser app cannot use; Vite's own
 * stand-in throws as soon as the module loads in the dev server, this one
 * only if such an option is used.
 */
export function readFileSync(path: string): never {
  throw new Error(`files cannot be read in the browser ('${path}'): pass the loaded value instead`);
}
