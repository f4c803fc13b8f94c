/**
 * Shared by the commands that run a model: read the model and data files,
 * remember their text for error rendering, compile.
 */
import { basename, resolve } from 'node:path';
import { compile } from '../compile/compile.js';
import { parseStanJson, readDataFile, readTextFile } from '../io/data-file.js';
import type { BackendChoice, LangevinModel, ModelData } from '../model/types.js';
import type { CliIO } from './io.js';

export interface LoadedModel {
  model: LangevinModel;
  modelFile: string;
  dataFile?: string;
  data: ModelData;
  compileSeconds: number;
}

export function resolvePath(io: CliIO, path: string): string {
  return resolve(io.cwd ?? process.cwd(), path);
}

/** Read MODEL (and DATA) and compile; sources are recorded for diagnostics. */
export async function loadModel(
  io: CliIO,
  sources: Record<string, string>,
  modelPath: string,
  dataPath: string | undefined,
  backend: BackendChoice,
  chains = 4,
): Promise<LoadedModel> {
  // Read once: a pipe such as <(cat model.stan) has nothing left the second time.
  const source = sources[modelPath] ?? readTextFile(resolvePath(io, modelPath), 'model file');
  sources[modelPath] = source;
  let data: ModelData = {};
  if (dataPath !== undefined) {
    const known = sources[dataPath];
    const file = known !== undefined ? { text: known, data: parseStanJson(known, dataPath) } : readDataFile(resolvePath(io, dataPath));
    sources[dataPath] = file.text;
    data = file.data;
  }
  const started = performance.now();
  const model = await compile(source, {
    data,
    backend,
    chains,
    file: modelPath,
    dataFile: dataPath,
    name: basename(modelPath).replace(/\.stan$/, ''),
    // print() in transformed data and generated quantities goes to stderr, as CmdStan's console output.
    print: (message) => void io.stderr.write(message + '\n'),
  });
  return { model, modelFile: modelPath, dataFile: dataPath, data, compileSeconds: (performance.now() - started) / 1000 };
}
