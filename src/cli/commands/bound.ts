/**
 * `langevin bound`: the theory in numbers. By default the Vempala–Wibisono
 * guarantee (seed Theorem 3.1); with `--kramers`, the Eyring–Kramers mean
 * time between wells (seed section 4), for the seed's double well
 * (x² − 1)² unless the barrier and curvatures are given.
 */
import type { Command } from 'commander';
import { doubleWellKramers, eyringKramers, formatBound, vempalaWibisonoBound } from '../../diagnostics/bounds.js';
import { LangevinError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { finiteNumber, positiveInt, positiveNumber } from '../options.js';

interface RawBound {
  L?: string;
  alpha?: string;
  dim?: string;
  eps?: string;
  kl0?: string;
  kramers?: boolean;
  beta?: string;
  stepSize?: string;
  barrier?: string;
  curvatureMin?: string;
  curvatureSaddle?: string;
  json?: boolean;
}

export function registerBound(program: Command, io: CliIO): void {
  program
    .command('bound')
    .description(
      'Vempala–Wibisono step size and iterations for KL ≤ eps, or (--kramers) the Eyring–Kramers time between wells',
    )
    .option('--L <x>', 'smoothness: ∇f is L-Lipschitz')
    .option('--alpha <x>', 'log-Sobolev constant of the target')
    .option('--dim <d>', 'dimension')
    .option('--eps <x>', 'target KL divergence')
    .option('--kl0 <x>', 'KL divergence of the initial distribution (needed for the iteration count)')
    .option('--kramers', 'Eyring–Kramers mean exit time of a double well instead')
    .option('--beta <x>', '--kramers: inverse temperature β')
    .option('--step-size <x>', '--kramers: express the time in LMC steps of size η')
    .option('--barrier <x>', '--kramers: f(saddle) − f(minimum) (default 1, the double well (x²−1)²)')
    .option('--curvature-min <x>', "--kramers: f''(minimum) (default 8)")
    .option('--curvature-saddle <x>', "--kramers: f''(saddle), negative (default −4)")
    .option('--json', 'print JSON')
    .action((raw: RawBound) => {
      const result = raw.kramers ? kramers(raw) : vempalaWibisono(raw);
      io.stdout.write((raw.json ? JSON.stringify(result, null, 2) : formatBound(result)) + '\n');
    });
}

function required(flag: string, value: string | undefined, what: string): string {
  if (value === undefined) throw new LangevinError(`${flag} is required ${what}`);
  return value;
}

function vempalaWibisono(raw: RawBound) {
  const need = 'for the Vempala–Wibisono bound (or give --kramers)';
  const L = positiveNumber('--L', required('--L', raw.L, need))!;
  const alpha = positiveNumber('--alpha', required('--alpha', raw.alpha, need))!;
  const dim = positiveInt('--dim', required('--dim', raw.dim, need), 1);
  const eps = positiveNumber('--eps', required('--eps', raw.eps, need))!;
  const kl0 = positiveNumber('--kl0', raw.kl0);
  if (alpha > L)
    throw new LangevinError(`--alpha (${alpha}) cannot exceed --L (${L}): an α-LSI, L-smooth target has α ≤ L`);
  return vempalaWibisonoBound({ L, alpha, dim, eps, kl0 });
}

function kramers(raw: RawBound) {
  const beta = positiveNumber('--beta', required('--beta', raw.beta, 'with --kramers'))!;
  const stepSize = positiveNumber('--step-size', raw.stepSize);
  if (raw.barrier === undefined && raw.curvatureMin === undefined && raw.curvatureSaddle === undefined) {
    return doubleWellKramers(beta, stepSize);
  }
  return eyringKramers({
    fMin: 0,
    fSaddle: positiveNumber('--barrier', raw.barrier ?? '1')!,
    curvatureMin: positiveNumber('--curvature-min', raw.curvatureMin ?? '8')!,
    curvatureSaddle: finiteNumber('--curvature-saddle', raw.curvatureSaddle ?? '-4')!,
    beta,
    stepSize,
  });
}
