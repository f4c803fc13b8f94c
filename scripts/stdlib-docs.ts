/**
 * Renders docs/stdlib.md from the stdlib table, so the page lists exactly
 * what the checker accepts. test/stdlib/docs.test.ts fails when the page is
 * stale; regenerate with
 *
 *     UPDATE_DOCS=1 npx vitest run test/stdlib/docs.test.ts
 */
import { distributions, functionGroups } from '../stdlib/index.js';
import type { DistributionEntry, FunctionEntry } from '../stdlib/types.js';

const INTRO = `# Standard library

Every distribution and function the model language knows, generated from
the one table in \`stdlib/\` that the checker, the compiler, the tests and
this page all read (\`scripts/stdlib-docs.ts\` renders it).

## Conventions

- **Every constant is kept.** \`y ~ normal(mu, sigma)\` and
  \`target += normal_lpdf(y | mu, sigma)\` add the same number, the full log
  density including \`-0.5 log(2π)\` (Stan's \`~\` drops constants; we do not,
  so the log density of a model is the true one).
- **Vectorisation** is Stan's: the variate and every parameter marked
  \`reals\`/\`ints\`/\`vectors\` may be a scalar or a container; all containers
  must have the same size (a user error otherwise), scalars are broadcast,
  and the result is the sum of the elementwise log densities.
- **Out of support.** A parameter outside its support (\`sigma <= 0\`,
  \`theta\` outside [0, 1], ...) or a parameter-valued variate outside the
  distribution's support gives a log density of \`-Infinity\` (Stan raises an
  error), so a Metropolis-adjusted sampler rejects the step. For data
  arguments the check is done when the model is compiled and folds away.
  \`uniform\` and \`pareto\` give \`-Infinity\` outside their range, as in Stan.
  Outcomes of \`categorical\` outside 1..K are a user error.
- **Calls.** A continuous distribution \`d\` is used as \`y ~ d(...)\`,
  \`d_lpdf(y | ...)\` (\`d_lupdf\` is the same), \`d_lcdf(y | ...)\` and
  \`d_lccdf(y | ...)\` where listed, and \`d_rng(...)\` in transformed data and
  generated quantities; a discrete one uses \`_lpmf\`. \`_rng\` of a
  univariate distribution with container arguments returns an array of
  draws, one per element.
- **Signatures.** Argument patterns follow Stan's function reference:
  \`reals\` is real, int, array[] real, array[] int, vector or row_vector;
  \`ints\` is int or array[] int; \`vectors\` is a vector, a row vector or an
  array of them; \`T\` is any int/real/vector/row_vector/matrix or array of
  them, and a result \`T\` has the argument's type with int promoted to
  real. Binary \`T\` functions broadcast a scalar against a container.
  Sizes such as the \`n\` of \`rep_vector(x, n)\` must be known before
  sampling (data or constants), as Stan requires.
- **Derivatives.** Every function and density is built from the IR's
  primitives and is differentiable wherever it is smooth; rounding and
  comparison functions have zero derivative.
- **Random numbers.** \`_rng\` draws use only the run's seeded stream
  (uniforms and normals) with exact methods: Marsaglia–Tsang gammas (in log
  space for small shapes), betas and Dirichlets from gammas, Poisson and
  binomial by exact splitting recursions for large means, multivariate
  normals through a Cholesky factor, LKJ through canonical partial
  correlations.

## Not (yet) available

- \`_lcdf\`/\`_lccdf\` of gamma, inverse gamma, beta, chi-square, Student's t,
  the discrete distributions and the multivariate ones (they need
  incomplete gamma/beta functions in the IR).
- Sorting and ranking (\`sort_asc\`, \`rank\`, ...) of values that depend on
  parameters; general (non-SPD) \`inverse\`, \`determinant\`.
- \`von_mises\`, \`wishart\`, \`inv_wishart\`, \`gaussian_dlm_obs\` and the
  GLM densities.
`;

const code = (s: string): string => `\`${s}\``;

function paramList(d: DistributionEntry): string {
  return d.params.map((p) => `${p.type} ${p.name}`).join(', ');
}

function distributionRow(d: DistributionEntry): string {
  const suffix = d.discrete ? 'lpmf' : 'lpdf';
  const call = `${d.name}_${suffix}(${d.variate} y${d.params.length ? ' | ' + paramList(d) : ''})`;
  const rngArgs = d.rngParams ? `_rng(${d.rngParams.map((p) => `${p.type} ${p.name}`).join(', ')})` : '_rng';
  const extras = [d.logCdf ? '_lcdf' : '', d.logCcdf ? '_lccdf' : '', d.rng ? rngArgs : ''].filter(Boolean).join(' ');
  // a '|' inside a table cell must be escaped, even in code
  return `| ${code(d.name)} | ${code(call).replace('|', '\\|')} | ${d.support} | ${extras} | ${d.doc} |`;
}

function functionRow(f: FunctionEntry): string {
  const sigs = f.signatures.map((s) => code(`${s.returns} ${f.name}(${s.args.join(', ')})`)).join('<br>');
  return `| ${code(f.name)} | ${sigs} | ${f.doc} |`;
}

export function renderStdlibDocs(): string {
  const out = [INTRO, '## Distributions', ''];
  const groups: Array<[string, (d: DistributionEntry) => boolean]> = [
    ['Continuous', (d) => !d.discrete && d.variate !== 'vectors'],
    ['Discrete', (d) => d.discrete],
    ['Multivariate', (d) => !d.discrete && d.variate === 'vectors'],
  ];
  for (const [title, keep] of groups) {
    out.push(`### ${title}`, '', '| name | density | support | also | description |', '|---|---|---|---|---|');
    for (const d of distributions.filter(keep)) out.push(distributionRow(d));
    out.push('');
  }
  out.push('## Functions', '');
  for (const g of functionGroups) {
    out.push(`### ${g.title}`, '', '| name | signatures | description |', '|---|---|---|');
    for (const f of g.entries) out.push(functionRow(f));
    out.push('');
  }
  return out.join('\n');
}
