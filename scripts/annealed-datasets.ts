/**
 * The 2-d data sets of the annealed examples, drawn from seeded streams:
 * two moons, a ring of 8 Gaussians and a checkerboard (as in the score
 * matching and normalising-flow literature).
 */
import { deriveStream } from '../src/random/streams.js';
import type { Stream } from '../src/random/xoshiro.js';

export type DatasetName = 'two-moons' | 'ring8' | 'checkerboard';
export const DATASETS: readonly DatasetName[] = ['two-moons', 'ring8', 'checkerboard'];

/** n points (row-major n × 2) of the named data set. */
export function generateDataset(name: DatasetName, n: number, seed: number): Float64Array {
  const stream = deriveStream(seed, 'dataset', name);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [x, y] = DRAW[name](stream);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}

const DRAW: Record<DatasetName, (s: Stream) => [number, number]> = {
  // Two interleaved half circles of radius 1 (scikit-learn's make_moons), noise sd 0.05, scaled by 2.
  'two-moons': (s) => {
    const t = Math.PI * s.uniform();
    const upper = s.uniform() < 0.5;
    const x = upper ? Math.cos(t) : 1 - Math.cos(t);
    const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    return [2 * (x - 0.5 + 0.05 * s.normal()), 2 * (y - 0.25 + 0.05 * s.normal())];
  },
  // Eight Gaussians of sd 0.2 equally spaced on the circle of radius 4.
  ring8: (s) => {
    const k = Math.floor(8 * s.uniform());
    const angle = (k * Math.PI) / 4;
    return [4 * Math.cos(angle) + 0.2 * s.normal(), 4 * Math.sin(angle) + 0.2 * s.normal()];
  },
  // Uniform on the 8 black squares (side 2) of a 4 × 4 board on [−4, 4]².
  checkerboard: (s) => {
    const x = -4 + 8 * s.uniform();
    const row = Math.floor(4 * s.uniform());
    const column = Math.floor((x + 4) / 2);
    // Black squares: row + column even; pick the row's y within it.
    const yRow = row - (row % 2) + (column % 2 === 0 ? 0 : 1);
    const y = -4 + 2 * yRow + 2 * s.uniform();
    return [x, y];
  },
};
