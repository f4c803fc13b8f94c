/**
 * Where code generation from strings is forbidden (a page whose CSP lacks
 * 'unsafe-eval'; here `node --disallow-code-generation-from-strings`), the
 * f64 backend runs its loops as closures without fusion: it must compute
 * the same log densities and gradients as the generated loops.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MODELS = [
  'eight_schools_noncentered',
  'kidiq',
  'logistic_regression',
  'normal_mixture',
  'garch',
  'multi_normal_cholesky',
];

const script = `
import { readFileSync, existsSync } from 'node:fs';
import { compile, parseStanJson } from '${ROOT}/dist/src/index.js';
const out = {};
let generated = true;
try { new Function('return 1'); } catch { generated = false; }
for (const name of ${JSON.stringify(MODELS)}) {
  const base = '${ROOT}/examples/models/' + name;
  const data = existsSync(base + '.data.json') ? parseStanJson(readFileSync(base + '.data.json', 'utf8'), 'data.json') : {};
  const model = await compile(readFileSync(base + '.stan', 'utf8'), { data, backend: 'f64', file: name + '.stan' });
  const chains = 3;
  const x = new Float64Array(chains * model.dim).map((_, i) => Math.sin(1.7 * i + 0.3));
  const { logDensity, gradient } = model.logDensityAndGradient(x, chains);
  out[name] = { logDensity: [...logDensity], gradient: [...gradient] };
}
console.log(JSON.stringify({ generated, out }));
`;

function run(flags: string[]): {
  generated: boolean;
  out: Record<string, { logDensity: number[]; gradient: number[] }>;
} {
  const text = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(text);
}

it('gives the same densities and gradients without generated code', () => {
  expect(existsSync(resolve(ROOT, 'dist/src/index.js')), 'run `npm run build` first').toBe(true);
  const withCodegen = run([]);
  const without = run(['--disallow-code-generation-from-strings']);
  expect(withCodegen.generated).toBe(true);
  expect(without.generated).toBe(false);
  for (const name of MODELS) {
    const a = withCodegen.out[name]!;
    const b = without.out[name]!;
    // Fusion may reorder a sum: equal to a few ulps of the values' scale.
    const close = (x: number, y: number) =>
      expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(x)));
    a.logDensity.forEach((v, i) => close(v, b.logDensity[i]!));
    expect(b.gradient.length).toBe(a.gradient.length);
    a.gradient.forEach((v, i) => close(v, b.gradient[i]!));
  }
});
