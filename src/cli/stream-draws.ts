/**
 * `sample --out`: the draws go to the chain CSVs while the run goes on
 * (batched: every 64 kept draws or quarter second), and the phases'
 * progress is counted so an interrupted run can say how far it got.
 */
import { ChainCsvStream } from '../io/chain-csv-stream.js';
import { chainConfig, type RunProgress } from '../io/write-fit.js';
import { csvColumnName } from '../io/cmdstan-csv.js';
import type { LangevinModel } from '../model/types.js';
import { createRng } from '../random/streams.js';
import type { Rng } from '../../stdlib/types.js';
import type { DrawEvent } from '../samplers/types.js';
import type { ChainGroup } from '../parallel/chain-groups.js';
import type { RowBatch } from '../parallel/protocol.js';

export interface StreamSettings {
  dir?: string;
  chains: number;
  warmup: number;
  draws: number;
  thin: number;
  seed: number;
  sampler: string;
  modelName: string;
  modelFile: string;
  dataFile?: string;
  /** The run-wide id of the first chain (--chain-ids; default 1). */
  firstChain?: number;
}

const BATCH_ROWS = 64;
const BATCH_MS = 250;

export class DrawStreamer {
  readonly progress: RunProgress;
  private stream?: ChainCsvStream;
  private started = false;
  private readonly pending: number[][][];
  private readonly rngs: Rng[] = [];
  private lastFlush = Date.now();
  private readonly first: number;
  /** With threads: each group's iteration counts (the progress is the slowest group's). */
  private readonly groups = new Map<number, { warmupDone: number; samplingDone: number }>();

  constructor(
    private readonly model: LangevinModel,
    private readonly s: StreamSettings,
  ) {
    this.progress = { warmup_done: 0, warmup_requested: s.warmup, sampling_done: 0, sampling_requested: s.draws };
    this.first = (s.firstChain ?? 1) - 1;
    this.pending = Array.from({ length: s.chains }, () => []);
    const ids = Array.from({ length: s.chains }, (_, c) => this.first + c + 1);
    if (s.dir) this.stream = new ChainCsvStream(s.dir, s.chains, ids);
    for (let c = 0; c < s.chains; c++) this.rngs.push(createRng(s.seed, this.first + c, 'generate'));
  }

  /** With threads: a group's batch of counts and kept rows (src/parallel/serve.ts). */
  onRows = (group: ChainGroup, batch: RowBatch): void => {
    this.groups.set(group.first, { warmupDone: batch.warmupDone, samplingDone: batch.samplingDone });
    const all = [...this.groups.values()];
    this.progress.warmup_done = Math.min(...all.map((g) => g.warmupDone));
    this.progress.sampling_done = Math.min(...all.map((g) => g.samplingDone));
    if (!this.stream) return;
    const local = group.first - this.first;
    if (batch.start) {
      const adapted = this.s.warmup > 0 && batch.warmupDone === this.s.warmup;
      for (let k = 0; k < group.count; k++) {
        this.beginChain(local + k, adapted, batch.start.stepSize[k]!, batch.start.invMetric[k]!);
      }
    }
    for (let k = 0; k < group.count; k++) this.pending[local + k]!.push(...batch.rows[k]!);
    if (Date.now() - this.lastFlush > BATCH_MS || batch.rows[0]!.length >= BATCH_ROWS) this.flush();
  };

  onDraw = (event: DrawEvent): void => {
    if (event.phase === 'warmup') {
      this.progress.warmup_done = event.iteration + 1;
      return;
    }
    this.progress.sampling_done = event.iteration + 1;
    if (!this.stream) return;
    if (!this.started) this.begin(event);
    if (!event.kept) return;
    const { state, info } = event;
    const dim = state.dim;
    for (let c = 0; c < state.chains; c++) {
      // x first (outputs are generated at flush time), then the sampler columns
      const row = [state.logDensity[c]!, info.acceptProbability[c]!, info.stepSize[c]!, info.divergent[c]!];
      for (let i = 0; i < dim; i++) row.push(state.position[c * dim + i]!);
      this.pending[c]!.push(row);
    }
    if (this.pending[0]!.length >= BATCH_ROWS || Date.now() - this.lastFlush > BATCH_MS) this.flush();
  };

  /** Write the rows waiting (at the end, or before the files are rewritten whole). */
  flush(): void {
    this.lastFlush = Date.now();
    if (!this.stream) return;
    const dim = this.model.dim;
    const P = this.model.outputNames.length;
    for (let c = 0; c < this.pending.length; c++) {
      const rows = this.pending[c]!;
      if (rows.length === 0) continue;
      const x = new Float64Array(rows.length * dim);
      rows.forEach((r, k) => x.set(r.slice(4), k * dim));
      const outputs = this.model.generate(x, rows.length, this.rngs[c]!);
      this.stream.rows(
        c,
        rows.map((r, k) => [...r.slice(0, 4), ...outputs.subarray(k * P, (k + 1) * P)]),
      );
      rows.length = 0;
    }
  }

  close(): void {
    this.stream?.close();
  }

  private begin(event: DrawEvent): void {
    this.started = true;
    const s = this.s;
    const dim = event.state.dim;
    const perChain = event.params.invMetric.length === s.chains * dim;
    const adapted = s.warmup > 0 && this.progress.warmup_done === s.warmup;
    for (let c = 0; c < s.chains; c++) {
      const invMetric = perChain ? event.params.invMetric.subarray(c * dim, (c + 1) * dim) : event.params.invMetric;
      this.beginChain(c, adapted, event.params.stepSize[c]!, invMetric);
    }
  }

  /** The configuration block and header of chain c (of this run's chains). */
  private beginChain(c: number, adapted: boolean, stepSize: number, invMetric: ArrayLike<number>): void {
    const s = this.s;
    const header = ['lp__', 'accept_stat__', 'stepsize__', 'divergent__', ...this.model.outputNames.map(csvColumnName)];
    this.stream!.begin(
      c,
      chainConfig({
        model: s.modelName,
        sampler: s.sampler,
        backend: this.model.backend,
        metric: adapted ? 'diag_e' : 'unit_e',
        seed: s.seed,
        chain: this.first + c + 1,
        numSamples: Math.ceil(s.draws / s.thin) * s.thin,
        numWarmup: s.warmup,
        thin: s.thin,
        modelFile: s.modelFile,
        dataFile: s.dataFile,
      }),
      header,
      adapted ? { stepSize, invMetric } : undefined,
    );
  }
}
