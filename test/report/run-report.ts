/** Drive `langevin report` in-process through the real CLI entry. */
import { runCli, type CliRun } from '../cli/run-cli.js';

export function runReport(args: string[], cwd?: string): Promise<CliRun> {
  return runCli(['report', ...args], { cwd });
}
