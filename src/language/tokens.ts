/**
 * The tokens of the model language and the lexer built from them.
 *
 * Keywords use `longer_alt: Identifier` so `datum` or `model_size` stay
 * identifiers. Words that Stan lets users take as names in most places
 * (`lower`, `upper`, `offset`, `multiplier`, and `T` of truncation) are
 * contextual: their tokens belong to the Identifier category, so wherever the
 * grammar wants a name they are accepted as one. Operator families share a
 * category token so each precedence layer matches its family with one CONSUME.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

// ---------------------------------------------------------------- trivia

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n\r]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/** A `/*` never closed: kept aside so parse() can name it. */
export const UnterminatedComment = createToken({
  name: 'UnterminatedComment',
  pattern: /\/\*[\s\S]*/,
  group: 'unsupported',
  line_breaks: true,
});
/** `#include ...` and `#` comments: not supported; kept aside so parse() can name them. */
export const HashLine = createToken({ name: 'HashLine', pattern: /#[^\n\r]*/, group: 'unsupported' });

// ---------------------------------------------------------------- identifiers and keywords

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z][A-Za-z0-9_]*/, label: 'a name' });

function keyword(name: string, word: string, categories: TokenType[] = []): TokenType {
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, label: `'${word}'`, categories });
}

/** A word with a meaning in one place only and an ordinary name everywhere else. */
function contextual(name: string, word: string): TokenType {
  return createToken({
    name,
    pattern: new RegExp(word),
    longer_alt: Identifier,
    label: `'${word}'`,
    categories: [Identifier],
  });
}

// block names
export const Functions = keyword('Functions', 'functions');
export const Data = keyword('Data', 'data');
export const Transformed = keyword('Transformed', 'transformed');
export const Parameters = keyword('Parameters', 'parameters');
export const Model = keyword('Model', 'model');
export const Generated = keyword('Generated', 'generated');
export const Quantities = keyword('Quantities', 'quantities');

// types (one category so the type rule matches any of them)
export const TypeKeyword = createToken({ name: 'TypeKeyword', pattern: Lexer.NA, label: 'a type' });
export const Int = keyword('Int', 'int', [TypeKeyword]);
export const Real = keyword('Real', 'real', [TypeKeyword]);
export const Vector = keyword('Vector', 'vector', [TypeKeyword]);
export const RowVector = keyword('RowVector', 'row_vector', [TypeKeyword]);
export const Matrix = keyword('Matrix', 'matrix', [TypeKeyword]);
export const Simplex = keyword('Simplex', 'simplex', [TypeKeyword]);
export const Ordered = keyword('Ordered', 'ordered', [TypeKeyword]);
export const PositiveOrdered = keyword('PositiveOrdered', 'positive_ordered', [TypeKeyword]);
export const UnitVector = keyword('UnitVector', 'unit_vector', [TypeKeyword]);
export const CholeskyFactorCorr = keyword('CholeskyFactorCorr', 'cholesky_factor_corr', [TypeKeyword]);
export const CholeskyFactorCov = keyword('CholeskyFactorCov', 'cholesky_factor_cov', [TypeKeyword]);
export const CovMatrix = keyword('CovMatrix', 'cov_matrix', [TypeKeyword]);
export const CorrMatrix = keyword('CorrMatrix', 'corr_matrix', [TypeKeyword]);
/** Complex types parse as types so the visitor can name them as unsupported. */
export const ComplexType = createToken({
  name: 'ComplexType',
  pattern: /complex(_row_vector|_vector|_matrix)?/,
  longer_alt: Identifier,
  label: "'complex'",
  categories: [TypeKeyword],
});
export const Array = keyword('Array', 'array');
export const Tuple = keyword('Tuple', 'tuple');

// constraints and truncation (contextual)
export const Lower = contextual('Lower', 'lower');
export const Upper = contextual('Upper', 'upper');
export const Offset = contextual('Offset', 'offset');
export const Multiplier = contextual('Multiplier', 'multiplier');
export const Truncate = contextual('Truncate', 'T');

// statements
export const For = keyword('For', 'for');
export const In = keyword('In', 'in');
export const While = keyword('While', 'while');
export const If = keyword('If', 'if');
export const Else = keyword('Else', 'else');
export const Break = keyword('Break', 'break');
export const Continue = keyword('Continue', 'continue');
export const Return = keyword('Return', 'return');
export const Print = keyword('Print', 'print');
export const Reject = keyword('Reject', 'reject');
export const FatalError = keyword('FatalError', 'fatal_error');
export const Target = keyword('Target', 'target');
export const Potential = keyword('Potential', 'potential');
export const Profile = keyword('Profile', 'profile');
export const Void = keyword('Void', 'void');

// ---------------------------------------------------------------- literals

/** `2i`, `1.5e3i`: imaginary literals, recognised only to be named as unsupported. */
export const ImagLiteral = createToken({
  name: 'ImagLiteral',
  pattern: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?i(?![A-Za-z0-9_])/,
  label: 'an imaginary literal',
});
export const RealLiteral = createToken({
  name: 'RealLiteral',
  pattern: /(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+/,
  label: 'a number',
});
export const IntLiteral = createToken({ name: 'IntLiteral', pattern: /\d+/, label: 'an integer' });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"[^"\n\r]*"/, label: 'a string' });

// ---------------------------------------------------------------- punctuation

export const LCurly = createToken({ name: 'LCurly', pattern: /\{/, label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: /\}/, label: "'}'" });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'" });
export const LSquare = createToken({ name: 'LSquare', pattern: /\[/, label: "'['" });
export const RSquare = createToken({ name: 'RSquare', pattern: /\]/, label: "']'" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });
export const Semi = createToken({ name: 'Semi', pattern: /;/, label: "';'" });
export const Colon = createToken({ name: 'Colon', pattern: /:/, label: "':'" });
export const Question = createToken({ name: 'Question', pattern: /\?/, label: "'?'" });
export const Tilde = createToken({ name: 'Tilde', pattern: /~/, label: "'~'" });
export const Bar = createToken({ name: 'Bar', pattern: /\|/, label: "'|'" });
export const Transpose = createToken({ name: 'Transpose', pattern: /'/, label: "'" + "'" + "'" });

// ---------------------------------------------------------------- operators by family

export const AssignOp = createToken({ name: 'AssignOp', pattern: Lexer.NA, label: 'an assignment operator' });
export const Assign = createToken({ name: 'Assign', pattern: /=/, label: "'='", categories: [AssignOp] });
export const PlusAssign = createToken({ name: 'PlusAssign', pattern: /\+=/, label: "'+='", categories: [AssignOp] });
export const MinusAssign = createToken({ name: 'MinusAssign', pattern: /-=/, label: "'-='", categories: [AssignOp] });
export const TimesAssign = createToken({ name: 'TimesAssign', pattern: /\*=/, label: "'*='", categories: [AssignOp] });
export const DivideAssign = createToken({
  name: 'DivideAssign',
  pattern: /\/=/,
  label: "'/='",
  categories: [AssignOp],
});
export const EltTimesAssign = createToken({
  name: 'EltTimesAssign',
  pattern: /\.\*=/,
  label: "'.*='",
  categories: [AssignOp],
});
export const EltDivideAssign = createToken({
  name: 'EltDivideAssign',
  pattern: /\.\/=/,
  label: "'./='",
  categories: [AssignOp],
});

export const Or = createToken({ name: 'Or', pattern: /\|\|/, label: "'||'" });
export const And = createToken({ name: 'And', pattern: /&&/, label: "'&&'" });

export const EqualityOp = createToken({ name: 'EqualityOp', pattern: Lexer.NA, label: "'==' or '!='" });
export const Equal = createToken({ name: 'Equal', pattern: /==/, label: "'=='", categories: [EqualityOp] });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=/, label: "'!='", categories: [EqualityOp] });

export const ComparisonOp = createToken({ name: 'ComparisonOp', pattern: Lexer.NA, label: 'a comparison' });
export const LessEqual = createToken({ name: 'LessEqual', pattern: /<=/, label: "'<='", categories: [ComparisonOp] });
export const GreaterEqual = createToken({
  name: 'GreaterEqual',
  pattern: />=/,
  label: "'>='",
  categories: [ComparisonOp],
});
export const Less = createToken({ name: 'Less', pattern: /</, label: "'<'", categories: [ComparisonOp] });
export const Greater = createToken({ name: 'Greater', pattern: />/, label: "'>'", categories: [ComparisonOp] });

export const PrefixOp = createToken({ name: 'PrefixOp', pattern: Lexer.NA, label: "'-', '+' or '!'" });
export const AdditiveOp = createToken({ name: 'AdditiveOp', pattern: Lexer.NA, label: "'+' or '-'" });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, label: "'+'", categories: [AdditiveOp, PrefixOp] });
export const Minus = createToken({ name: 'Minus', pattern: /-/, label: "'-'", categories: [AdditiveOp, PrefixOp] });

export const MultiplicativeOp = createToken({
  name: 'MultiplicativeOp',
  pattern: Lexer.NA,
  label: 'a product operator',
});
export const Times = createToken({ name: 'Times', pattern: /\*/, label: "'*'", categories: [MultiplicativeOp] });
export const Divide = createToken({ name: 'Divide', pattern: /\//, label: "'/'", categories: [MultiplicativeOp] });
/** Stan binds `\` and `%/%` tighter than `*` (stanc3's IDIVIDE/LDIVIDE level). */
export const LeftDivideOp = createToken({ name: 'LeftDivideOp', pattern: Lexer.NA, label: "'\\' or '%/%'" });
export const IntDivide = createToken({
  name: 'IntDivide',
  pattern: /%\/%/,
  label: "'%/%'",
  categories: [LeftDivideOp],
});
export const Modulo = createToken({ name: 'Modulo', pattern: /%/, label: "'%'", categories: [MultiplicativeOp] });
export const EltTimes = createToken({
  name: 'EltTimes',
  pattern: /\.\*/,
  label: "'.*'",
  categories: [MultiplicativeOp],
});
export const EltDivide = createToken({
  name: 'EltDivide',
  pattern: /\.\//,
  label: "'./'",
  categories: [MultiplicativeOp],
});
export const LeftDivide = createToken({ name: 'LeftDivide', pattern: /\\/, label: "'\\'", categories: [LeftDivideOp] });

export const Bang = createToken({ name: 'Bang', pattern: /!/, label: "'!'", categories: [PrefixOp] });

export const PowerOp = createToken({ name: 'PowerOp', pattern: Lexer.NA, label: "'^' or '.^'" });
export const Hat = createToken({ name: 'Hat', pattern: /\^/, label: "'^'", categories: [PowerOp] });
export const EltPower = createToken({ name: 'EltPower', pattern: /\.\^/, label: "'.^'", categories: [PowerOp] });

/**
 * Every token, longest-match first where prefixes collide (`%/%` before `%`,
 * `.*=` before `.*`, `<=` before `<`, keywords before Identifier).
 */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  HashLine,
  // keywords
  Functions,
  Data,
  Transformed,
  Parameters,
  Model,
  Generated,
  Quantities,
  PositiveOrdered,
  RowVector,
  CholeskyFactorCorr,
  CholeskyFactorCov,
  CovMatrix,
  CorrMatrix,
  UnitVector,
  ComplexType,
  Int,
  Real,
  Vector,
  Matrix,
  Simplex,
  Ordered,
  Array,
  Tuple,
  Lower,
  Upper,
  Offset,
  Multiplier,
  Truncate,
  For,
  In,
  While,
  If,
  Else,
  Break,
  Continue,
  Return,
  Print,
  Reject,
  FatalError,
  Target,
  Potential,
  Profile,
  Void,
  Identifier,
  // literals
  ImagLiteral,
  RealLiteral,
  IntLiteral,
  StringLiteral,
  // multi-character operators before their prefixes
  EltTimesAssign,
  EltDivideAssign,
  PlusAssign,
  MinusAssign,
  TimesAssign,
  DivideAssign,
  Or,
  And,
  Equal,
  NotEqual,
  LessEqual,
  GreaterEqual,
  IntDivide,
  EltTimes,
  EltDivide,
  EltPower,
  Assign,
  Less,
  Greater,
  Plus,
  Minus,
  Times,
  Divide,
  Modulo,
  LeftDivide,
  Bang,
  Hat,
  LCurly,
  RCurly,
  LParen,
  RParen,
  LSquare,
  RSquare,
  Comma,
  Semi,
  Colon,
  Question,
  Tilde,
  Bar,
  Transpose,
  // categories (no pattern)
  TypeKeyword,
  AssignOp,
  EqualityOp,
  ComparisonOp,
  AdditiveOp,
  MultiplicativeOp,
  LeftDivideOp,
  PrefixOp,
  PowerOp,
];

/** Built once: lexer construction analyses every pattern. */
export const modelLexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });
