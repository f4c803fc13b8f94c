/**
 * split.json: what a `--chain-ids` run keeps so that `merge` can rebuild
 * the summary of the whole run exactly: the model's recipe (text, data,
 * backend), the settings, and the sampler's raw result for its chains
 * (unconstrained draws and per-chain facts). Numbers round-trip exactly
 * through JSON (shortest round-trip decimal); NaN and ±Infinity, which
 * JSON lacks, are written as strings.
 */
import { LangevinError } from '../errors.js';
import type { ModelRecipe } from '../model/types.js';
import type { SampleResult } from '../samplers/types.js';
import type { SampleModelOptions } from './types.js';

export const SPLIT_FORMAT = 'langevin-split-1';

/** The options that decide a run's draws and summary (not its chains, threads or callbacks). */
export const SETTING_KEYS = [
  'sampler',
  'warmup',
  'draws',
  'thin',
  'seed',
  'stepSize',
  'beta',
  'samplerOptions',
  'metric',
  'targetAcceptance',
  'initRadius',
  'lp',
  'modes',
  'basins',
  'basinRadius',
] as const satisfies ReadonlyArray<keyof SampleModelOptions>;

export type RunSettings = Pick<SampleModelOptions, (typeof SETTING_KEYS)[number]>;

export interface SplitRecord {
  format: typeof SPLIT_FORMAT;
  recipe: ModelRecipe;
  settings: RunSettings;
  /** How the CLI named the model and its files (summary.json's `model`, the CSV comments). */
  labels: { model: string; modelFile: string; dataFile?: string };
  /** Run-wide chain ids (1-based) of `result`'s chains. */
  chainIds: number[];
  result: SampleResult;
  compileSeconds: number;
}

/**
 * The options of a run that decide its draws and summary (what merge compares), without chains, threads or callbacks.
 * @example
 * ```ts
 * import { settingsOf } from 'langevin';
 * console.log(settingsOf({ sampler: 'nuts', chains: 4, seed: 2, threads: 2 })); // → { sampler: 'nuts', seed: 2 }
 * ```
 */
export function settingsOf(options: SampleModelOptions): RunSettings {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) if (options[key] !== undefined) out[key] = options[key];
  return out as RunSettings;
}

type Encoded = number | string | null | boolean | Encoded[] | { [key: string]: Encoded };

const TYPED = '__typed';

function encode(value: unknown): Encoded {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof Float64Array || value instanceof Uint8Array) {
    return { [TYPED]: value instanceof Uint8Array ? 'u8' : 'f64', values: Array.from(value, (v) => encode(v)) };
  }
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') {
    const out: Record<string, Encoded> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encode(v);
    return out;
  }
  return value as Encoded;
}

function decode(value: Encoded): unknown {
  if (typeof value === 'string' && /^(NaN|-?Infinity)$/.test(value)) return Number(value);
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const typed = value[TYPED];
    if (typed === 'f64' || typed === 'u8') {
      const numbers = (value.values as Encoded[]).map((v) => decode(v) as number);
      return typed === 'u8' ? Uint8Array.from(numbers) : Float64Array.from(numbers);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decode(v);
    return out;
  }
  return value;
}

/**
 * A split record as one line of JSON (typed arrays and non-finite numbers kept), what `split.json` holds.
 * See {@link mergeRuns} for a whole split-and-merge.
 * @example
 * ```ts
 * import { formatSplitRecord } from 'langevin';
 * const text = formatSplitRecord({ format: 'langevin-split-1', chainIds: [3, 4] } as never);
 * console.log(text.trim()); // → {"format":"langevin-split-1","chainIds":[3,4]}
 * ```
 */
export function formatSplitRecord(record: SplitRecord): string {
  return JSON.stringify(encode(record)) + '\n';
}

/**
 * Read a split record written by {@link formatSplitRecord}; a file that is no split record is a one-line LangevinError.
 * @example
 * ```ts
 * import { parseSplitRecord } from 'langevin';
 * try {
 *   parseSplitRecord('not json', 'run/split.json');
 * } catch (error) {
 *   console.log((error as Error).message); // → cannot merge: 'run/split.json' is not valid JSON
 * }
 * ```
 */
export function parseSplitRecord(text: string, file: string): SplitRecord {
  let parsed: unknown;
  try {
    parsed = decode(JSON.parse(text) as Encoded);
  } catch {
    throw new LangevinError(`cannot merge: '${file}' is not valid JSON`);
  }
  const record = parsed as Partial<SplitRecord>;
  if (record?.format !== SPLIT_FORMAT || !record.result || !record.recipe || !Array.isArray(record.chainIds)) {
    throw new LangevinError(`cannot merge: '${file}' is not a langevin split record (${SPLIT_FORMAT})`);
  }
  return record as SplitRecord;
}
