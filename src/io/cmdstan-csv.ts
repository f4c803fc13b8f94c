/**
 * Draws out in CmdStan's CSV layout, one file per chain, so that
 * `rstan::read_stan_csv`, ArviZ's `from_cmdstan` and cmdstanpy read them:
 * `#` configuration comments, the header `lp__,accept_stat__,stepsize__,...`
 * with Stan's dotted names (`theta.1`, `L.2.3`), the adaptation comments, the
 * draws and the elapsed-time comments. The elapsed times are written as
 * `nan` (not measured here; the real ones are in summary.json) so the same
 * seed gives byte-identical files while readers still find the lines they
 * look for (rstan warns when "Elapsed Time" is missing). docs/output-files.md
 * lists what each reader needs.
 */

export interface ChainCsv {
  /** 1-based chain id. */
  chain: number;
  /** key = value lines written as the configuration comment block. */
  config: Array<[string, string | number]>;
  /** Stan-style output names (`theta[1]`), converted to `theta.1` in the header. */
  outputNames: string[];
  /** Per kept draw: lp__, accept_stat__, stepsize__, divergent__ (draws entries each). */
  lp: ArrayLike<number>;
  acceptStat: ArrayLike<number>;
  stepSize: ArrayLike<number>;
  /** 1 where the step's proposal was non-finite (rejected; the draw repeats the previous one). */
  divergent?: ArrayLike<number>;
  /** draws × outputNames.length, row-major. */
  outputs: ArrayLike<number>;
  draws: number;
  /** Extra sampler columns (treedepth__, n_leapfrog__, energy__), draws entries each. */
  columns?: Readonly<Record<string, ArrayLike<number>>>;
  /**
   * The adapted step size and inverse metric, if warm-up adapted: the
   * diagonal, or with `dense` (dim × dim row-major) the whole matrix, which
   * CmdStan writes as "Elements of inverse mass matrix:" one row per line.
   */
  adaptation?: { stepSize: number; invMetric: ArrayLike<number>; dense?: ArrayLike<number> };
  /** Extra `#` lines after the elapsed-time block (an interrupted run says how far it got). */
  closing?: string[];
}

/** A comment value on one line: a newline in a file name must not start a line of its own. */
export function escapeCommentValue(value: string | number): string {
  return String(value).replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** CmdStan's order of the sampler columns; others follow energy__. */
const SAMPLER_COLUMNS = [
  'lp__',
  'accept_stat__',
  'stepsize__',
  'treedepth__',
  'n_leapfrog__',
  'divergent__',
  'energy__',
];

/** `theta[2,3]` → `theta.2.3`, as CmdStan writes column names. */
export function csvColumnName(stanName: string): string {
  return stanName.replace(/\[/g, '.').replace(/\]/g, '').replace(/,/g, '.');
}

/**
 * Shortest text that reads back to the same double (JS's own repr), with
 * the sign of zero kept and non-finite values spelt as a C++ stream (and so
 * CmdStan) writes them: `nan`, `inf`, `-inf`.
 */
export function formatCsvNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

/** CmdStan's closing block; rstan reads the first two lines, ArviZ all three. */
const ELAPSED_TIME_LINES = [
  '#',
  '#  Elapsed Time: nan seconds (Warm-up)',
  '#                nan seconds (Sampling)',
  '#                nan seconds (Total)',
  '#',
];

export function formatChainCsv(chain: ChainCsv): string {
  const lines: string[] = [];
  for (const [key, value] of chain.config) lines.push(`# ${key} = ${escapeCommentValue(value)}`);
  const extra = chain.columns ?? {};
  const base: Record<string, (d: number) => string> = {
    lp__: (d) => formatCsvNumber(chain.lp[d]!),
    accept_stat__: (d) => formatCsvNumber(chain.acceptStat[d]!),
    stepsize__: (d) => formatCsvNumber(chain.stepSize[d]!),
    divergent__: (d) => String(chain.divergent?.[d] ?? 0),
  };
  for (const [name, values] of Object.entries(extra)) base[name] = (d) => formatCsvNumber(values[d]!);
  const samplerColumns = [
    ...SAMPLER_COLUMNS.filter((name) => name in base),
    ...Object.keys(extra).filter((name) => !SAMPLER_COLUMNS.includes(name)),
  ];
  const cells = samplerColumns.map((name) => base[name]!);
  const header = [...samplerColumns, ...chain.outputNames.map(csvColumnName)];
  lines.push(header.join(','));
  // A model without parameters has nothing to adapt (CmdStan runs fixed_param
  // and writes no block); an empty metric line would also break ArviZ's parser.
  if (chain.adaptation && chain.adaptation.invMetric.length > 0) {
    lines.push('# Adaptation terminated');
    lines.push(`# Step size = ${formatCsvNumber(chain.adaptation.stepSize)}`);
    const dense = chain.adaptation.dense;
    if (dense) {
      const dim = chain.adaptation.invMetric.length;
      lines.push('# Elements of inverse mass matrix:');
      for (let i = 0; i < dim; i++) {
        lines.push(`# ${Array.from({ length: dim }, (_, j) => formatCsvNumber(dense[i * dim + j]!)).join(', ')}`);
      }
    } else {
      lines.push('# Diagonal elements of inverse mass matrix:');
      lines.push(`# ${Array.from(chain.adaptation.invMetric, formatCsvNumber).join(', ')}`);
    }
  }
  const width = chain.outputNames.length;
  for (let d = 0; d < chain.draws; d++) {
    const row = cells.map((cell) => cell(d));
    for (let p = 0; p < width; p++) row.push(formatCsvNumber(chain.outputs[d * width + p]!));
    lines.push(row.join(','));
  }
  lines.push(...ELAPSED_TIME_LINES);
  lines.push(...(chain.closing ?? []));
  return lines.join('\n') + '\n';
}
