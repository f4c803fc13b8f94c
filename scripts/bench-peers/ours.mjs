/**
 * langevin's mala on M2 or M4 with the defaults the peers get (4 chains,
 * 1000 warm-up, 1000 draws, seed 1, backend chosen by auto), via the
 * bench's own measurement (dist/bench/ess.js). Prints one JSON line.
 * Usage: node ours.mjs M2|M4 [sampler]   (default mala; nuts for the side-by-side with Stan)
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { loadModels } = await import(join(root, 'dist', 'bench', 'models.js'));
const { samplerEss } = await import(join(root, 'dist', 'bench', 'ess.js'));
const { chooseBackend } = await import(join(root, 'dist', 'src', 'backends', 'select.js'));
const { lowerToGraph } = await import(join(root, 'dist', 'src', 'compile', 'compile.js'));
const bench = loadModels().find((m) => m.name === process.argv[2]);
const backend = chooseBackend(lowerToGraph(bench.source, bench.data), 4);
console.log(JSON.stringify(await samplerEss(bench, backend, process.argv[3] ?? 'mala')));
