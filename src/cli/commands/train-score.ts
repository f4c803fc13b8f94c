/** `langevin train-score DATA.csv --out FILE`: denoising score matching on a CSV of points. */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { LangevinError } from '../../errors.js';
import { readPointsCsv } from '../../io/points-file.js';
import { writeFileOrFail } from '../../io/write-fit.js';
import { ACTIVATIONS, type Activation } from '../../score/format.js';
import type { EpochReport } from '../../score/train.js';
import { trainScore } from '../../score/train-lazy.js';
import { withInterrupt } from '../interrupt.js';
import { Interrupted } from '../interrupted.js';
import type { CliIO } from '../io.js';
import { resolvePath } from '../load-model.js';
import { nonNegativeInt, oneOf, positiveInt, positiveNumber } from '../options.js';

interface RawTrainOptions {
  out: string;
  sigmaMax?: string;
  sigmaMin?: string;
  levels?: string;
  hidden?: string;
  activation?: string;
  epochs?: string;
  batchSize?: string;
  learningRate?: string;
  learningRateDecay?: string;
  heldOut?: string;
  seed?: string;
  progress?: boolean;
}

export function registerTrainScore(program: Command, io: CliIO): void {
  program
    .command('train-score')
    .description('train a noise-conditional score network on DATA.csv by denoising score matching')
    .argument('<data>', 'CSV file: a header of column names, then one point per row')
    .requiredOption('--out <file>', 'write the trained network (one JSON file) here')
    .option('--sigma-max <x>', 'largest noise level (default: the largest distance between data points)')
    .option('--sigma-min <x>', 'smallest noise level (default: sigma-max / 100)')
    .option('--levels <L>', 'number of geometric noise levels (default 10)')
    .option('--hidden <widths>', 'hidden layer widths, e.g. 128,128,128 (the default)')
    .option('--activation <name>', `${ACTIVATIONS.join(', ')} (default swish)`)
    .option('--epochs <n>', 'passes over the training data (default 100)')
    .option('--batch-size <n>', 'examples per Adam step (default 128)')
    .option('--learning-rate <x>', "Adam's learning rate (default 0.001)")
    .option('--learning-rate-decay <kind>', 'cosine (default: down to 1% over the run) or none')
    .option('--held-out <f>', 'fraction of the data held out for the per-epoch loss (default 0.1)')
    .option('--seed <n>', 'random seed (default 1): same data, options and seed give the same network')
    .option('--no-progress', 'no progress bar')
    .action(async (dataPath: string, raw: RawTrainOptions) => {
      const options = parseTrainOptions(raw);
      const outPath = resolvePath(io, raw.out);
      const data = readPointsCsv(resolvePath(io, dataPath));
      const bar = createLossBar(io, raw.progress !== false);
      const started = performance.now();
      const result = await withInterrupt(io, (signal) =>
        trainScore(data.points, data.n, data.dim, {
          ...options,
          signal,
          onBatch: (p) => bar.update(p.done, p.total, p.loss),
          onEpoch: (e) => bar.log(formatEpoch(e, options.epochs)),
        }),
      ).finally(() => bar.stop());
      const { net } = result;
      const [{ serializeScore }, { ScoreNetwork }] = await Promise.all([
        import('../../score/score-json.js'),
        import('../../score/network.js'),
      ]);
      try {
        const info = {
          data_file: dataPath,
          columns: data.names,
          ...result.info,
          seconds: (performance.now() - started) / 1000,
        };
        writeFileOrFail(outPath, serializeScore(net, info));
        const weights = ScoreNetwork.weightShapes(net.spec.architecture).reduce(
          (a, s) => a + s.reduce((x, y) => x * y, 1),
          0,
        );
        const sigmas = net.spec.sigmas;
        io.stdout.write(
          `wrote ${raw.out}: dimension ${net.dim} (${data.names.join(', ')}), ${sigmas.length} levels σ ${fmt(sigmas[0]!)} … ` +
            `${fmt(sigmas[sigmas.length - 1]!)}, ${weights} weights, ${result.trainSize} training / ${result.heldOutSize} held-out points\n`,
        );
      } finally {
        net.dispose();
      }
      if (result.interrupted) {
        io.stderr.write('interrupted: the network trained so far was written\n');
        throw new Interrupted('interrupted');
      }
    });
}

export interface ParsedTrainOptions {
  sigmaMax?: number;
  sigmaMin?: number;
  levels?: number;
  hidden?: number[];
  activation?: Activation;
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  learningRateDecay?: 'cosine' | 'none';
  heldOutFraction?: number;
  seed: number;
}

export function parseTrainOptions(raw: RawTrainOptions): ParsedTrainOptions {
  const sigmaMax = positiveNumber('--sigma-max', raw.sigmaMax);
  const sigmaMin = positiveNumber('--sigma-min', raw.sigmaMin);
  if (sigmaMax !== undefined && sigmaMin !== undefined && sigmaMin >= sigmaMax) {
    throw new LangevinError(`--sigma-min (${sigmaMin}) must be smaller than --sigma-max (${sigmaMax})`);
  }
  let hidden: number[] | undefined;
  if (raw.hidden !== undefined) {
    hidden = raw.hidden.split(',').map((w) => positiveInt('--hidden', w.trim(), 1));
  }
  let heldOutFraction: number | undefined;
  if (raw.heldOut !== undefined) {
    heldOutFraction = Number(raw.heldOut);
    if (raw.heldOut.trim() === '' || !(heldOutFraction >= 0 && heldOutFraction < 1)) {
      throw new LangevinError(`--held-out must be a number in [0, 1), got '${raw.heldOut}'`);
    }
  }
  return {
    sigmaMax,
    sigmaMin,
    levels: raw.levels === undefined ? undefined : positiveInt('--levels', raw.levels, 10),
    hidden,
    activation: raw.activation === undefined ? undefined : oneOf('--activation', raw.activation, ACTIVATIONS, 'swish'),
    epochs: positiveInt('--epochs', raw.epochs, 100),
    batchSize: raw.batchSize === undefined ? undefined : positiveInt('--batch-size', raw.batchSize, 128),
    learningRate: positiveNumber('--learning-rate', raw.learningRate),
    learningRateDecay: oneOf('--learning-rate-decay', raw.learningRateDecay, ['cosine', 'none'] as const, 'cosine'),
    heldOutFraction,
    seed: nonNegativeInt('--seed', raw.seed, 1),
  };
}

function formatEpoch(e: EpochReport, epochs: number): string {
  const held = Number.isFinite(e.heldOutLoss) ? `, held-out loss ${e.heldOutLoss.toFixed(5)}` : '';
  return `epoch ${e.epoch}/${epochs}: train loss ${e.trainLoss.toFixed(5)}${held} (${e.seconds.toFixed(2)} s)`;
}

function fmt(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** A bar with the running loss on a terminal; epoch lines go to stdout either way. */
function createLossBar(io: CliIO, enabled: boolean) {
  const line = (text: string): void => void io.stdout.write(text + '\n');
  if (!io.isTTY || !enabled) return { update(_d: number, _t: number, _l: number) {}, log: line, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: 'train-score [{bar}] {percentage}% | batch {value}/{total} | loss {loss} | ETA {eta}s',
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let smoothed = NaN;
  return {
    update(done: number, total: number, loss: number) {
      // An exponential moving average: one batch's loss is too noisy to read.
      smoothed = Number.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
      if (!started) {
        bar.start(total, done, { loss: smoothed.toFixed(4) });
        started = true;
      }
      bar.update(done, { loss: smoothed.toFixed(4) });
    },
    log(text: string) {
      // Clear the bar's line, print, and let the next update redraw it.
      if (started) io.stderr.write('\r\x1b[K');
      line(text);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
