/**
 * The `langevin/score` entry: score networks (tfjs), score files, denoising
 * score matching, smoothed scores and the annealed sampler's pieces.
 * Importing it loads tfjs; `import 'langevin'` does not (it exports the
 * tfjs-free names below and a `trainScore` that loads tfjs on first call).
 */
export { ScoreNetwork, type ScoreArchitecture, type ScoreNetworkSpec, type ScoreNormalization } from './network.js';
export { ACTIVATIONS, SCORE_FORMAT, SCORE_VERSION, type Activation } from './format.js';
export { parseScore, scoreFromJson, scoreToJson, serializeScore, type ScoreJson } from './score-json.js';
export {
  trainScore,
  type TrainScoreOptions,
  type TrainScoreResult,
  type EpochReport,
  type BatchProgress,
} from './train.js';
export { scoreModel, isScoreModel, type ScoreModel } from './score-model.js';
export { smoothedScore, type SmoothedScoreEstimator } from './smoothed-score.js';
export {
  annealingSchedule,
  geometricLevels,
  runAnnealedLangevin,
  type AnnealingLevel,
  type ScoreFunction,
} from '../samplers/annealed.js';
export { parsePointsCsv, formatPointsCsv, type PointTable } from '../io/points-csv.js';
