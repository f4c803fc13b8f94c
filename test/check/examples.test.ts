import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/check.js';
import { LangevinError, renderDiagnostics } from '../../src/errors.js';
import type { Expr, Index, Stmt, TypeDecl } from '../../src/language/ast.js';
import { parse } from '../../src/language/parse.js';

/** Every expression of a program, strings excluded (they have no type). */
function expressionsOf(body: Stmt[]): Expr[] {
  const out: Expr[] = [];
  const expr = (e: Expr | undefined): void => {
    if (!e) return;
    if (e.kind !== 'StringLiteral') out.push(e);
    switch (e.kind) {
      case 'Binary':
        expr(e.left);
        expr(e.right);
        break;
      case 'Prefix':
      case 'Transpose':
        expr(e.operand);
        break;
      case 'Ternary':
        expr(e.condition);
        expr(e.then);
        expr(e.otherwise);
        break;
      case 'Call':
        e.args.forEach(expr);
        break;
      case 'Index':
        expr(e.target);
        e.indices.forEach(index);
        break;
      case 'ArrayExpr':
      case 'RowVectorExpr':
        e.elements.forEach(expr);
        break;
      default:
        break;
    }
  };
  const index = (i: Index): void => {
    if (i.kind === 'Single') expr(i.expr);
    if (i.kind === 'Range') {
      expr(i.lower);
      expr(i.upper);
    }
  };
  const type = (t: TypeDecl): void => {
    t.arrayDims.forEach(expr);
    t.sizes.forEach(expr);
    if (t.constraint) Object.values(t.constraint).forEach(expr);
  };
  const stmt = (s: Stmt): void => {
    switch (s.kind) {
      case 'VarDecl':
        type(s.type);
        expr(s.init);
        break;
      case 'Assign':
        s.indices.forEach((g) => g.forEach(index));
        expr(s.value);
        break;
      case 'Tilde':
        expr(s.lhs);
        s.args.forEach(expr);
        expr(s.truncation?.lower);
        expr(s.truncation?.upper);
        break;
      case 'TargetPlus':
      case 'PotentialPlus':
        expr(s.value);
        break;
      case 'For':
        expr(s.lower);
        expr(s.upper);
        stmt(s.body);
        break;
      case 'ForEach':
        expr(s.collection);
        stmt(s.body);
        break;
      case 'While':
        expr(s.condition);
        stmt(s.body);
        break;
      case 'If':
        expr(s.condition);
        stmt(s.then);
        if (s.otherwise) stmt(s.otherwise);
        break;
      case 'Block':
        s.body.forEach(stmt);
        break;
      case 'Print':
      case 'Reject':
        s.args.forEach(expr);
        break;
      case 'CallStmt':
        expr(s.call);
        break;
      default:
        break;
    }
  };
  body.forEach(stmt);
  return out;
}

const modelsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'models');
const ownDir = join(dirname(fileURLToPath(import.meta.url)), 'models');
const models = readdirSync(modelsDir)
  .filter((f) => f.endsWith('.stan'))
  .sort();
const own = readdirSync(ownDir)
  .filter((f) => f.endsWith('.stan'))
  .sort();

describe('example models and test/check/models', () => {
  it('the corpus exists', () => {
    expect(models.length).toBeGreaterThan(0);
  });
  const all = [...models.map((f) => [modelsDir, f] as const), ...own.map((f) => [ownDir, f] as const)];
  for (const [dir, file] of all) {
    it(`${file} checks without error`, () => {
      const source = readFileSync(join(dir, file), 'utf8');
      try {
        const checked = check(parse(source, file), file);
        expect(checked.declarations.length).toBeGreaterThan(0);
        // Lowering and tools can rely on a type for every expression.
        const untyped = checked.program.blocks
          .flatMap((b) => expressionsOf(b.body))
          .filter((e) => !checked.types.has(e));
        expect(untyped.map((e) => `${e.kind} at ${e.span.start.line}:${e.span.start.column}`)).toEqual([]);
      } catch (e) {
        if (e instanceof LangevinError)
          throw new Error(renderDiagnostics(e.diagnostics, file, { [file]: source }), { cause: e });
        throw e;
      }
    });
  }
});
