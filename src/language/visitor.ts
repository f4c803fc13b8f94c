/**
 * CST → AST. Builds exactly the node types of ast.ts with spans (1-based
 * line/column, end exclusive), and reports what the grammar accepts loosely
 * on purpose so it can be named: the old array syntax, constraints where
 * Stan allows none, unsupported Stan features, statements in the wrong kind
 * of block. Diagnostics are collected, not thrown, so one parse reports all.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import {
  after,
  endOf,
  join,
  lvalue,
  node,
  nodes,
  sizeHint,
  startOf,
  token,
  tokens,
  tokenSpan,
  type Ctx,
} from './cst.js';
import type {
  AssignOperator,
  BaseTypeName,
  BinaryOperator,
  BlockName,
  Constraint,
  Expr,
  Index,
  Position,
  PrefixOperator,
  Program,
  ProgramBlock,
  Span,
  Stmt,
  TypeDecl,
} from './ast.js';
import { BLOCK_ORDER } from './ast.js';
import type { FunctionArg, FunctionDef, UnsizedType } from './ast.js';
import {
  buildFunctionArg,
  buildFunctionDef,
  buildFunctionsBlock,
  buildUnsizedType,
  type VisitorHost,
} from './functions-visitor.js';
import { UPGRADE_NOTE } from './upgrade-note.js';
import type { Diagnostic } from '../errors.js';
import { modelParser } from './parser.js';

const MAX_INT = 2147483647;

/** Suffixes of functions called in the conditional form `f(y | ...)`. */
const CONDITIONAL_SUFFIXES = ['_lpdf', '_lupdf', '_lpmf', '_lupmf', '_cdf', '_lcdf', '_lccdf'];

/** How many sizes each base type takes (`vector[N]`: 1). */
const SIZE_COUNTS: Record<BaseTypeName, number[]> = {
  int: [0],
  real: [0],
  vector: [1],
  row_vector: [1],
  matrix: [2],
  simplex: [1],
  ordered: [1],
  positive_ordered: [1],
  unit_vector: [1],
  cholesky_factor_corr: [1],
  cholesky_factor_cov: [1, 2],
  cov_matrix: [1],
  corr_matrix: [1],
};

/** Types that may carry `<lower/upper>` and `<offset/multiplier>` (int only the former). */
const BOUNDABLE = new Set<BaseTypeName>(['int', 'real', 'vector', 'row_vector', 'matrix']);
const CONSTRAINED_TYPES = new Set<BaseTypeName>([
  'simplex',
  'ordered',
  'positive_ordered',
  'unit_vector',
  'cholesky_factor_corr',
  'cholesky_factor_cov',
  'cov_matrix',
  'corr_matrix',
]);

/** Where a block's CST node starts (its first token). */
function firstStart(n: CstNode): number {
  const c = n.children;
  const first = (c.Data ?? c.Transformed ?? c.Parameters ?? c.Model ?? c.Generated)?.[0] as IToken | undefined;
  return first?.startOffset ?? 0;
}

// ---------------------------------------------------------------- the visitor

const BaseVisitor = modelParser.getBaseCstVisitorConstructor();

interface CallArgs {
  args: Expr[];
  conditional: boolean;
  bar?: IToken;
}
interface ElementType {
  base: BaseTypeName;
  sizes: Expr[];
  constraint?: Constraint;
  span: Span;
}

export class AstBuilder extends BaseVisitor implements VisitorHost {
  private diagnostics: Diagnostic[] = [];
  /** The function whose body is being built (for `return`). */
  private currentFunction: { name: string; returnsVoid: boolean } | undefined;
  private source = '';
  private block: BlockName = 'model';
  private depth = 0;
  private loops = 0;
  private headers = new Map<ProgramBlock, Span>();
  /** After syntax errors the CST holds recovered (incomplete) nodes: skip what cannot be built. */
  private recovering = false;

  constructor() {
    super();
    this.validateVisitor();
  }

  /** Build the AST of a program CST; diagnostics for what the grammar let through. */
  build(cst: CstNode, source: string, recovering = false): { program: Program; diagnostics: Diagnostic[] } {
    this.recovering = recovering;
    this.diagnostics = [];
    this.headers.clear();
    this.source = source;
    const program = this.visit(cst) as Program;
    return { program, diagnostics: this.diagnostics };
  }

  enterFunction(def: { name: string; returnsVoid: boolean } | undefined): void {
    this.currentFunction = def;
    this.depth = 0;
    this.loops = 0;
  }

  error(message: string, span: Span, notes?: string[]): void {
    this.diagnostics.push(notes ? { severity: 'error', message, span, notes } : { severity: 'error', message, span });
  }

  private text(span: Span): string {
    return this.source.slice(span.start.offset, span.end.offset);
  }

  // ------------------------------------------------------------ program

  program(ctx: Ctx): Program {
    const blocks: ProgramBlock[] = [];
    let functions: FunctionDef[] | undefined;
    const firstBlock = nodes(ctx, 'programBlock')[0];
    for (const n of nodes(ctx, 'functionsBlock')) {
      const keyword = n.children.Functions![0] as IToken;
      const defs = this.visit(n) as FunctionDef[];
      if (functions) this.error("duplicate 'functions' block", tokenSpan(keyword));
      else if (firstBlock && firstStart(firstBlock) < keyword.startOffset) {
        this.error("the 'functions' block must come first, before every other block", tokenSpan(keyword));
      }
      functions = [...(functions ?? []), ...defs];
    }
    for (const n of nodes(ctx, 'programBlock')) {
      const block = this.visit(n) as ProgramBlock;
      const previous = blocks[blocks.length - 1];
      if (blocks.some((b) => b.name === block.name)) {
        this.error(`duplicate '${block.name}' block`, this.headers.get(block)!);
      } else if (previous && BLOCK_ORDER.indexOf(previous.name) > BLOCK_ORDER.indexOf(block.name)) {
        this.error(
          `the '${block.name}' block must come before the '${previous.name}' block`,
          this.headers.get(block)!,
          [`blocks go in this order: ${BLOCK_ORDER.join(', ')}`],
        );
      }
      blocks.push(block);
    }
    const span = { start: { offset: 0, line: 1, column: 1 }, end: endOf(this.source) };
    return functions ? { kind: 'Program', blocks, functions, span } : { kind: 'Program', blocks, span };
  }

  // ------------------------------------------------------------ functions

  functionsBlock(ctx: Ctx): FunctionDef[] {
    this.block = 'model';
    return buildFunctionsBlock(this, ctx);
  }

  functionDef(ctx: Ctx): FunctionDef {
    return buildFunctionDef(this, ctx);
  }

  functionArg(ctx: Ctx): FunctionArg {
    return buildFunctionArg(this, ctx);
  }

  unsizedType(ctx: Ctx): UnsizedType {
    return buildUnsizedType(this, ctx);
  }

  programBlock(ctx: Ctx): ProgramBlock {
    let name: BlockName;
    if (ctx.Transformed) name = ctx.Data ? 'transformed data' : 'transformed parameters';
    else if (ctx.Data) name = 'data';
    else if (ctx.Parameters) name = 'parameters';
    else if (ctx.Model) name = 'model';
    else name = 'generated quantities';
    this.block = name;
    this.depth = 0;
    this.loops = 0;
    const body = this.statements(ctx);
    if (name === 'data' || name === 'parameters') {
      for (const s of body) {
        if (s.kind === 'Empty') continue;
        if (s.kind !== 'VarDecl') {
          this.error(`only declarations are allowed in the ${name} block`, s.span);
        } else if (s.init) {
          this.error(`a variable in the ${name} block cannot have an initial value`, s.init.span);
        }
      }
    }
    const first = (ctx.Transformed ?? ctx.Generated ?? ctx.Data ?? ctx.Parameters ?? ctx.Model)![0] as IToken;
    const last = (ctx.Quantities ??
      (ctx.Transformed ? (ctx.Data ?? ctx.Parameters) : undefined) ?? [first])[0] as IToken;
    const block: ProgramBlock = { name, body, span: join(tokenSpan(first), tokenSpan(token(ctx, 'RCurly'))) };
    this.headers.set(block, join(tokenSpan(first), tokenSpan(last)));
    return block;
  }

  // ------------------------------------------------------------ statements

  /** A statement, or several for a declaration of several names. */
  statement(ctx: Ctx): Stmt | Stmt[] {
    const child = Object.values(ctx)[0]![0] as CstNode;
    if (!this.recovering) return this.visit(child) as Stmt | Stmt[];
    try {
      return this.visit(child) as Stmt | Stmt[];
    } catch {
      const p: Position = { offset: 0, line: 1, column: 1 };
      return { kind: 'Empty', span: { start: p, end: p } };
    }
  }

  private statements(ctx: Ctx): Stmt[] {
    return nodes(ctx, 'statement').flatMap((n) => this.visit(n) as Stmt | Stmt[]);
  }

  /** A statement that is the body of a loop or a branch (not a declaration). */
  private nested(n: CstNode, what: string): Stmt {
    this.depth++;
    const visited = this.visit(n) as Stmt | Stmt[];
    this.depth--;
    const s = Array.isArray(visited) ? visited[0]! : visited;
    if (s.kind === 'VarDecl') this.error(`a declaration cannot be the body of ${what}; wrap it in '{ }'`, s.span);
    return s;
  }

  blockStatement(ctx: Ctx): Stmt {
    this.depth++;
    const body = this.statements(ctx);
    this.depth--;
    return { kind: 'Block', body, span: join(tokenSpan(token(ctx, 'LCurly')), tokenSpan(token(ctx, 'RCurly'))) };
  }

  /** One VarDecl per declared name (`real a, b = 1;` declares two). */
  declaration(ctx: Ctx): Stmt[] {
    const type = this.visit(node(ctx, 'typeDecl')) as TypeDecl;
    const names = tokens(ctx, 'Identifier');
    const span = join(type.span, tokenSpan(token(ctx, 'Semi')));
    if (ctx.LSquare) {
      const dimsSpan = join(tokenSpan(token(ctx, 'LSquare')), tokenSpan(token(ctx, 'RSquare')));
      const dims = this.text(dimsSpan).slice(1, -1).trim();
      const typeText = this.text(type.span);
      const suggestion = type.arrayDims.length === 0 ? `array[${dims}] ${typeText} ${names[0]!.image};` : undefined;
      this.error(
        suggestion
          ? `old array syntax is not supported; write '${suggestion}'`
          : `old array syntax is not supported; put every array size in 'array[...]' before the type`,
        dimsSpan,
        [UPGRADE_NOTE],
      );
    }
    this.checkLocalType(type);
    // the k-th '=' and the k-th initial value belong to the last name before that '='
    const inits = new Map<IToken, Expr>();
    const assigns = tokens(ctx, 'Assign');
    nodes(ctx, 'expression').forEach((n, k) => {
      const at = assigns[k]!.startOffset;
      const owner = names.filter((tok) => tok.startOffset < at).pop()!;
      inits.set(owner, this.visit(n) as Expr);
    });
    return names.map((nameTok) => {
      const name = nameTok.image;
      const nameSpan = tokenSpan(nameTok);
      if (name.endsWith('__')) this.error(`names ending in '__' are reserved: '${name}'`, nameSpan);
      const init = inits.get(nameTok);
      return init
        ? { kind: 'VarDecl', type, name, nameSpan, init, span }
        : { kind: 'VarDecl', type, name, nameSpan, span };
    });
  }

  /** Stan allows constraints only on block-level variables, and none in the model block. */
  private checkLocalType(type: TypeDecl): void {
    const local = this.depth > 0 || this.block === 'model';
    if (!local) return;
    const where = this.block === 'model' ? 'in the model block' : 'inside a nested block';
    if (type.constraint) {
      this.error(`local variables cannot have constraints (variables declared ${where} are local)`, type.span);
    } else if (CONSTRAINED_TYPES.has(type.base)) {
      this.error(
        `local variables cannot have the constrained type '${type.base}' (variables declared ${where} are local)`,
        type.span,
      );
    }
  }

  forStatement(ctx: Ctx): Stmt {
    const varTok = token(ctx, 'Identifier');
    const first = this.visit(node(ctx, 'expression')) as Expr;
    this.loops++;
    const body = this.nested(node(ctx, 'statement'), "a 'for' loop");
    this.loops--;
    const span = join(tokenSpan(token(ctx, 'For')), body.span);
    if (ctx.Colon) {
      const upper = this.visit(node(ctx, 'expression', 1)) as Expr;
      return { kind: 'For', variable: varTok.image, variableSpan: tokenSpan(varTok), lower: first, upper, body, span };
    }
    return { kind: 'ForEach', variable: varTok.image, variableSpan: tokenSpan(varTok), collection: first, body, span };
  }

  whileStatement(ctx: Ctx): Stmt {
    const condition = this.visit(node(ctx, 'expression')) as Expr;
    this.loops++;
    const body = this.nested(node(ctx, 'statement'), "a 'while' loop");
    this.loops--;
    return { kind: 'While', condition, body, span: join(tokenSpan(token(ctx, 'While')), body.span) };
  }

  ifStatement(ctx: Ctx): Stmt {
    const condition = this.visit(node(ctx, 'expression')) as Expr;
    const then = this.nested(node(ctx, 'statement'), "an 'if'");
    const start = tokenSpan(token(ctx, 'If'));
    if (ctx.Else) {
      const otherwise = this.nested(node(ctx, 'statement', 1), "an 'else'");
      return { kind: 'If', condition, then, otherwise, span: join(start, otherwise.span) };
    }
    return { kind: 'If', condition, then, span: join(start, then.span) };
  }

  breakStatement(ctx: Ctx): Stmt {
    const span = join(tokenSpan(token(ctx, 'Break')), tokenSpan(token(ctx, 'Semi')));
    if (this.loops === 0) this.error("'break' is only allowed inside a loop", span);
    return { kind: 'Break', span };
  }

  continueStatement(ctx: Ctx): Stmt {
    const span = join(tokenSpan(token(ctx, 'Continue')), tokenSpan(token(ctx, 'Semi')));
    if (this.loops === 0) this.error("'continue' is only allowed inside a loop", span);
    return { kind: 'Continue', span };
  }

  printStatement(ctx: Ctx): Stmt {
    const args = this.visit(node(ctx, 'printableList')) as Expr[];
    return { kind: 'Print', args, span: join(tokenSpan(token(ctx, 'Print')), tokenSpan(token(ctx, 'Semi'))) };
  }

  rejectStatement(ctx: Ctx): Stmt {
    const args = this.visit(node(ctx, 'printableList')) as Expr[];
    const keyword = (ctx.Reject ?? ctx.FatalError)![0] as IToken;
    if (ctx.FatalError) this.error("'fatal_error' is not supported yet; use 'reject'", tokenSpan(keyword));
    return { kind: 'Reject', args, span: join(tokenSpan(keyword), tokenSpan(token(ctx, 'Semi'))) };
  }

  printableList(ctx: Ctx): Expr[] {
    return nodes(ctx, 'printable').map((n) => this.visit(n) as Expr);
  }

  printable(ctx: Ctx): Expr {
    if (ctx.StringLiteral) {
      const tok = token(ctx, 'StringLiteral');
      return { kind: 'StringLiteral', value: tok.image.slice(1, -1), span: tokenSpan(tok) };
    }
    return this.visit(node(ctx, 'expression')) as Expr;
  }

  targetStatement(ctx: Ctx): Stmt {
    const value = this.visit(node(ctx, 'expression')) as Expr;
    return { kind: 'TargetPlus', value, span: join(tokenSpan(token(ctx, 'Target')), tokenSpan(token(ctx, 'Semi'))) };
  }

  potentialStatement(ctx: Ctx): Stmt {
    const value = this.visit(node(ctx, 'expression')) as Expr;
    return {
      kind: 'PotentialPlus',
      value,
      span: join(tokenSpan(token(ctx, 'Potential')), tokenSpan(token(ctx, 'Semi'))),
    };
  }

  returnStatement(ctx: Ctx): Stmt {
    const span = join(tokenSpan(token(ctx, 'Return')), tokenSpan(token(ctx, 'Semi')));
    if (!this.currentFunction) {
      this.error("'return' is only allowed inside the body of a function in the 'functions' block", span);
      return { kind: 'Empty', span };
    }
    if (!ctx.expression) return { kind: 'Return', span };
    return { kind: 'Return', value: this.visit(node(ctx, 'expression')) as Expr, span };
  }

  profileStatement(ctx: Ctx): Stmt {
    const start = tokenSpan(token(ctx, 'Profile'));
    const block = this.visit(node(ctx, 'blockStatement')) as Stmt;
    this.error("'profile' blocks are not supported; remove the 'profile(...)' line and keep its body", start);
    return block;
  }

  emptyStatement(ctx: Ctx): Stmt {
    return { kind: 'Empty', span: tokenSpan(token(ctx, 'Semi')) };
  }

  expressionStatement(ctx: Ctx): Stmt {
    const lhs = this.visit(node(ctx, 'expression')) as Expr;
    const span = join(lhs.span, tokenSpan(token(ctx, 'Semi')));
    if (ctx.AssignOp) {
      const opTok = token(ctx, 'AssignOp');
      const value = this.visit(node(ctx, 'expression', 1)) as Expr;
      const target = lvalue(lhs);
      if (!target) {
        this.error('the left side of an assignment must be a variable, optionally indexed', lhs.span);
        return { kind: 'Empty', span };
      }
      if (target.name === 'jacobian' && opTok.image === '+=' && target.indices.length === 0) {
        return { kind: 'JacobianPlus', value, span };
      }
      return { kind: 'Assign', ...target, op: opTok.image as AssignOperator, value, span };
    }
    if (ctx.Tilde) {
      const distTok = token(ctx, 'Identifier');
      const distribution = distTok.image;
      const distributionSpan = tokenSpan(distTok);
      const { args, conditional, bar } = ctx.callArguments
        ? (this.visit(node(ctx, 'callArguments')) as CallArgs)
        : { args: [], conditional: false, bar: undefined };
      if (conditional && bar)
        this.error("'|' is not used in a '~' statement; separate the arguments with ','", tokenSpan(bar));
      const suffix = CONDITIONAL_SUFFIXES.find((s) => distribution.endsWith(s));
      if (suffix) {
        this.error(
          `a '~' statement names the distribution without its suffix: write '${distribution.slice(0, -suffix.length)}', not '${distribution}'`,
          distributionSpan,
        );
      }
      const tilde: Stmt = { kind: 'Tilde', lhs, distribution, distributionSpan, args, span };
      if (ctx.truncation) tilde.truncation = this.visit(node(ctx, 'truncation'));
      return tilde;
    }
    if (lhs.kind === 'Call') return { kind: 'CallStmt', call: lhs, span };
    const arrow = this.leftArrow(lhs);
    if (arrow) {
      this.error("'<-' is not supported (it was removed from Stan); assign with '='", arrow, [UPGRADE_NOTE]);
    } else {
      this.error("this expression is not a statement (expected an assignment, a '~' statement or a call)", lhs.span);
    }
    return { kind: 'Empty', span };
  }

  /** `y <- 1` parses as `y < -1`: find the `<-` so the error can name it. */
  private leftArrow(e: Expr): Span | undefined {
    // `y <- x - 1` is `y < ((-x) - 1)`: whatever the right side, it starts with the '-'
    if (e.kind !== 'Binary' || e.op !== '<') return undefined;
    const between = this.source.slice(e.left.span.end.offset, e.right.span.start.offset + 1);
    const at = between.indexOf('<-');
    if (!/^\s*<-$/.test(between)) return undefined;
    if (at < 0 || !lvalue(e.left)) return undefined;
    const start = e.left.span.end;
    const p: Position = { offset: start.offset + at, line: start.line, column: start.column + at };
    if (between.slice(0, at).includes('\n')) return undefined;
    return { start: p, end: { offset: p.offset + 2, line: p.line, column: p.column + 2 } };
  }

  truncation(ctx: Ctx): { lower?: Expr; upper?: Expr; span: Span } {
    const span = join(tokenSpan(token(ctx, 'Truncate')), tokenSpan(token(ctx, 'RSquare')));
    const result: { lower?: Expr; upper?: Expr; span: Span } = { span };
    if (ctx.lower) result.lower = this.visit(node(ctx, 'lower')) as Expr;
    if (ctx.upper) result.upper = this.visit(node(ctx, 'upper')) as Expr;
    return result;
  }

  // ------------------------------------------------------------ types

  typeDecl(ctx: Ctx): TypeDecl {
    const element = this.visit(node(ctx, 'elementType')) as ElementType;
    const arrayDims = ctx.Array ? (this.visit(node(ctx, 'expressionList')) as Expr[]) : [];
    const span = ctx.Array ? join(tokenSpan(token(ctx, 'Array')), element.span) : element.span;
    const type: TypeDecl = { base: element.base, sizes: element.sizes, arrayDims, span };
    if (element.constraint) type.constraint = element.constraint;
    return type;
  }

  elementType(ctx: Ctx): ElementType {
    if (ctx.Tuple) {
      const span = join(tokenSpan(token(ctx, 'Tuple')), tokenSpan(token(ctx, 'RParen')));
      this.error('tuples are not supported', span);
      return { base: 'real', sizes: [], span };
    }
    const typeTok = token(ctx, 'TypeKeyword');
    const name = typeTok.image;
    let span = tokenSpan(typeTok);
    const sizes = ctx.expressionList ? (this.visit(node(ctx, 'expressionList')) as Expr[]) : [];
    const constraintNode = ctx.constraint ? node(ctx, 'constraint') : undefined;
    const constraintSpan = constraintNode
      ? join(
          tokenSpan(constraintNode.children.Less![0] as IToken),
          tokenSpan(constraintNode.children.Greater![0] as IToken),
        )
      : undefined;
    if (ctx.RSquare) span = join(span, tokenSpan(token(ctx, 'RSquare')));
    else if (constraintSpan) span = join(span, constraintSpan);
    if (name.startsWith('complex')) {
      this.error(`complex numbers are not supported ('${name}')`, tokenSpan(typeTok));
      return { base: 'real', sizes: [], span };
    }
    const base = name as BaseTypeName;
    const counts = SIZE_COUNTS[base];
    if (!counts.includes(sizes.length)) {
      const expected = counts[0] === 0 ? `'${base}' takes no size` : sizeHint(base);
      this.error(`${expected}`, span);
    }
    const result: ElementType = { base, sizes, span };
    if (constraintNode && constraintSpan) {
      const constraint = this.visit(constraintNode) as Constraint;
      const affine = constraint.offset !== undefined || constraint.multiplier !== undefined;
      if (!BOUNDABLE.has(base) || (base === 'int' && affine)) {
        this.error(`'${base}' cannot have ${affine ? "'offset'/'multiplier'" : "'lower'/'upper'"}`, constraintSpan);
      }
      result.constraint = constraint;
    }
    return result;
  }

  constraint(ctx: Ctx): Constraint {
    const constraint: Constraint = {};
    for (const item of nodes(ctx, 'constraintItem')) {
      const { key, value, keySpan } = this.visit(item) as { key: keyof Constraint; value: Expr; keySpan: Span };
      if (constraint[key] !== undefined) this.error(`'${key}' is given twice`, keySpan);
      constraint[key] = value;
    }
    const bounds = constraint.lower !== undefined || constraint.upper !== undefined;
    const affine = constraint.offset !== undefined || constraint.multiplier !== undefined;
    if (bounds && affine) {
      this.error(
        "'lower'/'upper' cannot be combined with 'offset'/'multiplier'",
        join(tokenSpan(token(ctx, 'Less')), tokenSpan(token(ctx, 'Greater'))),
      );
    }
    return constraint;
  }

  constraintItem(ctx: Ctx): { key: keyof Constraint; value: Expr; keySpan: Span } {
    const keyTok = (ctx.Lower ?? ctx.Upper ?? ctx.Offset ?? ctx.Multiplier)![0] as IToken;
    const value = this.visit(node(ctx, 'additiveExpression')) as Expr;
    return { key: keyTok.image as keyof Constraint, value, keySpan: tokenSpan(keyTok) };
  }

  // ------------------------------------------------------------ expressions

  expression(ctx: Ctx): Expr {
    const condition = this.visit(node(ctx, 'orExpression')) as Expr;
    if (!ctx.Question) return condition;
    const then = this.visit(node(ctx, 'expression')) as Expr;
    const otherwise = this.visit(node(ctx, 'expression', 1)) as Expr;
    return { kind: 'Ternary', condition, then, otherwise, span: join(condition.span, otherwise.span) };
  }

  /** Left-associative binary layers share one fold. */
  private fold(ctx: Ctx): Expr {
    const operators = tokens(ctx, 'operators');
    if (operators.length === 0) return this.visit(node(ctx, 'operands')) as Expr;
    const operands = nodes(ctx, 'operands').map((n) => this.visit(n) as Expr);
    let acc = operands[0]!;
    for (let i = 0; i < operators.length; i++) {
      const right = operands[i + 1]!;
      acc = {
        kind: 'Binary',
        op: operators[i]!.image as BinaryOperator,
        left: acc,
        right,
        span: join(acc.span, right.span),
      };
    }
    return acc;
  }

  orExpression(ctx: Ctx): Expr {
    return this.fold(ctx);
  }
  andExpression(ctx: Ctx): Expr {
    return this.fold(ctx);
  }
  equalityExpression(ctx: Ctx): Expr {
    return this.fold(ctx);
  }
  comparisonExpression(ctx: Ctx): Expr {
    return this.fold(ctx);
  }
  additiveExpression(ctx: Ctx): Expr {
    return this.fold(ctx);
  }
  multiplicativeExpression(ctx: Ctx): Expr {
    return this.fold(ctx);
  }
  leftDivisionExpression(ctx: Ctx): Expr {
    return this.fold(ctx);
  }

  prefixExpression(ctx: Ctx): Expr {
    if (ctx.powerExpression) return this.visit(node(ctx, 'powerExpression')) as Expr;
    const opTok = token(ctx, 'PrefixOp');
    const operand = this.visit(node(ctx, 'prefixExpression')) as Expr;
    return { kind: 'Prefix', op: opTok.image as PrefixOperator, operand, span: join(tokenSpan(opTok), operand.span) };
  }

  powerExpression(ctx: Ctx): Expr {
    const base = this.visit(node(ctx, 'postfixExpression')) as Expr;
    if (!ctx.PowerOp) return base;
    const exponent = this.visit(node(ctx, 'prefixExpression')) as Expr;
    const op = token(ctx, 'PowerOp').image as BinaryOperator;
    return { kind: 'Binary', op, left: base, right: exponent, span: join(base.span, exponent.span) };
  }

  postfixExpression(ctx: Ctx): Expr {
    let e = this.visit(node(ctx, 'primary')) as Expr;
    const postfixes: CstElement[] = [...nodes(ctx, 'indexing'), ...tokens(ctx, 'Transpose')];
    postfixes.sort((a, b) => startOf(a) - startOf(b));
    for (const p of postfixes) {
      if ('image' in p) {
        e = { kind: 'Transpose', operand: e, span: join(e.span, tokenSpan(p)) };
      } else {
        const { indices, close } = this.visit(p) as { indices: Index[]; close: IToken };
        e = { kind: 'Index', target: e, indices, span: join(e.span, tokenSpan(close)) };
      }
    }
    return e;
  }

  indexing(ctx: Ctx): { indices: Index[]; close: IToken } {
    const separators = [token(ctx, 'LSquare'), ...tokens(ctx, 'Comma')];
    const indices = nodes(ctx, 'index').map((n, i) => this.indexAt(n, separators[i]!));
    return { indices, close: token(ctx, 'RSquare') };
  }

  /** One index position; `opening` is the `[` or `,` before it (for an empty position's span). */
  private indexAt(n: CstNode, opening: IToken): Index {
    return this.visit(n, opening) as Index;
  }

  index(ctx: Ctx, opening: IToken): Index {
    const lower = ctx.lower ? (this.visit(node(ctx, 'lower')) as Expr) : undefined;
    const upper = ctx.upper ? (this.visit(node(ctx, 'upper')) as Expr) : undefined;
    const colon = tokens(ctx, 'Colon')[0];
    if (!colon) {
      if (lower) return { kind: 'Single', expr: lower, span: lower.span };
      return { kind: 'All', span: after(opening) };
    }
    const span = join(lower ? lower.span : tokenSpan(colon), upper ? upper.span : tokenSpan(colon));
    if (!lower && !upper) return { kind: 'All', span };
    const range: Index = { kind: 'Range', span };
    if (lower) range.lower = lower;
    if (upper) range.upper = upper;
    return range;
  }

  primary(ctx: Ctx): Expr {
    if (ctx.IntLiteral) {
      const tok = token(ctx, 'IntLiteral');
      const value = Number(tok.image);
      if (value > MAX_INT)
        this.error(`integer literal ${tok.image} is too large (the largest int is ${MAX_INT})`, tokenSpan(tok));
      return { kind: 'IntLiteral', value, span: tokenSpan(tok) };
    }
    if (ctx.RealLiteral) {
      const tok = token(ctx, 'RealLiteral');
      return { kind: 'RealLiteral', value: Number(tok.image), text: tok.image, span: tokenSpan(tok) };
    }
    if (ctx.ImagLiteral) {
      const tok = token(ctx, 'ImagLiteral');
      this.error(`complex numbers are not supported (imaginary literal '${tok.image}')`, tokenSpan(tok));
      return { kind: 'RealLiteral', value: 0, text: '0.0', span: tokenSpan(tok) };
    }
    if (ctx.Target) {
      const targetTok = token(ctx, 'Target');
      const span = join(tokenSpan(targetTok), tokenSpan(token(ctx, 'RParen')));
      return { kind: 'Call', name: 'target', nameSpan: tokenSpan(targetTok), args: [], conditional: false, span };
    }
    if (ctx.Identifier) return this.nameOrCall(ctx);
    if (ctx.LCurly) {
      const elements = this.visit(node(ctx, 'arrayElements')) as Expr[];
      return {
        kind: 'ArrayExpr',
        elements,
        span: join(tokenSpan(token(ctx, 'LCurly')), tokenSpan(token(ctx, 'RCurly'))),
      };
    }
    if (ctx.LSquare) {
      const elements = this.visit(node(ctx, 'rowElements')) as Expr[];
      return {
        kind: 'RowVectorExpr',
        elements,
        span: join(tokenSpan(token(ctx, 'LSquare')), tokenSpan(token(ctx, 'RSquare'))),
      };
    }
    // parenthesised: the span takes in the parentheses so carets cover them
    const inner = this.visit(node(ctx, 'expression')) as Expr;
    return { ...inner, span: join(tokenSpan(token(ctx, 'LParen')), tokenSpan(token(ctx, 'RParen'))) };
  }

  private nameOrCall(ctx: Ctx): Expr {
    const nameTok = token(ctx, 'Identifier');
    const name = nameTok.image;
    const nameSpan = tokenSpan(nameTok);
    if (!ctx.LParen) return { kind: 'Variable', name, span: nameSpan };
    const span = join(nameSpan, tokenSpan(token(ctx, 'RParen')));
    const { args, conditional } = ctx.callArguments
      ? (this.visit(node(ctx, 'callArguments')) as CallArgs)
      : { args: [], conditional: false };
    const suffix = CONDITIONAL_SUFFIXES.find((s) => name.endsWith(s));
    // as stanc3: `std_normal_lpdf(y)` is the conditional form with no parameters
    const conditionalForm = conditional || (suffix !== undefined && args.length === 1);
    if (name === 'increment_log_prob') {
      this.error("'increment_log_prob' was removed from Stan; write 'target += ...;'", nameSpan, [UPGRADE_NOTE]);
    } else if (name === 'get_lp') {
      this.error("'get_lp()' was removed from Stan; write 'target()'", nameSpan, [UPGRADE_NOTE]);
    } else if (conditional && !suffix) {
      this.error(
        `only functions whose names end in ${CONDITIONAL_SUFFIXES.join(', ')} take the conditional form 'f(y | ...)'`,
        nameSpan,
      );
    } else if (!conditional && suffix && args.length > 1) {
      this.error(`'${name}' takes its arguments as '${name}(y | ...)': put '|' after the first argument`, span);
    }
    return { kind: 'Call', name, nameSpan, args, conditional: conditionalForm, span };
  }

  callArguments(ctx: Ctx): CallArgs {
    const args = [this.visit(node(ctx, 'expression')) as Expr];
    if (ctx.afterBar) args.push(this.visit(node(ctx, 'afterBar')) as Expr);
    for (const n of nodes(ctx, 'expression').slice(1)) args.push(this.visit(n) as Expr);
    const bar = tokens(ctx, 'Bar')[0];
    if (bar && !ctx.afterBar && ctx.Comma) this.error("expected an argument after '|'", after(bar));
    return bar ? { args, conditional: true, bar } : { args, conditional: false };
  }

  expressionList(ctx: Ctx): Expr[] {
    return nodes(ctx, 'expression').map((n) => this.visit(n) as Expr);
  }
}
