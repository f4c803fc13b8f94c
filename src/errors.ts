/**
 * One diagnostic type for every stage, and the two error classes the library
 * throws: `LangevinError` for what a user can cause (bad model, data or
 * option), `InternalError` for our own bugs ("internal error, please report").
 */
import type { Span } from './language/ast.js';
import { codeFor } from './error-codes.js';

export interface Diagnostic {
  severity: 'error' | 'warning';
  message: string;
  /** Where in the source the problem is; absent for whole-file or option problems. */
  span?: Span;
  /** The file the span refers to (a model or a data file); defaults to the model. */
  file?: string;
  /** Extra lines printed after the caret, e.g. "did you mean 'normal'?" is part of message instead. */
  notes?: string[];
  /** The stable catalogue code (docs/errors.md); LangevinError fills it in from the message. */
  code?: string;
}

/** A user error: carries every diagnostic of the failing stage. */
export class LangevinError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[] | Diagnostic | string) {
    const list: Diagnostic[] =
      typeof diagnostics === 'string'
        ? [{ severity: 'error', message: diagnostics }]
        : Array.isArray(diagnostics)
          ? diagnostics
          : [diagnostics];
    super(list.map((d) => d.message).join('\n'));
    this.name = 'LangevinError';
    this.diagnostics = list.map((d) => (d.code || d.severity !== 'error' ? d : { ...d, code: codeFor(d.message) }));
  }
}

/** A bug in langevin, never the user's fault. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

/**
 * Render a diagnostic in the format of docs/errors.md ("Format"):
 *
 *     model.stan:12:9: error: unknown distribution 'nromal' (did you mean 'normal'?)
 *       y ~ nromal(mu, sigma);
 *           ^^^^^^
 *
 * `sources` maps a file name to its text so the line can be shown.
 * @example
 * ```ts
 * import { compile, LangevinError, renderDiagnostic } from 'langevin';
 * const source = 'parameters { real mu; }\nmodel { mu ~ nromal(0, 1); }';
 * try {
 *   await compile(source, { file: 'm.stan' });
 * } catch (error) {
 *   if (!(error instanceof LangevinError)) throw error;
 *   console.log(renderDiagnostic(error.diagnostics[0], 'm.stan', { 'm.stan': source }));
 * // → m.stan:2:14: error: unknown distribution 'nromal' (did you mean 'normal'?)
 * // →   model { mu ~ nromal(0, 1); }
 * // →                ^^^^^^
 * }
 * ```
 */
export function renderDiagnostic(
  diagnostic: Diagnostic,
  defaultFile: string,
  sources: Record<string, string>,
  options: RenderOptions = {},
): string {
  const file = diagnostic.file ?? defaultFile;
  const span = diagnostic.span;
  const lines: string[] = [];
  const severity =
    options.codes && diagnostic.code ? `${diagnostic.severity}[${diagnostic.code}]` : diagnostic.severity;
  if (!span) {
    lines.push(`${file}: ${severity}: ${diagnostic.message}`);
  } else {
    const { line, column } = span.start;
    lines.push(`${file}:${line}:${column}: ${severity}: ${diagnostic.message}`);
    const text = sources[file];
    if (text !== undefined) {
      // CR-only line ends count as line ends, as the lexer counts them.
      const sourceLine = text.split(/\r\n|\r|\n/)[line - 1] ?? '';
      const sameLine = span.end.line === line;
      const width = sameLine ? Math.max(1, span.end.column - column) : Math.max(1, sourceLine.length - column + 1);
      // Tabs before the caret stay tabs, so the caret lines up in any terminal.
      const pad = sourceLine.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
      lines.push(`  ${sourceLine}`);
      lines.push(`  ${pad}${' '.repeat(Math.max(0, column - 1 - pad.length))}${'^'.repeat(width)}`);
    }
  }
  for (const note of diagnostic.notes ?? []) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

export interface RenderOptions {
  /** Show the catalogue code, `error[E301]:` (the CLI does; goldens do not). */
  codes?: boolean;
}

/**
 * Render every diagnostic of an error, separated by newlines.
 * @example
 * ```ts
 * import { compile, LangevinError, renderDiagnostics } from 'langevin';
 * const source = 'parameters { real mu; }\nmodel { mu ~ normal(0, sigma); y ~ normal(mu, 1); }';
 * try {
 *   await compile(source, { file: 'm.stan' });
 * } catch (error) {
 *   if (!(error instanceof LangevinError)) throw error;
 *   console.log(renderDiagnostics(error.diagnostics, 'm.stan', { 'm.stan': source }, { codes: true }));
 * // → m.stan:2:24: error[E301]: identifier 'sigma' not in scope
 * // →   model { mu ~ normal(0, sigma); y ~ normal(mu, 1); }
 * // →                          ^^^^^
 * // → m.stan:2:32: error[E301]: identifier 'y' not in scope
 * // →   model { mu ~ normal(0, sigma); y ~ normal(mu, 1); }
 * // →                                  ^
 * }
 * ```
 */
export function renderDiagnostics(
  diagnostics: Diagnostic[],
  defaultFile: string,
  sources: Record<string, string>,
  options: RenderOptions = {},
): string {
  return diagnostics.map((d) => renderDiagnostic(d, defaultFile, sources, options)).join('\n');
}

/** The closest candidate by edit distance, if close enough to suggest. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const limit = Math.max(1, Math.floor(name.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Damerau–Levenshtein distance (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
