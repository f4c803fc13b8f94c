/**
 * After `sample --out DIR` or `compare --out DIR`: DIR/report.html from the
 * files just written, and one line naming everything written (CmdStan
 * prints its output files too).
 */
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { writeFileOrFail } from '../io/write-fit.js';
import type { CliIO } from './io.js';

/** Write DIR/report.html for a run directory; returns its path. */
export async function writeRunReport(dir: string, dirLabel: string): Promise<string> {
  const output = join(dir, 'report.html');
  // Loaded here: Vega is large, and every other command starts without it.
  const [{ renderReport }, { readRun }] = await Promise.all([
    import('../report/html.js'),
    import('../report/read-run.js'),
  ]);
  writeFileOrFail(output, await renderReport(readRun(dir), { dirLabel }));
  return output;
}

/** "wrote out/: chain-1.csv chain-2.csv …", one line per directory; on stderr when stdout carries JSON. */
export function printWritten(io: CliIO, paths: string[], json: boolean): void {
  const cwd = io.cwd ?? process.cwd();
  const byDir = new Map<string, string[]>();
  for (const p of paths) {
    const rel = relative(cwd, dirname(p));
    const dir = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dirname(p) : rel;
    byDir.set(dir, [...(byDir.get(dir) ?? []), basename(p)]);
  }
  const out = json ? io.stderr : io.stdout;
  for (const [dir, files] of byDir) out.write(`wrote ${dir}${sep}: ${files.join(' ')}\n`);
}
