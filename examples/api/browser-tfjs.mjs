// langevin/browser: the library API plus the choice of tfjs backend. In a
// browser initTfjs() picks webgpu, webgl, wasm or cpu; here, in Node, cpu.
// Run it yourself after `npm run build`: node examples/api/browser-tfjs.mjs
import { compile, initTfjs } from 'langevin/browser';

const backend = await initTfjs('cpu');
console.log(backend); // → cpu

// a model on the tfjs backend (float32): the gradient of N(1, 2) at mu = 0
const model = await compile('parameters { real mu; } model { mu ~ normal(1, 2); }', { backend: 'tfjs' });
const { gradient } = model.logDensityAndGradient(new Float64Array([0]), 1);
console.log(model.backend, gradient[0]); // → tfjs 0.25
model.dispose();
