/**
 * A readable listing of a density graph, one node per line, for
 * `--debug-ir`:
 *
 *     %0 = param 0..8 : [8]
 *     %1 = constant [8] {1, 2, 3, …}
 *     %2 = binary mul %0 %1 : [8]
 *     %3 = reduce sum %2 : []
 *     output %3 (dim 8)
 */
import type { DensityGraph, IRNode, Shape } from './ops.js';
import { shapeSize, unknownNodeKind } from './ops.js';

const SHOWN_VALUES = 4;

function shapeText(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

function valuesText(value: Float64Array | undefined): string {
  if (!value) return '{}';
  const head = Array.from(value.subarray(0, SHOWN_VALUES), (v) => String(v));
  if (value.length > SHOWN_VALUES) head.push(`… ${value.length} values`);
  return `{${head.join(', ')}}`;
}

function nodeText(node: IRNode): string {
  const args = node.inputs.map((i) => `%${i}`).join(' ');
  const head = `%${node.id} =`;
  switch (node.kind) {
    case 'constant':
      return `${head} constant ${shapeText(node.shape)} ${valuesText(node.value)}`;
    case 'param': {
      const start = node.offset;
      return `${head} param ${start}..${start + shapeSize(node.shape)} : ${shapeText(node.shape)}`;
    }
    case 'noise':
      return `${head} noise : []`;
    case 'unary':
    case 'binary':
    case 'ternary':
    case 'reduce':
      return `${head} ${node.kind} ${node.op} ${args} : ${shapeText(node.shape)}`;
    case 'gather': {
      const idx = node.indices;
      const shown = Array.from(idx.subarray(0, 8)).join(',') + (idx.length > 8 ? ',…' : '');
      return `${head} gather ${args} [${shown}] : ${shapeText(node.shape)}`;
    }
    case 'scan': {
      const [init, ...rest] = node.inputs.map((i) => `%${i}`);
      const seqs = rest.slice(0, node.sequences).join(' ');
      const closures = rest.slice(node.sequences).join(' ');
      const head2 = `${head} scan ${node.length} steps, carry ${init}, sequences [${seqs}], closures [${closures}] : ${shapeText(node.shape)} {`;
      const body = printGraph(node.body)
        .split('\n')
        .map((l) => `  ${l}`);
      return [head2, ...body, '}'].join('\n');
    }
    case 'select':
    case 'matmul':
    case 'transpose':
    case 'cholesky':
    case 'triangular_solve_lower':
    case 'concat':
    case 'reshape':
    case 'fill':
      return `${head} ${node.kind} ${args} : ${shapeText(node.shape)}`;
    default:
      return unknownNodeKind(node, 'printGraph');
  }
}

/** The graph as text: every node, then the output line. */
export function printGraph(graph: DensityGraph): string {
  const lines = graph.nodes.map(nodeText);
  lines.push(`output %${graph.output} (dim ${graph.dim}${graph.readsNoise ? ', reads noise' : ''})`);
  return lines.join('\n');
}
