// A score network from points, end to end: train it, save and load it,
// and sample with annealed Langevin from it (docs/annealed.md). Small
// settings so it runs in seconds; the examples test (test/docs) runs it.
// Run it yourself after `npm run build`: node examples/api/score-network.mjs
import { isScoreModel, parsePointsCsv, runAnnealed, sampleModel, scoreModel, trainScore } from 'langevin';
import { parseScore, scoreFromJson, scoreToJson, serializeScore } from 'langevin/score';

// 400 points of a 2-d mixture, ±2 on the first axis
const rows = Array.from({ length: 400 }, (_, i) => {
  const centre = i % 2 === 0 ? -2 : 2;
  const u = ((i * 0.618034) % 1) * 2 * Math.PI;
  return `${centre + 0.3 * Math.cos(u)},${0.3 * Math.sin(u)}`;
});
const points = parsePointsCsv(['x,y', ...rows].join('\n'), 'mixture.csv');

// trainScore: denoising score matching over geometric noise levels (loads tfjs on first use)
const { net } = await trainScore(points.points, points.n, points.dim, {
  epochs: 3,
  hidden: [16, 16],
  levels: 4,
  seed: 1,
});
console.log(net.dim, net.sigmaMax > net.sigmaMin); // → 2 true

// serializeScore / parseScore: the score file as text, and back
const text = serializeScore(net, { data: 'mixture.csv' });
const loaded = parseScore(text, 'mixture.score.json');
console.log(loaded.dim, loaded.spec.architecture.hidden); // → 2 [ 16, 16 ]

// scoreToJson / scoreFromJson: the same as a JSON value
const json = scoreToJson(net);
console.log(json.format === JSON.parse(text).format, scoreFromJson(json).dim); // → true 2

// scoreModel: the network as a model whose gradient is the score at σ
const model = scoreModel(loaded);
console.log(isScoreModel(model), model.dim); // → true 2

// runAnnealed (or sampleModel with sampler 'annealed'): particles through the levels
const annealing = { score: loaded, levels: 4, stepsPerLevel: 20 };
const fit = await runAnnealed(model, { sampler: 'annealed', chains: 50, seed: 1, annealing });
console.log(fit.summary.sampler, fit.summary.parameters.length); // → annealed 2
const again = await sampleModel(model, { sampler: 'annealed', chains: 50, seed: 1, annealing });
console.log(again.summary.parameters[0].mean === fit.summary.parameters[0].mean); // → true
