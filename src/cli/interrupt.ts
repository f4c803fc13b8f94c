/**
 * A signal during a run (Ctrl-C's SIGINT, a scheduler's SIGTERM, a closed
 * terminal's SIGHUP): stop the sampler at the next iteration, keep the
 * draws so far, exit 128 + the signal number (130, 143, 129). A second
 * signal exits at once.
 */
import type { CliIO } from './io.js';

export const SIGNAL_EXIT_CODES: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export async function withInterrupt<T>(io: CliIO, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const guard = interruptGuard(io);
  try {
    return await run(guard.signal);
  } finally {
    guard.dispose();
  }
}

export interface InterruptGuard {
  /** Aborted by the first signal; its reason is the signal's name. */
  signal: AbortSignal;
  dispose(): void;
}

/** Catch the signals from now on (install before compiling, so a signal then is clean too). */
export function interruptGuard(io: CliIO): InterruptGuard {
  const controller = new AbortController();
  const abort = (): void => controller.abort('SIGINT');
  io.signal?.addEventListener('abort', abort);
  if (io.signal?.aborted) controller.abort('SIGINT');
  let interrupts = 0;
  const handlers = Object.keys(SIGNAL_EXIT_CODES).map((name) => {
    const handler = (): void => {
      interrupts += 1;
      if (interrupts > 1) process.exit(SIGNAL_EXIT_CODES[name]);
      io.stderr.write(
        `\n${name}: finishing the current iteration and writing the draws so far (again to quit at once)\n`,
      );
      controller.abort(name);
    };
    process.on(name as NodeJS.Signals, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name as NodeJS.Signals, handler);
      io.signal?.removeEventListener('abort', abort);
    },
  };
}

/** The exit code for a run stopped by `signal` (130 unless it was SIGTERM or SIGHUP). */
export function interruptExitCode(signal: AbortSignal | undefined): number {
  const reason = signal?.reason;
  return typeof reason === 'string' && reason in SIGNAL_EXIT_CODES ? SIGNAL_EXIT_CODES[reason]! : 130;
}
