/**
 * Packaging as a user meets it: require('langevin') from CommonJS, the
 * LICENSE package.json names, tfjs as an optional peer (and the one line a
 * missing tfjs gives), and every function docs/api.md names exported.
 * The require test runs the built package (npm ci builds it through
 * `prepare`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as langevin from '../../src/index.js';
import { isMissingTfjs, missingTfjsError, withTfjs } from '../../src/backends/optional-tfjs.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as PackageJson;

interface PackageJson {
  license: string;
  files: string[];
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, unknown>;
  devDependencies: Record<string, string>;
  [key: string]: unknown;
}

describe('CommonJS', () => {
  it('require("langevin") and require("langevin/builder") work', () => {
    expect(existsSync(`${ROOT}dist/src/index.js`), 'run npm run build first').toBe(true);
    const script = [
      "const l = require('langevin');",
      "const b = require('langevin/builder');",
      "const m = l.compileSync('parameters { real x; } model { x ~ normal(0, 1); }');",
      'console.log(typeof l.compile, typeof b.model, m.logDensity(new Float64Array([0]), 1)[0].toFixed(6));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe(`function function ${(-0.5 * Math.log(2 * Math.PI)).toFixed(6)}`);
  });
});

describe('package.json', () => {
  it('has the LICENSE it names', () => {
    expect(pkg.license).toBe('BSD-3-Clause');
    const text = readFileSync(`${ROOT}LICENSE`, 'utf8');
    expect(text).toContain('BSD 3-Clause License');
    expect(pkg.files).toContain('LICENSE');
  });

  it('makes tfjs an optional peer, so f64 users do not install it', () => {
    for (const name of ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm']) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.peerDependencies[name]).toBeDefined();
      expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
      expect(pkg.devDependencies[name]).toBeDefined();
    }
  });

  it('does not ship the benchmarks', () => {
    expect(pkg.files).not.toContain('dist');
    expect(pkg.files.some((f: string) => f.startsWith('dist/bench'))).toBe(false);
  });
});

describe('a missing tfjs', () => {
  const notFound = Object.assign(new Error("Cannot find package '@tensorflow/tfjs' imported from /app/x.js"), {
    code: 'ERR_MODULE_NOT_FOUND',
  });

  it('is recognised, and other missing modules are not', () => {
    expect(isMissingTfjs(notFound)).toBe(true);
    expect(
      isMissingTfjs(Object.assign(new Error("Cannot find package 'left-pad'"), { code: 'ERR_MODULE_NOT_FOUND' })),
    ).toBe(false);
  });

  it('becomes one line naming what to install', async () => {
    await expect(withTfjs("the 'tfjs' backend", () => Promise.reject(notFound))).rejects.toThrow(
      "the 'tfjs' backend needs the optional peer dependency @tensorflow/tfjs: npm install @tensorflow/tfjs @tensorflow/tfjs-backend-wasm",
    );
    expect(missingTfjsError('x').message.split('\n')).toHaveLength(1);
  });
});

describe('docs/api.md', () => {
  it('names only functions the package exports', () => {
    const text = readFileSync(`${ROOT}docs/api.md`, 'utf8');
    const list = text.slice(text.indexOf('Other entry points'), text.indexOf('No entry point does I/O'));
    const names = [...list.matchAll(/^- `(\w+)\(/gm)].map((m) => m[1]!);
    expect(names).toEqual(['compileSync', 'lowerSource', 'lowerToGraph', 'lower']);
    for (const name of [...names, 'compile', 'createRng', 'parseStanJson']) {
      expect(typeof (langevin as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
