/**
 * Peak resident memory of a 10 000-chain M3 run, measured in a child
 * process (bench/m3-memory.ts) so that the bench's other cases do not count.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MemoryResult {
  chains: number;
  warmup: number;
  draws: number;
  thin: number;
  backend: string;
  seconds: number;
  peak_rss_mb: number;
  kept_draws: number;
}

/** The run: 1000 warm-up and 1000 sampling iterations keeping every 10th draw (100 per chain). */
export function m3PeakRss(warmup = 1000, draws = 1000, thin = 10, backend = 'f64'): MemoryResult {
  const child = join(dirname(fileURLToPath(import.meta.url)), 'm3-memory.js');
  const out = execFileSync(process.execPath, [child, String(warmup), String(draws), String(thin), backend], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = out.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as MemoryResult;
}
