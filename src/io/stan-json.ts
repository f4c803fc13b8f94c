/**
 * Parsing Stan JSON data (as CmdStan reads it), from text: no file access,
 * so browsers can use it. Syntax errors become diagnostics with the file's
 * line and column; the values themselves are validated against the model's
 * declarations by the compiler.
 */
import { LangevinError } from '../errors.js';
import type { ModelData } from '../model/types.js';

/**
 * Parse Stan JSON: an object whose values are numbers, nested arrays of
 * numbers, or the strings "NaN", "Inf", "-Inf", "Infinity", "-Infinity"
 * that CmdStan accepts for non-finite reals.
 */
export function parseStanJson(text: string, file: string): ModelData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      const start = { offset, line, column };
      throw new LangevinError({
        severity: 'error',
        message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
        file,
        span: { start, end: { ...start, offset: offset + 1, column: column + 1 } },
      });
    }
    throw new LangevinError({ severity: 'error', message: `invalid JSON: ${message}`, file });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new LangevinError({ severity: 'error', message: 'data must be a JSON object mapping names to values', file });
  }
  const data: ModelData = {};
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    data[key] = convertValue(value, key, file) as ModelData[string];
  }
  return data;
}

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  Inf: Infinity,
  Infinity: Infinity,
  '+Inf': Infinity,
  '-Inf': -Infinity,
  '-Infinity': -Infinity,
};

function convertValue(value: unknown, key: string, file: string): unknown {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value in NON_FINITE) return NON_FINITE[value];
  if (Array.isArray(value)) return value.map((v) => convertValue(v, key, file));
  throw new LangevinError({
    severity: 'error',
    message: `'${key}' must hold numbers or arrays of numbers, found ${JSON.stringify(value)}`,
    file,
  });
}
