/**
 * Stan syntax highlighting for CodeMirror 6: a StreamLanguage tokenizer
 * (no parse tree needed for colours). Function and distribution names come
 * from the project's stdlib, so new entries are highlighted without edits
 * here; diagnostics come from the real parser and checker (lint.ts).
 */
import { StreamLanguage, type StringStream } from '@codemirror/language';
import { distributions, functions } from '../../stdlib/index.js';

const BLOCKS = /^(functions|data|transformed|parameters|model|generated|quantities)\b/;
const KEYWORDS = new Set([
  'for',
  'in',
  'while',
  'if',
  'else',
  'return',
  'break',
  'continue',
  'print',
  'reject',
  'fatal_error',
  'profile',
  'target',
  'potential',
]);
const TYPES = new Set([
  'int',
  'real',
  'complex',
  'vector',
  'row_vector',
  'matrix',
  'array',
  'tuple',
  'void',
  'simplex',
  'ordered',
  'positive_ordered',
  'unit_vector',
  'sum_to_zero_vector',
  'cholesky_factor_corr',
  'cholesky_factor_cov',
  'corr_matrix',
  'cov_matrix',
  'complex_vector',
  'complex_row_vector',
  'complex_matrix',
  'data',
]);
const CONSTRAINTS = new Set(['lower', 'upper', 'offset', 'multiplier']);
const SUFFIXES = ['_lpdf', '_lpmf', '_lcdf', '_lccdf', '_rng', '_lupdf', '_lupmf', '_cdf'];

const distributionNames = new Set(distributions.map((d) => d.name));
const functionNames = new Set(functions.map((f) => f.name));

function isDistributionCall(name: string): boolean {
  if (distributionNames.has(name)) return true;
  const suffix = SUFFIXES.find((s) => name.endsWith(s));
  return suffix !== undefined && distributionNames.has(name.slice(0, -suffix.length));
}

interface StanState {
  inBlockComment: boolean;
  /** Whether the previous token was `~` (the next name is a distribution). */
  afterTilde: boolean;
  /** Brace depth: block names are keywords only at depth 0. */
  depth: number;
}

function token(stream: StringStream, state: StanState): string | null {
  if (state.inBlockComment) {
    if (stream.skipTo('*/')) {
      stream.pos += 2;
      state.inBlockComment = false;
    } else stream.skipToEnd();
    return 'comment';
  }
  if (stream.eatSpace()) return null;
  if (stream.match('//') || stream.match('#')) {
    stream.skipToEnd();
    return 'comment';
  }
  if (stream.match('/*')) {
    state.inBlockComment = true;
    return token(stream, state) ?? 'comment';
  }
  if (stream.match(/^"[^"]*"/)) return 'string';
  if (stream.match(/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?i?/)) {
    state.afterTilde = false;
    return 'number';
  }
  if (state.depth === 0 && stream.match(BLOCKS)) return 'keyword';
  const word = stream.match(/^[A-Za-z][A-Za-z0-9_]*/) as RegExpMatchArray | null;
  if (word) {
    const name = word[0];
    const afterTilde = state.afterTilde;
    state.afterTilde = false;
    if (KEYWORDS.has(name)) return 'keyword';
    if (TYPES.has(name)) return 'typeName';
    if (CONSTRAINTS.has(name) && stream.match(/^\s*=/, false)) return 'attributeName';
    if (afterTilde && distributionNames.has(name)) return 'function';
    if (stream.match(/^\s*\(/, false) && (isDistributionCall(name) || functionNames.has(name))) return 'function';
    return 'variableName';
  }
  const ch = stream.next()!;
  if (ch === '{') state.depth++;
  if (ch === '}') state.depth = Math.max(0, state.depth - 1);
  if (ch === '~') {
    state.afterTilde = true;
    return 'operator';
  }
  if ("+-*/^<>=!&|%\\.'".includes(ch)) return 'operator';
  return 'punctuation';
}

export const stanLanguage = StreamLanguage.define<StanState>({
  name: 'stan',
  startState: () => ({ inBlockComment: false, afterTilde: false, depth: 0 }),
  copyState: (s) => ({ ...s }),
  token,
  languageData: { commentTokens: { line: '//', block: { open: '/*', close: '*/' } } },
});
