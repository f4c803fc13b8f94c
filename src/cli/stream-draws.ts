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

  constructor(
    private readonly model: LangevinModel,
    private readonly s: StreamSettings,
  ) {
    this.progress = { warmup_done: 0, warmup_requested: s.warmup, sampling_done: 0, sampling_requested: s.draws };
    this.pending = Array.from({ length: s.chains }, () => []);
    if (s.dir) this.stream = new ChainCsvStream(s.dir, s.chains);
    for (let c = 0; c < s.chains; c++) this.rngs.push(createRng(s.seed, c, 'generate'));
  }

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
    const stream = this.stream!;
    const s = this.s;
    const dim = event.state.dim;
    const perChain = event.params.invMetric.length === s.chains * dim;
    const header = ['lp__', 'accept_stat__', 'stepsize__', 'divergent__', ...this.model.outputNames.map(csvColumnName)];
    for (let c = 0; c < s.chains; c++) {
      const adapted = s.warmup > 0 && this.progress.warmup_done === s.warmup;
      const metric = adapted ? 'diag_e' : 'unit_e';
      const invMetric = perChain ? event.params.invMetric.subarray(c * dim, (c + 1) * dim) : event.params.invMetric;
      stream.begin(
        c,
        chainConfig({
          model: s.modelName,
          sampler: s.sampler,
          backend: this.model.backend,
          metric,
          seed: s.seed,
          chain: c + 1,
          numSamples: Math.ceil(s.draws / s.thin) * s.thin,
          numWarmup: s.warmup,
          thin: s.thin,
          modelFile: s.modelFile,
          dataFile: s.dataFile,
        }),
        header,
        adapted ? { stepSize: event.params.stepSize[c]!, invMetric } : undefined,
      );
    }
  }
}
