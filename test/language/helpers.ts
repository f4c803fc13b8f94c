/** Shared helpers for the language tests. */
import type { Expr, Index, Program } from '../../src/language/ast.js';
import { parse } from '../../src/language/parse.js';
import { LangevinError, renderDiagnostics } from '../../src/errors.js';

/** A deep copy without spans, for structural comparison. */
export function withoutSpans<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSpans) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span' || k.endsWith('Span')) continue;
      out[k] = withoutSpans(v);
    }
    return out as T;
  }
  return value;
}

/** Fully parenthesised rendering, to state precedence and associativity. */
export function shape(e: Expr): string {
  switch (e.kind) {
    case 'IntLiteral':
      return String(e.value);
    case 'RealLiteral':
      return e.text;
    case 'StringLiteral':
      return JSON.stringify(e.value);
    case 'Variable':
      return e.name;
    case 'Binary':
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
    case 'Prefix':
      return `(${e.op}${shape(e.operand)})`;
    case 'Transpose':
      return `(${shape(e.operand)}')`;
    case 'Ternary':
      return `(${shape(e.condition)} ? ${shape(e.then)} : ${shape(e.otherwise)})`;
    case 'Call': {
      const args = e.args.map(shape);
      return e.conditional ? `${e.name}(${args[0]} | ${args.slice(1).join(', ')})` : `${e.name}(${args.join(', ')})`;
    }
    case 'Index':
      return `${shape(e.target)}[${e.indices.map(shapeIndex).join(', ')}]`;
    case 'ArrayExpr':
      return `{${e.elements.map(shape).join(', ')}}`;
    case 'RowVectorExpr':
      return `[${e.elements.map(shape).join(', ')}]`;
  }
}

function shapeIndex(i: Index): string {
  if (i.kind === 'Single') return shape(i.expr);
  if (i.kind === 'All') return '<all>';
  return `${i.lower ? shape(i.lower) : ''}:${i.upper ? shape(i.upper) : ''}`;
}

/** The expression `src` parsed as the right side of an assignment in a model block. */
export function parseExpr(src: string): Expr {
  const program: Program = parse(`model {\n  z = ${src};\n}\n`);
  const stmt = program.blocks[0]!.body[0]!;
  if (stmt.kind !== 'Assign') throw new Error(`not an assignment: ${stmt.kind}`);
  return stmt.value;
}

/** The rendered diagnostics of a failing parse, or undefined if it parses. */
export function parseErrors(source: string, file = 'model.stan'): string | undefined {
  try {
    parse(source, file);
    return undefined;
  } catch (error) {
    if (!(error instanceof LangevinError)) throw error;
    return renderDiagnostics(error.diagnostics, file, { [file]: source });
  }
}

/** A 100+ line model: a regression with many statements of every common kind. */
export function bigModel(): string {
  const lines = ['data {', '  int<lower=0> N;', '  vector[N] x;', '  vector[N] y;', '}', 'parameters {'];
  for (let k = 0; k < 20; k++) lines.push(`  real<lower=-10, upper=10> b${k};`);
  lines.push('  real<lower=0> sigma;', '}', 'model {', '  vector[N] mu = rep_vector(0, N);');
  for (let k = 0; k < 20; k++) {
    lines.push(`  b${k} ~ normal(0, 2.5);`);
    lines.push(`  mu += b${k} * pow(x, ${k % 4}) / (1 + exp(-x[1:N] .* x)) - (b${k} > 0 ? 1 : 0);`);
  }
  lines.push('  for (n in 1:N) {', '    if (y[n] > 0) {', '      target += normal_lpdf(y[n] | mu[n], sigma);');
  lines.push('    } else {', '      y[n] ~ normal(mu[n], sigma) T[, 0];', '    }', '  }');
  for (let k = 0; k < 30; k++) lines.push(`  target += -0.5 * square(b${k % 20} - b${(k + 1) % 20});`);
  lines.push('}');
  return lines.join('\n');
}
