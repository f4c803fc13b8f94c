/**
 * Ctrl-C during a run: stop the sampler at the next iteration, keep the
 * draws so far. A second Ctrl-C exits at once.
 */
import type { CliIO } from './io.js';

export async function withInterrupt<T>(io: CliIO, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  io.signal?.addEventListener('abort', abort);
  if (io.signal?.aborted) controller.abort();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    io.stderr.write('\ninterrupt: finishing the current iteration and writing the draws so far (Ctrl-C again to quit)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await run(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
    io.signal?.removeEventListener('abort', abort);
  }
}
