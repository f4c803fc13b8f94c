/**
 * One random stream: xoshiro128** (Blackman and Vigna) for 32-bit words,
 * uniforms with 53 random bits, and standard normals by the ziggurat.
 * `fillNormal` keeps the generator state in locals so a batch of normals
 * costs a few nanoseconds each; streams never share state.
 */
import type { Rng } from '../../stdlib/types.js';
import { ZIGGURAT_F, ZIGGURAT_K, ZIGGURAT_R, ZIGGURAT_W } from './ziggurat.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 2 ** -53;

export class Stream implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Seed with four 32-bit words (not all zero). */
  constructor(w0: number, w1: number, w2: number, w3: number) {
    this.s0 = w0 | 0;
    this.s1 = w1 | 0;
    this.s2 = w2 | 0;
    this.s3 = w3 | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32-bit word, as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform on the open interval (0, 1), 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b + 0.5) * TWO_POW_MINUS_53;
  }

  /** One standard normal. */
  normal(): number {
    for (;;) {
      const a = this.nextUint32();
      const b = this.nextUint32();
      const layer = a & 255;
      const bits = (a >>> 12) * TWO_POW_32 + b;
      const x = bits * ZIGGURAT_W[layer];
      if (bits < ZIGGURAT_K[layer]) return a & 256 ? -x : x;
      const slow = this.edgeCase(layer, x);
      if (slow === slow) return a & 256 ? -slow : slow;
    }
  }

  /**
   * Fill out[offset … offset + count) with standard normals. The
   * generator is inlined with its state in locals: this is the hot loop of
   * every sampler step.
   */
  fillNormal(out: Float64Array, offset: number, count: number): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const end = offset + count;
    for (let i = offset; i < end; i++) {
      let m = Math.imul(s1, 5);
      const a = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      m = Math.imul(s1, 5);
      const b = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const layer = a & 255;
      const bits = (a >>> 12) * TWO_POW_32 + b;
      if (bits < ZIGGURAT_K[layer]) {
        const x = bits * ZIGGURAT_W[layer];
        out[i] = a & 256 ? -x : x;
      } else {
        // Rare (about 1 in 100): hand the state back, take the slow path.
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        const slow = this.edgeCase(layer, bits * ZIGGURAT_W[layer]);
        out[i] = slow === slow ? (a & 256 ? -slow : slow) : this.normal();
        s0 = this.s0;
        s1 = this.s1;
        s2 = this.s2;
        s3 = this.s3;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /**
   * A draw outside the inner rectangle of its layer: the tail for layer 0,
   * the wedge test otherwise. Returns |normal|, or NaN to ask for a fresh draw.
   */
  private edgeCase(layer: number, x: number): number {
    if (layer === 0) {
      // Marsaglia's tail method beyond R.
      for (;;) {
        const tx = -Math.log(this.uniform()) / ZIGGURAT_R;
        const ty = -Math.log(this.uniform());
        if (ty + ty >= tx * tx) return ZIGGURAT_R + tx;
      }
    }
    const below = ZIGGURAT_F[layer];
    const y = below + this.uniform() * (ZIGGURAT_F[layer + 1] - below);
    return y < Math.exp(-0.5 * x * x) ? x : NaN;
  }
}
