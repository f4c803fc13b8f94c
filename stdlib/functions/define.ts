/**
 * Shorthand for writing function entries, and the conventions the checker
 * reads from them:
 *  - signatures are tried in order and the first match wins, so exact
 *    integer overloads (abs(int) → int) come before promoting ones;
 *  - when several arguments are 'T', they must have the same type (up to
 *    int → real promotion) or be scalars: binary elementwise functions
 *    broadcast a scalar against a container, as Stan's vectorised binary
 *    functions do; the return type 'T' is then the container's type.
 *  - functions with the same name and different arities are one entry
 *    (log2() the constant, log2(x) the function).
 */
import { InternalError } from '../../src/errors.js';
import type { Ops, Val } from '../../src/ir/ops.js';
import type { FunctionEntry, Signature } from '../types.js';

export type SigSpec = [args: string[], returns: string];

export function fn(
  name: string,
  doc: string,
  signatures: SigSpec[],
  apply: (ops: Ops, args: Val[], argTypes: string[]) => Val,
): FunctionEntry {
  return {
    name,
    doc,
    signatures: signatures.map(([args, returns]): Signature => ({ args, returns })),
    apply: (ops, args, argTypes) => apply(ops, args, argTypes ?? []),
  };
}

/** The Stan type of argument i, needed where shapes are ambiguous (vector vs row_vector). */
export function typeOf(argTypes: string[], i: number, fnName: string): string {
  const t = argTypes[i];
  if (t === undefined) throw new InternalError(`${fnName}: the lowering must pass argument types`);
  return t;
}

/** Concrete container types that many functions accept one by one. */
export const VECTOR_LIKE = ['vector', 'row_vector'] as const;
export const REAL_CONTAINERS = ['array[] real', 'vector', 'row_vector', 'matrix'] as const;

/** Signatures [[t], returns] for each t. */
export function each(types: readonly string[], returns: string | ((t: string) => string)): SigSpec[] {
  return types.map((t) => [[t], typeof returns === 'string' ? returns : returns(t)]);
}
