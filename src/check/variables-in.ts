/** The variables an expression reads, in the order they appear (shared walker of the checker). */
import type { Expr, Span } from '../language/ast.js';

export function variablesIn(e: Expr): Array<{ name: string; span: Span }> {
  const out: Array<{ name: string; span: Span }> = [];
  const visit = (x: Expr | undefined): void => {
    if (!x) return;
    switch (x.kind) {
      case 'Variable':
        out.push({ name: x.name, span: x.span });
        return;
      case 'Binary':
        visit(x.left);
        visit(x.right);
        return;
      case 'Prefix':
      case 'Transpose':
        visit(x.operand);
        return;
      case 'Ternary':
        visit(x.condition);
        visit(x.then);
        visit(x.otherwise);
        return;
      case 'Call':
        x.args.forEach(visit);
        return;
      case 'Index':
        visit(x.target);
        for (const i of x.indices) {
          if (i.kind === 'Single') visit(i.expr);
          if (i.kind === 'Range') {
            visit(i.lower);
            visit(i.upper);
          }
        }
        return;
      case 'ArrayExpr':
      case 'RowVectorExpr':
        x.elements.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(e);
  return out;
}
