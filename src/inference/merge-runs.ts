/**
 * Merge split runs (`--chain-ids`) of one model, data, seed and settings
 * into the run over all their chains: the chains joined in id order and
 * summarised as one run is, so the summary equals that of a single run
 * over the same chains (but for the timing, which the parts measured
 * separately). No I/O: the CLI reads the split records and writes files.
 */
import { LangevinError } from '../errors.js';
import type { LangevinModel } from '../model/types.js';
import { chainOf, joinResults } from '../parallel/join-results.js';
import { fitFromDraws } from './sample-model.js';
import { SETTING_KEYS, type SplitRecord } from './split-record.js';
import type { Fit } from './types.js';

export interface MergeInput {
  /** What the part is called in messages (its directory). */
  name: string;
  record: SplitRecord;
}

export interface MergedRun {
  fit: Fit;
  /** The merged split record (it can be merged again). */
  record: SplitRecord;
}

/**
 * The one-line reason `inputs` cannot be merged, thrown as a LangevinError ('cannot merge: ...').
 * @example
 * ```ts
 * import { checkMergeable } from 'langevin';
 * try {
 *   checkMergeable([]);
 * } catch (error) {
 *   console.log((error as Error).message); // → cannot merge: no runs given
 * }
 * ```
 */
export function checkMergeable(inputs: readonly MergeInput[]): void {
  if (inputs.length === 0) throw new LangevinError('cannot merge: no runs given');
  const [first, ...rest] = inputs;
  const a = first!.record;
  for (const { name, record: b } of rest) {
    const differ = (what: string): never => {
      throw new LangevinError(`cannot merge: '${name}' and '${first!.name}' differ in ${what}`);
    };
    if (a.recipe.source !== b.recipe.source) differ('the model');
    if (canonical(a.recipe.options.data) !== canonical(b.recipe.options.data)) differ('the data');
    if (a.recipe.options.backend !== b.recipe.options.backend) differ('the backend');
    if (a.settings.seed !== b.settings.seed) differ(`the seed (${b.settings.seed} and ${a.settings.seed})`);
    for (const key of SETTING_KEYS) {
      if (canonical(a.settings[key]) !== canonical(b.settings[key])) differ(`the setting ${key}`);
    }
  }
  const owner = new Map<number, string>();
  for (const { name, record } of inputs) {
    if (record.result.interrupted) {
      throw new LangevinError(`cannot merge: '${name}' is an interrupted run; rerun its chains to the end`);
    }
    for (const id of record.chainIds) {
      const other = owner.get(id);
      if (other !== undefined) throw new LangevinError(`cannot merge: chain ${id} is in both '${other}' and '${name}'`);
      owner.set(id, name);
    }
  }
}

/**
 * Join split runs into one: `model` is the parts' model compiled again from their recipe.
 * @example
 * ```ts
 * import { compile, sampleModel, settingsOf, formatSplitRecord, parseSplitRecord, mergeRuns, SPLIT_FORMAT } from 'langevin';
 * const source = 'parameters { vector[2] x; } model { x ~ normal(0, 1); }';
 * const model = await compile(source, { backend: 'f64' });
 * // two parts of one 4-chain run, as `sample --chain-ids 1-2` and `--chain-ids 3-4` make them
 * const part = async (firstChain: number) => {
 *   const options = { sampler: 'mala', chains: 2, warmup: 100, draws: 100, seed: 3, threads: 1 };
 *   const fit = await sampleModel(model, { ...options, firstChain, keepSampled: true });
 *   const record = {
 *     format: SPLIT_FORMAT, recipe: model.recipe!, settings: settingsOf(options), compileSeconds: 0,
 *     labels: { model: 'gauss', modelFile: 'gauss.stan' }, chainIds: fit.chainIds!, result: fit.sampled!,
 *   };
 *   return { name: `part${firstChain}`, record: parseSplitRecord(formatSplitRecord(record), 'split.json') };
 * };
 * const merged = mergeRuns(model, [await part(1), await part(3)]);
 * console.log(merged.record.chainIds, merged.fit.summary.chains); // → [ 1, 2, 3, 4 ] 4
 * ```
 */
export function mergeRuns(model: LangevinModel, inputs: readonly MergeInput[]): MergedRun {
  checkMergeable(inputs);
  const chains = inputs.flatMap(({ record }) =>
    record.chainIds.map((id, c) => ({ group: { first: id - 1, count: 1 }, result: chainOf(record.result, c) })),
  );
  const { result, chainIds } = joinResults(chains);
  const first = inputs[0]!.record;
  const fit = fitFromDraws(model, result, { ...first.settings, compileSeconds: first.compileSeconds }, chainIds);
  fit.summary.model = first.labels.model;
  if (model.dim === 0) {
    // as sampleModel names a run of generated quantities only
    fit.adaptation = fit.adaptation.map(() => undefined);
    fit.summary.sampler = 'fixed_param';
  }
  const record: SplitRecord = { ...first, chainIds: chainIds.map((id) => id + 1), result };
  return { fit, record };
}

/** JSON with sorted keys: equal values, equal text. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
        : ArrayBuffer.isView(v)
          ? Array.from(v as Float64Array)
          : v,
    ) ?? 'undefined'
  );
}
