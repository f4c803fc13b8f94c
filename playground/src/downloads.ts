/**
 * Downloads of a fit: one CmdStan CSV per chain (the library's writer,
 * with the configuration lines `langevin sample --out` writes) and the
 * summary JSON, as blob links.
 */
import { csvColumnName, formatChainCsv } from '../../src/io/cmdstan-csv.js';
import { formatPointsCsv } from '../../src/io/points-csv.js';
import type { FitData } from './protocol.js';

/** The chain's CSV text, with the same keys as src/io/write-fit.ts (rstan and ArviZ read them). */
export function chainCsv(fit: FitData, chain: number): string {
  const s = fit.summary;
  const thin = s.thin ?? 1;
  const from = chain * fit.draws;
  const perChain = fit.outputNames.length;
  const metric = fit.adaptation[chain] ? 'diag_e' : 'unit_e';
  return formatChainCsv({
    chain: chain + 1,
    config: [
      ['model', s.model],
      ['method', 'sample (Default)'],
      ['algorithm', s.sampler],
      ['engine', 'langevin'],
      ['metric', metric],
      ['sampler_t', `${s.sampler}(${metric})`],
      ['backend', s.backend],
      ['num_samples', fit.draws * thin],
      ['num_warmup', s.warmup],
      ['save_warmup', 0],
      ['thin', thin],
      ['id', chain + 1],
      ['data file', 'data.json'],
      ['seed', s.seed],
      ['model file', 'model.stan'],
    ],
    outputNames: fit.outputNames,
    lp: fit.lp.subarray(from, from + fit.draws),
    acceptStat: fit.acceptStat.subarray(from, from + fit.draws),
    stepSize: fit.stepSize.subarray(from, from + fit.draws),
    divergent: fit.divergent?.subarray(from, from + fit.draws),
    outputs: fit.outputs.subarray(from * perChain, (from + fit.draws) * perChain),
    draws: fit.draws,
    adaptation: fit.adaptation[chain],
  });
}

/** A download link whose text is made on the first click (64 chains of CSV are not built up front). */
function link(name: string, text: () => string, type: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = '#';
  a.download = name;
  a.textContent = name;
  a.addEventListener('click', () => {
    if (a.href.startsWith('blob:')) return;
    a.href = URL.createObjectURL(new Blob([text()], { type }));
  });
  return a;
}

/** Chains offered as CSV links (the rest are in summary.json's statistics only). */
const MAX_CSV_LINKS = 16;

/** Links for summary.json and every chain's CSV (file names prefixed in compare mode). */
export function downloadLinks(fit: FitData, prefix = ''): HTMLElement[] {
  const links = [link(`${prefix}summary.json`, () => JSON.stringify(fit.summary, null, 2) + '\n', 'application/json')];
  // Annealed particles have one draw each: one table of them, as `sample --out` writes it.
  if (fit.summary.sampler === 'annealed') {
    const rows = fit.chains * fit.draws;
    return [
      ...links,
      link(
        `${prefix}particles.csv`,
        () => formatPointsCsv(fit.outputNames.map(csvColumnName), fit.outputs, rows),
        'text/csv',
      ),
    ];
  }
  const shown = fit.draws > 0 ? Math.min(fit.chains, prefix ? MAX_CSV_LINKS / 4 : MAX_CSV_LINKS) : 0;
  for (let c = 0; c < shown; c++) links.push(link(`${prefix}chain-${c + 1}.csv`, () => chainCsv(fit, c), 'text/csv'));
  return links;
}
