/**
 * The table of the model language's functions. Conventions for signatures
 * (order, 'T', arity overloads) are in functions/define.ts; operators
 * (+, *, ', ...) are the lowering's, not entries here.
 */
import type { FunctionEntry } from './types.js';
import { elementwiseFunctions } from './functions/elementwise.js';
import { reductionFunctions } from './functions/reductions.js';
import { containerFunctions } from './functions/containers.js';
import { linalgFunctions } from './functions/linalg.js';
import { sortingFunctions } from './functions/sorting.js';
import { matrixAlgebraFunctions } from './functions/matrix-algebra.js';
import { hmmFunctions } from './functions/hmm.js';
import { decompositionFunctions } from './functions/decompositions.js';

/** The functions by topic, in the order the docs list them. */
export const functionGroups: Array<{ title: string; entries: FunctionEntry[] }> = [
  { title: 'Elementwise math and constants', entries: elementwiseFunctions },
  { title: 'Reductions, softmax and mixtures', entries: reductionFunctions },
  { title: 'Sizes, construction, conversion and slicing', entries: containerFunctions },
  {
    title: 'Linear algebra and Gaussian-process covariances',
    entries: [...linalgFunctions, ...matrixAlgebraFunctions],
  },
  {
    title: 'Decompositions (eigen- and singular values: values known before sampling only)',
    entries: decompositionFunctions,
  },
  { title: 'Hidden Markov models', entries: hmmFunctions },
  { title: 'Sorting and ranking (values known before sampling)', entries: sortingFunctions },
];

export const functions: FunctionEntry[] = functionGroups.flatMap((g) => g.entries);
