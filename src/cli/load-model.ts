/**
 * Shared by the commands that run a model: read the model and data files,
 * remember their text for error rendering, compile.
 */
import { basename, resolve } from 'node:path';
import { compile } from '../compile/compile.js';
import { parseStanJson, readDataFile, readTextFile } from '../io/data-file.js';
import type { BackendChoice, LangevinModel, ModelData } from '../model/types.js';
import type { CliIO } from './io.js';
import { LangevinError } from '../errors.js';
import { parse } from '../language/parse.js';
import { findBlock } from '../language/ast.js';

export interface LoadedModel {
  model: LangevinModel;
  modelFile: string;
  dataFile?: string;
  data: ModelData;
  compileSeconds: number;
}

/** The model declares data but none was given: name every variable it needs. */
export function missingData(modelPath: string, names: string[], prefix = ''): LangevinError {
  const list = names.map((n) => `'${n}'`).join(', ');
  return new LangevinError({
    severity: 'error',
    message: `${prefix}the model declares data (${list}) and no --data FILE was given: give them in a Stan JSON file with --data FILE`,
    file: modelPath,
  });
}

/** Names of the data block's variables (parse errors surface here as they would in compile). */
function declaredData(source: string, file: string): string[] {
  const block = findBlock(parse(source, file), 'data');
  return (block?.body ?? []).flatMap((s) => (s.kind === 'VarDecl' ? [s.name] : []));
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
  if (dataPath === undefined) {
    const needed = declaredData(source, modelPath);
    if (needed.length > 0) throw missingData(modelPath, needed);
  }
  let data: ModelData = {};
  if (dataPath !== undefined) {
    const known = sources[dataPath];
    const file =
      known !== undefined
        ? { text: known, data: parseStanJson(known, dataPath) }
        : readDataFile(resolvePath(io, dataPath));
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
  return {
    model,
    modelFile: modelPath,
    dataFile: dataPath,
    data,
    compileSeconds: (performance.now() - started) / 1000,
  };
}
