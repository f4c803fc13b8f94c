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
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {phase} | ETA {etaText}`,
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const start = performance.now();
  return {
    update(done, total, phase) {
      const etaText = eta((performance.now() - start) / 1000, done, total);
      if (!started) {
        bar.start(total, done, { phase, etaText });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { phase, etaText });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/**
 * Time left at the average rate since the start (cli-progress's own ETA
 * averages the last few updates and read 0 s early in a run); "?" until
 * there is something to average.
 */
export function eta(elapsedSeconds: number, done: number, total: number): string {
  if (done <= 0 || elapsedSeconds < 0.2) return '?';
  const left = Math.max(0, (elapsedSeconds / done) * (total - done));
  if (left >= 3600) return `${Math.floor(left / 3600)}h${String(Math.round((left % 3600) / 60)).padStart(2, '0')}m`;
  if (left >= 60) return `${Math.floor(left / 60)}m${String(Math.round(left % 60)).padStart(2, '0')}s`;
  return `${Math.ceil(left)}s`;
}
