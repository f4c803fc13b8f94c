/**
 * Stan's windowed adaptation schedule (windowed_adaptation.hpp): an initial
 * fast buffer (75), slow windows of 25, 50, 100, … that estimate the
 * variances, and a final fast buffer (50); the last slow window stretches
 * to the final buffer. With fewer than 150 warm-up iterations the buffers
 * become 15% / 75% / 10% of the warm-up; under 20 there is no metric
 * adaptation.
 */
export interface MetricWindows {
  /** First warm-up iteration (0-based) whose position enters a variance estimate. */
  start: number;
  /** Positions from iterations < end enter estimates. */
  end: number;
  /** Iterations (0-based) after which a window closes and the metric is updated. */
  updates: number[];
}

export const STAN_WINDOWS = { initBuffer: 75, termBuffer: 50, baseWindow: 25 };

export function metricWindows(warmup: number, settings = STAN_WINDOWS): MetricWindows {
  if (warmup < 20) return { start: warmup, end: warmup, updates: [] };
  let { initBuffer, termBuffer, baseWindow } = settings;
  if (initBuffer + baseWindow + termBuffer > warmup) {
    initBuffer = Math.trunc(0.15 * warmup);
    termBuffer = Math.trunc(0.1 * warmup);
    baseWindow = warmup - (initBuffer + termBuffer);
  }
  const lastEnd = warmup - termBuffer - 1;
  const updates: number[] = [];
  let windowSize = baseWindow;
  let nextWindow = initBuffer + windowSize - 1;
  for (let counter = 0; counter < warmup; counter++) {
    if (counter !== nextWindow) continue;
    updates.push(counter);
    // Stan's compute_next_window.
    if (nextWindow === lastEnd) break;
    windowSize *= 2;
    nextWindow = counter + windowSize;
    if (nextWindow !== lastEnd && nextWindow + 2 * windowSize >= warmup - termBuffer) nextWindow = lastEnd;
  }
  return { start: initBuffer, end: warmup - termBuffer, updates };
}
