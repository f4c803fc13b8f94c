/**
 * The runtime import graph of the library's own sources, read with the
 * TypeScript parser: static imports and re-exports (type-only ones are
 * erased by the compiler and skipped), dynamic `import()` calls with a
 * literal specifier, and the Node-only globals each file uses. Package
 * imports are recorded, not followed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

export type ImportKind = 'static' | 'dynamic';

export interface ImportEdge {
  /** Importing file, relative to the project root. */
  from: string;
  specifier: string;
  kind: ImportKind;
}

export interface ImportGraph {
  /** Every reachable source file (relative paths) and the file that first reached it (undefined for the entry). */
  files: Map<string, string | undefined>;
  /** Imports of packages and Node built-ins. */
  external: ImportEdge[];
  /** Relative imports that match no file. */
  unresolved: ImportEdge[];
  /** Uses of Node-only globals: file → names. */
  nodeGlobals: Map<string, string[]>;
}

/** Globals that Node has and browsers do not. */
const NODE_GLOBALS = new Set([
  'process',
  'Buffer',
  '__dirname',
  '__filename',
  'setImmediate',
  'clearImmediate',
  'global',
]);

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Is `specifier` a Node built-in module (`node:fs`, `fs`, `fs/promises`, `path`, ...)? */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!);
}

/** The package name of a bare specifier (`@scope/name/sub` → `@scope/name`). */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

interface FileFacts {
  imports: { specifier: string; kind: ImportKind }[];
  globals: string[];
}

/** Runtime imports and Node-only globals of one source file. */
export function scanSource(text: string, fileName: string): FileFacts {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const imports: FileFacts['imports'] = [];
  const globals = new Set<string>();

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyImport(node)) imports.push({ specifier: node.moduleSpecifier.text, kind: 'static' });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyExport(node)) imports.push({ specifier: node.moduleSpecifier.text, kind: 'static' });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (!node.isTypeOnly && ts.isStringLiteral(expression))
        imports.push({ specifier: expression.text, kind: 'static' });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const argument = node.arguments[0];
      if (argument && ts.isStringLiteralLike(argument)) imports.push({ specifier: argument.text, kind: 'dynamic' });
    } else if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text) && isFreeReference(node)) {
      globals.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, globals: [...globals].sort() };
}

/** `import type ...` or `import { type A, type B } from` (erased); a bare `import 'x'` is kept. */
function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0
    ? bindings.elements.every((element) => element.isTypeOnly)
    : false;
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0
    ? clause.elements.every((element) => element.isTypeOnly)
    : false;
}

/** An identifier that refers to a global, not a property name, member or declaration of its own. */
function isFreeReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if (
    (ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) &&
    parent.name === node
  ) {
    return false;
  }
  if (ts.isPropertySignature(parent) || ts.isMethodSignature(parent)) return false;
  if (
    (ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent)) &&
    parent.name === node
  ) {
    return false;
  }
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isBindingElement(parent)) return false;
  // Inside a type (e.g. `NodeJS.Timeout`): erased.
  for (let up: ts.Node | undefined = parent; up; up = up.parent) {
    if (ts.isTypeNode(up)) return false;
  }
  return true;
}

/** Resolve a relative specifier to a source file (`./x.js` → `./x.ts`), or undefined. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const target = resolve(dirname(fromFile), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, resolve(target, 'index.ts')];
  return candidates.find((candidate) => /\.(ts|js|mjs)$/.test(candidate) && existsSync(candidate));
}

/** Walk the runtime import graph from `entry` (a path relative to `root`). */
export function importGraph(root: string, entry: string): ImportGraph {
  const files = new Map<string, string | undefined>();
  const external: ImportEdge[] = [];
  const unresolved: ImportEdge[] = [];
  const nodeGlobals = new Map<string, string[]>();
  const queue: [string, string | undefined][] = [[resolve(root, entry), undefined]];
  while (queue.length > 0) {
    const [file, reachedFrom] = queue.shift()!;
    const name = relative(root, file);
    if (files.has(name)) continue;
    files.set(name, reachedFrom);
    const facts = scanSource(readFileSync(file, 'utf8'), file);
    if (facts.globals.length > 0) nodeGlobals.set(name, facts.globals);
    for (const { specifier, kind } of facts.imports) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (target === undefined) unresolved.push({ from: name, specifier, kind });
        else queue.push([target, name]);
      } else {
        external.push({ from: name, specifier, kind });
      }
    }
  }
  return { files, external, unresolved, nodeGlobals };
}

/** The chain of files from the entry to `file`, for error messages. */
export function chainTo(graph: ImportGraph, file: string): string {
  const chain = [file];
  for (let up = graph.files.get(file); up !== undefined; up = graph.files.get(up)) chain.unshift(up);
  return chain.join(' → ');
}
