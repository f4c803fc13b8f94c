/**
 * `langevin upgrade MODEL [--in-place]`: rewrite pre-2.33 Stan syntax to
 * current syntax (src/upgrade/). Prints the upgraded program, or with
 * --in-place overwrites MODEL; the list of rewrites goes to stderr. The
 * result is checked: what still fails is reported (exit status 1).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from '../../language/parse.js';
import { check } from '../../check/check.js';
import { LangevinError } from '../../errors.js';
import { readTextFile } from '../../io/data-file.js';
import { upgradeSource } from '../../upgrade/upgrade.js';
import type { CliIO } from '../io.js';
import { resolvePath } from '../load-model.js';

export function registerUpgrade(program: Command, io: CliIO, sources: Record<string, string>): void {
  program
    .command('upgrade')
    .description('rewrite old (pre-2.33) Stan syntax in MODEL to current syntax, keeping comments and layout')
    .argument('<model>', 'Stan-language model file')
    .option('--in-place', 'overwrite MODEL instead of printing the result')
    .action((modelPath: string, raw: { inPlace?: boolean }) => {
      const path = resolvePath(io, modelPath);
      const source = readTextFile(path, 'model file');
      const result = upgradeSource(source);
      if (raw.inPlace) {
        if (result.text !== source) writeFileSync(path, result.text);
      } else {
        io.stdout.write(result.text);
      }
      const summary = result.changes.length === 0 ? ['nothing to rewrite'] : result.changes;
      io.stderr.write(`${modelPath}: ${raw.inPlace && result.text !== source ? 'upgraded in place' : 'upgrade'}\n`);
      for (const line of summary) io.stderr.write(`  ${line}\n`);
      for (const w of result.warnings) io.stderr.write(`  warning: ${w}\n`);
      // what is left is reported against the upgraded text (exit status 1)
      sources[modelPath] = result.text;
      try {
        check(parse(result.text, modelPath), modelPath);
      } catch (error) {
        if (error instanceof LangevinError) io.stderr.write('the upgraded program still has errors:\n');
        throw error;
      }
    });
}
