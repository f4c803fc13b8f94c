/**
 * The `langevin` command: parse arguments, call the library, set the exit
 * code. 0 success, 1 user error (clear message, no stack trace), 2 internal
 * error ("internal error, please report"), 130 interrupted by Ctrl-C after
 * the draws so far were written.
 */
import { Command, CommanderError } from 'commander';
import { InternalError, LangevinError, renderDiagnostics } from '../errors.js';
import type { CliIO } from './io.js';
import { registerCommands } from './commands/index.js';
import { Interrupted } from './interrupted.js';
import { DEFAULT_LIMITS, setLimits } from '../limits.js';
import { codeFor } from '../error-codes.js';
import { packageVersion } from './version.js';
import { isMissingTfjs, missingTfjsError } from '../backends/optional-tfjs.js';

export async function main(argv: string[], io: CliIO): Promise<number> {
  const program = new Command('langevin')
    .description('Langevin Monte Carlo for Stan-language models')
    .version(packageVersion(), '-V, --version', 'print the version and exit')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      // commander's own errors (unknown option or command) carry their code too
      writeErr: (s) => void io.stderr.write(s.replace(/^error: /, `error[${codeFor('unknown option')}]: `)),
    });
  const sources: Record<string, string> = {};
  setLimits({ ...DEFAULT_LIMITS }); // each command sets its own from its flags
  registerCommands(program, io, sources);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportFailure(error, io, sources);
  }
}

function reportFailure(error: unknown, io: CliIO, sources: Record<string, string>): number {
  if (error instanceof CommanderError) {
    // commander already printed its message; help and version exit 0.
    return error.exitCode === 0 ? 0 : 1;
  }
  if (error instanceof Interrupted) return error.exitCode;
  // tfjs is an optional peer: whichever command needed it, one line.
  if (isMissingTfjs(error)) error = missingTfjsError('this command');
  if (error instanceof LangevinError) {
    // A diagnostic with neither span nor file is about the command line.
    const diagnostics = error.diagnostics.map((d) => (d.span || d.file ? d : { ...d, file: 'langevin' }));
    const defaultFile = Object.keys(sources)[0] ?? 'langevin';
    io.stderr.write(renderDiagnostics(diagnostics, defaultFile, sources, { codes: true }) + '\n');
    return 1;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const kind = error instanceof InternalError ? 'internal error' : 'internal error (unexpected exception)';
  io.stderr.write(`${kind}, please report: ${detail}\n`);
  return 2;
}
