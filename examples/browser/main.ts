/**
 * A minimal browser app on langevin: compile the model in the textarea
 * with the data beside it, sample, and show the posterior summary.
 * `?autorun` samples on load; `backend`, `sampler`, `chains`, `warmup`,
 * `draws` and `seed` in the query string preset the controls.
 */
import {
  compile,
  initTfjs,
  LangevinError,
  parseStanJson,
  renderDiagnostics,
  sampleModel,
  type BackendName,
  type Fit,
  type SamplerName,
  type TfjsBackendName,
} from '../../src/browser.js';
import modelText from '../models/eight_schools_noncentered.stan?raw';
import dataText from '../models/eight_schools_noncentered.data.json?raw';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id}`);
  return found as T;
};

const modelInput = element<HTMLTextAreaElement>('model');
const dataInput = element<HTMLTextAreaElement>('data');
const samplerInput = element<HTMLSelectElement>('sampler');
const backendInput = element<HTMLSelectElement>('backend');
const numberInputs = {
  chains: element<HTMLInputElement>('chains'),
  warmup: element<HTMLInputElement>('warmup'),
  draws: element<HTMLInputElement>('draws'),
  seed: element<HTMLInputElement>('seed'),
};
const runButton = element<HTMLButtonElement>('run');
const status = element<HTMLDivElement>('status');
const table = element<HTMLTableElement>('summary');

function setStatus(state: 'idle' | 'running' | 'done' | 'error', text: string): void {
  status.dataset.state = state;
  status.textContent = text;
}

/** The tfjs wasm backend fetches its .wasm files: point it at the copies the bundler emitted. */
let wasmPathsSet = false;
async function useBundledWasm(): Promise<void> {
  if (wasmPathsSet) return;
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  wasmPathsSet = true;
}

/** 'f64', 'tfjs' (auto) or 'tfjs:<name>': the compile backend and, for tfjs, the tfjs backend in use. */
async function chooseBackend(choice: string): Promise<{ backend: BackendName; label: string }> {
  if (choice === 'f64') return { backend: 'f64', label: 'f64' };
  await useBundledWasm();
  const preferred = choice.startsWith('tfjs:') ? (choice.slice(5) as TfjsBackendName) : undefined;
  const active = await initTfjs(preferred);
  return { backend: 'tfjs', label: `tfjs (${active})` };
}

function showSummary(fit: Fit): void {
  const body = table.tBodies[0]!;
  body.replaceChildren();
  const format = (x: number | null, digits = 3) => (x === null ? 'NA' : Number(x.toPrecision(digits)).toString());
  for (const p of fit.summary.parameters) {
    const row = body.insertRow();
    row.dataset.param = p.name;
    const cells: [string, string][] = [
      ['name', p.name],
      ['mean', format(p.mean)],
      ['mcse_mean', format(p.mcse_mean)],
      ['sd', format(p.sd)],
      ['q5', format(p.q5)],
      ['q50', format(p.q50)],
      ['q95', format(p.q95)],
      ['ess_bulk', p.ess_bulk === null ? 'NA' : Math.round(p.ess_bulk).toString()],
      ['rhat', format(p.rhat, 4)],
    ];
    for (const [stat, text] of cells) {
      const cell = row.insertCell();
      cell.dataset.stat = stat;
      cell.textContent = text;
    }
  }
  table.hidden = false;
}

async function run(): Promise<void> {
  runButton.disabled = true;
  table.hidden = true;
  setStatus('running', 'compiling…');
  try {
    const started = performance.now();
    const { backend, label } = await chooseBackend(backendInput.value);
    const data = parseStanJson(dataInput.value, 'data.json');
    const model = await compile(modelInput.value, { data, backend, file: 'model.stan' });
    const sampler = samplerInput.value as SamplerName;
    const [chains, warmup, draws, seed] = (['chains', 'warmup', 'draws', 'seed'] as const).map((key) =>
      Number(numberInputs[key].value),
    ) as [number, number, number, number];
    try {
      const fit = await sampleModel(model, {
        sampler,
        chains,
        warmup,
        draws,
        seed,
        onProgress: (done, total, phase) => setStatus('running', `${phase}: ${done} / ${total}`),
      });
      showSummary(fit);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const acceptance = fit.summary.chain_info.map((c) => c.acceptance_rate.toFixed(2)).join(', ');
      const warnings = fit.summary.warnings.length > 0 ? ` Warnings: ${fit.summary.warnings.join(' ')}` : '';
      setStatus(
        'done',
        `Done in ${seconds} s: ${sampler} on ${label}, ${chains} chains × ${draws} draws after ${warmup} warm-up; acceptance ${acceptance}.${warnings}`,
      );
    } finally {
      model.dispose();
    }
  } catch (error) {
    const text =
      error instanceof LangevinError
        ? renderDiagnostics(error.diagnostics, 'model.stan', {
            'model.stan': modelInput.value,
            'data.json': dataInput.value,
          })
        : String(error instanceof Error ? (error.stack ?? error.message) : error);
    setStatus('error', text);
  } finally {
    runButton.disabled = false;
  }
}

/** Preset the controls from the query string; false (and an error shown) for a value no control offers. */
function presetFromQuery(query: URLSearchParams): boolean {
  for (const [key, select] of [
    ['sampler', samplerInput],
    ['backend', backendInput],
  ] as const) {
    const value = query.get(key);
    if (value === null) continue;
    if (![...select.options].some((option) => option.value === value)) {
      setStatus(
        'error',
        `unknown ${key} '${value}' in the address; choose one of ${[...select.options].map((o) => o.value).join(', ')}`,
      );
      return false;
    }
    select.value = value;
  }
  for (const key of Object.keys(numberInputs) as (keyof typeof numberInputs)[]) {
    const value = query.get(key);
    if (value !== null) numberInputs[key].value = value;
  }
  return true;
}

modelInput.value = modelText;
dataInput.value = dataText;
runButton.addEventListener('click', () => void run());
const query = new URLSearchParams(location.search);
if (presetFromQuery(query) && query.has('autorun')) void run();
