/**
 * The resource-limit flags (--max-memory-mb, --max-input-mb,
 * --max-iterations) shared by the commands that read a model, applied to
 * the process-wide limits for the one command.
 */
import type { Command } from 'commander';
import { LangevinError } from '../errors.js';
import { DEFAULT_LIMITS, formatBytes, limits, setLimits } from '../limits.js';
import { positiveInt, positiveNumber } from './options.js';

export interface RawLimitOptions {
  maxMemoryMb?: string;
  maxInputMb?: string;
  maxIterations?: string;
}

export function addLimitOptions(command: Command): Command {
  return command
    .option(
      '--max-memory-mb <n>',
      `memory budget for one declaration or a run's draws (default ${DEFAULT_LIMITS.memoryBytes / 1024 ** 2})`,
    )
    .option('--max-input-mb <n>', `largest model or data file read (default ${DEFAULT_LIMITS.inputBytes / 1024 ** 2})`)
    .option('--max-iterations <n>', `iterations one while loop may run (default ${DEFAULT_LIMITS.iterations})`);
}

/** Set the limits for this command from its flags (defaults for the ones not given). */
export function applyLimitOptions(raw: RawLimitOptions): void {
  const memory = positiveNumber('--max-memory-mb', raw.maxMemoryMb);
  const input = positiveNumber('--max-input-mb', raw.maxInputMb);
  setLimits({
    memoryBytes: memory === undefined ? DEFAULT_LIMITS.memoryBytes : memory * 1024 ** 2,
    inputBytes: input === undefined ? DEFAULT_LIMITS.inputBytes : input * 1024 ** 2,
    iterations:
      raw.maxIterations === undefined
        ? DEFAULT_LIMITS.iterations
        : positiveInt('--max-iterations', raw.maxIterations, 1),
  });
}

/**
 * A run's draws must fit the memory budget before anything is allocated:
 * `--chains 1000000000` is an error, not "Invalid typed array length".
 */
export function checkRunMemory(chains: number, iterations: number, columns: number): void {
  const bytes = chains * iterations * (columns + 4) * 8;
  if (Number.isFinite(bytes) && bytes <= limits().memoryBytes) return;
  throw new LangevinError(
    `${chains} chains × ${iterations} draws × ${columns + 4} columns need ${formatBytes(bytes)}, over the memory budget of ` +
      `${formatBytes(limits().memoryBytes)}; use fewer --chains or --draws (or more --thin), or raise --max-memory-mb`,
  );
}
