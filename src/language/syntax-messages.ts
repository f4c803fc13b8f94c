/**
 * Chevrotain's error messages, rewritten in our words: "expected ';' but
 * found 'sigma'" rather than token-type names. Positions are attached later
 * by parse.ts from the exception's token.
 */
import { EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import { closestName } from '../errors.js';

const BLOCK_WORDS = ['data', 'transformed', 'parameters', 'model', 'generated', 'quantities', 'functions'];

/** "unexpected 'modle'; expected a block (...)", with a suggestion for a misspelt block name. */
function notABlock(actual: IToken): string {
  const suggestion = actual.tokenType !== EOF ? closestName(actual.image, BLOCK_WORDS) : undefined;
  const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
  return `${unexpected(actual)}${hint}; expected ${RULE_DESCRIPTIONS.program}`;
}

/** What a rule stands for, when none of its alternatives fit. */
const RULE_DESCRIPTIONS: Record<string, string> = {
  program:
    "a block ('functions', 'data', 'transformed data', 'parameters', 'transformed parameters', 'model' or 'generated quantities')",
  programBlock:
    "a block name ('data', 'transformed data', 'parameters', 'transformed parameters', 'model' or 'generated quantities')",
  statement: 'a statement',
  functionDef: "a function definition ('void' or a return type, then the name)",
  unsizedType: "a type ('int', 'real', 'vector', 'row_vector', 'matrix' or 'array[] ...')",
  functionArg: 'a function argument (a type and a name)',
  expressionStatement: "'=', '~' or ';'",
  elementType: 'a type',
  typeDecl: 'a type',
  constraint: "'lower', 'upper', 'offset' or 'multiplier'",
  constraintItem: "'lower', 'upper', 'offset' or 'multiplier'",
  rejectStatement: "'reject'",
  printableList: 'an expression or a string',
  printable: 'an expression or a string',
  prefixExpression: 'an expression',
  primary: 'an expression',
  postfixExpression: 'an expression',
  expressionList: 'an expression',
  index: 'an index',
};

export function tokenLabel(type: TokenType): string {
  if (type === EOF) return 'the end of the file';
  return type.LABEL ?? type.name;
}

/** "unexpected ';'", or "unexpected end of file" (never "unexpected the end of the file"). */
function unexpected(token: IToken | undefined): string {
  return !token || token.tokenType === EOF ? 'unexpected end of file' : `unexpected '${token.image}'`;
}

export function describeToken(token: IToken | undefined): string {
  if (!token || token.tokenType === EOF) return 'the end of the file';
  return `'${token.image}'`;
}

function expectation(ruleName: string, paths: TokenType[][]): string {
  const described = RULE_DESCRIPTIONS[ruleName];
  if (described) return described;
  const firsts = [...new Set(paths.map((p) => (p[0] ? tokenLabel(p[0]) : undefined)).filter((s) => s))];
  if (firsts.length === 0) return 'something else';
  if (firsts.length === 1) return firsts[0]!;
  return `${firsts.slice(0, -1).join(', ')} or ${firsts[firsts.length - 1]}`;
}

export const syntaxMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual, ruleName }) {
    if (ruleName === 'expressionStatement' && expected.name === 'Identifier') {
      return `expected a distribution name after '~' but found ${describeToken(actual)}`;
    }
    if (expected.name === 'Identifier' && actual.tokenType !== EOF && /^[A-Za-z]\w*$/.test(actual.image)) {
      return `expected a name but found '${actual.image}', which is a reserved word`;
    }
    if (expected === EOF) return notABlock(actual);
    return `expected ${tokenLabel(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return notABlock(firstRedundant);
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    if (actual[0]?.tokenType.name === 'StringLiteral') {
      return 'a string can only be an argument of print or reject';
    }
    return `${unexpected(actual[0])}; expected ${expectation(ruleName, expectedPathsPerAlt.flat())}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    return `${unexpected(actual[0])}; expected ${expectation(ruleName, expectedIterationPaths)}`;
  },
};
