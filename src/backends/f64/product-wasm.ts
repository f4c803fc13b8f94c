/**
 * The WebAssembly SIMD (f64x2) matrix-product kernels, written as
 * instruction lists for wasm-emit.ts and assembled when first used. They
 * compute exactly what rowsDot and colsDot of product-js.ts compute, in the
 * same order per output (see there), so results are bitwise equal to the
 * JS kernels:
 *
 *  - rows(a, b, y, n, k, chains, rb): Y[c, i] = A[i, :]·B[c, :], two
 *    columns per f64x2 lane pair; tiles of 2 rows × 4 chains (8
 *    accumulators) over blocks of `rb` rows of A (a block stays in L1
 *    while every chain tile reads it);
 *  - cols(a, g, t, n, k, chains): T[c, j] = Σ_i A[i, j]·G[c, i]; tiles of
 *    4 chains × 4 columns, the odd last column in scalar f64.
 *
 * Arguments are byte addresses into the imported memory; the kernels only
 * write (the caller adds into its own buffers).
 */
import { F64, I32, V128, emitModule, op, type FunctionSpec, type Instr, type ValType } from './wasm-emit.js';

/** i32 locals of rows(); parameters first. */
const R = {
  a: 0,
  b: 1,
  y: 2,
  n: 3,
  k: 4,
  chains: 5,
  rb: 6,
  kp: 7,
  r0: 8,
  r1: 9,
  c: 10,
  i: 11,
  p: 12,
  kb: 13,
  odd: 14,
  pa: 15, // 15, 16: row pointers
  pb: 17, // 17..20: chain pointers
  v: 21, // f64
  acc: 22, // 22..29: v128 accumulators [row][chain]
  va: 30, // 30, 31
  vb: 32, // 32..35
};
const ROWS_LOCALS: ValType[] = [
  ...new Array<typeof I32>(R.v - R.kp).fill(I32),
  F64,
  ...new Array<typeof V128>(R.vb + 4 - R.acc).fill(V128),
];

/** `while (cond) { body }` as block/loop: `exit` pushes 1 when the loop must stop. */
function whileNot(exit: Instr[], body: Instr[]): Instr[] {
  return [op.block(), op.loop(), ...exit, op.brIf(1), ...body, op.br(0), op.end(), op.end()];
}

const add = (local: number, amount: number): Instr[] => [op.get(local), op.i32(amount), op.i32Add(), op.set(local)];
/** Pushes `x + m > bound` (x, bound: locals). */
const beyond = (x: number, m: number, bound: number): Instr[] => [
  op.get(x),
  op.i32(m),
  op.i32Add(),
  op.get(bound),
  op.i32GtS(),
];

/** One tile of rows(): `rows` rows (from i) × `width` chains (from c). */
function rowsTile(rows: number, width: number): Instr[] {
  const out: Instr[] = [];
  for (let r = 0; r < rows; r++)
    out.push(
      op.get(R.a),
      op.get(R.i),
      op.i32(r),
      op.i32Add(),
      op.get(R.kb),
      op.i32Mul(),
      op.i32Add(),
      op.set(R.pa + r),
    );
  for (let q = 0; q < width; q++)
    out.push(
      op.get(R.b),
      op.get(R.c),
      op.i32(q),
      op.i32Add(),
      op.get(R.kb),
      op.i32Mul(),
      op.i32Add(),
      op.set(R.pb + q),
    );
  const acc = (r: number, q: number) => R.acc + r * 4 + q;
  for (let r = 0; r < rows; r++) for (let q = 0; q < width; q++) out.push(op.v128Zero(), op.set(acc(r, q)));
  const body: Instr[] = [];
  for (let r = 0; r < rows; r++) body.push(op.get(R.pa + r), op.v128Load(), op.set(R.va + r));
  for (let q = 0; q < width; q++) body.push(op.get(R.pb + q), op.v128Load(), op.set(R.vb + q));
  for (let r = 0; r < rows; r++)
    for (let q = 0; q < width; q++)
      body.push(op.get(acc(r, q)), op.get(R.va + r), op.get(R.vb + q), op.f64x2Mul(), op.f64x2Add(), op.set(acc(r, q)));
  for (let r = 0; r < rows; r++) body.push(...add(R.pa + r, 16));
  for (let q = 0; q < width; q++) body.push(...add(R.pb + q, 16));
  body.push(...add(R.p, 1));
  out.push(op.i32(0), op.set(R.p), ...whileNot([op.get(R.p), op.get(R.kp), op.i32GeS()], body));
  // the pointers now address column k − 1, read when k is odd
  for (let r = 0; r < rows; r++)
    for (let q = 0; q < width; q++) {
      out.push(op.get(acc(r, q)), op.f64x2Lane(0), op.get(acc(r, q)), op.f64x2Lane(1), op.f64Add(), op.set(R.v));
      out.push(op.get(R.odd), op.if(), op.get(R.v), op.get(R.pa + r), op.f64Load(), op.get(R.pb + q), op.f64Load());
      out.push(op.f64Mul(), op.f64Add(), op.set(R.v), op.end());
      // y + ((c + q)·n + i + r)·8
      out.push(op.get(R.y), op.get(R.c), op.i32(q), op.i32Add(), op.get(R.n), op.i32Mul(), op.get(R.i), op.i32Add());
      out.push(op.i32(r), op.i32Add(), op.i32(3), op.i32Shl(), op.i32Add(), op.get(R.v), op.f64Store());
    }
  return out;
}

/** Rows i from r0 to r1 of one chain tile: pairs, then the last odd row. */
function rowsOfBlock(width: number): Instr[] {
  return [
    op.get(R.r0),
    op.set(R.i),
    ...whileNot(beyond(R.i, 2, R.r1), [...rowsTile(2, width), ...add(R.i, 2)]),
    ...whileNot(beyond(R.i, 1, R.r1), [...rowsTile(1, width), ...add(R.i, 1)]),
  ];
}

function rowsFunction(): FunctionSpec {
  const body: Instr[] = [
    op.get(R.k),
    op.i32(1),
    op.i32ShrU(),
    op.set(R.kp),
    op.get(R.k),
    op.i32(1),
    op.i32And(),
    op.set(R.odd),
    op.get(R.k),
    op.i32(3),
    op.i32Shl(),
    op.set(R.kb),
    op.i32(0),
    op.set(R.r0),
    ...whileNot(
      [op.get(R.r0), op.get(R.n), op.i32GeS()],
      [
        // r1 = min(r0 + rb, n)
        op.get(R.r0),
        op.get(R.rb),
        op.i32Add(),
        op.get(R.n),
        op.get(R.r0),
        op.get(R.rb),
        op.i32Add(),
        op.get(R.n),
        op.i32LtS(),
        [0x1b], // select
        op.set(R.r1),
        op.i32(0),
        op.set(R.c),
        ...whileNot(beyond(R.c, 4, R.chains), [...rowsOfBlock(4), ...add(R.c, 4)]),
        ...whileNot(beyond(R.c, 1, R.chains), [...rowsOfBlock(1), ...add(R.c, 1)]),
        op.get(R.r1),
        op.set(R.r0),
      ],
    ),
  ];
  return { name: 'rows', params: 7, locals: ROWS_LOCALS, body };
}

/** i32 locals of cols(); parameters first. */
const C = {
  a: 0,
  g: 1,
  t: 2,
  n: 3,
  k: 4,
  chains: 5,
  c: 6,
  j: 7,
  i: 8,
  kb: 9,
  pa: 10,
  pg: 11, // 11..14: chain pointers into G
  s: 15, // 15..18: f64 sums of the odd column
  acc: 19, // 19..26: v128 [chain][pair]
  va: 27, // 27, 28
  vg: 29,
};
const COLS_LOCALS: ValType[] = [
  ...new Array<typeof I32>(C.s - C.c).fill(I32),
  ...new Array<typeof F64>(4).fill(F64),
  ...new Array<typeof V128>(C.vg + 1 - C.acc).fill(V128),
];

/** One tile of cols(): `width` chains (from c) × `pairs` column pairs (from j), or the single column j. */
function colsTile(width: number, pairs: number): Instr[] {
  const scalar = pairs === 0;
  const out: Instr[] = [op.get(C.a), op.get(C.j), op.i32(3), op.i32Shl(), op.i32Add(), op.set(C.pa)];
  for (let q = 0; q < width; q++) {
    out.push(op.get(C.g), op.get(C.c), op.i32(q), op.i32Add(), op.get(C.n), op.i32Mul(), op.i32(3), op.i32Shl());
    out.push(op.i32Add(), op.set(C.pg + q));
  }
  const acc = (q: number, p: number) => C.acc + q * 2 + p;
  for (let q = 0; q < width; q++) {
    if (scalar) out.push([0x44, 0, 0, 0, 0, 0, 0, 0, 0], op.set(C.s + q));
    else for (let p = 0; p < pairs; p++) out.push(op.v128Zero(), op.set(acc(q, p)));
  }
  const body: Instr[] = [];
  if (scalar) {
    for (let q = 0; q < width; q++) {
      body.push(op.get(C.s + q), op.get(C.pa), op.f64Load(), op.get(C.pg + q), op.f64Load(), op.f64Mul());
      body.push(op.f64Add(), op.set(C.s + q));
    }
  } else {
    for (let p = 0; p < pairs; p++) body.push(op.get(C.pa), op.v128Load(16 * p), op.set(C.va + p));
    for (let q = 0; q < width; q++) {
      body.push(op.get(C.pg + q), op.f64Load(), op.f64x2Splat(), op.set(C.vg));
      for (let p = 0; p < pairs; p++)
        body.push(op.get(acc(q, p)), op.get(C.va + p), op.get(C.vg), op.f64x2Mul(), op.f64x2Add(), op.set(acc(q, p)));
    }
  }
  body.push(op.get(C.pa), op.get(C.kb), op.i32Add(), op.set(C.pa));
  for (let q = 0; q < width; q++) body.push(...add(C.pg + q, 8));
  body.push(...add(C.i, 1));
  out.push(op.i32(0), op.set(C.i), ...whileNot([op.get(C.i), op.get(C.n), op.i32GeS()], body));
  for (let q = 0; q < width; q++) {
    // t + ((c + q)·k + j)·8
    out.push(op.get(C.t), op.get(C.c), op.i32(q), op.i32Add(), op.get(C.k), op.i32Mul(), op.get(C.j), op.i32Add());
    out.push(op.i32(3), op.i32Shl(), op.i32Add());
    if (scalar) out.push(op.get(C.s + q), op.f64Store());
    else {
      out.push(op.set(C.pa));
      for (let p = 0; p < pairs; p++) out.push(op.get(C.pa), op.get(acc(q, p)), op.v128Store(16 * p));
    }
  }
  return out;
}

function colsOfChains(width: number): Instr[] {
  return [
    op.i32(0),
    op.set(C.j),
    ...whileNot(beyond(C.j, 4, C.k), [...colsTile(width, 2), ...add(C.j, 4)]),
    ...whileNot(beyond(C.j, 2, C.k), [...colsTile(width, 1), ...add(C.j, 2)]),
    ...whileNot(beyond(C.j, 1, C.k), [...colsTile(width, 0), ...add(C.j, 1)]),
  ];
}

function colsFunction(): FunctionSpec {
  const body: Instr[] = [
    op.get(C.k),
    op.i32(3),
    op.i32Shl(),
    op.set(C.kb),
    op.i32(0),
    op.set(C.c),
    ...whileNot(beyond(C.c, 4, C.chains), [...colsOfChains(4), ...add(C.c, 4)]),
    ...whileNot(beyond(C.c, 1, C.chains), [...colsOfChains(1), ...add(C.c, 1)]),
  ];
  return { name: 'cols', params: 6, locals: COLS_LOCALS, body };
}

/** The kernels' module bytes, assembled from the lists above. */
export function productModuleBytes(): Uint8Array<ArrayBuffer> {
  return emitModule([rowsFunction(), colsFunction()]);
}

export interface WasmProductKernels {
  memory: WebAssembly.Memory;
  rows(a: number, b: number, y: number, n: number, k: number, chains: number, rb: number): void;
  cols(a: number, g: number, t: number, n: number, k: number, chains: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly or its SIMD is missing (then the JS kernels run). */
export function productModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = productModuleBytes();
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The kernels over a fresh memory of at least `bytes` bytes; null if unavailable. */
export function instantiateProduct(bytes: number): WasmProductKernels | null {
  const module = productModule();
  if (!module) return null;
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  if (pages > 32768) return null; // over 2 GiB: the JS kernels on ordinary arrays
  try {
    const memory = new WebAssembly.Memory({ initial: pages });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const e = instance.exports as unknown as Omit<WasmProductKernels, 'memory'>;
    return { memory, rows: e.rows, cols: e.cols };
  } catch {
    return null;
  }
}
