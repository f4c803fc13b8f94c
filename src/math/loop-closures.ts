/**
 * The elementwise loops of loops.ts as plain closures, for runtimes that
 * forbid code generation from strings (a browser page whose
 * Content-Security-Policy lacks 'unsafe-eval', `node
 * --disallow-code-generation-from-strings`). Same arithmetic in the same
 * order, so the same results; slower, because every loop calls its kernel
 * and its operand readers through shared call sites.
 */
import type { BinaryKernel } from './binary.js';
import type { UnaryKernel } from './unary.js';

// The loop signatures of loops.ts, restated so that loops.ts alone imports the other.
type OperandMode = 'B' | 'S' | 'K' | 'k';
type UnaryForwardLoop = (x: Float64Array, y: Float64Array, start: number, end: number) => void;
type UnaryBackwardLoop = (
  x: Float64Array,
  y: Float64Array,
  gy: Float64Array,
  gx: Float64Array,
  start: number,
  end: number,
) => void;
type BinaryForwardLoop = (a: Float64Array, b: Float64Array, y: Float64Array, c0: number, c1: number, n: number) => void;
type BinaryBackwardLoop = (
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

/** Whether `new Function` works here; checked once. */
let allowed: boolean | undefined;
export function codeGenerationAllowed(): boolean {
  if (allowed === undefined) {
    try {
      allowed = new Function('return 1')() === 1;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}

type Index = (o: number, c: number, i: number) => number;

/** Index of operand element for output o of chain c, element i (modes as in loops.ts). */
function indexer(m: OperandMode): Index {
  switch (m) {
    case 'B':
      return (o) => o;
    case 'S':
      return (_o, c) => c;
    case 'K':
      return (_o, _c, i) => i;
    case 'k':
      return () => 0;
  }
}

export function unaryForwardClosure(kernel: UnaryKernel): UnaryForwardLoop {
  const f = kernel.f;
  return (x, y, start, end) => {
    for (let o = start; o < end; o++) y[o] = f(x[o]!);
  };
}

export function unaryBackwardClosure(kernel: UnaryKernel): UnaryBackwardLoop | null {
  const df = kernel.df;
  if (!df) return null;
  return (x, y, gy, gx, start, end) => {
    for (let o = start; o < end; o++) gx[o]! += gy[o]! * df(x[o]!, y[o]!);
  };
}

export function binaryForwardClosure(kernel: BinaryKernel, ma: OperandMode, mb: OperandMode): BinaryForwardLoop {
  const f = kernel.f;
  const ia = indexer(ma);
  const ib = indexer(mb);
  return (a, b, y, c0, c1, n) => {
    let o = c0 * n;
    for (let c = c0; c < c1; c++) {
      for (let i = 0; i < n; i++, o++) y[o] = f(a[ia(o, c, i)]!, b[ib(o, c, i)]!);
    }
  };
}

/** `wantA`/`wantB` as loops.ts decides them; a batched scalar operand sums over i before adding. */
export function binaryBackwardClosure(
  kernel: BinaryKernel,
  ma: OperandMode,
  mb: OperandMode,
  wantA: boolean,
  wantB: boolean,
): BinaryBackwardLoop {
  const { da, db } = kernel;
  const ia = indexer(ma);
  const ib = indexer(mb);
  return (a, b, y, gy, ga, gb, c0, c1, n) => {
    let o = c0 * n;
    for (let c = c0; c < c1; c++) {
      let sa = 0;
      let sb = 0;
      for (let i = 0; i < n; i++, o++) {
        const g = gy[o]!;
        const av = a[ia(o, c, i)]!;
        const bv = b[ib(o, c, i)]!;
        if (wantA) {
          if (ma === 'S') sa += g * da!(av, bv, y[o]!);
          else ga![o]! += g * da!(av, bv, y[o]!);
        }
        if (wantB) {
          if (mb === 'S') sb += g * db!(av, bv, y[o]!);
          else gb![o]! += g * db!(av, bv, y[o]!);
        }
      }
      if (wantA && ma === 'S') ga![c]! += sa;
      if (wantB && mb === 'S') gb![c]! += sb;
    }
  };
}
