/**
 * Which samplers the page offers and each one's own options. The list is
 * the library's (SAMPLER_NAMES), so a sampler added there appears here;
 * the option fields below are what the page knows how to ask for, and a
 * sampler it has no entry for gets the options every sampler takes.
 */
import { SAMPLER_NAMES } from '../../src/inference/types.js';
import type { SampleModelOptions } from '../../src/browser.js';

export const samplerNames: readonly string[] = SAMPLER_NAMES;

export interface OptionField {
  /** Dotted path into SampleModelOptions, e.g. 'stepSize' or 'annealing.levels'. */
  path: string;
  label: string;
  kind: 'number' | 'integer';
  /** Shown when empty: the library's default applies. */
  placeholder: string;
}

const COMMON: OptionField[] = [
  { path: 'stepSize', label: 'step size η', kind: 'number', placeholder: 'adapted' },
  { path: 'thin', label: 'thin', kind: 'integer', placeholder: '1' },
  { path: 'initRadius', label: 'init radius', kind: 'number', placeholder: '2' },
];

const OWN: Record<string, OptionField[]> = {
  'lmc-beta': [{ path: 'beta', label: 'β (inverse temperature)', kind: 'number', placeholder: '1' }],
  annealed: [
    { path: 'annealing.sigmaMax', label: 'σ max', kind: 'number', placeholder: '10' },
    { path: 'annealing.sigmaMin', label: 'σ min', kind: 'number', placeholder: '0.1' },
    { path: 'annealing.levels', label: 'levels', kind: 'integer', placeholder: '10' },
    { path: 'annealing.stepsPerLevel', label: 'steps per level', kind: 'integer', placeholder: '100' },
    { path: 'annealing.finalSteps', label: 'final steps', kind: 'integer', placeholder: '0' },
    { path: 'annealing.smoothingSamples', label: 'smoothing samples', kind: 'integer', placeholder: '16' },
  ],
};

/** The fields of one sampler: its own, then the common ones (annealed has no thin). */
export function optionFields(sampler: string): OptionField[] {
  const common = sampler === 'annealed' ? COMMON.filter((f) => f.path !== 'thin') : COMMON;
  return [...(OWN[sampler] ?? []), ...common];
}

/** Every option field of every sampler, once each (compare mode shows the union). */
export function allOptionFields(samplers: readonly string[]): OptionField[] {
  const seen = new Map<string, OptionField>();
  for (const s of samplers) for (const f of optionFields(s)) if (!seen.has(f.path)) seen.set(f.path, f);
  return [...seen.values()];
}

/** Set `value` at a dotted path of `options`. */
export function setOption(options: SampleModelOptions, path: string, value: number): void {
  const keys = path.split('.');
  let target = options as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
  target[keys[keys.length - 1]!] = value;
}
