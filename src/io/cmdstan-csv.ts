/**
 * Draws out in CmdStan's CSV layout, one file per chain, so that
 * `rstan::read_stan_csv`, ArviZ's `from_cmdstan` and cmdstanpy read them:
 * `#` configuration comments, the header `lp__,accept_stat__,stepsize__,...`
 * with Stan's dotted names (`theta.1`, `L.2.3`), the adaptation comments and
 * the draws. Unlike CmdStan we leave out the elapsed-time comments, so the
 * same seed gives byte-identical files; timing is in summary.json.
 */

export interface ChainCsv {
  /** 1-based chain id. */
  chain: number;
  /** key = value lines written as the configuration comment block. */
  config: Array<[string, string | number]>;
  /** Stan-style output names (`theta[1]`), converted to `theta.1` in the header. */
  outputNames: string[];
  /** Per kept draw: lp__, accept_stat__, stepsize__ (draws entries each). */
  lp: ArrayLike<number>;
  acceptStat: ArrayLike<number>;
  stepSize: ArrayLike<number>;
  /** draws × outputNames.length, row-major. */
  outputs: ArrayLike<number>;
  draws: number;
  /** The adapted step size and diagonal inverse metric, if warm-up adapted. */
  adaptation?: { stepSize: number; invMetric: ArrayLike<number> };
}

/** `theta[2,3]` → `theta.2.3`, as CmdStan writes column names. */
export function csvColumnName(stanName: string): string {
  return stanName.replace(/\[/g, '.').replace(/\]/g, '').replace(/,/g, '.');
}

/** Shortest text that reads back to the same double (JS's own repr). */
function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

export function formatChainCsv(chain: ChainCsv): string {
  const lines: string[] = [];
  for (const [key, value] of chain.config) lines.push(`# ${key} = ${value}`);
  const header = ['lp__', 'accept_stat__', 'stepsize__', ...chain.outputNames.map(csvColumnName)];
  lines.push(header.join(','));
  if (chain.adaptation) {
    lines.push('# Adaptation terminated');
    lines.push(`# Step size = ${formatNumber(chain.adaptation.stepSize)}`);
    lines.push('# Diagonal elements of inverse mass matrix:');
    lines.push(`# ${Array.from(chain.adaptation.invMetric, formatNumber).join(', ')}`);
  }
  const width = chain.outputNames.length;
  for (let d = 0; d < chain.draws; d++) {
    const row = [formatNumber(chain.lp[d]!), formatNumber(chain.acceptStat[d]!), formatNumber(chain.stepSize[d]!)];
    for (let p = 0; p < width; p++) row.push(formatNumber(chain.outputs[d * width + p]!));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}
