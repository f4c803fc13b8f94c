#!/usr/bin/env node
// Census of Stan programs through `langevin check` (issue 11).
//
//   npm run build && node scripts/census.mjs DIR [--json] [--list]
//
// Every NAME.stan under DIR that has a data file beside it (NAME.data.json,
// NAME.json, or for a model M in a folder with exactly one *.data.json, that
// one) is checked with `node bin/langevin.js check NAME.stan --data DATA`,
// one process per program with a time limit, exactly as a user would run it.
// Prints pass / attempted, then the first errors grouped by cause (the error
// code and the message with quoted names and numbers taken out), most common
// first. --upgrade first rewrites each program with `langevin upgrade` (into
// a temporary copy) and counts the programs that needed it; --list also
// prints each program's outcome; --json prints the whole result as JSON
// instead of the tables.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'langevin.js');
const TIMEOUT_MS = 60_000;

function stanFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...stanFiles(path));
    else if (entry.endsWith('.stan')) out.push(path);
  }
  return out.sort();
}

/** The data file that goes with a model, or undefined. */
export function dataFor(model) {
  const stem = model.slice(0, -'.stan'.length);
  for (const candidate of [`${stem}.data.json`, `${stem}.json`]) if (existsSync(candidate)) return candidate;
  const dir = dirname(model);
  const jsons = readdirSync(dir).filter((f) => f.endsWith('.data.json'));
  const models = readdirSync(dir).filter((f) => f.endsWith('.stan'));
  if (jsons.length === 1 && models.length === 1) return join(dir, jsons[0]);
  return undefined;
}

/** A cause: the code and the first error line with quoted names and numbers replaced, so like failures group. */
export function causeOf(stderr) {
  const line = stderr.split('\n').find((l) => /\berror\b/.test(l)) ?? stderr.split('\n')[0] ?? '';
  const code = /error\[?(E\d{3})\]?/.exec(line)?.[1] ?? /\b(E\d{3})\b/.exec(line)?.[1] ?? '';
  const message = line
    .replace(/^.*?error(\[E\d{3}\])?:\s*/, '')
    .replace(/^E\d{3}\s+/, '')
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .replace(/\(did you mean[^)]*\)/, '')
    .trim();
  return code ? `${code} ${message}` : message;
}

/** The program rewritten by `langevin upgrade` into dir (same base name), and whether it changed. */
function upgraded(model, dir) {
  const r = spawnSync(process.execPath, [CLI, 'upgrade', model], { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (r.status !== 0) return { path: model, changed: false };
  const path = join(dir, basename(model));
  writeFileSync(path, r.stdout);
  return { path, changed: r.stdout !== readFileSync(model, 'utf8') };
}

function checkOne(model, data) {
  const r = spawnSync(process.execPath, [CLI, 'check', model, '--data', data], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  if (r.error) return { ok: false, cause: `did not finish: ${r.error.code ?? r.error.message}`, stderr: '' };
  if (r.status === 0) return { ok: true };
  const stderr = r.stderr ?? '';
  const crashed = r.status !== 1 || /\n\s+at .*\(.*:\d+:\d+\)/.test(stderr);
  return { ok: false, cause: crashed ? `crash (exit ${r.status})` : causeOf(stderr), stderr };
}

function main(argv) {
  const dirs = argv.filter((a) => !a.startsWith('--'));
  if (dirs.length === 0) {
    console.error('usage: node scripts/census.mjs DIR [DIR...] [--json] [--list]');
    process.exit(1);
  }
  const upgrade = argv.includes('--upgrade');
  const scratch = upgrade ? mkdtempSync(join(tmpdir(), 'langevin-census-')) : undefined;
  const outcomes = [];
  for (const dir of dirs) {
    for (const model of stanFiles(resolve(dir))) {
      const data = dataFor(model);
      if (!data) continue;
      const target = scratch ? upgraded(model, scratch) : { path: model, changed: false };
      outcomes.push({
        file: relative(resolve(dir), model),
        data: basename(data),
        upgraded: target.changed,
        ...checkOne(target.path, data),
      });
    }
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  const passed = outcomes.filter((o) => o.ok).length;
  const causes = new Map();
  for (const o of outcomes) if (!o.ok) causes.set(o.cause, [...(causes.get(o.cause) ?? []), o.file]);
  const ranked = [...causes].sort((a, b) => b[1].length - a[1].length);
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ attempted: outcomes.length, passed, upgrade, outcomes }, null, 2));
    return;
  }
  const pct = outcomes.length ? ((100 * passed) / outcomes.length).toFixed(0) : '0';
  const how = upgrade
    ? `after langevin upgrade (${outcomes.filter((o) => o.upgraded).length} rewritten)`
    : 'as written';
  console.log(
    `| programs with data | pass / attempted |\n|---|---|\n| ${dirs.join(', ')}, ${how} | ${passed}/${outcomes.length} (${pct}%) |\n`,
  );
  console.log('| first error | programs | examples |\n|---|---|---|');
  for (const [cause, files] of ranked) {
    console.log(`| ${cause.replace(/\|/g, '\\|')} | ${files.length} | ${files.slice(0, 3).join(', ')} |`);
  }
  if (argv.includes('--list')) {
    console.log('');
    for (const o of outcomes) console.log(`${o.ok ? 'ok  ' : 'FAIL'} ${o.file}${o.ok ? '' : `: ${o.cause}`}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
