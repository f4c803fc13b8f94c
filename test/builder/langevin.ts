/**
 * Stands in for the package entry 'langevin' in the README snippet test:
 * exactly the names the snippet imports, from where src/index.ts will
 * re-export them.
 */
export { sampleModel } from '../../src/index.js';
export { model, int, real, vector, v, normal, cauchy } from '../../src/builder/index.js';
