/**
 * Batched elementwise loops, generated once per (op, broadcast pattern) with
 * `new Function` so that each loop calls exactly one kernel: V8 then inlines
 * the kernel into its loop, which a loop shared by every op cannot do (its
 * call site would be megamorphic). The kernels themselves stay plain typed
 * functions in unary.ts and binary.ts.
 *
 * Every loop covers the chains [c0, c1) (the tape runs blocks of chains).
 *
 * Layout: a batched value of per-chain size n holds C·n entries, chain-major
 * (chain c at [c·n, (c + 1)·n)); a constant holds n entries shared by all
 * chains. Binary operands come in four modes:
 *   'B' batched, full size (index c·n + i)    'S' batched scalar (index c)
 *   'K' constant, full size (index i)         'k' constant scalar (index 0)
 */
import type { BinaryKernel } from './binary.js';
import type { UnaryKernel } from './unary.js';
import {
  binaryBackwardClosure,
  binaryForwardClosure,
  codeGenerationAllowed,
  unaryBackwardClosure,
  unaryForwardClosure,
} from './loop-closures.js';

export type OperandMode = 'B' | 'S' | 'K' | 'k';

export type UnaryForwardLoop = (x: Float64Array, y: Float64Array, start: number, end: number) => void;
export type UnaryBackwardLoop = (
  x: Float64Array,
  y: Float64Array,
  gy: Float64Array,
  gx: Float64Array,
  start: number,
  end: number,
) => void;
export type BinaryForwardLoop = (
  a: Float64Array,
  b: Float64Array,
  y: Float64Array,
  c0: number,
  c1: number,
  n: number,
) => void;
export type BinaryBackwardLoop = (
  a: Float64Array,
  b: Float64Array,
  y: Float64Array,
  gy: Float64Array,
  ga: Float64Array | null,
  gb: Float64Array | null,
  c0: number,
  c1: number,
  n: number,
) => void;

let serial = 0;
/** Compile `body` as a fresh function of `params` closing over `env` (a unique source per call). */
function generate<T>(env: Record<string, unknown>, params: string[], body: string, label: string): T {
  const names = Object.keys(env);
  const source = `// ${label} #${serial++}\nreturn function (${params.join(', ')}) {\n${body}\n};`;
  return new Function(...names, source)(...names.map((k) => env[k])) as T;
}

const unaryForwardCache = new Map<string, UnaryForwardLoop>();
const unaryBackwardCache = new Map<string, UnaryBackwardLoop>();

export function unaryForwardLoop(op: string, kernel: UnaryKernel): UnaryForwardLoop {
  let loop = unaryForwardCache.get(op);
  if (!loop && !codeGenerationAllowed()) loop = unaryForwardClosure(kernel);
  if (!loop) {
    loop = generate<UnaryForwardLoop>(
      { f: kernel.f },
      ['x', 'y', 'start', 'end'],
      'for (let o = start; o < end; o++) y[o] = f(x[o]);',
      `unary ${op} forward`,
    );
    unaryForwardCache.set(op, loop);
  }
  return loop;
}

/** Null for zero-derivative ops. */
export function unaryBackwardLoop(op: string, kernel: UnaryKernel): UnaryBackwardLoop | null {
  if (!kernel.df) return null;
  let loop = unaryBackwardCache.get(op);
  if (!loop && !codeGenerationAllowed()) loop = unaryBackwardClosure(kernel)!;
  if (!loop) {
    loop = generate<UnaryBackwardLoop>(
      { df: kernel.df },
      ['x', 'y', 'gy', 'gx', 'start', 'end'],
      'for (let o = start; o < end; o++) gx[o] += gy[o] * df(x[o], y[o]);',
      `unary ${op} backward`,
    );
    unaryBackwardCache.set(op, loop);
  }
  return loop;
}

/** The expression reading operand `v` in mode m, and the statements hoisting it. */
function operand(v: string, m: OperandMode): { read: string; outer: string; perChain: string } {
  switch (m) {
    case 'B':
      return { read: `${v}[o]`, outer: '', perChain: '' };
    case 'S':
      return { read: `${v}c`, outer: '', perChain: `const ${v}c = ${v}[c];` };
    case 'K':
      return { read: `${v}[i]`, outer: '', perChain: '' };
    case 'k':
      return { read: `${v}0`, outer: `const ${v}0 = ${v}[0];`, perChain: '' };
  }
}

const binaryForwardCache = new Map<string, BinaryForwardLoop>();
const binaryBackwardCache = new Map<string, BinaryBackwardLoop>();

export function binaryForwardLoop(
  op: string,
  kernel: BinaryKernel,
  ma: OperandMode,
  mb: OperandMode,
): BinaryForwardLoop {
  const key = `${op}|${ma}${mb}`;
  let loop = binaryForwardCache.get(key);
  if (!loop && !codeGenerationAllowed()) loop = binaryForwardClosure(kernel, ma, mb);
  if (!loop) {
    const A = operand('a', ma);
    const B = operand('b', mb);
    const body = `${A.outer} ${B.outer}
let o = c0 * n;
for (let c = c0; c < c1; c++) {
  ${A.perChain} ${B.perChain}
  for (let i = 0; i < n; i++, o++) y[o] = f(${A.read}, ${B.read});
}`;
    loop = generate<BinaryForwardLoop>(
      { f: kernel.f },
      ['a', 'b', 'y', 'c0', 'c1', 'n'],
      body,
      `binary ${key} forward`,
    );
    binaryForwardCache.set(key, loop);
  }
  return loop;
}

/**
 * Accumulates g·∂y/∂a into ga and g·∂y/∂b into gb (either may be null: not
 * needed). A batched scalar operand ('S') sums its contributions over i.
 */
export function binaryBackwardLoop(
  op: string,
  kernel: BinaryKernel,
  ma: OperandMode,
  mb: OperandMode,
  needA: boolean,
  needB: boolean,
): BinaryBackwardLoop | null {
  const wantA = needA && !!kernel.da && (ma === 'B' || ma === 'S');
  const wantB = needB && !!kernel.db && (mb === 'B' || mb === 'S');
  if (!wantA && !wantB) return null;
  const key = `${op}|${ma}${mb}|${wantA ? 1 : 0}${wantB ? 1 : 0}`;
  let loop = binaryBackwardCache.get(key);
  if (!loop && !codeGenerationAllowed()) loop = binaryBackwardClosure(kernel, ma, mb, wantA, wantB);
  if (!loop) {
    const A = operand('a', ma);
    const B = operand('b', mb);
    const args = `${A.read}, ${B.read}, y[o]`;
    const lines: string[] = [];
    const before: string[] = [];
    const after: string[] = [];
    if (wantA) {
      if (ma === 'S') {
        before.push('let sa = 0;');
        lines.push(`sa += g * da(${args});`);
        after.push('ga[c] += sa;');
      } else lines.push(`ga[o] += g * da(${args});`);
    }
    if (wantB) {
      if (mb === 'S') {
        before.push('let sb = 0;');
        lines.push(`sb += g * db(${args});`);
        after.push('gb[c] += sb;');
      } else lines.push(`gb[o] += g * db(${args});`);
    }
    const body = `${A.outer} ${B.outer}
let o = c0 * n;
for (let c = c0; c < c1; c++) {
  ${A.perChain} ${B.perChain} ${before.join(' ')}
  for (let i = 0; i < n; i++, o++) {
    const g = gy[o];
    ${lines.join('\n    ')}
  }
  ${after.join(' ')}
}`;
    loop = generate<BinaryBackwardLoop>(
      { da: kernel.da, db: kernel.db },
      ['a', 'b', 'y', 'gy', 'ga', 'gb', 'c0', 'c1', 'n'],
      body,
      `binary ${key} backward`,
    );
    binaryBackwardCache.set(key, loop);
  }
  return loop;
}
