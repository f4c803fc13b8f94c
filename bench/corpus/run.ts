/**
 * `npm run corpus`: a census of Stan programs through `langevin check`.
 * Every `NAME.stan` under the corpus directories is parsed and checked,
 * and compiled with `NAME.data.json` (or `NAME.data.R`, read by rdump.ts)
 * when there is one; programs under an `old/` directory are first passed
 * through `langevin upgrade`. Prints the pass figures per directory and
 * the failures grouped by cause (the first error's message with names
 * taken out).
 *
 *   npm run corpus                      # the fixtures in corpus/ and examples/models/
 *   npm run corpus -- DIR [DIR...]      # any checkout, e.g. of example-models
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSync } from '../../src/compile/compile.js';
import { check } from '../../src/check/check.js';
import { parse } from '../../src/language/parse.js';
import { LangevinError } from '../../src/errors.js';
import type { ModelData } from '../../src/model/types.js';
import { upgradeSource } from '../../src/upgrade/upgrade.js';
import { readRDump } from './rdump.js';

interface Outcome {
  file: string;
  ok: boolean;
  withData: boolean;
  cause?: string;
  message?: string;
}

function stanFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...stanFiles(path));
    else if (entry.endsWith('.stan')) out.push(path);
  }
  return out.sort();
}

function dataFor(model: string): ModelData | undefined {
  const stem = model.slice(0, -'.stan'.length);
  for (const candidate of [`${stem}.data.json`, `${stem}.json`]) {
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8')) as ModelData;
  }
  for (const candidate of [`${stem}.data.R`, `${stem}.data.r`]) {
    if (existsSync(candidate)) return readRDump(readFileSync(candidate, 'utf8')) as ModelData;
  }
  return undefined;
}

/** A cause: the message with quoted names and numbers replaced, so like failures group. */
export function causeOf(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/'[^']*'/g, "'…'")
    .replace(/\b\d+\b/g, 'N')
    .replace(/\(did you mean[^)]*\)/, '')
    .trim();
}

function census(model: string, old: boolean): Outcome {
  const file = model;
  let source = readFileSync(model, 'utf8');
  if (old) source = upgradeSource(source).text;
  const data = dataFor(model);
  try {
    check(parse(source, basename(model)), basename(model));
    if (data) compileSync(source, { data, file: basename(model), backend: 'f64' }).dispose();
    return { file, ok: true, withData: data !== undefined };
  } catch (error) {
    const message =
      error instanceof LangevinError
        ? (error.diagnostics[0]?.message ?? error.message)
        : `internal: ${error instanceof Error ? error.message : String(error)}`;
    return { file, ok: false, withData: data !== undefined, cause: causeOf(message), message };
  }
}

function main(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
  const args = process.argv.slice(2);
  const dirs = args.length > 0 ? args.map((a) => resolve(a)) : [join(root, 'corpus'), join(root, 'examples/models')];
  const outcomes: Array<Outcome & { group: string }> = [];
  for (const dir of dirs) {
    for (const model of stanFiles(dir)) {
      const rel = relative(dir, model);
      const old = rel.split(/[\\/]/).includes('old');
      const group = `${basename(dir)}/${old ? 'old (after upgrade)' : 'current'}`;
      outcomes.push({ ...census(model, old), group });
    }
  }
  const groups = [...new Set(outcomes.map((o) => o.group))];
  console.log('| corpus | pass / attempted | with data |');
  console.log('|---|---|---|');
  for (const g of groups) {
    const rows = outcomes.filter((o) => o.group === g);
    const ok = rows.filter((o) => o.ok).length;
    const data = rows.filter((o) => o.withData).length;
    console.log(`| ${g} | ${ok}/${rows.length} (${Math.round((100 * ok) / rows.length)}%) | ${data} |`);
  }
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length === 0) return;
  const byCause = new Map<string, Outcome[]>();
  for (const f of failed) byCause.set(f.cause!, [...(byCause.get(f.cause!) ?? []), f]);
  console.log('\nfailures by cause:');
  for (const [cause, list] of [...byCause].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${list.length}  ${cause}`);
    for (const f of list.slice(0, 3)) console.log(`       ${f.file}: ${f.message}`);
  }
}

main();
