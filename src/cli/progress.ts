/**
 * A progress bar per run on a terminal (cli-progress), nothing otherwise.
 * It hangs off the driver's progress callback, never inside a kernel.
 */
import cliProgress from 'cli-progress';
import type { CliIO } from './io.js';

export interface Progress {
  update(done: number, total: number, phase: string): void;
  stop(): void;
}

export function createProgress(io: CliIO, label: string, enabled: boolean): Progress {
  if (!io.isTTY || !enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {phase} | ETA {eta}s`,
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, phase) {
      if (!started) {
        bar.start(total, done, { phase });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { phase });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
