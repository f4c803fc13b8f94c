/**
 * Reading a Stan JSON data file from disk (Node only). The parsing itself
 * lives in stan-json.ts, which has no file access and is browser-safe.
 */
import { readInputFile } from './read-input.js';
import type { ModelData } from '../model/types.js';
import { parseStanJson } from './stan-json.js';

export { parseStanJson };

export interface DataFile {
  path: string;
  text: string;
  data: ModelData;
}

/** Read and parse `path`; every problem is a LangevinError naming the file. */
export function readDataFile(path: string): DataFile {
  const text = readTextFile(path, 'data file');
  return { path, text, data: parseStanJson(text, path) };
}

/** Read a text file (once, regular files and pipes under the size limit) or throw a user error that names it. */
export function readTextFile(path: string, what: string): string {
  return readInputFile(path, what);
}
