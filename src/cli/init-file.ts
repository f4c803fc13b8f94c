/**
 * `--init FILE`, as CmdStan takes it: Stan JSON of constrained initial
 * values. One object is shared by every chain; a JSON array of objects
 * gives one per chain; or, as CmdStan does for FILE.json with several
 * chains, FILE_1.json … FILE_N.json when they all exist. Values are
 * unconstrained by the model (its declared constraints checked).
 */
import { existsSync } from 'node:fs';
import { LangevinError } from '../errors.js';
import { parseStanJson } from '../io/stan-json.js';
import { readTextFile } from '../io/data-file.js';
import type { LangevinModel, ModelData, StanModel } from '../model/types.js';

/** Whether an --init value is a radius (a number) rather than a file. */
export function isInitRadius(raw: string): boolean {
  return raw.trim() !== '' && Number.isFinite(Number(raw));
}

/** chains × dim unconstrained initial values from the init file(s). */
export function readInitValues(path: string, shown: string, loaded: LangevinModel, chains: number): Float64Array {
  if (!('unconstrain' in loaded))
    throw new LangevinError('--init FILE needs a model file (a score network has no named parameters)');
  const model = loaded as StanModel;
  const perChain = perChainFiles(path, chains);
  const sets: Array<{ values: ModelData; file: string }> = perChain
    ? perChain.map((p, c) => ({ values: parseStanJson(readTextFile(p, 'init file'), p), file: perChainName(shown, c) }))
    : readOne(path, shown, chains);
  const out = new Float64Array(chains * model.dim);
  for (let c = 0; c < chains; c++) {
    const { values, file } = sets.length === 1 ? sets[0]! : sets[c]!;
    try {
      out.set(model.unconstrain(values), c * model.dim);
    } catch (error) {
      if (!(error instanceof LangevinError)) throw error;
      throw new LangevinError({
        severity: 'error',
        message: error.message.replace(/^initial values/, 'init file'),
        file,
      });
    }
  }
  return out;
}

function readOne(path: string, shown: string, chains: number): Array<{ values: ModelData; file: string }> {
  const text = readTextFile(path, 'init file');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined; // parseStanJson below reports where the JSON breaks
  }
  if (!Array.isArray(parsed)) return [{ values: parseStanJson(text, shown), file: shown }];
  if (parsed.length !== 1 && parsed.length !== chains) {
    throw new LangevinError({
      severity: 'error',
      message: `init file has ${parsed.length} sets of initial values; expected 1 or one per chain (${chains})`,
      file: shown,
    });
  }
  return parsed.map((set, c) => ({
    values: parseStanJson(JSON.stringify(set), `${shown} (chain ${c + 1})`),
    file: shown,
  }));
}

/** FILE_1.json … FILE_N.json when FILE itself is absent or several chains run and they all exist. */
function perChainFiles(path: string, chains: number): string[] | undefined {
  if (chains < 2 && existsSync(path)) return undefined;
  const files = Array.from({ length: chains }, (_, c) => perChainName(path, c));
  return files.every((f) => existsSync(f)) ? files : undefined;
}

function perChainName(path: string, c: number): string {
  return path.replace(/(\.json)?$/i, (ext) => `_${c + 1}${ext || ''}`);
}
