/**
 * langevin: the library API. `compile` turns model text (Stan subset) and
 * data into a batched potential with gradients; `sampleModel` runs a
 * sampler on it; `compareSamplers` runs several. No function here does I/O.
 */
export { compile } from './compile/compile.js';
export { sampleModel } from './inference/sample-model.js';
export { compareSamplers } from './inference/compare.js';
// split runs (--chain-ids) and worker threads
export { checkMergeable, mergeRuns } from './inference/merge-runs.js';
export type { MergeInput, MergedRun } from './inference/merge-runs.js';
export { formatSplitRecord, parseSplitRecord, settingsOf, SPLIT_FORMAT } from './inference/split-record.js';
export type { SplitRecord, RunSettings } from './inference/split-record.js';
export { availableCores } from './parallel/cores.js';
export { webWorkerPort } from './parallel/spawn.js';
export type { WebWorkerLike } from './parallel/spawn.js';
export type { SpawnWorker, WorkerPort, ChainTask, RowBatch } from './parallel/protocol.js';
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
export {
  model,
  ModelBuilder,
  Expression,
  IndexSpec,
  v,
  c,
  call,
  callConditional,
  ifElse,
  arrayOf,
  rowVectorOf,
  all,
  range,
  toExpr,
  StanType,
  int,
  real,
  vector,
  rowVector,
  matrix,
  simplex,
  ordered,
  positiveOrdered,
  unitVector,
  choleskyFactorCorr,
  choleskyFactorCov,
  covMatrix,
  corrMatrix,
  array,
  Distribution,
  dist,
  normal,
  studentT,
  cauchy,
  doubleExponential,
  logistic,
  lognormal,
  exponential,
  gamma,
  invGamma,
  beta,
  uniform,
  chiSquare,
  weibull,
  multiNormal,
  multiNormalCholesky,
  dirichlet,
  bernoulli,
  bernoulliLogit,
  binomial,
  binomialLogit,
  poisson,
  poissonLog,
  negBinomial2,
  categorical,
  exp,
  log,
  sqrt,
  square,
  abs,
  log1p,
  expm1,
  log1m,
  invLogit,
  logit,
  logInvLogit,
  lgamma,
  tanh,
  sin,
  cos,
  pow,
  fmin,
  fmax,
  sum,
  mean,
  sd,
  variance,
  prod,
  min,
  max,
  size,
  rows,
  cols,
  toVector,
  cumulativeSum,
  dotSelf,
  dotProduct,
  repVector,
  logSumExp,
  logMix,
  pi,
  decl,
  assign,
  sample,
  target,
  potential,
  forRange,
  forEach,
  ifThen,
  stanExpr,
  stanStatements,
} from './builder/index.js';
export type { ExprLike, IndexLike, Body, Stmt } from './builder/index.js';
// Annealed Langevin and scores. Nothing here loads tfjs: `trainScore` loads
// it on its first call, and the tfjs-backed score API (ScoreNetwork,
// parseScore, scoreFromJson, scoreToJson, serializeScore) is `langevin/score`.
export { trainScore } from './score/train-lazy.js';
export type { TrainScoreOptions, TrainScoreResult, EpochReport, BatchProgress } from './score/train.js';
export type { ScoreNetwork, ScoreArchitecture, ScoreNetworkSpec, ScoreNormalization } from './score/network.js';
export type { ScoreJson } from './score/score-json.js';
export { ACTIVATIONS, SCORE_FORMAT, SCORE_VERSION, type Activation } from './score/format.js';
export { scoreModel, isScoreModel, type ScoreModel } from './score/score-model.js';
export { smoothedScore, type SmoothedScoreEstimator } from './score/smoothed-score.js';
export {
  annealingSchedule,
  geometricLevels,
  runAnnealedLangevin,
  type AnnealingLevel,
  type ScoreFunction,
} from './samplers/annealed.js';
export { runAnnealed } from './inference/annealed-run.js';
export { referenceEnergyDistance } from './inference/reference-distance.js';
export { parsePointsCsv, formatPointsCsv, type PointTable } from './io/points-csv.js';
// The rest of the model API that docs/api.md describes: the f64 compile
// without await, lowering without a backend, and a seeded rng for
// `generate`; StanModel is what compile returns (BridgeStan's API).
export { compileSync, lowerSource, lowerToGraph } from './compile/compile.js';
export type { CompileOptions } from './compile/compile.js';
export { lower } from './compile/lower.js';
export type { LoweredModel, LowerOptions } from './compile/lower.js';
export { createRng } from './random/streams.js';
export type { Rng } from '../stdlib/types.js';
export type { StanModel, DensityHessian } from './model/types.js';
