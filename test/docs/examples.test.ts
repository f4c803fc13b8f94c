/**
 * Every function the package exports (from `langevin`, `langevin/builder`,
 * `langevin/browser` and `langevin/score`) has a TSDoc `@example`, and every
 * example runs: a fenced ```ts block is written to out/doc-examples/ with
 * the package's import specifiers pointed at the sources, imported, and
 * what it prints is compared with its `// → ` comments (a comment trailing
 * a console.log line starts an expected output; `// → ` lines right below
 * it continue it). An example may instead name files under examples/api/
 * (`examples/api/NAME.ts`), which then run the same way.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const OUT = join(ROOT, 'out', 'doc-examples');

/** The package's entry points, by the specifier users import them with. */
const ENTRIES: Record<string, string> = {
  langevin: 'src/index.ts',
  'langevin/builder': 'src/builder/index.ts',
  'langevin/browser': 'src/browser.ts',
  'langevin/score': 'src/score/index.ts',
};

interface Documented {
  name: string;
  file: string;
  isFunction: boolean;
  examples: string[];
}

/** Exported values of the entry points with their @example texts, one entry per declaration. */
function exportedDeclarations(): Documented[] {
  const files = Object.values(ENTRIES).map((f) => join(ROOT, f));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const seen = new Map<string, Documented>();
  for (const file of files) {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = symbol.declarations?.[0];
      if (!decl || !(symbol.flags & ts.SymbolFlags.Value)) continue;
      const isClass = (symbol.flags & ts.SymbolFlags.Class) !== 0;
      const isFunction = !isClass && checker.getTypeOfSymbolAtLocation(symbol, decl).getCallSignatures().length > 0;
      if (!isFunction && !isClass) continue;
      // `export const f = …`: the doc comment sits on the statement
      const host = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
      const examples = ts
        .getJSDocTags(host)
        .filter((t) => t.tagName.text === 'example')
        .map((t) => ts.getTextOfJSDocComment(t.comment) ?? '');
      const key = `${decl.getSourceFile().fileName}#${symbol.getName()}`;
      seen.set(key, {
        name: exported.getName(),
        file: relative(ROOT, decl.getSourceFile().fileName),
        isFunction,
        examples,
      });
    }
  }
  return [...seen.values()];
}

/** The code of one @example: its ```ts fences, else the examples/api files it names. */
export function exampleSources(text: string): Array<{ label: string; code: string }> {
  const fences = [...text.matchAll(/```(?:ts|typescript|js)\n([\s\S]*?)```/g)].map((m) => m[1]!);
  if (fences.length > 0) return fences.map((code, i) => ({ label: `fence ${i + 1}`, code }));
  return [...text.matchAll(/examples\/api\/[\w.-]+\.(?:ts|mjs)/g)].map((m) => ({
    label: m[0],
    code: readFileSync(join(ROOT, m[0]), 'utf8'),
  }));
}

/** The outputs an example promises: `console.log(…); // → text`, continued by `// → more` lines below. */
export function expectedOutputs(code: string): string[] {
  const out: string[] = [];
  let open = false;
  for (const line of code.split('\n')) {
    const trailing = /console\.log\(.*\/\/ → ?(.*)$/.exec(line);
    const alone = /^\s*\/\/ →(?: (.*))?$/.exec(line);
    if (trailing) {
      out.push(trailing[1]!);
      open = true;
    } else if (alone && open) {
      out[out.length - 1] += `\n${alone[1] ?? ''}`;
    } else if (alone) {
      out.push(alone[1] ?? '');
      open = true;
    } else {
      open = false;
    }
  }
  return out;
}

/** Point `from 'langevin…'` at the sources so the example runs against this checkout. */
function resolveImports(code: string): string {
  return code.replace(/from '(langevin(?:\/\w+)?)'/g, (whole, specifier: string) => {
    const entry = ENTRIES[specifier];
    if (!entry) throw new Error(`unknown package entry '${specifier}'`);
    return `from '${pathToFileURL(join(ROOT, entry)).href}'`;
  });
}

const declarations = exportedDeclarations();
const functions = declarations.filter((d) => d.isFunction);

describe('every exported function has an @example', () => {
  it('finds the exports (the walk over the entry points works)', () => {
    expect(functions.map((f) => f.name)).toEqual(
      expect.arrayContaining(['compile', 'sampleModel', 'normal', 'initTfjs']),
    );
  });
  it('each one', () => {
    const missing = functions.filter((f) => !f.examples.some((e) => exampleSources(e).length > 0));
    expect(missing.map((f) => `${f.name} (${f.file})`)).toEqual([]);
  });
});

const inline = declarations.flatMap((d) =>
  d.examples.flatMap((text) =>
    exampleSources(text).map((source) => ({ id: `${d.name} (${d.file}, ${source.label})`, name: d.name, ...source })),
  ),
);
// A file under examples/api/ that several functions point to runs once.
const files = new Map<string, (typeof inline)[number]>();
for (const c of inline) if (c.label.startsWith('examples/')) files.set(c.label, { ...c, id: c.label, name: 'file' });
const cases = [...inline.filter((c) => !c.label.startsWith('examples/')), ...files.values()];

describe('every @example runs and prints what it says', () => {
  mkdirSync(OUT, { recursive: true });
  it.each(cases)('$id', async ({ name, label, code }) => {
    const file = join(OUT, `${name}-${label.replace(/[^\w]+/g, '-')}.ts`);
    writeFileSync(file, resolveImports(code));
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
    try {
      await import(/* @vite-ignore */ `${pathToFileURL(file).href}?t=${Date.now()}`);
    } finally {
      spy.mockRestore();
    }
    expect(printed.map((p) => p.trimEnd())).toEqual(expectedOutputs(code).map((e) => e.trimEnd()));
  });
});
