/**
 * Data binding: the data block's declarations read against Stan JSON data
 * (numbers and nested arrays; undeclared keys ignored). Every problem —
 * a missing variable, a wrong shape or size, a non-number, a non-integer for
 * an int, NaN, a violated bound or constraint, a negative size — is a
 * diagnostic in the data file naming the variable, with a note pointing at
 * the declaration.
 */
import type { Program, TypeDecl, VarDecl } from '../language/ast.js';
import type { Diagnostic } from '../errors.js';
import { LangevinError } from '../errors.js';
import { shapeSize } from '../ir/ops.js';
import type { DataValue, ModelData } from '../model/types.js';
import { findBlock } from '../language/ast.js';
import { STRUCTURAL_TRANSFORMS } from '../transforms/index.js';
import { boundsViolation } from '../transforms/bounds.js';
import type { NumericBound } from '../transforms/types.js';
import { Variable, declare, type Context } from './context.js';
import { concreteType, type ConcreteType } from './declarations.js';
import { evaluate } from './expressions.js';

export interface DataOptions {
  /** The data file's name for diagnostics. */
  dataFile: string;
  /** The model text, to quote declarations in messages. */
  source?: string;
}

/** Declare every data variable in ctx from `data`; throws a LangevinError listing every problem. */
export function bindData(ctx: Context, program: Program, data: ModelData, options: DataOptions): void {
  const block = findBlock(program, 'data');
  if (!block) return;
  const diagnostics: Diagnostic[] = [];
  const failed = new Set<string>();
  for (const stmt of block.body) {
    if (stmt.kind !== 'VarDecl') continue;
    const fail = (message: string): void => {
      failed.add(stmt.name);
      diagnostics.push({
        severity: 'error',
        message,
        file: options.dataFile,
        notes: [`'${stmt.name}' is declared at ${ctx.file}:${stmt.span.start.line}:${stmt.span.start.column}`],
      });
    };
    if (dependsOn(stmt.type, failed)) {
      failed.add(stmt.name);
      continue;
    }
    let t: ConcreteType;
    try {
      t = concreteType(ctx, stmt.type, stmt.name);
    } catch (error) {
      if (error instanceof LangevinError) {
        const d = error.diagnostics[0]!;
        fail(
          `${d.message} (declared ${describeDecl(stmt, options.source)}${sizeValues(ctx, stmt.type, options.source)})`,
        );
        continue;
      }
      throw error;
    }
    const problem = readValue(ctx, stmt, t, data, options);
    if (typeof problem === 'string') {
      fail(problem);
      continue;
    }
    declare(ctx, new Variable(stmt.name, t.type, t.shape, stmt.nameSpan, ctx.ops.constant(problem, t.shape), true));
  }
  if (diagnostics.length > 0) throw new LangevinError(diagnostics);
}

/** Whether a declaration's sizes or bounds mention a variable that failed to load. */
function dependsOn(decl: TypeDecl, failed: Set<string>): boolean {
  if (failed.size === 0) return false;
  const text = JSON.stringify([decl.sizes, decl.arrayDims, decl.constraint ?? {}]);
  for (const name of failed) if (text.includes(`"name":"${name}"`)) return true;
  return false;
}

/** The flattened value, or a message. */
function readValue(
  ctx: Context,
  stmt: VarDecl,
  t: ConcreteType,
  data: ModelData,
  options: DataOptions,
): Float64Array | string {
  const name = stmt.name;
  const declared = `declared ${describeDecl(stmt, options.source)}${sizeValues(ctx, stmt.type, options.source)}`;
  const raw = Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined;
  const size = shapeSize(t.shape);
  if (raw === undefined) {
    if (size === 0 && t.shape.length > 0) return new Float64Array(0);
    return `variable '${name}' not found in the data (${declared})`;
  }
  const out = new Float64Array(size);
  let k = 0;
  const isInt = t.type.base === 'int';
  // Walk the nested arrays against the expected shape.
  const walk = (v: DataValue | unknown, d: number, at: number[]): string | undefined => {
    if (d === t.shape.length) {
      if (Array.isArray(v)) {
        if (d === 0) return `'${name}' is an array, but is ${declared}: expected a single number`;
        return `'${name}${where(at)}' is an array, but '${name}' is ${declared}: expected a number there`;
      }
      if (typeof v !== 'number') return `'${name}${where(at)}' is not a number (${JSON.stringify(v)})`;
      if (Number.isNaN(v)) return `'${name}${where(at)}' is NaN; NaN is not allowed in data`;
      if (isInt && !Number.isInteger(v)) return `'${name}${where(at)}' must be an int, found ${v}`;
      out[k++] = v;
      return undefined;
    }
    const expected = t.shape[d]!;
    if (!Array.isArray(v)) {
      if (typeof v === 'number' && d === 0) {
        return `'${name}' is a single number, but is ${declared}: expected an array of ${plural(expected, 'element')}`;
      }
      return `'${name}${where(at)}' should be an array of ${plural(expected, 'element')} ('${name}' is ${declared})`;
    }
    if (v.length !== expected) {
      if (size === 0 && v.length === 0) return undefined;
      if (d === 0) return `'${name}' has ${plural(v.length, 'element')} but is ${declared}`;
      return `'${name}${where(at)}' has ${plural(v.length, 'element')} but '${name}' is ${declared}`;
    }
    for (let i = 0; i < v.length; i++) {
      const problem = walk(v[i], d + 1, [...at, i + 1]);
      if (problem) return problem;
    }
    return undefined;
  };
  const problem = walk(raw, 0, []);
  if (problem) return problem;
  const violated = constraintViolation(ctx, stmt, t, out);
  if (violated) return `'${name}' violates its constraint (${declared}): ${violated}`;
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function where(at: number[]): string {
  return at.length === 0 ? '' : `[${at.join(',')}]`;
}

function constraintViolation(ctx: Context, stmt: VarDecl, t: ConcreteType, x: Float64Array): string | undefined {
  const c = stmt.type.constraint;
  const bound = (e: TypeDecl['sizes'][number] | undefined): NumericBound | undefined => {
    if (!e) return undefined;
    const v = evaluate(ctx, e).val.constant!;
    return v.length === 1 ? v[0]! : tile(v, x.length);
  };
  if (c && (c.lower || c.upper)) {
    const problem = boundsViolation(x, bound(c.lower), bound(c.upper));
    if (problem) return locate(problem, t.shape);
  }
  const structural = STRUCTURAL_TRANSFORMS[t.base];
  if (structural) {
    const per = shapeSize(t.shape.slice(t.arraySizes.length));
    const count = shapeSize(t.arraySizes);
    for (let a = 0; a < count; a++) {
      const problem = structural.violation(x.subarray(a * per, (a + 1) * per), t.baseSizes, {});
      if (problem) {
        const prefix = t.arraySizes.length > 0 ? `element ${where(indexOf(a, t.arraySizes))} ` : '';
        return `${prefix}is not a valid ${t.base}: ${problem}`;
      }
    }
  }
  return undefined;
}

/** A bound of the element shape repeated over the array dims. */
function tile(v: Float64Array, n: number): Float64Array {
  if (v.length === n) return v;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = v[i % v.length]!;
  return out;
}

/** Rewrite "element 7" (flat, 1-based) as the Stan index [i,j] of the shape. */
function locate(problem: string, shape: number[]): string {
  return problem.replace(/^element (\d+)/, (_, k: string) => `element ${where(indexOf(Number(k) - 1, shape))}`);
}

function indexOf(flat: number, shape: number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = (flat % shape[d]!) + 1;
    flat = Math.floor(flat / shape[d]!);
  }
  return out;
}

/** The declaration as written, e.g. `array[J] real<lower=0>`. */
export function describeDecl(stmt: VarDecl, source: string | undefined): string {
  if (source !== undefined) {
    return source.slice(stmt.type.span.start.offset, stmt.type.span.end.offset).replace(/\s+/g, ' ').trim();
  }
  return stmt.type.base;
}

/** " with J = 8" for the non-literal sizes of a declaration. */
function sizeValues(ctx: Context, decl: TypeDecl, source: string | undefined): string {
  const parts: string[] = [];
  for (const e of [...decl.arrayDims, ...decl.sizes]) {
    if (e.kind === 'IntLiteral') continue;
    const text = source !== undefined ? source.slice(e.span.start.offset, e.span.end.offset) : undefined;
    if (text === undefined) continue;
    try {
      const v = evaluate(ctx, e).val.constant;
      if (v && v.length === 1 && !parts.some((p) => p.startsWith(`${text} =`))) parts.push(`${text} = ${v[0]}`);
    } catch {
      // A size that cannot be evaluated is reported elsewhere.
    }
  }
  return parts.length === 0 ? '' : ` with ${parts.join(', ')}`;
}
