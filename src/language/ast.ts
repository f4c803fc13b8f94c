/**
 * The abstract syntax tree of the model language (a Stan subset plus
 * `potential +=` and the reserved `noise`). Produced by the parser's CST→AST
 * visitor and by the builder API; consumed by the checker, the printer and the
 * lowering to the density IR. Plain data: no methods, no parent links.
 */

/** A position in the source text: 0-based offset, 1-based line and column. */
export interface Position {
  offset: number;
  line: number;
  column: number;
}

/** A source range, `end` exclusive (end.offset is one past the last char). */
export interface Span {
  start: Position;
  end: Position;
}

// ---------------------------------------------------------------- expressions

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '\\'
  | '.*'
  | './'
  | '%/%'
  | '^'
  | '.^';

export type PrefixOperator = '-' | '+' | '!';

export interface IntLiteral {
  kind: 'IntLiteral';
  value: number;
  span: Span;
}
export interface RealLiteral {
  kind: 'RealLiteral';
  value: number;
  text: string;
  span: Span;
}
/** Only valid as an argument of print / reject. */
export interface StringLiteral {
  kind: 'StringLiteral';
  value: string;
  span: Span;
}
export interface Variable {
  kind: 'Variable';
  name: string;
  span: Span;
}
export interface BinaryExpr {
  kind: 'Binary';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
  span: Span;
}
export interface PrefixExpr {
  kind: 'Prefix';
  op: PrefixOperator;
  operand: Expr;
  span: Span;
}
/** Postfix `'` (transpose). */
export interface TransposeExpr {
  kind: 'Transpose';
  operand: Expr;
  span: Span;
}
export interface TernaryExpr {
  kind: 'Ternary';
  condition: Expr;
  then: Expr;
  otherwise: Expr;
  span: Span;
}
/**
 * A function call. `conditional` is true for the `f(y | a, b)` form used by
 * `_lpdf`, `_lpmf`, `_lcdf`, `_lccdf` (and `_lupdf`): then args[0] is the
 * variate and the rest are the parameters.
 */
export interface CallExpr {
  kind: 'Call';
  name: string;
  nameSpan: Span;
  args: Expr[];
  conditional: boolean;
  span: Span;
}
export interface IndexExpr {
  kind: 'Index';
  target: Expr;
  indices: Index[];
  span: Span;
}
/** `{a, b, c}`: an array. */
export interface ArrayExpr {
  kind: 'ArrayExpr';
  elements: Expr[];
  span: Span;
}
/** `[a, b, c]`: a row vector (or a matrix when the elements are row vectors). */
export interface RowVectorExpr {
  kind: 'RowVectorExpr';
  elements: Expr[];
  span: Span;
}

export type Expr =
  | IntLiteral
  | RealLiteral
  | StringLiteral
  | Variable
  | BinaryExpr
  | PrefixExpr
  | TransposeExpr
  | TernaryExpr
  | CallExpr
  | IndexExpr
  | ArrayExpr
  | RowVectorExpr;

/**
 * One index position inside `x[...]`. `Single` holds an int expression or an
 * int-array expression (a multi-index; the checker tells which); `All` is an
 * empty position (`x[:, j]` or `x[, j]`); `Range` is `a:b`, `a:`, `:b`.
 */
export type Index =
  | { kind: 'Single'; expr: Expr; span: Span }
  | { kind: 'All'; span: Span }
  | { kind: 'Range'; lower?: Expr; upper?: Expr; span: Span };

// ---------------------------------------------------------------- types

export type ScalarTypeName = 'int' | 'real';
export type ContainerTypeName =
  | 'vector'
  | 'row_vector'
  | 'matrix'
  | 'simplex'
  | 'ordered'
  | 'positive_ordered'
  | 'unit_vector'
  | 'cholesky_factor_corr'
  | 'cholesky_factor_cov'
  | 'cov_matrix'
  | 'corr_matrix';
export type BaseTypeName = ScalarTypeName | ContainerTypeName;

/** `<lower=…, upper=…>` or `<offset=…, multiplier=…>`; any subset. */
export interface Constraint {
  lower?: Expr;
  upper?: Expr;
  offset?: Expr;
  multiplier?: Expr;
}

/**
 * A declared type: `array[arrayDims] base<constraint>[sizes]`.
 * sizes: [] for int/real, [N] for vector-like, [R, C] for matrix,
 * [K] for cholesky_factor_corr / cov_matrix / corr_matrix,
 * [M] or [M, N] for cholesky_factor_cov.
 */
export interface TypeDecl {
  base: BaseTypeName;
  sizes: Expr[];
  arrayDims: Expr[];
  constraint?: Constraint;
  span: Span;
}

// ---------------------------------------------------------------- statements

export type AssignOperator = '=' | '+=' | '-=' | '*=' | '/=' | '.*=' | './=';

export interface VarDecl {
  kind: 'VarDecl';
  type: TypeDecl;
  name: string;
  nameSpan: Span;
  init?: Expr;
  span: Span;
}
/** `target = value`; target is a variable with zero or more index groups. */
export interface AssignStmt {
  kind: 'Assign';
  name: string;
  nameSpan: Span;
  indices: Index[][];
  op: AssignOperator;
  value: Expr;
  span: Span;
}
/** `lhs ~ dist(args) T[lower, upper]` (truncation bounds optional). */
export interface TildeStmt {
  kind: 'Tilde';
  lhs: Expr;
  distribution: string;
  distributionSpan: Span;
  args: Expr[];
  truncation?: { lower?: Expr; upper?: Expr; span: Span };
  span: Span;
}
export interface TargetPlusStmt {
  kind: 'TargetPlus';
  value: Expr;
  span: Span;
}
/** Extension: `potential += e` subtracts e from the log density. */
export interface PotentialPlusStmt {
  kind: 'PotentialPlus';
  value: Expr;
  span: Span;
}
export interface ForStmt {
  kind: 'For';
  variable: string;
  variableSpan: Span;
  lower: Expr;
  upper: Expr;
  body: Stmt;
  span: Span;
}
export interface ForEachStmt {
  kind: 'ForEach';
  variable: string;
  variableSpan: Span;
  collection: Expr;
  body: Stmt;
  span: Span;
}
export interface WhileStmt {
  kind: 'While';
  condition: Expr;
  body: Stmt;
  span: Span;
}
export interface IfStmt {
  kind: 'If';
  condition: Expr;
  then: Stmt;
  otherwise?: Stmt;
  span: Span;
}
export interface BlockStmt {
  kind: 'Block';
  body: Stmt[];
  span: Span;
}
/** print(...) and reject(...): arguments are expressions or string literals. */
export interface PrintStmt {
  kind: 'Print';
  args: Expr[];
  span: Span;
}
export interface RejectStmt {
  kind: 'Reject';
  args: Expr[];
  span: Span;
}
export interface BreakStmt {
  kind: 'Break';
  span: Span;
}
export interface ContinueStmt {
  kind: 'Continue';
  span: Span;
}
/** A call used as a statement (only void functions; none in the stdlib yet). */
export interface CallStmt {
  kind: 'CallStmt';
  call: CallExpr;
  span: Span;
}
export interface EmptyStmt {
  kind: 'Empty';
  span: Span;
}
/** `return e;` or `return;`: only inside a user-defined function body. */
export interface ReturnStmt {
  kind: 'Return';
  value?: Expr;
  span: Span;
}
/** `jacobian += e;` (Stan 2.36): in transformed parameters and `_jacobian` functions. */
export interface JacobianPlusStmt {
  kind: 'JacobianPlus';
  value: Expr;
  span: Span;
}

export type Stmt =
  | VarDecl
  | AssignStmt
  | TildeStmt
  | TargetPlusStmt
  | PotentialPlusStmt
  | ForStmt
  | ForEachStmt
  | WhileStmt
  | IfStmt
  | BlockStmt
  | PrintStmt
  | RejectStmt
  | BreakStmt
  | ContinueStmt
  | CallStmt
  | EmptyStmt
  | ReturnStmt
  | JacobianPlusStmt;

// ---------------------------------------------------------------- functions

/** An unsized type of a function argument or return: `array[,] vector`, `real`. */
export interface UnsizedType {
  base: 'int' | 'real' | 'vector' | 'row_vector' | 'matrix';
  arrayDims: number;
  span: Span;
}

export interface FunctionArg {
  type: UnsizedType;
  name: string;
  nameSpan: Span;
  /** Declared `data`: the caller must pass an expression known before sampling. */
  dataOnly: boolean;
}

/**
 * `returns name(args) { body }`, or a forward declaration (no body) that a
 * later definition completes. `returns` is 'void' for void functions.
 */
export interface FunctionDef {
  kind: 'FunctionDef';
  returns: UnsizedType | 'void';
  name: string;
  nameSpan: Span;
  args: FunctionArg[];
  body?: BlockStmt;
  span: Span;
}

// ---------------------------------------------------------------- program

export type BlockName =
  'data' | 'transformed data' | 'parameters' | 'transformed parameters' | 'model' | 'generated quantities';

/** The blocks in Stan's order; a program holds each at most once. */
export const BLOCK_ORDER: readonly BlockName[] = [
  'data',
  'transformed data',
  'parameters',
  'transformed parameters',
  'model',
  'generated quantities',
];

export interface ProgramBlock {
  name: BlockName;
  body: Stmt[];
  span: Span;
}

export interface Program {
  kind: 'Program';
  /** Blocks present, in source order (which the parser enforces is Stan's order). */
  blocks: ProgramBlock[];
  /** The `functions` block's definitions and forward declarations, in source order. */
  functions?: FunctionDef[];
  span: Span;
}

/** The block of a given name, if present. */
export function findBlock(program: Program, name: BlockName): ProgramBlock | undefined {
  return program.blocks.find((b) => b.name === name);
}
