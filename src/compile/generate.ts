/**
 * `constrain` and `generate`. The constrained parameters and transformed
 * parameters are computed for all chains at once by a second f64 tape (the
 * "values graph", see `valuesGraph`); generated quantities, which may draw
 * random numbers, rerun the interpreter eagerly per position with those
 * values as constants. Output is in CmdStan's order: variables in
 * declaration order, each column-major.
 */
import { findBlock, type Program, type Span, type Stmt } from '../language/ast.js';
import type { DensityGraph, Val } from '../ir/ops.js';
import { shapeSize } from '../ir/ops.js';
import type { GraphBuilder } from '../ir/graph.js';
import { compileF64, type F64Evaluator } from '../backends/f64/tape.js';
import type { Rng } from '../../stdlib/types.js';
import { InternalError } from '../errors.js';
import { EagerOps } from './eager-ops.js';
import { columnMajorOrder } from './names.js';
import { runGenerated, type Prepared } from './run.js';

/**
 * A graph whose gradient holds the values: with extra coordinates p (one
 * per value v_i, after the model's own), output = Σ p_i v_i, so
 * ∂output/∂p_i = v_i. Built in the density's builder after its graph is
 * finished, sharing the traced nodes.
 */
export function valuesGraph(builder: GraphBuilder, dim: number, values: Val[]): { graph: DensityGraph; width: number } {
  const width = values.reduce((n, v) => n + shapeSize(v.shape), 0);
  if (width === 0) return { graph: builder.finish(builder.constant(0), { dim }), width };
  const flat = builder.concat(values, [width]);
  const weights = builder.param(dim, [width]);
  const output = builder.reduce('sum', builder.binary('mul', weights, flat));
  return { graph: builder.finish(output, { dim: dim + width }), width };
}

/**
 * Where each generated quantity gets its value: the last statement in the
 * block (in source order) that assigns it, or its declaration's initialiser,
 * as "file:line:col". A generated quantity that is NaN while every parameter
 * is finite is the model's arithmetic, and the warning names this statement
 * instead of the sampler. Names assigned nowhere (a bare declaration) are
 * left out.
 */
export function generatedSources(program: Program, file: string, names: readonly string[]): Map<string, string> {
  const wanted = new Set(names);
  const spans = new Map<string, Span>();
  const visit = (stmt: Stmt): void => {
    switch (stmt.kind) {
      case 'VarDecl':
        if (stmt.init && wanted.has(stmt.name)) spans.set(stmt.name, stmt.span);
        return;
      case 'Assign':
        if (wanted.has(stmt.name)) spans.set(stmt.name, stmt.span);
        return;
      case 'For':
      case 'ForEach':
      case 'While':
        visit(stmt.body);
        return;
      case 'If':
        visit(stmt.then);
        if (stmt.otherwise) visit(stmt.otherwise);
        return;
      case 'Block':
        stmt.body.forEach(visit);
        return;
      default:
        return;
    }
  };
  findBlock(program, 'generated quantities')?.body.forEach(visit);
  const out = new Map<string, string>();
  for (const [name, span] of spans) out.set(name, `${file}:${span.start.line}:${span.start.column}`);
  return out;
}

interface Slot {
  name: string;
  shape: number[];
  /** Offset of the row-major values in the values graph's extra coordinates. */
  offset: number;
  size: number;
  order: Int32Array;
}

export class Generator {
  /** Compiled on first use: many callers never constrain. */
  private tape: F64Evaluator | undefined;
  private readonly slots: Slot[];
  private readonly generatedSlots: Slot[];
  readonly constrainedDim: number;
  readonly outputDim: number;
  private readonly hasGenerated: boolean;
  /** Generated quantity → the statement that assigns it ("file:line:col"). */
  readonly sources: Map<string, string>;

  constructor(
    private readonly prepared: Prepared,
    private readonly graph: DensityGraph,
    private readonly width: number,
  ) {
    let offset = 0;
    const slot = (name: string, shape: number[]): Slot => {
      const size = shapeSize(shape);
      const s = { name, shape, offset, size, order: columnMajorOrder(shape) };
      offset += size;
      return s;
    };
    this.slots = [
      ...prepared.layouts.map((l) => slot(l.decl.name, l.concrete.shape)),
      ...prepared.transformed.map((t) => slot(t.decl.name, t.concrete.shape)),
    ];
    if (offset !== width) throw new InternalError(`values graph has ${width} values, expected ${offset}`);
    this.constrainedDim = prepared.layouts.reduce((n, l) => n + shapeSize(l.concrete.shape), 0);
    offset = 0;
    this.generatedSlots = prepared.generated.map((t) => slot(t.decl.name, t.concrete.shape));
    this.outputDim = width + offset;
    this.hasGenerated = findBlock(prepared.program, 'generated quantities') !== undefined;
    this.sources = generatedSources(
      prepared.program,
      prepared.file,
      prepared.generated.map((t) => t.decl.name),
    );
  }

  /** chains × width row-major values of the parameters and transformed parameters. */
  private values(x: Float64Array, chains: number): Float64Array {
    const dim = this.prepared.dim;
    if (x.length !== chains * dim) throw new InternalError(`expected ${chains} × ${dim} values, got ${x.length}`);
    const wide = dim + this.width;
    const extended = new Float64Array(chains * wide);
    for (let c = 0; c < chains; c++) extended.set(x.subarray(c * dim, (c + 1) * dim), c * wide);
    this.tape ??= compileF64(this.graph);
    const { gradient } = this.tape.logDensityAndGradient(extended, chains, 0);
    const out = new Float64Array(chains * this.width);
    for (let c = 0; c < chains; c++) out.set(gradient.subarray(c * wide + dim, (c + 1) * wide), c * this.width);
    return out;
  }

  constrain(x: Float64Array, chains: number): Float64Array {
    const values = this.values(x, chains);
    const out = new Float64Array(chains * this.constrainedDim);
    for (let c = 0; c < chains; c++) {
      let k = c * this.constrainedDim;
      for (const s of this.slots.slice(0, this.prepared.layouts.length)) {
        for (const flat of s.order) out[k++] = values[c * this.width + s.offset + flat]!;
      }
    }
    return out;
  }

  generate(x: Float64Array, chains: number, rng: Rng): Float64Array {
    const values = this.values(x, chains);
    const out = new Float64Array(chains * this.outputDim);
    for (let c = 0; c < chains; c++) {
      const row = values.subarray(c * this.width, (c + 1) * this.width);
      let k = c * this.outputDim;
      for (const s of this.slots) for (const flat of s.order) out[k++] = row[s.offset + flat]!;
      // The block runs even without outputs: it may print or reject.
      if (!this.hasGenerated) continue;
      const known = new Map(this.slots.map((s) => [s.name, row.slice(s.offset, s.offset + s.size)]));
      const generated = runGenerated(this.prepared, new EagerOps(), known, rng);
      for (const s of this.generatedSlots) {
        const v = generated.get(s.name)?.constant;
        if (!v) throw new InternalError(`generate: '${s.name}' did not evaluate to a constant`);
        for (const flat of s.order) out[k++] = v[flat]!;
      }
    }
    return out;
  }

  dispose(): void {
    this.tape?.dispose();
  }
}
