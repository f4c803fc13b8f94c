/**
 * `langevin check MODEL [--data FILE]`: parse, type-check and (with data)
 * compile the model; print its parameters and data, or the diagnostics.
 */
import type { Command } from 'commander';
import { parse } from '../../language/parse.js';
import { check } from '../../check/check.js';
import { describeDeclarations } from '../../check/summary.js';
import { lowerSource } from '../../compile/compile.js';
import { printLoops } from '../../compile/loop-report.js';
import { printGraph } from '../../ir/print.js';
import { readDataFile, readTextFile } from '../../io/data-file.js';
import type { DataValue, ModelData } from '../../model/types.js';
import { formatTable } from '../../report/table.js';
import type { CliIO } from '../io.js';
import { loadModel, missingData, resolvePath } from '../load-model.js';
import { addLimitOptions, applyLimitOptions, type RawLimitOptions } from '../limit-options.js';

export function registerCheck(program: Command, io: CliIO, sources: Record<string, string>): void {
  const command = program
    .command('check')
    .description('parse and check MODEL (and its data); print parameters and data')
    .argument('<model>', 'Stan-language model file')
    .option('--data <file>', 'Stan JSON data file')
    .option('--debug-ast', 'print the abstract syntax tree')
    .option('--debug-ir', 'print the density IR (needs the data)');
  addLimitOptions(command).action(
    async (modelPath: string, raw: { data?: string; debugAst?: boolean; debugIr?: boolean } & RawLimitOptions) => {
      applyLimitOptions(raw);
      const source = readTextFile(resolvePath(io, modelPath), 'model file');
      sources[modelPath] = source;
      const program = parse(source, modelPath);
      if (raw.debugAst) io.stdout.write(JSON.stringify(program, withoutSpans, 2) + '\n');
      const checked = check(program, modelPath);
      const declarations = describeDeclarations(checked);
      const dataNames = declarations.filter((d) => d.block === 'data').map((d) => d.name);
      if (raw.data === undefined && dataNames.length > 0) {
        // Without data: type-check only; sizes stay symbolic (docs/cli.md).
        if (raw.debugIr) throw missingData(modelPath, dataNames, '--debug-ir needs the data: ');
        printTypeChecked(io, modelPath, declarations);
        return;
      }
      let data: ModelData = {};
      if (raw.data !== undefined) {
        const file = readDataFile(resolvePath(io, raw.data));
        sources[raw.data] = file.text;
        data = file.data;
      }
      // Compiling binds and validates the data and resolves every size.
      const loaded = await loadModel(io, sources, modelPath, raw.data, 'f64');
      const shapes = new Map(loaded.model.parameters.map((p) => [p.name, p.shape]));
      loaded.model.dispose();
      if (raw.debugIr) {
        const lowered = lowerSource(source, { data, file: modelPath, dataFile: raw.data });
        const loops = printLoops(lowered.loops);
        io.stdout.write(printGraph(lowered.graph) + '\n' + (loops ? loops + '\n' : ''));
      }
      const paramRows = declarations
        .filter((d) => d.block !== 'data' && d.block !== 'transformed data')
        .map((d) => [d.name, d.block, d.type, formatShape(shapes.get(d.name)), d.constraint ?? '']);
      io.stdout.write(`${modelPath}: ok (${loaded.model.dim} unconstrained dimensions)\n\n`);
      if (paramRows.length > 0) {
        io.stdout.write(formatTable(['parameter', 'block', 'type', 'shape', 'constraint'], paramRows) + '\n');
      }
      const dataRows = declarations
        .filter((d) => d.block === 'data')
        .map((d) => [d.name, d.type, formatShape(dataShape(data[d.name])), d.constraint ?? '']);
      if (dataRows.length > 0) {
        io.stdout.write('\n' + formatTable(['data', 'type', 'shape', 'constraint'], dataRows) + '\n');
      }
    },
  );
}

function printTypeChecked(io: CliIO, modelPath: string, declarations: ReturnType<typeof describeDeclarations>): void {
  const names = declarations.filter((d) => d.block === 'data').map((d) => d.name);
  io.stdout.write(
    `${modelPath}: ok (type-checked; give --data FILE to check the data ${names.join(', ')} and resolve sizes)\n`,
  );
  const paramRows = declarations
    .filter((d) => d.block !== 'data' && d.block !== 'transformed data')
    .map((d) => [d.name, d.block, d.type, d.constraint ?? '']);
  if (paramRows.length > 0)
    io.stdout.write('\n' + formatTable(['parameter', 'block', 'type', 'constraint'], paramRows) + '\n');
  const dataRows = declarations.filter((d) => d.block === 'data').map((d) => [d.name, d.type, d.constraint ?? '']);
  io.stdout.write('\n' + formatTable(['data', 'type', 'constraint'], dataRows) + '\n');
}

function withoutSpans(key: string, value: unknown): unknown {
  return key === 'span' || key === 'nameSpan' || key === 'variableSpan' || key === 'distributionSpan'
    ? undefined
    : value;
}

function formatShape(shape: number[] | undefined): string {
  if (shape === undefined) return '';
  return shape.length === 0 ? 'scalar' : `[${shape.join(', ')}]`;
}

function dataShape(value: DataValue | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const shape: number[] = [];
  let v: DataValue = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0]!;
  }
  return shape;
}
