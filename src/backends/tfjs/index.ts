/** The tfjs backend: compile a density graph to a batched tfjs evaluator. */
export { compileTfjs, type TfjsEvaluator, type TfjsOptions } from './compile.js';
export { initTfjs, activeTfjsBackend, type TfjsBackendName } from './setup.js';
