/**
 * Typing of calls and operators: matching argument types against the stdlib's
 * signature patterns (Stan's function-reference conventions, see
 * stdlib/types.ts) and Stan's rules for the built-in operators.
 */
import type { BinaryOperator, PrefixOperator } from '../language/ast.js';
import type { ArgPattern, Signature } from '../../stdlib/types.js';
import { InternalError } from '../errors.js';
import {
  INT,
  MATRIX,
  REAL,
  ROW_VECTOR,
  VECTOR,
  assignable,
  isLinearAlgebra,
  isScalar,
  parseType,
  promoteIntToReal,
  typeToString,
  type StanType,
} from './types.js';

const FAMILIES = new Set(['ints', 'reals', 'vectors', 'T', 'any', 'R']);

/**
 * How well `t` fits `pattern`: 0 exact, 1 with int→real promotion, 2 through a
 * vectorised family; undefined when it does not fit.
 */
export function patternCost(pattern: ArgPattern, t: StanType): number | undefined {
  switch (pattern) {
    case 'any':
      return 3;
    case 'T':
    case 'R':
      return 2;
    case 'ints':
      return t.base === 'int' && t.arrayDims <= 1 ? 2 : undefined;
    case 'reals':
      if ((t.base === 'int' || t.base === 'real') && t.arrayDims <= 1) return 2;
      return (t.base === 'vector' || t.base === 'row_vector') && t.arrayDims === 0 ? 2 : undefined;
    case 'vectors':
      return (t.base === 'vector' || t.base === 'row_vector') && t.arrayDims <= 1 ? 2 : undefined;
  }
  const concrete = parseType(pattern);
  if (!concrete) throw new InternalError(`stdlib: unknown argument pattern '${pattern}'`);
  if (concrete.base === t.base && concrete.arrayDims === t.arrayDims) return 0;
  return assignable(t, concrete) ? 1 : undefined;
}

/** A phrase for error messages: what a pattern accepts. */
export function describePattern(pattern: ArgPattern): string {
  switch (pattern) {
    case 'ints':
      return 'int or array[] int';
    case 'reals':
      return 'real, vector, row_vector or array[] real';
    case 'vectors':
      return 'vector, row_vector or an array of them';
    case 'T':
    case 'R':
      return 'int, real, vector, row_vector, matrix or an array of them';
    case 'any':
      return 'any type';
    default:
      return pattern;
  }
}

/** The shape shared by all vectorised ('T') arguments: scalars broadcast. */
function unifyVectorised(types: StanType[]): StanType | undefined {
  let shape: StanType | undefined;
  for (const t of types) {
    if (isScalar(t)) continue;
    const p = promoteIntToReal(t);
    if (!shape) shape = p;
    else if (shape.base !== p.base || shape.arrayDims !== p.arrayDims) return undefined;
  }
  return shape ?? REAL;
}

export interface SignatureMatch {
  signature: Signature;
  returns: StanType;
}

/** The result type of one signature applied to `args`, or undefined when it does not apply. */
export function applySignature(sig: Signature, args: StanType[]): { returns: StanType; cost: number } | undefined {
  if (sig.args.length !== args.length) return undefined;
  let cost = 0;
  const tArgs: StanType[] = [];
  for (let i = 0; i < args.length; i++) {
    const c = patternCost(sig.args[i]!, args[i]!);
    if (c === undefined) return undefined;
    cost += c;
    if (sig.args[i] === 'T' || sig.args[i] === 'R') tArgs.push(args[i]!);
  }
  const shape = unifyVectorised(tArgs);
  if (!shape) return undefined;
  return { returns: signatureReturn(sig, args, shape), cost };
}

function signatureReturn(sig: Signature, args: StanType[], tShape: StanType): StanType {
  const r = sig.returns;
  if (r === 'T' || r === 'R') return tShape;
  if (FAMILIES.has(r)) {
    // A family as a return type: the type of the first argument of that family.
    const i = sig.args.indexOf(r);
    if (i < 0) throw new InternalError(`stdlib: return pattern '${r}' without a matching argument`);
    return r === 'ints' ? args[i]! : promoteIntToReal(args[i]!);
  }
  const concrete = parseType(r);
  if (!concrete) throw new InternalError(`stdlib: unknown return type '${r}'`);
  return concrete;
}

/**
 * The signature that applies to `args`: the first in table order, as the
 * stdlib's convention says (exact integer overloads are listed before the
 * promoting ones, so the first match is also the most specific).
 */
export function resolveSignature(signatures: Signature[], args: StanType[]): SignatureMatch | undefined {
  for (const signature of signatures) {
    const r = applySignature(signature, args);
    if (r) return { signature, returns: r.returns };
  }
  return undefined;
}

export function signatureToString(sig: Signature): string {
  return `(${sig.args.join(', ')}) => ${sig.returns}`;
}

export function argTypesToString(args: StanType[]): string {
  return `(${args.map(typeToString).join(', ')})`;
}

// ---------------------------------------------------------------- operators

const ARITH_RESULT = (l: StanType, r: StanType): StanType => (l.base === 'int' && r.base === 'int' ? INT : REAL);

/** Stan's typing of a binary operator; undefined when it does not apply. */
export function binaryOperatorType(op: BinaryOperator, l: StanType, r: StanType): StanType | undefined {
  const ls = isScalar(l);
  const rs = isScalar(r);
  const lla = isLinearAlgebra(l);
  const rla = isLinearAlgebra(r);
  switch (op) {
    case '||':
    case '&&':
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ls && rs ? INT : undefined;
    case '+':
    case '-':
      if (ls && rs) return ARITH_RESULT(l, r);
      if (ls && rla) return r;
      if (lla && rs) return l;
      if (lla && rla && l.base === r.base) return l;
      return undefined;
    case '*':
      if (ls && rs) return ARITH_RESULT(l, r);
      if (ls && rla) return r;
      if (lla && rs) return l;
      if (!lla || !rla) return undefined;
      return matrixProduct(l.base, r.base);
    case '/':
      if (ls && rs) return ARITH_RESULT(l, r);
      if (lla && rs) return l;
      if (l.base === 'row_vector' && r.base === 'matrix' && lla && rla) return ROW_VECTOR;
      if (l.base === 'matrix' && r.base === 'matrix' && lla && rla) return MATRIX;
      return undefined;
    case '\\':
      if (lla && rla && l.base === 'matrix' && (r.base === 'matrix' || r.base === 'vector')) return r;
      return undefined;
    case '%':
    case '%/%':
      return l.base === 'int' && r.base === 'int' && ls && rs ? INT : undefined;
    case '^':
      return ls && rs ? REAL : undefined;
    case '.*':
    case './':
    case '.^':
      if (ls && rs) return op === '.*' ? ARITH_RESULT(l, r) : REAL;
      if (lla && rla && l.base === r.base) return l;
      if (op !== '.*' && ((ls && rla) || (lla && rs))) return ls ? r : l;
      return undefined;
  }
}

function matrixProduct(l: StanType['base'], r: StanType['base']): StanType | undefined {
  if (l === 'row_vector' && r === 'vector') return REAL;
  if (l === 'vector' && r === 'row_vector') return MATRIX;
  if (l === 'matrix' && r === 'vector') return VECTOR;
  if (l === 'row_vector' && r === 'matrix') return ROW_VECTOR;
  if (l === 'matrix' && r === 'matrix') return MATRIX;
  return undefined;
}

/** A hint for the most common operator mistakes. */
export function binaryOperatorHint(op: BinaryOperator, l: StanType, r: StanType): string | undefined {
  if (
    op === '*' &&
    l.arrayDims === 0 &&
    r.arrayDims === 0 &&
    l.base === r.base &&
    (l.base === 'vector' || l.base === 'row_vector')
  ) {
    return l.base === 'vector'
      ? "use '.*' for the elementwise product, or dot_product(a, b) / a' * b for the dot product"
      : "use '.*' for the elementwise product, or a * b' for the dot product";
  }
  if (l.arrayDims > 0 || r.arrayDims > 0) {
    return 'arithmetic is not defined on arrays; use vector, row_vector or matrix (to_vector converts an array)';
  }
  if ((op === '+' || op === '-') && lineShape(l) && lineShape(r)) {
    return "vector and row_vector differ; transpose one with '";
  }
  return undefined;
}

function lineShape(t: StanType): boolean {
  return t.arrayDims === 0 && (t.base === 'vector' || t.base === 'row_vector');
}

export function prefixOperatorType(op: PrefixOperator, t: StanType): StanType | undefined {
  if (op === '!') return isScalar(t) ? INT : undefined;
  return isScalar(t) || isLinearAlgebra(t) ? t : undefined;
}

export function transposeType(t: StanType): StanType | undefined {
  if (t.arrayDims !== 0) return undefined;
  if (t.base === 'vector') return ROW_VECTOR;
  if (t.base === 'row_vector') return VECTOR;
  if (t.base === 'matrix') return MATRIX;
  return undefined;
}
