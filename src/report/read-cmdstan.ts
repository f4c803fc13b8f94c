/**
 * A directory of CmdStan's own output CSVs (no summary.json): a Stan user
 * can look at Stan's draws with `langevin report`. The summary is computed
 * here from the draws with the same diagnostics `sample` uses (rank-
 * normalised R-hat, bulk/tail ESS, MCSE), per-chain facts from the sampler
 * columns, and the usual warnings.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { summarize } from '../diagnostics/summary.js';
import { collectWarnings } from '../diagnostics/warnings.js';
import { LangevinError } from '../errors.js';
import type { ChainInfoSummary, SummaryJson } from '../io/summary-json.js';
import { parseCmdStanCsv, stanName } from './parse-csv.js';
import type { ChainDraws, RunData } from './read-run.js';

export function readCmdStanRun(dir: string, csvFiles: string[]): RunData {
  const parsed = [...csvFiles].sort(naturalOrder).map((name) => {
    const file = join(dir, name);
    return { file, csv: parseCmdStanCsv(readFileSync(file, 'utf8'), file) };
  });
  const names = parsed[0]!.csv.names;
  for (const { file, csv } of parsed) {
    if (csv.names.join(',') !== names.join(',')) {
      throw new LangevinError({
        severity: 'error',
        message: `its columns differ from those of ${parsed[0]!.file}`,
        file,
      });
    }
  }
  const chains: ChainDraws[] = parsed.map(({ csv }, i) => ({
    id: Number(firstNumber(csv.config.id) ?? i + 1),
    draws: csv.rows,
    config: csv.config,
    adaptation: csv.adaptation,
    lp: csv.lp,
    divergent: csv.divergent,
    values: csv.values,
  }));
  const stanNames = names.map(stanName);
  const draws = Math.min(...chains.map((c) => c.draws));
  const P = stanNames.length;
  const outputs = new Float64Array(chains.length * draws * P);
  chains.forEach((c, k) => {
    for (let i = 0; i < draws; i++) for (let p = 0; p < P; p++) outputs[(k * draws + i) * P + p] = c.values[p]![i]!;
  });
  const parameters = summarize(outputs, chains.length, draws, stanNames);
  const config = chains[0]!.config;
  const chainInfo: ChainInfoSummary[] = chains.map((c, k) => ({
    chain: c.id,
    acceptance_rate: meanOf(parsed[k]!.csv.acceptStat),
    step_size: c.adaptation?.stepSize ?? Number.NaN,
    divergences: c.divergent ? c.divergent.reduce((a, b) => a + b, 0) : 0,
    gradient_evaluations: 0,
    seconds: 0,
  }));
  const summary: SummaryJson = {
    model: config.model ?? 'model',
    sampler: config.engine ? `${config.engine.split(' ')[0]} (CmdStan)` : 'CmdStan',
    backend: 'stan',
    seed: Number(firstNumber(config.seed) ?? 0),
    chains: chains.length,
    warmup: Number(firstNumber(config.num_warmup) ?? 0),
    draws,
    thin: Number(firstNumber(config.thin) ?? 1),
    parameters,
    chain_info: chainInfo,
    timing: { compile_seconds: 0, warmup_seconds: 0, sampling_seconds: 0 },
    warnings: collectWarnings({ sampler: 'nuts', chains: chains.length, draws, parameters, chainInfo }),
  };
  return { dir, summary, kind: 'chains', names: stanNames, chains };
}

/** CmdStan writes `1000 (Default)`: the leading number. */
function firstNumber(text: string | undefined): string | undefined {
  return text?.match(/^-?\d+(\.\d+)?/)?.[0];
}

function meanOf(x: Float64Array | undefined): number {
  if (!x || x.length === 0) return Number.NaN;
  return x.reduce((a, b) => a + b, 0) / x.length;
}

/** output_2.csv before output_10.csv. */
function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
