/**
 * The editors' diagnostics: the model text through the project's own
 * parser and checker, the data text through its Stan JSON reader, each
 * LangevinError turned into CodeMirror diagnostics at the span's offsets.
 * Diagnostics without a span (whole-file problems) sit on the first line.
 */
import type { Diagnostic as EditorDiagnostic } from '@codemirror/lint';
// Straight from the stages, not the library entry: the page itself needs no backend (tfjs stays in the worker).
import { check } from '../../src/check/check.js';
import { LangevinError, type Diagnostic } from '../../src/errors.js';
import { parseStanJson } from '../../src/io/stan-json.js';
import { parse } from '../../src/language/parse.js';

export const MODEL_FILE = 'model.stan';
export const DATA_FILE = 'data.json';

/** Library diagnostics for one file → editor diagnostics, clamped to the text. */
export function toEditorDiagnostics(
  diagnostics: readonly Diagnostic[],
  file: string,
  text: string,
): EditorDiagnostic[] {
  return diagnostics
    .filter((d) => (d.file ?? MODEL_FILE) === file)
    .map((d) => {
      const from = Math.min(d.span?.start.offset ?? 0, text.length);
      const end = d.span ? d.span.end.offset : from;
      // An empty span (end of input) still needs a visible mark: widen it by one character where possible.
      const to = Math.min(Math.max(end, from + 1), text.length);
      const message = [d.message, ...(d.notes ?? [])].join('\n');
      return { from: Math.min(from, to), to, severity: d.severity, message, source: 'langevin' };
    });
}

/** Parse and check the model; [] when it is well formed. */
export function checkModel(source: string): Diagnostic[] {
  try {
    check(parse(source, MODEL_FILE), MODEL_FILE);
    return [];
  } catch (error) {
    if (error instanceof LangevinError) return error.diagnostics.map((d) => ({ ...d, file: d.file ?? MODEL_FILE }));
    return [{ severity: 'error', message: `internal error: ${String(error)}`, file: MODEL_FILE }];
  }
}

/** Read the data as Stan JSON; [] when it parses. */
export function checkData(text: string): Diagnostic[] {
  try {
    parseStanJson(text, DATA_FILE);
    return [];
  } catch (error) {
    if (error instanceof LangevinError) return error.diagnostics.map((d) => ({ ...d, file: d.file ?? DATA_FILE }));
    return [{ severity: 'error', message: String(error), file: DATA_FILE }];
  }
}
