/**
 * A lossless tokenizer for `langevin upgrade`: the tokens, joined, give the
 * source back byte for byte, so a rewrite touches only what it means to
 * and comments and layout survive. Old syntax the model language no
 * longer lexes (`#` comments, `<-`) is recognised here.
 */

export type TokenKind = 'space' | 'comment' | 'hash' | 'string' | 'name' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
}

const PATTERNS: Array<[TokenKind, RegExp]> = [
  ['space', /[ \t\r\n\f]+/y],
  ['comment', /\/\/[^\n\r]*|\/\*[\s\S]*?(?:\*\/|$)/y],
  ['hash', /#[^\n\r]*/y],
  ['string', /"[^"\n\r]*"?/y],
  ['name', /[A-Za-z_][A-Za-z0-9_]*/y],
  ['number', /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?i?/y],
  ['punct', /<-|<=|>=|==|!=|&&|\|\||\+=|-=|\*=|\/=|\.\*=|\.\/=|\.\*|\.\/|\.\^|%\/%|[^\sA-Za-z0-9_]/y],
];

export function tokenize(source: string): Token[] {
  const out: Token[] = [];
  let at = 0;
  while (at < source.length) {
    let matched = false;
    for (const [kind, re] of PATTERNS) {
      re.lastIndex = at;
      const m = re.exec(source);
      if (m && m[0].length > 0) {
        out.push({ kind, text: m[0] });
        at += m[0].length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      out.push({ kind: 'punct', text: source[at]! });
      at++;
    }
  }
  return out;
}

export function untokenize(tokens: Token[]): string {
  return tokens.map((t) => t.text).join('');
}

/** Whether a token carries meaning (not whitespace or a comment). */
export function significant(t: Token | undefined): boolean {
  return t !== undefined && t.kind !== 'space' && t.kind !== 'comment' && t.kind !== 'hash';
}

/** The index of the next significant token at or after i (tokens.length if none). */
export function nextSig(tokens: Token[], i: number): number {
  while (i < tokens.length && !significant(tokens[i])) i++;
  return i;
}

/** The index of the previous significant token at or before i (-1 if none). */
export function prevSig(tokens: Token[], i: number): number {
  while (i >= 0 && !significant(tokens[i])) i--;
  return i;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** The index of the bracket closing the one at `open` (tokens.length if unbalanced). */
export function matching(tokens: Token[], open: number): number {
  const stack: string[] = [];
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (OPEN[t.text]) stack.push(OPEN[t.text]!);
    else if (t.text === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return tokens.length;
}

/** Indices of the commas at depth 0 between `open` and its matching bracket. */
export function topLevelCommas(tokens: Token[], open: number, close: number): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (OPEN[t.text]) depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    else if (t.text === ',' && depth === 0) out.push(i);
  }
  return out;
}
