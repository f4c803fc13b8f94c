/** `langevin bound`: the Vempala–Wibisono step size and iteration count. */
import type { Command } from 'commander';
import { formatBound, vempalaWibisonoBound } from '../../diagnostics/bounds.js';
import type { CliIO } from '../io.js';
import { positiveInt, positiveNumber } from '../options.js';
import { LangevinError } from '../../errors.js';

export function registerBound(program: Command, io: CliIO): void {
  program
    .command('bound')
    .description('Vempala–Wibisono: step size and iterations that guarantee KL ≤ eps (seed Theorem 3.1)')
    .requiredOption('--L <x>', 'smoothness: ∇f is L-Lipschitz')
    .requiredOption('--alpha <x>', 'log-Sobolev constant of the target')
    .requiredOption('--dim <d>', 'dimension')
    .requiredOption('--eps <x>', 'target KL divergence')
    .option('--kl0 <x>', 'KL divergence of the initial distribution (needed for the iteration count)')
    .option('--json', 'print JSON')
    .action((raw: { L: string; alpha: string; dim: string; eps: string; kl0?: string; json?: boolean }) => {
      const L = positiveNumber('--L', raw.L)!;
      const alpha = positiveNumber('--alpha', raw.alpha)!;
      const dim = positiveInt('--dim', raw.dim, 1);
      const eps = positiveNumber('--eps', raw.eps)!;
      const kl0 = positiveNumber('--kl0', raw.kl0);
      if (alpha > L) throw new LangevinError(`--alpha (${alpha}) cannot exceed --L (${L}): an α-LSI, L-smooth target has α ≤ L`);
      const result = vempalaWibisonoBound({ L, alpha, dim, eps, kl0 });
      io.stdout.write((raw.json ? JSON.stringify(result, null, 2) : formatBound(result)) + '\n');
    });
}
