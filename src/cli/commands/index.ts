/** Every subcommand of `langevin`, each in its own file. */
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { registerCheck } from './check.js';
import { registerSample } from './sample.js';
import { registerCompare } from './compare.js';
import { registerBound } from './bound.js';
import { registerReport } from './report.js';
import { registerTrainScore } from './train-score.js';
import { registerUpgrade } from './upgrade.js';
import { registerMerge } from './merge.js';

export function registerCommands(program: Command, io: CliIO, sources: Record<string, string>): void {
  registerCheck(program, io, sources);
  registerSample(program, io, sources);
  registerCompare(program, io, sources);
  registerBound(program, io);
  registerReport(program, io);
  registerMerge(program, io);
  registerTrainScore(program, io);
  registerUpgrade(program, io, sources);
}
