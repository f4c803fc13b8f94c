/**
 * The value of a scan for one chain, by running its body step after step
 * through the Float64 kernels (constant folding; the f64 backend has its
 * own batched, differentiated version in src/backends/f64/scan.ts).
 */
import { InternalError } from '../errors.js';
import { nodeStep } from '../math/node-step.js';
import { shapeSize, type DensityGraph } from './ops.js';

/** The body's output at the packed parameter vector x (one chain, forward only). */
export function evaluateGraph(graph: DensityGraph, x: Float64Array): Float64Array {
  const values: Float64Array[] = [];
  for (const node of graph.nodes) {
    const size = shapeSize(node.shape);
    switch (node.kind) {
      case 'constant':
        values.push(node.value);
        continue;
      case 'param':
        values.push(x.slice(node.offset, node.offset + size));
        continue;
      case 'noise':
        values.push(Float64Array.of(0));
        continue;
      case 'reshape':
        values.push(values[node.inputs[0]]);
        continue;
      case 'scan': {
        const ins = node.inputs.map((i) => values[i]);
        values.push(evaluateScan(node.body, node.length, ins, node.sequences));
        continue;
      }
      default: {
        const out = new Float64Array(size);
        const inputs = node.inputs.map((i) => ({
          value: values[i],
          shape: graph.nodes[i].shape,
          batched: true,
          grad: null,
        }));
        nodeStep(node, inputs, out, null).forward(0, 1);
        values.push(out);
      }
    }
  }
  return values[graph.output];
}

/** Stacked carries of a scan whose inputs ([init, ...sequences, ...closures]) are known. */
export function evaluateScan(
  body: DensityGraph,
  length: number,
  inputs: Float64Array[],
  sequences: number,
): Float64Array {
  const init = inputs[0];
  const cs = init.length;
  const x = new Float64Array(body.dim);
  let at = cs;
  const slices: { value: Float64Array; at: number; size: number }[] = [];
  for (let s = 1; s <= sequences; s++) {
    const size = inputs[s].length / length;
    slices.push({ value: inputs[s], at, size });
    at += size;
  }
  for (let c = 1 + sequences; c < inputs.length; c++) {
    x.set(inputs[c], at);
    at += inputs[c].length;
  }
  if (at !== body.dim) throw new InternalError(`scan: inputs give ${at} values, the body reads ${body.dim}`);
  const out = new Float64Array(length * cs);
  x.set(init, 0);
  for (let t = 0; t < length; t++) {
    for (const s of slices) x.set(s.value.subarray(t * s.size, (t + 1) * s.size), s.at);
    const next = evaluateGraph(body, x);
    out.set(next, t * cs);
    x.set(next, 0);
  }
  return out;
}
