/**
 * The sampling worker: compile the model, run each requested sampler with
 * live draws streamed to the page, send each fit. The page never blocks;
 * Stop aborts the run at the driver's next yield (~50 ms) and the draws so
 * far are summarised. Checks once whether `new Function` may run here (a
 * Content-Security-Policy without 'unsafe-eval' forbids it; blob workers
 * inherit the page's policy): if not, models compile with tfjs.
 */
import {
  compareRow,
  compile,
  initTfjs,
  LangevinError,
  parseStanJson,
  renderDiagnostics,
  sampleModel,
  type Fit,
  type LangevinModel,
  type SummaryJson,
} from './library.js';
import type { DrawEvent } from '../../src/samplers/types.js';
import type { FitData, FromWorker, RunRequest, ToWorker } from './protocol.js';
import { DATA_FILE, MODEL_FILE } from './lint.js';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (message: FromWorker, transfer: Transferable[] = []): void => scope.postMessage(message, transfer);

/** Chains shown live and how often live draws are sent (ms). */
const LIVE_CHAINS = 8;
const LIVE_INTERVAL = 120;
/** Progress messages at most this often (ms): one per iteration would flood the page's queue. */
const PROGRESS_INTERVAL = 100;

function evalAllowed(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}
const canEval = evalAllowed();

let controller: AbortController | undefined;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'stop') controller?.abort();
  else void run(message);
};
post({ type: 'ready', evalAllowed: canEval });

async function chooseBackend(
  requested: RunRequest['backend'],
): Promise<{ backend: 'auto' | 'f64' | 'tfjs'; note: string }> {
  if (requested !== 'tfjs' && canEval) return { backend: requested, note: '' };
  if (requested === 'tfjs') return { backend: 'tfjs', note: `tfjs (${await initTfjs()})` };
  // The fallback: tfjs's cpu backend evaluates no generated code and always starts (webgl
  // without a GPU is software-rendered and slower on models of this size).
  const active = await initTfjs('cpu');
  return {
    backend: 'tfjs',
    note: `new Function is forbidden here (Content-Security-Policy without 'unsafe-eval'): f64 is unavailable, using tfjs (${active})`,
  };
}

async function run(request: RunRequest): Promise<void> {
  const started = performance.now();
  controller = new AbortController();
  let model: LangevinModel | undefined;
  try {
    const data = parseStanJson(request.data, DATA_FILE);
    const chains = Math.max(...request.runs.map((r) => r.chains ?? 4));
    const { backend, note } = await chooseBackend(request.backend);
    const compileStart = performance.now();
    model = await compile(request.source, { data, backend, chains, file: MODEL_FILE });
    const compileMs = performance.now() - compileStart;
    post({
      type: 'compiled',
      backend: model.backend,
      note,
      compileMs,
      parameterNames: model.outputNames.slice(0, model.constrainedDim),
    });
    let reference: SummaryJson | undefined;
    let interrupted = false;
    for (let index = 0; index < request.runs.length && !interrupted; index++) {
      const options = request.runs[index]!;
      const sampler = options.sampler ?? 'mala';
      const live = liveStream(model, index);
      let lastProgress = -Infinity;
      const fit = await sampleModel(model, {
        ...options,
        compileSeconds: compileMs / 1000,
        signal: controller.signal,
        onProgress: (done, total, phase) => {
          const now = performance.now();
          if (now - lastProgress < PROGRESS_INTERVAL && done < total) return;
          lastProgress = now;
          post({ type: 'progress', run: index, sampler, done, total, phase });
        },
        onDraw: live.onDraw,
      });
      live.flush();
      // The first run is compare's reference, as `langevin compare` takes mala's when it ran first.
      reference ??= fit.summary;
      const row = compareRow(sampler, fit.summary, request.runs.length > 1 ? reference : undefined);
      const data = fitData(fit);
      post({ type: 'fit', run: index, sampler, fit: data, row }, transferables(data));
      interrupted = fit.interrupted;
    }
    post({ type: 'done', ms: performance.now() - started, interrupted });
  } catch (error) {
    if (error instanceof LangevinError) {
      const text = renderDiagnostics(error.diagnostics, MODEL_FILE, {
        [MODEL_FILE]: request.source,
        [DATA_FILE]: request.data,
      });
      post({ type: 'error', diagnostics: error.diagnostics, text });
    } else {
      post({
        type: 'error',
        diagnostics: [],
        text: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  } finally {
    model?.dispose();
    controller = undefined;
  }
}

/** Buffer the first chains' positions every iteration; send them constrained every LIVE_INTERVAL ms. */
function liveStream(model: LangevinModel, run: number): { onDraw: (event: DrawEvent) => void; flush: () => void } {
  const dim = model.dim;
  let pending: number[] = [];
  let phase: 'warmup' | 'sampling' = 'warmup';
  let first = 0;
  let count = 0;
  let chains = 0;
  let last = performance.now();
  const flush = (): void => {
    if (count === 0) return;
    const values = model.constrain(Float64Array.from(pending), count * chains);
    post({ type: 'draws', run, phase, first, count, chains, width: model.constrainedDim, values }, [values.buffer]);
    first += count;
    count = 0;
    pending = [];
    last = performance.now();
  };
  const onDraw = (event: DrawEvent): void => {
    if (event.phase !== phase) {
      flush();
      phase = event.phase;
      first = 0;
    }
    if (event.phase === 'sampling' && !event.kept) return;
    chains = Math.min(LIVE_CHAINS, event.state.chains);
    const position = event.state.position;
    for (let i = 0; i < chains * dim; i++) pending.push(position[i]!);
    count++;
    if (performance.now() - last > LIVE_INTERVAL) flush();
  };
  return { onDraw, flush };
}

function fitData(fit: Fit): FitData {
  return {
    summary: fit.summary,
    outputNames: fit.outputNames,
    chains: fit.chains,
    draws: fit.draws,
    outputs: fit.outputs,
    lp: fit.lp,
    acceptStat: fit.acceptStat,
    stepSize: fit.stepSize,
    divergent: fit.divergent,
    adaptation: fit.adaptation,
    interrupted: fit.interrupted,
  };
}

function transferables(fit: FitData): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of [fit.outputs, fit.lp, fit.acceptStat, fit.stepSize, fit.divergent]) {
    if (a && a.byteLength === a.buffer.byteLength) buffers.add(a.buffer as ArrayBuffer);
  }
  return [...buffers];
}
