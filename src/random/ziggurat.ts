/**
 * Tables of the 256-layer ziggurat for the standard normal (Marsaglia and
 * Tsang 2000, with the 52-bit variant numpy uses: the layer index, the sign
 * and the abscissa come from disjoint bits, which avoids the correlations of
 * the 32-bit original).
 *
 * Layer i ≥ 1 is the rectangle [0, x_i] × [f(x_i), f(x_{i+1})] with
 * f(x) = exp(−x²/2), x_1 = R and x_256 = 0; layer 0 is [0, R] × [0, f(R)]
 * plus the tail beyond R, drawn with pseudo-width x_0 = V/f(R). Every layer
 * has area V.
 */

export const ZIGGURAT_LAYERS = 256;
/** Right edge of the base layer: the tail starts here. */
export const ZIGGURAT_R = 3.6541528853610088;
/** Area of each layer. */
const V = 0.00492867323399;
/** The abscissa is drawn as an integer in [0, 2^52). */
const SCALE = 2 ** 52;

const density = (x: number): number => Math.exp(-0.5 * x * x);

/** Layer widths x_0 … x_256. */
const edges = new Float64Array(ZIGGURAT_LAYERS + 1);
edges[0] = V / density(ZIGGURAT_R);
edges[1] = ZIGGURAT_R;
for (let i = 1; i < ZIGGURAT_LAYERS - 1; i++) {
  edges[i + 1] = Math.sqrt(-2 * Math.log(V / edges[i] + density(edges[i])));
}
edges[ZIGGURAT_LAYERS] = 0;

/** Integer threshold under which a draw of layer i lies inside the curve for sure. */
export const ZIGGURAT_K = new Float64Array(ZIGGURAT_LAYERS);
/** Layer width / 2^52: multiplies the 52-bit integer to give the abscissa. */
export const ZIGGURAT_W = new Float64Array(ZIGGURAT_LAYERS);
/** f(x_i), i = 0 … 256 (f(x_0) unused). */
export const ZIGGURAT_F = new Float64Array(ZIGGURAT_LAYERS + 1);

for (let i = 0; i < ZIGGURAT_LAYERS; i++) {
  ZIGGURAT_K[i] = Math.floor((edges[i + 1] / edges[i]) * SCALE);
  ZIGGURAT_W[i] = edges[i] / SCALE;
}
for (let i = 0; i <= ZIGGURAT_LAYERS; i++) ZIGGURAT_F[i] = density(edges[i]);

/** Exposed for tests: the top layer must close the ziggurat (area V). */
export function topLayerArea(): number {
  const x = edges[ZIGGURAT_LAYERS - 1];
  return x * (1 - density(x));
}
export const ZIGGURAT_AREA = V;
