/**
 * The run form: mode, sampler(s), backend, chains, draws, seed and the
 * chosen samplers' own options, read into one RunOptions per sampler.
 * Bad values are reported by the library itself (it validates options).
 */
import { parseBasins } from '../../src/diagnostics/basins.js';
import { LangevinError } from '../../src/errors.js';
import type { Example } from './examples.js';
import type { BackendRequest, RunOptions } from './protocol.js';
import { allOptionFields, optionFields, samplerNames, setOption, type OptionField } from './samplers.js';

const byId = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id}`);
  return found as T;
};

/** Ground-truth fields every sampler takes, in the CLI's syntax. */
const EXTRA_FIELDS = [
  { key: 'modes', label: 'modes (a,b; c,d)' },
  { key: 'basins', label: 'basins (x=-1; x=1)' },
];

export class Controls {
  readonly mode = byId<HTMLSelectElement>('mode');
  readonly sampler = byId<HTMLSelectElement>('sampler');
  readonly backend = byId<HTMLSelectElement>('backend');
  private readonly compareBox = byId<HTMLSpanElement>('compare-samplers');
  private readonly samplerLabel = byId<HTMLLabelElement>('sampler-label');
  private readonly optionBox = byId<HTMLFieldSetElement>('sampler-options');
  private readonly numbers = {
    chains: byId<HTMLInputElement>('chains'),
    warmup: byId<HTMLInputElement>('warmup'),
    draws: byId<HTMLInputElement>('draws'),
    seed: byId<HTMLInputElement>('seed'),
  };
  /** Option values by path, kept when the sampler changes. */
  private values: Record<string, string> = {};

  constructor() {
    for (const name of samplerNames) {
      this.sampler.add(new Option(name, name));
      const label = document.createElement('label');
      const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: name });
      box.addEventListener('change', () => this.renderOptions());
      label.append(box, name);
      this.compareBox.append(label);
    }
    this.sampler.value = samplerNames.includes('mala') ? 'mala' : samplerNames[0]!;
    this.mode.addEventListener('change', () => this.renderOptions());
    this.sampler.addEventListener('change', () => this.renderOptions());
    this.renderOptions();
  }

  chosenSamplers(): string[] {
    if (this.mode.value !== 'compare') return [this.sampler.value];
    return [...this.compareBox.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
  }

  load(example: Example): void {
    this.mode.value = example.mode;
    if (example.mode === 'sample') this.sampler.value = example.samplers[0]!;
    for (const box of this.compareBox.querySelectorAll<HTMLInputElement>('input'))
      box.checked = example.samplers.includes(box.value);
    this.numbers.chains.value = String(example.chains);
    this.numbers.warmup.value = String(example.warmup);
    this.numbers.draws.value = String(example.draws);
    this.numbers.seed.value = String(example.seed);
    this.values = { ...example.options };
    this.renderOptions(false);
  }

  backendChoice(): BackendRequest {
    return this.backend.value as BackendRequest;
  }

  /** One RunOptions per chosen sampler; a LangevinError for unreadable fields. */
  runs(): RunOptions[] {
    this.saveValues();
    const samplers = this.chosenSamplers();
    if (samplers.length === 0) throw new LangevinError('compare: tick at least one sampler');
    const shared = {
      chains: this.integer('chains', this.numbers.chains.value),
      warmup: this.integer('warm-up', this.numbers.warmup.value),
      draws: this.integer('draws', this.numbers.draws.value),
      seed: this.integer('seed', this.numbers.seed.value),
    };
    const modes = this.values.modes?.trim() ? parseModes(this.values.modes) : undefined;
    const basins = this.values.basins?.trim() ? parseBasins(this.values.basins) : undefined;
    return samplers.map((sampler) => {
      const options: RunOptions = { sampler: sampler as RunOptions['sampler'], ...shared, modes, basins };
      for (const field of optionFields(sampler)) {
        const text = this.values[field.path]?.trim();
        if (text) setOption(options, field.path, this.number(field, text));
      }
      return options;
    });
  }

  /** Redraw the option fields; `keep` first saves what the current fields hold. */
  private renderOptions(keep = true): void {
    if (keep) this.saveValues();
    const compare = this.mode.value === 'compare';
    this.compareBox.hidden = !compare;
    this.samplerLabel.hidden = compare;
    const fields = compare ? allOptionFields(this.chosenSamplers()) : optionFields(this.sampler.value);
    const legend = Object.assign(document.createElement('legend'), {
      textContent: compare ? 'Options of the chosen samplers' : `${this.sampler.value} options`,
    });
    const inputs = fields.map((f) => this.input(f.path, f.label, f.placeholder));
    const extras = EXTRA_FIELDS.map((f) => this.input(f.key, f.label, 'none', true));
    this.optionBox.replaceChildren(legend, ...inputs, ...extras);
  }

  private input(key: string, label: string, placeholder: string, wide = false): HTMLLabelElement {
    const wrapper = document.createElement('label');
    const input = Object.assign(document.createElement('input'), {
      type: 'text',
      placeholder,
      value: this.values[key] ?? '',
    });
    input.dataset.option = key;
    if (wide) input.className = 'wide';
    wrapper.append(label, input);
    return wrapper;
  }

  private saveValues(): void {
    for (const input of this.optionBox.querySelectorAll<HTMLInputElement>('input[data-option]'))
      this.values[input.dataset.option!] = input.value;
  }

  private integer(name: string, text: string): number {
    const value = Number(text);
    if (text.trim() === '' || !Number.isSafeInteger(value))
      throw new LangevinError(`${name} must be an integer, got '${text}'`);
    return value;
  }

  private number(field: OptionField, text: string): number {
    const value = Number(text);
    if (!Number.isFinite(value) || (field.kind === 'integer' && !Number.isSafeInteger(value))) {
      throw new LangevinError(
        `${field.label} must be ${field.kind === 'integer' ? 'an integer' : 'a number'}, got '${text}'`,
      );
    }
    return value;
  }
}

/** "a,b; c,d" → [[a, b], [c, d]], as the CLI's --modes. */
function parseModes(text: string): number[][] {
  return text
    .split(';')
    .filter((part) => part.trim() !== '')
    .map((part) => {
      const point = part.split(',').map((x) => Number(x.trim()));
      if (point.length === 0 || point.some((x) => !Number.isFinite(x)))
        throw new LangevinError(`modes: '${part.trim()}' is not a list of numbers (expected e.g. "-5,-5; 5,5")`);
      return point;
    });
}
