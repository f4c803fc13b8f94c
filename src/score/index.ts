/** Score networks, denoising score matching, smoothed scores, the annealed sampler's pieces. */
export { ScoreNetwork, ACTIVATIONS, type Activation, type ScoreArchitecture, type ScoreNetworkSpec, type ScoreNormalization } from './network.js';
export { parseScore, scoreFromJson, scoreToJson, serializeScore, SCORE_FORMAT, SCORE_VERSION, type ScoreJson } from './score-json.js';
export { trainScore, type TrainScoreOptions, type TrainScoreResult, type EpochReport, type BatchProgress } from './train.js';
export { scoreModel, isScoreModel, type ScoreModel } from './score-model.js';
export { smoothedScore, type SmoothedScoreEstimator } from './smoothed-score.js';
export { annealingSchedule, geometricLevels, runAnnealedLangevin, type AnnealingLevel, type ScoreFunction } from '../samplers/annealed.js';
export { runAnnealed } from '../inference/annealed-run.js';
export { referenceEnergyDistance } from '../inference/reference-distance.js';
export { parsePointsCsv, formatPointsCsv, type PointTable } from '../io/points-csv.js';
