/**
 * The library as the worker uses it: the browser entry plus compare's row
 * builder (not part of the public API yet), in one place so a moved
 * module means one edit here.
 */
export * from '../../src/browser.js';
export { compareRow } from '../../src/inference/compare.js';
