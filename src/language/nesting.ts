/**
 * The nesting limit, checked on the token stream before parsing: the
 * parser, checker and lowering recurse on nested constructs, so a model
 * nested past the limit gets a located error (E701) instead of a stack
 * overflow. Counted as one level each: an open bracket ( [ {, a pending
 * ternary, a prefix operator or `^` awaiting its operand, and the body of
 * an if/else/for/while written without braces. Flat chains (a sum of
 * thousands of terms, a long else-if-free statement list) do not nest.
 */
import type { IToken, TokenType } from 'chevrotain';
import type { Diagnostic } from '../errors.js';
import {
  Colon,
  Comma,
  Else,
  For,
  Hat,
  EltPower,
  Identifier,
  If,
  ImagLiteral,
  IntLiteral,
  LCurly,
  LParen,
  LSquare,
  RCurly,
  RParen,
  RSquare,
  RealLiteral,
  Question,
  Semi,
  StringLiteral,
  Transpose,
  While,
  PrefixOp,
} from './tokens.js';
import { tokenSpan } from './cst.js';

type Marker = '(' | '[' | '{' | '?' | ':' | 'u' | 's' | 'h';

const OPENS = new Map<TokenType, Marker>([
  [LParen, '('],
  [LSquare, '['],
  [LCurly, '{'],
]);
const CLOSES = new Map<TokenType, Marker>([
  [RParen, '('],
  [RSquare, '['],
  [RCurly, '{'],
]);
const OPERAND_END = new Set<TokenType>([
  Identifier,
  IntLiteral,
  RealLiteral,
  ImagLiteral,
  StringLiteral,
  RParen,
  RSquare,
  RCurly,
  Transpose,
]);

function endsOperand(tok: IToken | undefined): boolean {
  if (!tok) return false;
  // keywords used as names (lower, upper, T, ...) also end an operand
  return OPERAND_END.has(tok.tokenType) || tok.tokenType.CATEGORIES?.includes(Identifier) === true;
}

/** The first place the nesting passes `limit`, as a diagnostic; undefined when within it. */
export function nestingDiagnostic(tokens: IToken[], limit: number): Diagnostic | undefined {
  const stack: Marker[] = [];
  // Statement headers: `if (` ... `)` then maybe an unbraced body.
  const headerParens: number[] = [];
  let pendingBody = false;
  const popWhile = (keep: (m: Marker) => boolean): void => {
    while (stack.length > 0 && keep(stack[stack.length - 1]!)) stack.pop();
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const type = tok.tokenType;
    if (pendingBody) {
      pendingBody = false;
      if (type !== LCurly) stack.push('s');
    }
    const open = OPENS.get(type);
    const close = CLOSES.get(type);
    if (open) {
      if (
        type === LParen &&
        (tokens[i - 1]?.tokenType === If || tokens[i - 1]?.tokenType === For || tokens[i - 1]?.tokenType === While)
      ) {
        headerParens.push(stack.length);
      }
      stack.push(open);
    } else if (close) {
      popWhile((m) => m !== '(' && m !== '[' && m !== '{');
      stack.pop();
      if (type === RParen && headerParens[headerParens.length - 1] === stack.length) {
        headerParens.pop();
        pendingBody = true;
      } else if (type === RCurly && tokens[i + 1]?.tokenType !== Else) {
        // a braced body ends the unbraced statements around it
        popWhile((m) => m === 's');
      }
    } else if (type === Semi) {
      popWhile((m) => m === 'u' || m === 'h' || m === '?' || m === ':');
      if (tokens[i + 1]?.tokenType !== Else) popWhile((m) => m === 's');
      else if (stack[stack.length - 1] === 's') stack.pop();
    } else if (type === Else) {
      if (tokens[i + 1]?.tokenType !== If) pendingBody = true;
      else stack.push('s');
    } else if (type === Comma) {
      popWhile((m) => m === 'u' || m === 'h' || m === ':');
    } else if (type === Question) {
      popWhile((m) => m === 'u' || m === 'h');
      stack.push('?');
    } else if (type === Colon) {
      popWhile((m) => m === 'u' || m === 'h');
      if (stack[stack.length - 1] === '?') stack[stack.length - 1] = ':';
    } else if (type === Hat || type === EltPower) {
      stack.push('h');
    } else if (type.CATEGORIES?.includes(PrefixOp) || type === PrefixOp) {
      if (endsOperand(tokens[i - 1])) popWhile((m) => m === 'u' || m === 'h');
      else stack.push('u');
    } else if (!endsOperand(tok) && endsOperand(tokens[i - 1])) {
      // another binary operator: the prefix operators before it have their operand
      popWhile((m) => m === 'u' || m === 'h');
    }
    if (stack.length > limit) {
      return {
        severity: 'error',
        message:
          `nested too deeply: more than ${limit} levels of brackets, blocks, conditionals or operators ` +
          `(the nesting limit); introduce local variables to flatten it`,
        span: tokenSpan(tok),
      };
    }
  }
  return undefined;
}
