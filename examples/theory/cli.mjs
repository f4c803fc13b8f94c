// Run the langevin CLI as a user would and parse its --json output.
// LANGEVIN_BIN overrides the launcher (default: bin/langevin.js of this checkout, after `npm run build`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HERE = fileURLToPath(new URL('./', import.meta.url));
/** Where the scripts write: out/theory/ (ignored), never over the tracked files here. */
export const OUT = `${ROOT}out/theory/`;
mkdirSync(OUT, { recursive: true });
const BIN = process.env.LANGEVIN_BIN ?? `${ROOT}bin/langevin.js`;
/** `--write`: also copy each output over the committed record in examples/theory/ (docs/theory.md quotes it). */
export const WRITE = process.argv.includes('--write');

/** Keep `name` (written into out/theory/) as the committed copy too, under --write. */
function record(name) {
  if (WRITE) copyFileSync(`${OUT}${name}`, `${HERE}${name}`);
}

/** Run `langevin ARGS`; returns stdout (parsed as JSON when --json is among the args). */
export function langevin(args) {
  const progress = args[0] === 'sample' || args[0] === 'compare' ? ['--no-progress'] : [];
  const run = spawnSync(process.execPath, [BIN, ...args, ...progress], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`langevin ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return args.includes('--json') ? JSON.parse(run.stdout) : run.stdout;
}

/** Print a line and collect it for the text output file. */
export function makeLog() {
  const lines = [];
  const log = (line = '') => {
    console.log(line);
    lines.push(line);
  };
  log.save = (name) => {
    writeFileSync(`${OUT}${name}`, lines.join('\n') + '\n');
    record(name);
  };
  return log;
}

export const saveJson = (name, value) => {
  writeFileSync(`${OUT}${name}`, JSON.stringify(value, null, 2) + '\n');
  record(name);
};

/**
 * Run `langevin sample ARGS --out out/theory/runs/NAME`, then
 * `langevin report` on it into out/theory/NAME.html (and, under --write,
 * examples/theory/NAME.html); the draws are deleted afterwards (only the
 * page is kept).
 */
export function sampleAndReport(name, args) {
  const dir = `out/theory/runs/${name}`;
  langevin([...args, '--out', dir]);
  langevin(['report', dir, '--output', `out/theory/${name}.html`]);
  rmSync(`${ROOT}out/theory/runs`, { recursive: true, force: true });
  record(`${name}.html`);
  // the committed text names the committed page
  return WRITE ? `examples/theory/${name}.html` : `out/theory/${name}.html`;
}
