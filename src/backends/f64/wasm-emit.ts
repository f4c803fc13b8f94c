/**
 * A tiny WebAssembly binary emitter: enough of the format (one imported
 * memory, functions of i32 parameters, i32/v128 locals, structured control
 * flow, f64 and f64x2 arithmetic) to write the matrix-product kernels
 * (product-wasm.ts) as readable instruction lists in TypeScript. The module
 * bytes are built from that source when the backend loads (no committed
 * binary, no toolchain): wasm's f64 arithmetic is IEEE with no fused
 * multiply-add, so a kernel written here computes what the same operations
 * in JS compute, bit for bit.
 */

/** One instruction: its opcode bytes and immediates, already encoded. */
export type Instr = number[];

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F64 | typeof V128;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const simd = (op: number, ...imm: number[]): Instr => [0xfd, ...uleb(op), ...imm];
/** memarg: log2 alignment, then a constant byte offset. */
const mem = (align: number, offset: number) => [align, ...uleb(offset)];

/** The instructions the kernels use, by their text-format names. */
export const op = {
  block: (): Instr => [0x02, 0x40],
  loop: (): Instr => [0x03, 0x40],
  if: (): Instr => [0x04, 0x40],
  end: (): Instr => [0x0b],
  br: (depth: number): Instr => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Instr => [0x0d, ...uleb(depth)],
  get: (local: number): Instr => [0x20, ...uleb(local)],
  set: (local: number): Instr => [0x21, ...uleb(local)],
  tee: (local: number): Instr => [0x22, ...uleb(local)],
  i32: (value: number): Instr => [0x41, ...sleb(value)],
  i32Add: (): Instr => [0x6a],
  i32Sub: (): Instr => [0x6b],
  i32Mul: (): Instr => [0x6c],
  i32And: (): Instr => [0x71],
  i32Shl: (): Instr => [0x74],
  i32ShrU: (): Instr => [0x76],
  i32GeS: (): Instr => [0x4e],
  i32Eqz: (): Instr => [0x45],
  i32GtS: (): Instr => [0x4a],
  i32LtS: (): Instr => [0x48],
  f64: (value: number): Instr => [0x44, ...new Uint8Array(Float64Array.of(value).buffer)],
  f64Load: (offset = 0): Instr => [0x2b, ...mem(3, offset)],
  f64Store: (offset = 0): Instr => [0x39, ...mem(3, offset)],
  f64Add: (): Instr => [0xa0],
  f64Mul: (): Instr => [0xa2],
  /** Loads and stores of two f64 lanes; addresses need only 8-byte alignment. */
  v128Load: (offset = 0): Instr => simd(0x00, ...mem(3, offset)),
  v128Store: (offset = 0): Instr => simd(0x0b, ...mem(3, offset)),
  v128Zero: (): Instr => simd(0x0c, ...new Array<number>(16).fill(0)),
  f64x2Splat: (): Instr => simd(0x14),
  f64x2Lane: (lane: 0 | 1): Instr => simd(0x21, lane),
  f64x2Add: (): Instr => simd(0xf0),
  f64x2Mul: (): Instr => simd(0xf2),
};

export interface FunctionSpec {
  name: string;
  /** Number of i32 parameters. */
  params: number;
  /** Extra locals, in order after the parameters. */
  locals: ValType[];
  body: Instr[];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
  const bytes = Array.from(text, (ch) => ch.charCodeAt(0));
  return [...uleb(bytes.length), ...bytes];
}

/** A module importing memory `env.memory` and exporting the given functions (no results). */
export function emitModule(functions: FunctionSpec[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vec(new Array(f.params).fill([I32])), 0x00]);
  // memory import: min 1 page, no maximum
  const imports = vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]]);
  const funcs = vec(functions.map((_, i) => uleb(i)));
  const exports = vec(functions.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]));
  const codes = vec(
    functions.map((f) => {
      const locals = vec(f.locals.map((t) => [0x01, t]));
      const body = [...locals, ...f.body.flat(), 0x0b];
      return [...uleb(body.length), ...body];
    }),
  );
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, codes),
  ]);
}
