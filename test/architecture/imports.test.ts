/**
 * Data flows one way through the source tree: no file imports itself back
 * through a chain of run-time imports, and each unit (a folder of src/, a
 * file directly in src/, or stdlib/) imports only units of a lower layer.
 * ARCHITECTURE.md explains the layers; change both together. Type-only
 * imports are erased by the compiler and are not checked.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, sourceGraph, unitOf } from './source-graph.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Layers, lowest first: a unit may import units of lower layers only. */
const LAYERS: string[][] = [
  ['src/error-codes.ts', 'src/limits.ts'],
  ['src/errors.ts'],
  ['src/math', 'src/random', 'src/language', 'src/diagnostics', 'src/io'],
  ['src/ir', 'src/samplers'],
  ['stdlib', 'src/transforms', 'src/backends'],
  ['src/check', 'src/score', 'src/parallel'],
  ['src/compile', 'src/inference'],
  ['src/builder', 'src/report', 'src/model', 'src/upgrade', 'src/chain-worker.ts'],
  ['src/cli'],
  ['src/index.ts'],
  ['src/browser.ts'],
];

const layerOf = new Map(LAYERS.flatMap((units, layer) => units.map((unit) => [unit, layer] as const)));

const graph = sourceGraph(ROOT, ['src', 'stdlib']);

describe('the import graph of src/ and stdlib/', () => {
  it('resolves every relative import', () => {
    expect(graph.files.length).toBeGreaterThan(100);
    expect(graph.unresolved).toEqual([]);
  });

  it('has no import cycle between files (static or dynamic imports)', () => {
    expect(cycles(graph.files, graph.edges)).toEqual([]);
  });

  it('places every unit in a layer', () => {
    const units = [...new Set(graph.files.map(unitOf))];
    expect(
      units.filter((unit) => !layerOf.has(unit)),
      'add these to LAYERS and ARCHITECTURE.md',
    ).toEqual([]);
  });

  it('imports only from lower layers', () => {
    const upward = graph.edges
      .filter((edge) => unitOf(edge.from) !== unitOf(edge.to))
      .filter((edge) => (layerOf.get(unitOf(edge.to)) ?? Infinity) >= (layerOf.get(unitOf(edge.from)) ?? -Infinity))
      .map((edge) => `${edge.from} → ${edge.to} (${edge.kind})`);
    expect(upward).toEqual([]);
  });
});

describe('the cycle finder', () => {
  it('finds a cycle, a self-loop, and nothing in a chain', () => {
    const edges = (pairs: string[]) => pairs.map((pair) => ({ from: pair[0]!, to: pair[1]! }));
    expect(cycles(['a', 'b', 'c', 'd'], edges(['ab', 'bc', 'ca', 'cd']))).toEqual([['a', 'b', 'c']]);
    expect(cycles(['a'], edges(['aa']))).toEqual([['a']]);
    expect(cycles(['a', 'b', 'c'], edges(['ab', 'bc', 'ac']))).toEqual([]);
  });

  it('sees an upward import as a layer violation', () => {
    expect(layerOf.get(unitOf('src/ir/graph.ts'))).toBeLessThan(layerOf.get(unitOf('src/backends/f64/tape.ts'))!);
    expect(unitOf('src/errors.ts')).toBe('src/errors.ts');
    expect(unitOf('stdlib/distributions/normal.ts')).toBe('stdlib');
  });
});
