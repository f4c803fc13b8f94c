/**
 * The playground page: editors, examples, the run form, and the sampling
 * worker's messages turned into progress, live plots and results.
 * `?example=ID` preloads an example; `window.langevinPlayground` exposes
 * the last runs to the end-to-end test and the benchmark.
 */
import type { Diagnostic } from '../../src/browser.js';
import { Controls } from './controls.js';
import { createEditors } from './editors.js';
import { EXAMPLES } from './examples.js';
import { LiveView } from './live.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { showComparison, showSingle, type FinishedRun, type ResultElements } from './results.js';
import SamplingWorker from './worker.ts?worker&inline';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const status = byId<HTMLDivElement>('status');
const progress = byId<HTMLProgressElement>('progress');
const diagnosticsBox = byId<HTMLElement>('diagnostics');
const runButton = byId<HTMLButtonElement>('run');
const stopButton = byId<HTMLButtonElement>('stop');
const exampleSelect = byId<HTMLSelectElement>('example');
const exampleNote = byId<HTMLElement>('example-note');
const checkStatus = byId<HTMLElement>('check-status');
const plotParams = byId<HTMLSelectElement>('plot-params');
const results: ResultElements = {
  section: byId('results'),
  downloads: byId('downloads'),
  warnings: byId('warnings'),
  extras: byId('extras'),
  summary: byId('summary'),
  plots: byId('plots'),
};
const live = new LiveView(byId('live'), byId('live-plots'), byId('live-phase'));
const controls = new Controls();

function setStatus(state: 'idle' | 'running' | 'done' | 'error' | 'stopped', text: string): void {
  status.dataset.state = state;
  status.textContent = text;
}

const editors = createEditors(byId('model-editor'), byId('data-editor'), (found: Diagnostic[]) => {
  const errors = found.filter((d) => d.severity === 'error').length;
  checkStatus.textContent = errors === 0 ? '✓ checks' : `${errors} error${errors === 1 ? '' : 's'}`;
  checkStatus.dataset.errors = String(errors);
});

for (const example of EXAMPLES) exampleSelect.add(new Option(example.title, example.id));
function loadExample(id: string): void {
  const example = EXAMPLES.find((e) => e.id === id) ?? EXAMPLES[0]!;
  exampleSelect.value = example.id;
  exampleNote.textContent = example.note;
  editors.setTexts(example.model, example.data);
  controls.load(example);
}
exampleSelect.addEventListener('change', () => loadExample(exampleSelect.value));

// ---------------------------------------------------------------- the worker

interface RunState {
  started: number;
  samplers: string[];
  parameterNames: string[];
  finished: FinishedRun[];
  note: string;
}
let current: RunState | undefined;
let worker = startWorker();
let evalAllowed = true;

function startWorker(): Worker {
  const w = new SamplingWorker();
  w.onmessage = (event: MessageEvent<FromWorker>) => onMessage(event.data);
  w.onerror = (event) => {
    event.preventDefault();
    finish('error', `the sampling worker failed: ${event.message}`);
    worker = startWorker();
  };
  return w;
}

const send = (message: ToWorker): void => worker.postMessage(message);

function run(): void {
  diagnosticsBox.hidden = true;
  let runs;
  try {
    runs = controls.runs();
  } catch (error) {
    setStatus('error', error instanceof Error ? error.message : String(error));
    return;
  }
  results.section.hidden = true;
  current = {
    started: performance.now(),
    samplers: runs.map((r) => r.sampler ?? 'mala'),
    parameterNames: [],
    finished: [],
    note: '',
  };
  runButton.disabled = true;
  stopButton.disabled = false;
  progress.value = 0;
  setStatus('running', 'compiling…');
  send({
    type: 'run',
    source: editors.model.state.doc.toString(),
    data: editors.data.state.doc.toString(),
    backend: controls.backendChoice(),
    runs,
  });
}

function onMessage(message: FromWorker): void {
  if (message.type === 'ready') {
    evalAllowed = message.evalAllowed;
    byId('engine-note').textContent = evalAllowed
      ? ''
      : "This page's policy forbids 'unsafe-eval': models run on tfjs.";
    return;
  }
  const state = current;
  if (!state) return;
  switch (message.type) {
    case 'compiled': {
      state.parameterNames = message.parameterNames;
      state.note = message.note;
      live.start(message.parameterNames, selectedParams());
      setStatus(
        'running',
        `compiled for ${message.backend} in ${message.compileMs.toFixed(0)} ms${message.note ? ` (${message.note})` : ''}`,
      );
      break;
    }
    case 'progress': {
      progress.value = message.done / message.total;
      const which =
        state.samplers.length > 1
          ? `${message.sampler} (${message.run + 1}/${state.samplers.length}) `
          : `${message.sampler} `;
      setStatus('running', `${which}${message.phase}: ${message.done} / ${message.total}`);
      break;
    }
    case 'draws':
      live.add(
        message.run,
        state.samplers[message.run]!,
        message.phase,
        message.count,
        message.chains,
        message.width,
        message.values,
        state.parameterNames,
      );
      break;
    case 'fit':
      state.finished.push({ sampler: message.sampler, fit: message.fit, row: message.row });
      break;
    case 'done':
      showResults(state);
      finish(
        message.interrupted ? 'stopped' : 'done',
        `${message.interrupted ? 'Stopped' : 'Done'}: source to summary in ${(performance.now() - state.started).toFixed(0)} ms (worker ${message.ms.toFixed(0)} ms)${state.note ? `; ${state.note}` : ''}.`,
      );
      break;
    case 'error':
      diagnosticsBox.textContent = message.text;
      diagnosticsBox.hidden = false;
      editors.showDiagnostics(message.diagnostics);
      finish(
        'error',
        message.diagnostics.length > 0
          ? 'The model or data has errors (below, and marked in the editors).'
          : message.text,
      );
      break;
  }
}

function selectedParams(): string[] {
  return [...plotParams.selectedOptions].map((o) => o.value);
}

function showResults(state: RunState): void {
  live.hide();
  const first = state.finished[0];
  if (!first) return;
  const names = first.fit.outputNames;
  const keep = selectedParams().filter((n) => names.includes(n));
  plotParams.replaceChildren(...names.map((n) => new Option(n, n)));
  const chosen = keep.length > 0 ? keep : names.slice(0, Math.min(6, state.parameterNames.length || names.length));
  for (const option of plotParams.options) option.selected = chosen.includes(option.value);
  render(state);
  status.dataset.ms = String(Math.round(performance.now() - state.started));
  (window as unknown as { langevinPlayground: unknown }).langevinPlayground = {
    runs: state.finished,
    ms: performance.now() - state.started,
  };
}

function render(state: RunState): void {
  const names = selectedParams();
  if (state.finished.length === 1) showSingle(results, state.finished[0]!, names);
  else showComparison(results, state.finished, names);
}
plotParams.addEventListener('change', () => lastState && render(lastState));
let lastState: RunState | undefined;

function finish(state: 'done' | 'error' | 'stopped', text: string): void {
  lastState = current;
  current = undefined;
  runButton.disabled = false;
  stopButton.disabled = true;
  if (state !== 'error') progress.value = 1;
  setStatus(state, text);
}

runButton.addEventListener('click', run);
stopButton.addEventListener('click', () => {
  send({ type: 'stop' });
  stopButton.disabled = true;
  setStatus('running', 'stopping…');
});

loadExample(new URLSearchParams(location.search).get('example') ?? EXAMPLES[0]!.id);
document.body.dataset.ready = 'true';
