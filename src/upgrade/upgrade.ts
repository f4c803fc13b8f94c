/**
 * `langevin upgrade`: rewrites a pre-2.33 Stan program to current syntax,
 * as stanc3's canonicaliser did, by token-level edits on a lossless token
 * stream (tokens.ts), so comments and layout stay. One entry,
 * `upgradeSource`; each rewrite is a pass over a fresh token stream.
 */
import { findDistribution } from '../../stdlib/index.js';
import { matching, nextSig, prevSig, significant, tokenize, topLevelCommas, untokenize, type Token } from './tokens.js';

export interface UpgradeResult {
  text: string;
  /** What was rewritten, one line per kind with a count ("'<-' → '=' (3)"). */
  changes: string[];
  /** What needs a hand edit (no mechanical rewrite). */
  warnings: string[];
}

const TYPES = new Set([
  'int',
  'real',
  'vector',
  'row_vector',
  'matrix',
  'simplex',
  'ordered',
  'positive_ordered',
  'unit_vector',
  'cholesky_factor_corr',
  'cholesky_factor_cov',
  'cov_matrix',
  'corr_matrix',
]);

const RENAMES: Record<string, string> = {
  fabs: 'abs',
  cov_exp_quad: 'gp_exp_quad_cov',
  multiply_log: 'lmultiply',
  binomial_coefficient_log: 'lchoose',
  get_lp: 'target',
};

class Changes {
  private counts = new Map<string, number>();
  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }
  lines(): string[] {
    return [...this.counts].map(([what, n]) => `${what} (${n})`);
  }
}

export function upgradeSource(source: string): UpgradeResult {
  const changes = new Changes();
  const warnings: string[] = [];
  const passes: Array<(tokens: Token[]) => void> = [
    (t) => hashComments(t, changes),
    (t) => leftArrows(t, changes),
    (t) => renames(t, changes),
    (t) => densitySuffixes(t, changes),
    (t) => conditionalBars(t, changes),
    (t) => oldArrays(t, changes),
  ];
  let text = source;
  for (const pass of passes) {
    const tokens = tokenize(text);
    pass(tokens);
    text = untokenize(tokens);
  }
  for (const t of tokenize(text)) {
    if (t.kind === 'name' && /^integrate_ode_/.test(t.text)) {
      warnings.push(
        `'${t.text}' has no mechanical rewrite to 'ode_*' (the system function's signature changes); ODE solvers are not supported by langevin`,
      );
      break;
    }
  }
  return { text, changes: changes.lines(), warnings };
}

/** Index of the next significant token after i. */
function after(tokens: Token[], i: number): number {
  return nextSig(tokens, i + 1);
}

function isCall(tokens: Token[], i: number): boolean {
  return tokens[i]?.kind === 'name' && tokens[after(tokens, i)]?.text === '(';
}

/** A name that starts a function definition (its previous token is a return type or `]`). */
function isDefinition(tokens: Token[], i: number): boolean {
  const p = tokens[prevSig(tokens, i - 1)];
  return p !== undefined && (TYPES.has(p.text) || p.text === ']' || p.text === 'void');
}

function hashComments(tokens: Token[], changes: Changes): void {
  for (const t of tokens) {
    if (t.kind === 'hash' && !/^#\s*include\b/.test(t.text)) {
      t.text = `//${t.text.slice(1)}`;
      changes.add("'#' comments → '//'");
    }
  }
}

function leftArrows(tokens: Token[], changes: Changes): void {
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === '<-') {
      t.text = '=';
      changes.add("'<-' → '='");
    }
  }
}

function renames(tokens: Token[], changes: Changes): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isCall(tokens, i) || isDefinition(tokens, i)) continue;
    const open = after(tokens, i);
    if (RENAMES[t.text]) {
      changes.add(`'${t.text}' → '${RENAMES[t.text]}'`);
      t.text = RENAMES[t.text]!;
    } else if (t.text === 'increment_log_prob') {
      // increment_log_prob(e); → target += e;
      const close = matching(tokens, open);
      if (close >= tokens.length) continue;
      t.text = 'target +=';
      tokens[open]!.text = ' ';
      tokens[close]!.text = '';
      changes.add("'increment_log_prob(e)' → 'target += e'");
    } else if (t.text === 'if_else') {
      const close = matching(tokens, open);
      const commas = topLevelCommas(tokens, open, close);
      if (commas.length !== 2) continue;
      t.text = '';
      tokens[commas[0]!]!.text = ' ?';
      tokens[commas[1]!]!.text = ' :';
      changes.add("'if_else(c, a, b)' → '(c ? a : b)'");
    }
  }
}

/** Names of user functions defined with the old `_log` suffix, with whether their variate is an int. */
function userDensities(tokens: Token[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/_log$/.test(t.text) || !isCall(tokens, i) || !isDefinition(tokens, i)) continue;
    let first = after(tokens, after(tokens, i));
    if (tokens[first]?.text === 'data') first = after(tokens, first);
    const isInt = tokens[first]?.text === 'int' || (tokens[first]?.text === 'array' && intAfterArray(tokens, first));
    out.set(t.text.slice(0, -'_log'.length), isInt);
  }
  return out;
}

function intAfterArray(tokens: Token[], i: number): boolean {
  const open = after(tokens, i);
  return tokens[after(tokens, matching(tokens, open))]?.text === 'int';
}

function densitySuffixes(tokens: Token[], changes: Changes): void {
  const user = userDensities(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'name') continue;
    const m = /^(.+?)_(ccdf_log|cdf_log|log)$/.exec(t.text);
    if (!m) continue;
    const base = m[1]!;
    const dist = findDistribution(base);
    const known = dist !== undefined || user.has(base);
    if (!known || !isCall(tokens, i)) continue;
    // after '~' the name is a distribution (poisson_log, neg_binomial_2_log), never a suffixed density
    if (tokens[prevSig(tokens, i - 1)]?.text === '~') continue;
    const discrete = dist ? dist.discrete : user.get(base)!;
    const suffix = m[2] === 'log' ? (discrete ? 'lpmf' : 'lpdf') : m[2] === 'cdf_log' ? 'lcdf' : 'lccdf';
    changes.add(`'_${m[2]}' suffix → '_${suffix}'`);
    t.text = `${base}_${suffix}`;
  }
}

function conditionalBars(tokens: Token[], changes: Changes): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/_(lpdf|lpmf|lupdf|lupmf|lcdf|lccdf|cdf)$/.test(t.text) || !isCall(tokens, i) || isDefinition(tokens, i))
      continue;
    const open = after(tokens, i);
    const close = matching(tokens, open);
    if (close >= tokens.length) continue;
    let depth = 0;
    let hasBar = false;
    for (let j = open + 1; j < close; j++) {
      const x = tokens[j]!.text;
      if (x === '(' || x === '[' || x === '{') depth++;
      else if (x === ')' || x === ']' || x === '}') depth--;
      else if (x === '|' && depth === 0) hasBar = true;
    }
    const commas = topLevelCommas(tokens, open, close);
    if (hasBar || commas.length === 0) continue;
    tokens[commas[0]!]!.text = ' |';
    changes.add("'f(y, ...)' → 'f(y | ...)' in density calls");
  }
}

/** `real y[N];` → `array[N] real y;`, `real[] x` (arguments, returns) → `array[] real x`. */
function oldArrays(tokens: Token[], changes: Changes): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'name' || !TYPES.has(t.text)) continue;
    if (tokens[prevSig(tokens, i - 1)]?.text === 'array') continue;
    let j = after(tokens, i);
    if (tokens[j]?.text === '<') j = after(tokens, closeAngle(tokens, j));
    if (tokens[j]?.text === '[') {
      const close = matching(tokens, j);
      const inner = tokens.slice(j + 1, close).filter(significant);
      if (inner.every((x) => x.text === ',')) {
        // unsized old array: `real[,] x`
        const dims = tokens
          .slice(j, close + 1)
          .map((x) => x.text)
          .join('')
          .replace(/\s+/g, '');
        t.text = `array${dims} ${t.text}`;
        for (let k = j; k <= close; k++) tokens[k]!.text = '';
        // drop the space left before the removed brackets
        if (tokens[j - 1]?.kind === 'space' && j - 1 > i) tokens[j - 1]!.text = '';
        changes.add("old array types 'real[]' → 'array[] real'");
        continue;
      }
      j = after(tokens, close);
    }
    const name = tokens[j];
    if (name?.kind !== 'name') continue;
    const open = after(tokens, j);
    if (tokens[open]?.text !== '[') continue;
    const close = matching(tokens, open);
    if (close >= tokens.length) continue;
    const dims = tokens
      .slice(open + 1, close)
      .map((x) => x.text)
      .join('')
      .trim();
    t.text = `array[${dims}] ${t.text}`;
    for (let k = j + 1; k <= close; k++) if (k >= open || tokens[k]!.kind === 'space') tokens[k]!.text = '';
    changes.add("old array declarations 'real y[N]' → 'array[N] real y'");
  }
}

/** The `>` closing a constraint `<...>` opened at i (parentheses may hold comparisons). */
function closeAngle(tokens: Token[], i: number): number {
  let depth = 0;
  for (let k = i + 1; k < tokens.length; k++) {
    const x = tokens[k]!.text;
    if (x === '(' || x === '[' || x === '{') depth++;
    else if (x === ')' || x === ']' || x === '}') depth--;
    else if (x === '>' && depth === 0) return k;
  }
  return tokens.length;
}
