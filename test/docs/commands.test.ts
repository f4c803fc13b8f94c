/**
 * Every `langevin …` command shown in a code block of README.md and
 * docs/*.md runs as documented (exit 0; an example shown with its error
 * output must fail), shortened so the file takes seconds: fewer draws,
 * chains, levels and epochs; files written under a temporary directory.
 * A docs change that renames an option or a file fails here.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const TMP = mkdtempSync(join(tmpdir(), 'langevin-docs-'));

interface DocCommand {
  page: string;
  line: number;
  text: string;
  /** Shown with an `error:` line after it: must exit non-zero. */
  fails: boolean;
}

/** `langevin …` lines in fenced blocks, `\` continuations joined, `&&` split; synopsis lines (MODEL, [..]) skipped. */
export function docCommands(page: string, text: string): DocCommand[] {
  const out: DocCommand[] = [];
  const lines = text.split('\n');
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trimStart().startsWith('```')) {
      inBlock = !inBlock;
      continue;
    }
    if (!inBlock) continue;
    let line = raw.trim().replace(/^\$ /, '').replace(/^npx /, '');
    if (!line.startsWith('langevin ')) continue;
    const start = i;
    while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++i]!.trim();
    line = line.replace(/\s+#.*$/, '');
    if (/\b(MODEL|DIR|FILE|DATA\.csv)\b|\[|\|/.test(line)) continue; // a synopsis, not a command
    const fails = /error:/.test(lines[i + 1] ?? '');
    for (const part of line.split('&&'))
      out.push({ page, line: start + 1, text: part.trim().replace(/^npx /, ''), fails });
  }
  return out;
}

/** Split like a shell: whitespace, with "double" and 'single' quotes. */
function shellWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

const LIMITS: Record<string, number> = {
  '--draws': 60,
  '--warmup': 60,
  '--chains': 64,
  '--thin': 2,
  '--levels': 4,
  '--steps-per-level': 5,
  '--final-steps': 5,
  '--epochs': 2,
};

/** Shortened arguments; outputs under TMP (and later reads of them too). */
function shorten(words: string[], written: Map<string, string>): string[] {
  const args = words.slice(1);
  for (let k = 0; k < args.length; k++) {
    const flag = args[k]!;
    const limit = LIMITS[flag];
    if (limit !== undefined && k + 1 < args.length) args[k + 1] = String(Math.min(Number(args[k + 1]), limit));
    if ((flag === '--out' || flag === '--output') && k + 1 < args.length && !args[k + 1]!.startsWith('/')) {
      const target = join(TMP, args[k + 1]!);
      written.set(args[k + 1]!, target);
      args[k + 1] = target;
      k++;
      continue;
    }
    for (const [from, to] of written)
      if (args[k] === from || args[k]!.startsWith(`${from}/`)) args[k] = to + args[k]!.slice(from.length);
  }
  const has = (flag: string) => args.includes(flag);
  const annealed = args.includes('annealed') || has('--score');
  if ((args[0] === 'sample' || args[0] === 'compare') && !annealed) {
    if (!has('--draws')) args.push('--draws', '60');
    if (!has('--warmup')) args.push('--warmup', '60');
  }
  if (args[0] === 'sample' && annealed && !has('--chains')) args.push('--chains', '64');
  if (args[0] === 'train-score' && !has('--hidden')) args.push('--hidden', '16');
  if (['sample', 'compare', 'train-score'].includes(args[0]!)) args.push('--no-progress');
  return args;
}

const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const commands = pages.flatMap((page) => docCommands(page, readFileSync(join(ROOT, page), 'utf8')));

describe('commands in the docs', () => {
  it('finds the commands of the README and the docs', () => {
    expect(commands.length).toBeGreaterThan(15);
    expect(new Set(commands.map((c) => c.page)).size).toBeGreaterThan(4);
  });

  // Sequential within a page: a later command may read what an earlier one wrote.
  const written = new Map<string, string>();
  for (const c of commands) {
    it(`${c.page}:${c.line}: ${c.text.slice(0, 90)}`, async () => {
      const args = shorten(shellWords(c.text), written);
      const r = await runCli(args, { cwd: ROOT });
      if (c.fails) expect(r.code, r.stdout).not.toBe(0);
      else expect(r.code, `langevin ${args.join(' ')}\n${r.stderr}`).toBe(0);
    }, 60_000);
  }
});
