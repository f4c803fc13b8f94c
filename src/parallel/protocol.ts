/**
 * What the main thread and a chain worker say to each other. Everything
 * is plain data (structured-cloneable): the model goes as its recipe
 * (text, data, options) and is recompiled in the worker.
 */
import type { ModelRecipe } from '../model/types.js';
import type { SampleOptions, SampleResult } from '../samplers/types.js';

/** The sampler's options, without the callbacks and the chains (the task says which). */
export type TaskOptions = Omit<SampleOptions, 'signal' | 'onProgress' | 'onDraw' | 'chains' | 'chainOffset'>;

export interface ChainTask {
  recipe: ModelRecipe;
  options: TaskOptions;
  /** The run's index of the first chain (0-based) and how many chains. */
  first: number;
  count: number;
  /** Send the kept rows as they are made (for streaming the chain files), not only the counts. */
  rows: boolean;
}

/**
 * Iterations done so far, and the rows kept since the last batch: per
 * chain of the group, rows of [lp, accept_stat, stepsize, divergent,
 * ...unconstrained position].
 */
export interface RowBatch {
  warmupDone: number;
  samplingDone: number;
  /** With the first sampling rows: the adapted step size and inverse metric diagonal, per chain of the group. */
  start?: { stepSize: number[]; invMetric: number[][] };
  rows: number[][][];
}

/**
 * `ack`: the main thread has handled a row batch. A worker sends its next
 * batch only then (rows pile up in the batch meanwhile), so a main thread
 * slower than its workers (formatting CSV rows) is never flooded and still
 * gets to its signals between batches.
 */
export type ToWorker = { type: 'run'; task: ChainTask } | { type: 'abort' } | { type: 'ack' };

export type FromWorker =
  | { type: 'progress'; done: number; total: number; phase: string }
  | { type: 'rows'; batch: RowBatch }
  | { type: 'done'; result: SampleResult }
  | { type: 'error'; message: string; user: boolean };

/** The main thread's handle on one worker (Node worker_threads, a Web Worker, or a test's fake). */
export interface WorkerPort {
  post(message: ToWorker): void;
  onMessage(handler: (message: FromWorker) => void): void;
  /** The thread died without answering (an uncaught error, an exit). */
  onFailure(handler: (error: Error) => void): void;
  terminate(): void;
}

export type SpawnWorker = () => WorkerPort;

/** A worker's side of the conversation. */
export interface WorkerSide {
  post(message: FromWorker): void;
  onMessage(handler: (message: ToWorker) => void): void;
}
