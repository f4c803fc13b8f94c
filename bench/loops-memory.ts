/**
 * Child process of the loop bench: compile the loop form of one model of
 * loop-models.ts at size N and evaluate 50 gradients at 4 chains; print
 * the process's peak resident set size as one JSON line. Arguments: model
 * name, N.
 */
import { compileSync } from '../src/compile/compile.js';
import { LOOP_MODELS } from './loop-models.js';

const [name, n] = process.argv.slice(2);
const m = LOOP_MODELS.find((x) => x.name === name);
if (!m) {
  console.error(`unknown model '${name}'`);
  process.exit(1);
}
const model = compileSync(m.loop, { data: m.data(Number(n)), backend: 'f64' });
const x = Float64Array.from({ length: model.dim * 4 }, (_, i) => 0.1 * Math.sin(i + 1));
for (let s = 0; s < 50; s++) model.logDensityAndGradient(x, 4);
// maxRSS is in kilobytes: the peak over the whole life of this process
console.log(
  JSON.stringify({
    model: name,
    n: Number(n),
    peak_rss_mb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
  }),
);
