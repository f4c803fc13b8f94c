/**
 * Messages between the page and the sampling worker. Everything is
 * structured-clone data; draws travel as Float64Arrays (transferred).
 */
import type { ComparisonRow, Diagnostic, SampleModelOptions, SummaryJson } from '../../src/browser.js';

export type BackendRequest = 'auto' | 'f64' | 'tfjs';

/** SampleModelOptions without the callbacks and the signal (those live in the worker). */
export type RunOptions = Omit<SampleModelOptions, 'onProgress' | 'onDraw' | 'signal'>;

export interface RunRequest {
  type: 'run';
  source: string;
  data: string;
  backend: BackendRequest;
  /** One entry per sampler: one for `sample`, several for `compare`. */
  runs: RunOptions[];
}

export type ToWorker = RunRequest | { type: 'stop' };

/** The parts of a Fit the page shows and downloads. */
export interface FitData {
  summary: SummaryJson;
  outputNames: string[];
  chains: number;
  draws: number;
  outputs: Float64Array;
  lp: Float64Array;
  acceptStat: Float64Array;
  stepSize: Float64Array;
  divergent?: Uint8Array;
  adaptation: Array<{ stepSize: number; invMetric: Float64Array } | undefined>;
  interrupted: boolean;
}

export type FromWorker =
  | { type: 'ready'; evalAllowed: boolean }
  | { type: 'compiled'; backend: string; note: string; compileMs: number; parameterNames: string[] }
  | { type: 'progress'; run: number; sampler: string; done: number; total: number; phase: string }
  /** Live draws of the first chains: `count` iterations × `chains` × `width` constrained values. */
  | {
      type: 'draws';
      run: number;
      phase: 'warmup' | 'sampling';
      first: number;
      count: number;
      chains: number;
      width: number;
      values: Float64Array;
    }
  | { type: 'fit'; run: number; sampler: string; fit: FitData; row: ComparisonRow }
  | { type: 'done'; ms: number; interrupted: boolean }
  | { type: 'error'; diagnostics: Diagnostic[]; text: string };
