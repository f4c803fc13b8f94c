/**
 * The score file: one self-contained JSON document (architecture, noise
 * levels, normalisation, weights) that loads in Node and in a browser.
 * Weights are little-endian float32 in base64 (atob/btoa exist in both).
 */
import { LangevinError } from '../errors.js';
import { SCORE_FORMAT, SCORE_VERSION } from './format.js';
import { ScoreNetwork, type ScoreNetworkSpec } from './network.js';

export { SCORE_FORMAT, SCORE_VERSION };

export interface ScoreWeightJson {
  shape: number[];
  dtype: 'float32';
  /** base64 of the little-endian float32 values. */
  data: string;
}

export interface ScoreJson extends ScoreNetworkSpec {
  format: typeof SCORE_FORMAT;
  version: number;
  /** Free-form facts about training (data file, seed, epochs, losses). */
  training?: Record<string, unknown>;
  weights: ScoreWeightJson[];
}

/**
 * The JSON value of a score file: format, version, architecture, normalisation, training facts and float32 weights (base64).
 * @example
 * examples/api/score-network.mjs (run by test/docs/examples.test.ts) trains a small network, saves and loads it, and samples from it:
 * `node examples/api/score-network.mjs` after `npm run build`.
 */
export function scoreToJson(net: ScoreNetwork, training?: Record<string, unknown>): ScoreJson {
  const shapes = ScoreNetwork.weightShapes(net.spec.architecture);
  return {
    format: SCORE_FORMAT,
    version: SCORE_VERSION,
    architecture: net.spec.architecture,
    sigmas: net.spec.sigmas,
    normalization: net.spec.normalization,
    ...(training ? { training } : {}),
    weights: net.weights().map((w, i) => ({ shape: shapes[i]!, dtype: 'float32' as const, data: encodeFloat32(w) })),
  };
}

/**
 * The text of a score file (`scoreToJson` as one line of JSON).
 * @example
 * examples/api/score-network.mjs (run by test/docs/examples.test.ts) trains a small network, saves and loads it, and samples from it:
 * `node examples/api/score-network.mjs` after `npm run build`.
 */
export function serializeScore(net: ScoreNetwork, training?: Record<string, unknown>): string {
  return JSON.stringify(scoreToJson(net, training)) + '\n';
}

/**
 * Parse a score file's text; `file` names it in error messages.
 * @example
 * examples/api/score-network.mjs (run by test/docs/examples.test.ts) trains a small network, saves and loads it, and samples from it:
 * `node examples/api/score-network.mjs` after `npm run build`.
 */
export function parseScore(text: string, file = 'score file'): ScoreNetwork {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LangevinError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return scoreFromJson(json, file);
}

/**
 * A score network from the JSON value of a score file (`scoreToJson`); `file` names it in error messages.
 * @example
 * examples/api/score-network.mjs (run by test/docs/examples.test.ts) trains a small network, saves and loads it, and samples from it:
 * `node examples/api/score-network.mjs` after `npm run build`.
 */
export function scoreFromJson(json: unknown, file = 'score file'): ScoreNetwork {
  const doc = json as Partial<ScoreJson> | null;
  if (typeof doc !== 'object' || doc === null || doc.format !== SCORE_FORMAT) {
    throw new LangevinError(`${file}: not a langevin score file (expected "format": "${SCORE_FORMAT}")`);
  }
  if (doc.version !== SCORE_VERSION) {
    throw new LangevinError(
      `${file}: score file version ${String(doc.version)} is not supported (expected ${SCORE_VERSION})`,
    );
  }
  if (!doc.architecture || !doc.normalization || !Array.isArray(doc.sigmas) || !Array.isArray(doc.weights)) {
    throw new LangevinError(`${file}: missing architecture, sigmas, normalization or weights`);
  }
  const spec: ScoreNetworkSpec = {
    architecture: doc.architecture,
    sigmas: doc.sigmas,
    normalization: doc.normalization,
  };
  try {
    const weights = doc.weights.map((w) => {
      if (typeof w?.data !== 'string' || w.dtype !== 'float32')
        throw new LangevinError('weights must be float32 base64');
      return decodeFloat32(w.data);
    });
    return ScoreNetwork.fromWeights(spec, weights);
  } catch (error) {
    if (error instanceof LangevinError) throw new LangevinError(`${file}: ${error.message}`);
    throw error;
  }
}

function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function decodeFloat32(data: string): Float32Array {
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    throw new LangevinError('weights are not valid base64');
  }
  if (binary.length % 4 !== 0) throw new LangevinError('weights are not whole float32 values');
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
