/**
 * The run-time import graph of every TypeScript source under some folders
 * (src/, stdlib/): static imports, re-exports and literal dynamic
 * `import()`s between the project's own files, read with the TypeScript
 * parser (test/browser/import-graph.ts). Type-only imports are erased by
 * the compiler and are not edges. Also: strongly connected components
 * (import cycles) and the folder ("unit") of each file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { scanSource, type ImportKind } from '../browser/import-graph.js';

export interface SourceEdge {
  from: string;
  to: string;
  kind: ImportKind;
}

export interface SourceGraph {
  /** Every source file, relative to the root, with `/` separators. */
  files: string[];
  edges: SourceEdge[];
  /** Imports of packages and Node built-ins (not followed). */
  external: { from: string; specifier: string; kind: ImportKind }[];
  /** Relative specifiers that match no file. */
  unresolved: { from: string; specifier: string }[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  const target = resolve(dirname(fromFile), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')];
  return candidates.find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

const toPosix = (path: string) => path.split('\\').join('/');

/** The graph of the sources under `dirs` (relative to `root`). */
export function sourceGraph(root: string, dirs: string[]): SourceGraph {
  const files = dirs.flatMap((dir) => walk(resolve(root, dir))).sort();
  const edges: SourceEdge[] = [];
  const unresolved: SourceGraph['unresolved'] = [];
  const external: SourceGraph['external'] = [];
  for (const file of files) {
    const from = toPosix(relative(root, file));
    for (const { specifier, kind } of scanSource(readFileSync(file, 'utf8'), file).imports) {
      if (!specifier.startsWith('.')) {
        external.push({ from, specifier, kind });
        continue;
      }
      const target = resolveSpecifier(file, specifier);
      if (target === undefined) unresolved.push({ from, specifier });
      else edges.push({ from, to: toPosix(relative(root, target)), kind });
    }
  }
  return { files: files.map((file) => toPosix(relative(root, file))), edges, external, unresolved };
}

/** Strongly connected components with more than one node or a self-loop (Tarjan). */
export function cycles(nodes: string[], edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>(nodes.map((node) => [node, []]));
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    if (!next.has(to)) next.set(to, []);
    next.get(from)!.push(to);
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return found;
}

/**
 * The unit of a file: its folder under src/ (`src/ir/graph.ts` → `src/ir`),
 * the file itself for files directly in src/ (`src/errors.ts`), and the
 * top folder otherwise (`stdlib/distributions/normal.ts` → `stdlib`).
 */
export function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file;
  return parts[0]!;
}

/** Files reachable from `entry` through static imports only (what loading `entry` evaluates). */
export function staticallyReachable(graph: SourceGraph, entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const edge of graph.edges) {
      if (edge.from === file && edge.kind === 'static' && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}
