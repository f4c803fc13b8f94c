/**
 * The resource limits that keep hostile input from crashing, hanging or
 * exhausting memory (docs/errors.md, E7xx). One process-wide setting: the
 * CLI sets it from its flags for one command and restores it afterwards;
 * library users call `setLimits`.
 */
export interface Limits {
  /** Bytes the values of one declaration, or a run's draws, may take (--max-memory-mb). */
  memoryBytes: number;
  /** Bytes a model or data file may have (--max-input-mb). */
  inputBytes: number;
  /** Brackets, blocks, ternaries, unary operators and unbraced bodies, nested (model text and data). */
  nesting: number;
  /** Iterations one while loop may run (--max-iterations). */
  iterations: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  memoryBytes: 2 * 1024 ** 3,
  inputBytes: 64 * 1024 ** 2,
  nesting: 100,
  iterations: 1_000_000,
});

let current: Limits = { ...DEFAULT_LIMITS };

export function limits(): Readonly<Limits> {
  return current;
}

/** Replace some limits; returns the previous ones (for restoring). */
export function setLimits(overrides: Partial<Limits>): Limits {
  const previous = current;
  current = { ...current, ...overrides };
  return previous;
}

/** "2 GB", "64 MB", "512 KB": a byte count for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 4 * 10) return `${(bytes / 1024 ** 4).toExponential(2)} TB`;
  for (const [unit, size] of [
    ['TB', 1024 ** 4],
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toPrecision(3))} ${unit}`;
  }
  return `${bytes} bytes`;
}

/** Throws-free check used before allocating `elements` float64 values. */
export function fitsMemory(elements: number): boolean {
  return Number.isFinite(elements) && elements * 8 <= current.memoryBytes;
}
