/**
 * The declarations table that `langevin check` prints: each block variable
 * with its type as written and its constraint. Sizes stay symbolic here; the
 * CLI resolves them from the data.
 */
import type { BlockName, TypeDecl } from '../language/ast.js';
import { printExpr, printType } from '../language/print.js';
import type { CheckedProgram } from './check.js';

export interface DeclarationRow {
  name: string;
  block: BlockName;
  /** As written, e.g. 'vector<lower=0>[J]', 'array[N] int<lower=0, upper=1>'. */
  type: string;
  /** 'lower=0', 'lower=0, upper=1', 'offset=mu, multiplier=tau', or the constrained type ('simplex'); absent when unconstrained. */
  constraint?: string;
}

const CONSTRAINED_TYPE_NAMES = new Set([
  'simplex',
  'ordered',
  'positive_ordered',
  'unit_vector',
  'cholesky_factor_corr',
  'cholesky_factor_cov',
  'cov_matrix',
  'corr_matrix',
]);

/** Blocks whose variables the table shows (transformed data are internal). */
const SHOWN = new Set<BlockName>(['data', 'parameters', 'transformed parameters', 'generated quantities']);

/** Rows for data, parameters, transformed parameters and generated quantities, in source order. */
export function describeDeclarations(checked: CheckedProgram): DeclarationRow[] {
  return checked.declarations
    .filter((d) => SHOWN.has(d.block))
    .map((d) => {
      const row: DeclarationRow = { name: d.name, block: d.block, type: printType(d.decl) };
      const constraint = constraintText(d.decl);
      if (constraint) row.constraint = constraint;
      return row;
    });
}

function constraintText(decl: TypeDecl): string {
  if (CONSTRAINED_TYPE_NAMES.has(decl.base)) return decl.base;
  const c = decl.constraint;
  if (!c) return '';
  const parts: string[] = [];
  for (const key of ['lower', 'upper', 'offset', 'multiplier'] as const) {
    const e = c[key];
    if (e) parts.push(`${key}=${printExpr(e)}`);
  }
  return parts.join(', ');
}
