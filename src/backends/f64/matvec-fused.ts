/**
 * A constant matrix times a batched vector, fused with the elementwise
 * cluster (ending in a sum with a constant adjoint) that reads the product:
 * `sum(f(A·b, …))` with A [n, k] constant, as in a GLM's likelihood
 * (`y ~ bernoulli_logit(X * beta)`). For a few chains and rows at a time
 * (SHAPES), the rows of A are read once for all their dot products η, the
 * cluster's body runs on those η in registers, and the same rows (still in
 * L1) take the adjoints straight back into the gradient of b (gb += Aᵀ·r,
 * row by row): A is streamed once per group of chains for value and
 * gradient, and neither η nor its adjoint touches memory. Sums run in
 * another order than the separate kernels' (differences of a few ulps).
 *
 * The source is built from the cluster's generated statements (fuse.ts) by
 * renaming: only generator names, integers and the fixed text below.
 */

/** The pieces of a fused cluster's generated code this variant is built from. */
export interface ClusterSource {
  /** Forward statements (paired where derivatives are needed), element i at `o`. */
  statements: string[];
  /** Reverse-sweep statements of the both-directions loop (adjoint of the root: `gs`). */
  lines: string[];
  root: number;
  /** Input unpacking and hoisted constants. */
  prelude: string;
  envNames: string[];
}

/**
 * Lanes of one pass: chains × rows of A per iteration, widest first; the
 * last entry must be one chain. Many independent lanes hide the latency of
 * the dot products and of exp/log1p (measured on M2: 8 chains × 4 rows
 * beat 4 × 1 by 1.5×). Larger clusters get fewer lanes, so the generated
 * function stays small enough for V8 to optimise.
 */
const SHAPES: { chains: number; rows: number }[] = [
  { chains: 8, rows: 4 },
  { chains: 4, rows: 4 },
  { chains: 1, rows: 4 },
];
const SHAPES_LARGE: { chains: number; rows: number }[] = [
  { chains: 4, rows: 1 },
  { chains: 1, rows: 1 },
];
/** Statements per element above which a cluster counts as large. */
const LARGE = 12;

/**
 * The per-element body for chain q on row i + p (lane l): η from `e{l}`, the
 * product's adjoint summed into `r{l}`, the value into `acc{q}`.
 */
function bodyFor(src: ClusterSource, index: number, q: number, p: number, l: number, withGradient: boolean): string {
  const rename = (t: string) => {
    const named = t
      .replace(/\b(v|g|pu|pe|pd)(\d+)\b/g, `$1$2_${l}`)
      .split(`gx${index}[o] += `)
      .join(`r${l} += `)
      .split(`x${index}[o]`)
      .join(`e${l}`);
    return p === 0 ? named : named.split('[i]').join(`[i + ${p}]`);
  };
  const out = src.statements.map(rename);
  out.push(`acc${q} += v${src.root}_${l};`);
  if (withGradient) out.push(...src.lines.map(rename));
  return out.join('\n      ');
}

/**
 * Factories (taking the kernels, as fuse.ts's) of two functions
 * `(xs, y, G, c0, c1, n, A, B, gB, k)`: forward only (G, gB unused) and
 * forward with gradient (the cluster's adjoint is G; adds into gB).
 */
export function generateMatvec(
  src: ClusterSource,
  index: number,
  label: string,
): { forward: Function; both: Function } {
  const make = (withGradient: boolean) => {
    /** One iteration over `rows` rows of A for `width` chains. */
    const rowStep = (width: number, rows: number) => {
      const lanes: { q: number; p: number; l: number }[] = [];
      for (let p = 0; p < rows; p++) for (let q = 0; q < width; q++) lanes.push({ q, p, l: p * width + q });
      const per = (f: (x: { q: number; p: number; l: number }) => string, sep = ' ') => lanes.map(f).join(sep);
      const rowsOf = Array.from({ length: rows }, (_, p) => p);
      return `
      ${per(({ l }) => `let e${l} = 0;`)}
      for (let j = 0; j < k; j++) {
        ${rowsOf.map((p) => `const a${p} = A[ai + ${p} * k + j];`).join(' ')}
        ${per(({ q, p, l }) => `e${l} += a${p} * B[b${q} + j];`)}
      }
      ${withGradient ? per(({ l }) => `let r${l} = 0;`) : ''}
      ${per(({ q, p, l }) => bodyFor(src, index, q, p, l, withGradient), '\n      ')}
      ${
        withGradient
          ? `for (let j = 0; j < k; j++) {
        ${rowsOf.map((p) => `const a${p} = A[ai + ${p} * k + j];`).join(' ')}
        ${Array.from({ length: width }, (_, q) => `gB[b${q} + j] += ${rowsOf.map((p) => `a${p} * r${p * width + q}`).join(' + ')};`).join(' ')}
      }`
          : ''
      }`;
    };
    const block = ({ chains: width, rows }: { chains: number; rows: number }) => {
      const qs = Array.from({ length: width }, (_, q) => q);
      const per = (f: (q: number) => string) => qs.map(f).join(' ');
      return `
    ${per((q) => `const b${q} = (c + ${q}) * k;`)}
    ${per((q) => `let acc${q} = 0;`)}
    let i = 0;
    ${
      rows > 1
        ? `for (; i + ${rows} <= n; i += ${rows}) {
      const ai = i * k;${rowStep(width, rows)}
    }`
        : ''
    }
    for (; i < n; i++) {
      const ai = i * k;${rowStep(width, 1)}
    }
    ${per((q) => `y[c + ${q}] = acc${q};`)}`;
    };
    const shapes = src.statements.length + src.lines.length > LARGE ? SHAPES_LARGE : SHAPES;
    const body = `${src.prelude}
const gs = G;
let c = c0;
${shapes
  .map(
    (shape) => `for (; c + ${shape.chains} <= c1; c += ${shape.chains}) {${block(shape)}
}`,
  )
  .join('\n')}`;
    return new Function(...src.envNames, `${label}\nreturn function (xs, y, G, c0, c1, n, A, B, gB, k) {\n${body}\n};`);
  };
  return { forward: make(false), both: make(true) };
}
