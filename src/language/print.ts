/**
 * AST → canonical Stan text: two-space indentation, one statement per line,
 * the fewest parentheses that keep the meaning. parse(printProgram(p))
 * equals p up to spans (tested on every example model).
 */
import type { Expr, FunctionDef, Index, Program, Stmt, TypeDecl, Constraint, UnsizedType } from './ast.js';

/** Binding strength, loosest first; mirrors the grammar's layers in parser.ts. */
const Level = {
  Ternary: 1,
  Or: 2,
  And: 3,
  Equality: 4,
  Comparison: 5,
  Additive: 6,
  Multiplicative: 7,
  LeftDivision: 8,
  Prefix: 9,
  Power: 10,
  Postfix: 11,
} as const;
type Level = number;

const BINARY_LEVEL: Record<string, Level> = {
  '||': Level.Or,
  '&&': Level.And,
  '==': Level.Equality,
  '!=': Level.Equality,
  '<': Level.Comparison,
  '<=': Level.Comparison,
  '>': Level.Comparison,
  '>=': Level.Comparison,
  '+': Level.Additive,
  '-': Level.Additive,
  '*': Level.Multiplicative,
  '/': Level.Multiplicative,
  '%': Level.Multiplicative,
  '.*': Level.Multiplicative,
  './': Level.Multiplicative,
  '\\': Level.LeftDivision,
  '%/%': Level.LeftDivision,
  '^': Level.Power,
  '.^': Level.Power,
};

const CONDITIONAL_SUFFIX = /_(lpdf|lupdf|lpmf|lupmf|cdf|lcdf|lccdf)$/;

function level(e: Expr): Level {
  switch (e.kind) {
    case 'Ternary':
      return Level.Ternary;
    case 'Binary':
      return BINARY_LEVEL[e.op]!;
    case 'Prefix':
      return Level.Prefix;
    case 'IntLiteral':
      return e.value < 0 ? Level.Prefix : Level.Postfix;
    case 'RealLiteral':
      return e.value < 0 || e.text.startsWith('-') ? Level.Prefix : Level.Postfix;
    default:
      return Level.Postfix;
  }
}

/** `e` printed so that it parses back at `min` or tighter. */
function atLeast(e: Expr, min: Level): string {
  const text = printExpr(e);
  return level(e) < min ? `(${text})` : text;
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'IntLiteral':
      return String(e.value);
    case 'RealLiteral':
      return e.text;
    case 'StringLiteral':
      return `"${e.value}"`;
    case 'Variable':
      return e.name;
    case 'Binary': {
      const l = BINARY_LEVEL[e.op]!;
      if (l === Level.Power) {
        // right associative; the exponent may carry a sign
        return `${atLeast(e.left, Level.Postfix)} ${e.op} ${atLeast(e.right, Level.Prefix)}`;
      }
      return `${atLeast(e.left, l)} ${e.op} ${atLeast(e.right, l + 1)}`;
    }
    case 'Prefix': {
      const operand = atLeast(e.operand, Level.Prefix);
      // keep `- -x` from reading as one token in a reader's eye
      return operand.startsWith('-') || operand.startsWith('+') ? `${e.op}(${operand})` : `${e.op}${operand}`;
    }
    case 'Transpose':
      return `${atLeast(e.operand, Level.Postfix)}'`;
    case 'Ternary':
      return `${atLeast(e.condition, Level.Or)} ? ${printExpr(e.then)} : ${printExpr(e.otherwise)}`;
    case 'Call': {
      if (e.conditional && e.args.length > 0) {
        const [variate, ...rest] = e.args;
        // `std_normal_lpdf(y)` reads back as conditional by its suffix; other names need the bar
        if (rest.length === 0 && CONDITIONAL_SUFFIX.test(e.name)) return `${e.name}(${printExpr(variate!)})`;
        return `${e.name}(${printExpr(variate!)} |${rest.length ? ' ' + rest.map(printExpr).join(', ') : ''})`;
      }
      return `${e.name}(${e.args.map(printExpr).join(', ')})`;
    }
    case 'Index':
      return `${atLeast(e.target, Level.Postfix)}[${e.indices.map(printIndex).join(', ')}]`;
    case 'ArrayExpr':
      return `{${e.elements.map(printExpr).join(', ')}}`;
    case 'RowVectorExpr':
      return `[${e.elements.map(printExpr).join(', ')}]`;
  }
}

function printIndex(i: Index): string {
  switch (i.kind) {
    case 'Single':
      return printExpr(i.expr);
    case 'All':
      return ':';
    case 'Range':
      return `${i.lower ? atLeast(i.lower, Level.Or) : ''}:${i.upper ? printExpr(i.upper) : ''}`;
  }
}

function printConstraint(c: Constraint): string {
  const parts: string[] = [];
  // bounds sit before `>`, so they print at the additive level (as the grammar reads them)
  if (c.lower) parts.push(`lower=${atLeast(c.lower, Level.Additive)}`);
  if (c.upper) parts.push(`upper=${atLeast(c.upper, Level.Additive)}`);
  if (c.offset) parts.push(`offset=${atLeast(c.offset, Level.Additive)}`);
  if (c.multiplier) parts.push(`multiplier=${atLeast(c.multiplier, Level.Additive)}`);
  return parts.length ? `<${parts.join(', ')}>` : '';
}

export function printType(t: TypeDecl): string {
  const array = t.arrayDims.length ? `array[${t.arrayDims.map(printExpr).join(', ')}] ` : '';
  const sizes = t.sizes.length ? `[${t.sizes.map(printExpr).join(', ')}]` : '';
  return `${array}${t.base}${t.constraint ? printConstraint(t.constraint) : ''}${sizes}`;
}

function printLvalue(name: string, indices: Index[][]): string {
  return name + indices.map((group) => `[${group.map(printIndex).join(', ')}]`).join('');
}

/** Does `s`, printed as a branch, end in an `if` without `else` (which would capture a following `else`)? */
function endsInOpenIf(s: Stmt): boolean {
  switch (s.kind) {
    case 'If':
      return s.otherwise ? endsInOpenIf(s.otherwise) : true;
    case 'For':
    case 'ForEach':
    case 'While':
      return endsInOpenIf(s.body);
    default:
      return false;
  }
}

function printBody(s: Stmt, indent: string, forceBraces = false): string {
  if (s.kind === 'Block') return ` ${printStmt(s, indent).trimStart()}`;
  if (forceBraces) return ` {\n${printStmt(s, indent + '  ')}\n${indent}}`;
  return `\n${printStmt(s, indent + '  ')}`;
}

export function printStmt(s: Stmt, indent = ''): string {
  switch (s.kind) {
    case 'VarDecl':
      return `${indent}${printType(s.type)} ${s.name}${s.init ? ` = ${printExpr(s.init)}` : ''};`;
    case 'Assign':
      return `${indent}${printLvalue(s.name, s.indices)} ${s.op} ${printExpr(s.value)};`;
    case 'Tilde': {
      let text = `${indent}${printExpr(s.lhs)} ~ ${s.distribution}(${s.args.map(printExpr).join(', ')})`;
      if (s.truncation) {
        const lower = s.truncation.lower ? printExpr(s.truncation.lower) : '';
        const upper = s.truncation.upper ? printExpr(s.truncation.upper) : '';
        text += ` T[${lower}, ${upper}]`;
      }
      return `${text};`;
    }
    case 'TargetPlus':
      return `${indent}target += ${printExpr(s.value)};`;
    case 'PotentialPlus':
      return `${indent}potential += ${printExpr(s.value)};`;
    case 'For':
      return `${indent}for (${s.variable} in ${atLeast(s.lower, Level.Or)}:${printExpr(s.upper)})${printBody(s.body, indent)}`;
    case 'ForEach':
      return `${indent}for (${s.variable} in ${printExpr(s.collection)})${printBody(s.body, indent)}`;
    case 'While':
      return `${indent}while (${printExpr(s.condition)})${printBody(s.body, indent)}`;
    case 'If': {
      const open = s.otherwise !== undefined && endsInOpenIf(s.then);
      let text = `${indent}if (${printExpr(s.condition)})${printBody(s.then, indent, open)}`;
      if (s.otherwise) {
        const sep = s.then.kind === 'Block' || open ? ' ' : `\n${indent}`;
        text +=
          s.otherwise.kind === 'If'
            ? `${sep}else ${printStmt(s.otherwise, indent).trimStart()}`
            : `${sep}else${printBody(s.otherwise, indent)}`;
      }
      return text;
    }
    case 'Block': {
      if (s.body.length === 0) return `${indent}{\n${indent}}`;
      return `${indent}{\n${s.body.map((b) => printStmt(b, indent + '  ')).join('\n')}\n${indent}}`;
    }
    case 'Print':
      return `${indent}print(${s.args.map(printExpr).join(', ')});`;
    case 'Reject':
      return `${indent}reject(${s.args.map(printExpr).join(', ')});`;
    case 'Break':
      return `${indent}break;`;
    case 'Continue':
      return `${indent}continue;`;
    case 'CallStmt':
      return `${indent}${printExpr(s.call)};`;
    case 'Empty':
      return `${indent};`;
    case 'Return':
      return `${indent}return${s.value ? ` ${printExpr(s.value)}` : ''};`;
    case 'JacobianPlus':
      return `${indent}jacobian += ${printExpr(s.value)};`;
  }
}

function printUnsized(t: UnsizedType): string {
  return t.arrayDims === 0 ? t.base : `array[${','.repeat(t.arrayDims - 1)}] ${t.base}`;
}

function printFunction(f: FunctionDef): string {
  const args = f.args.map((a) => `${a.dataOnly ? 'data ' : ''}${printUnsized(a.type)} ${a.name}`).join(', ');
  const head = `  ${f.returns === 'void' ? 'void' : printUnsized(f.returns)} ${f.name}(${args})`;
  return f.body ? `${head}${printBody(f.body, '  ')}\n` : `${head};\n`;
}

/** The canonical text of a program. */
export function printProgram(program: Program): string {
  const functions = program.functions ? `functions {\n${program.functions.map(printFunction).join('')}}\n` : '';
  return (
    functions +
    program.blocks
      .map((b) => `${b.name} {\n${b.body.map((s) => printStmt(s, '  ')).join('\n')}${b.body.length ? '\n' : ''}}\n`)
      .join('')
  );
}
