/**
 * Parse + check + lower + backend compile time of each model: the median
 * of several compiles after one untimed compile (module loading, JIT).
 * The tfjs backend's one-off start (wasm instantiation) is timed apart.
 */
import { compile } from '../src/compile/compile.js';
import type { BackendName } from '../src/model/types.js';
import type { BenchModel } from './models.js';
import { median } from './timing.js';

export async function compileMs(bench: BenchModel, backend: BackendName, repetitions = 5): Promise<number> {
  const once = async (): Promise<number> => {
    const t0 = performance.now();
    const model = await compile(bench.source, { data: bench.data, backend, file: bench.file });
    const ms = performance.now() - t0;
    model.dispose();
    return ms;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) times.push(await once());
  return median(times);
}

/** Wall time of the first tfjs compile in this process (tfjs and wasm start-up included). */
export async function tfjsStartupMs(bench: BenchModel): Promise<number> {
  const t0 = performance.now();
  const model = await compile(bench.source, { data: bench.data, backend: 'tfjs', file: bench.file });
  const ms = performance.now() - t0;
  model.dispose();
  return ms;
}
