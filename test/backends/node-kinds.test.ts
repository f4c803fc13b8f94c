/**
 * Node kinds are a discriminated union (src/ir/ops.ts): every consumer's
 * switch ends in a `never` default, so a kind it does not handle is a
 * compile error (the @ts-expect-error below fails `npm run typecheck` if
 * a partial switch ever compiles), and at run time every kind prints.
 */
import { describe, expect, it } from 'vitest';
import { NODE_KINDS, unknownNodeKind, type IRNode } from '../../src/ir/ops.js';
import { printGraph } from '../../src/ir/print.js';
import { InternalError } from '../../src/errors.js';

/** A switch that forgets every kind but 'constant' must not type-check. */
function partial(node: IRNode): string {
  switch (node.kind) {
    case 'constant':
      return 'constant';
    default:
      // @ts-expect-error the other kinds are not handled, so `node` is not `never`
      return unknownNodeKind(node, 'partial');
  }
}

function nodeOf(kind: IRNode['kind']): IRNode {
  const base = { id: 0, inputs: [], shape: [] };
  switch (kind) {
    case 'constant':
      return { ...base, kind, value: Float64Array.of(1) };
    case 'param':
      return { ...base, kind, offset: 0 };
    case 'unary':
      return { ...base, kind, op: 'exp' };
    case 'binary':
      return { ...base, kind, op: 'add' };
    case 'ternary':
      return { ...base, kind, op: 'inc_beta' };
    case 'reduce':
      return { ...base, kind, op: 'sum' };
    case 'gather':
      return { ...base, kind, indices: Int32Array.of(0) };
    case 'scan': {
      const body = { nodes: [{ id: 0, kind: 'param' as const, inputs: [], shape: [], offset: 0 }], dim: 1, output: 0 };
      return { ...base, kind, body: { ...body, readsNoise: false }, length: 1, sequences: 0 };
    }
    default:
      return { ...base, kind };
  }
}

describe('node kinds', () => {
  it('lists each kind once', () => {
    expect(new Set(NODE_KINDS).size).toBe(NODE_KINDS.length);
    expect(NODE_KINDS).toContain('matmul');
  });

  it('every kind prints', () => {
    for (const kind of NODE_KINDS) {
      const text = printGraph({ nodes: [nodeOf(kind)], dim: 1, output: 0, readsNoise: false });
      expect(text).toContain(kind === 'triangular_solve_lower' ? 'triangular_solve_lower' : kind);
    }
  });

  it('an unhandled kind at run time is an internal error naming it', () => {
    expect(partial(nodeOf('constant'))).toBe('constant');
    expect(() => partial(nodeOf('fill'))).toThrow(InternalError);
    expect(() => partial(nodeOf('fill'))).toThrow(/'fill'/);
  });
});
