/**
 * langevin: the library API. `compile` turns model text (Stan subset) and
 * data into a batched potential with gradients; `sampleModel` runs a
 * sampler on it; `compareSamplers` runs several. No function here does I/O.
 */
export { compile } from './compile/compile.js';
export { sampleModel } from './inference/sample-model.js';
export { compareSamplers } from './inference/compare.js';
export type { Comparison, ComparisonRow } from './inference/compare.js';
export type { Fit, SampleModelOptions, SamplerName, AnnealingOptions } from './inference/types.js';
export type {
  LangevinModel,
  Potential,
  ModelData,
  DataValue,
  BackendChoice,
  BackendName,
  ParameterInfo,
  LogDensityAndGradient,
  EvalOptions,
} from './model/types.js';
export type { SummaryJson, ParameterSummary, ChainInfoSummary } from './io/summary-json.js';
export { LangevinError, InternalError, renderDiagnostic, renderDiagnostics } from './errors.js';
export type { Diagnostic } from './errors.js';
export { parse } from './language/parse.js';
export { check } from './check/check.js';
export { parseStanJson } from './io/stan-json.js';
export * from './builder/index.js';
export * from './score/index.js';
