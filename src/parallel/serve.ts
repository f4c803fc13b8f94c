/**
 * A chain worker's loop: take one task, compile the model from its recipe
 * (the compiler is passed in: this folder sits below src/compile), run the
 * sampler on the task's chains with their run-wide indices, send progress,
 * row batches and the result back. An abort message stops the sampler at
 * its next iteration; the draws so far are sent as the result.
 */
import { LangevinError } from '../errors.js';
import type { ModelRecipe, Potential } from '../model/types.js';
import { sampleAsync } from '../samplers/run.js';
import type { DrawEvent } from '../samplers/types.js';
import type { ChainTask, RowBatch, WorkerSide } from './protocol.js';

export type CompileRecipe = (recipe: ModelRecipe) => Promise<Potential & { dispose?(): void }>;

const BATCH_ROWS = 64;
const BATCH_MS = 250;
const PROGRESS_MS = 100;

export function serveChains(side: WorkerSide, compileRecipe: CompileRecipe): void {
  const controller = new AbortController();
  let rows: RowBatcher | undefined;
  side.onMessage((message) => {
    if (message.type === 'abort') controller.abort();
    else if (message.type === 'ack') rows?.ack();
    else {
      rows = new RowBatcher(side, message.task);
      void runTask(side, compileRecipe, message.task, controller.signal, rows);
    }
  });
}

async function runTask(
  side: WorkerSide,
  compileRecipe: CompileRecipe,
  task: ChainTask,
  signal: AbortSignal,
  rows: RowBatcher,
): Promise<void> {
  let model: (Potential & { dispose?(): void }) | undefined;
  try {
    model = await compileRecipe(task.recipe);
    let lastProgress = 0;
    const result = await sampleAsync(model, {
      ...task.options,
      chains: task.count,
      chainOffset: task.first,
      signal,
      onProgress: (done, total, phase) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_MS && done < total) return;
        lastProgress = now;
        side.post({ type: 'progress', done, total, phase });
      },
      onDraw: rows.onDraw,
    });
    rows.flush(true);
    side.post({ type: 'done', result });
  } catch (error) {
    side.post({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      user: error instanceof LangevinError,
    });
  } finally {
    model?.dispose?.();
  }
}

/** Counts and kept rows, sent in batches (every 64 rows or quarter second, and at the end). */
class RowBatcher {
  private warmupDone = 0;
  private samplingDone = 0;
  private start?: RowBatch['start'];
  private started = false;
  private pending: number[][][];
  private last = Date.now();
  /** A batch was sent and the main thread has not yet handled it. */
  private waiting = false;

  constructor(
    private readonly side: WorkerSide,
    private readonly task: ChainTask,
  ) {
    this.pending = Array.from({ length: task.count }, () => []);
  }

  onDraw = (event: DrawEvent): void => {
    if (event.phase === 'warmup') {
      this.warmupDone = event.iteration + 1;
      return;
    }
    this.samplingDone = event.iteration + 1;
    const { state, info, params } = event;
    const dim = state.dim;
    if (!this.started) {
      this.started = true;
      const perChain = params.invMetric.length === state.chains * dim;
      this.start = {
        stepSize: Array.from(params.stepSize),
        invMetric: Array.from({ length: state.chains }, (_, c) =>
          Array.from(perChain ? params.invMetric.subarray(c * dim, (c + 1) * dim) : params.invMetric.subarray(0, dim)),
        ),
      };
    }
    if (event.kept && this.task.rows) {
      for (let c = 0; c < state.chains; c++) {
        const row = [state.logDensity[c]!, info.acceptProbability[c]!, info.stepSize[c]!, info.divergent[c]!];
        for (let i = 0; i < dim; i++) row.push(state.position[c * dim + i]!);
        this.pending[c]!.push(row);
      }
    }
    if (this.pending[0]!.length >= BATCH_ROWS || Date.now() - this.last > BATCH_MS) this.flush();
  };

  ack(): void {
    this.waiting = false;
  }

  /** Send the counts and rows so far, unless the last batch is still being handled (`last`: send anyway). */
  flush(last = false): void {
    if (this.waiting && !last) return;
    this.waiting = true;
    this.last = Date.now();
    const batch: RowBatch = {
      warmupDone: this.warmupDone,
      samplingDone: this.samplingDone,
      rows: this.pending,
    };
    if (this.start) batch.start = this.start;
    this.start = undefined;
    this.side.post({ type: 'rows', batch });
    this.pending = Array.from({ length: this.task.count }, () => []);
  }
}
