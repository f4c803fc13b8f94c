// Vempala–Wibisono (seed Theorem 3.1) against what ULA actually needs on a
// standard Gaussian N(0, I_d), where L = α = 1 and the law of every iterate is
// known exactly (MATH.md "Exact ULA on N(m, Σ)"): per coordinate the mean
// shrinks by (1 − η) and the variance follows v' = (1 − η)² v + 2η.
// Start: N(μ₀·1, I) with KL₀ = d μ₀²/2 = 1. Writes bound.json and bound.txt.
import { langevin, makeLog, saveJson } from './cli.mjs';

const EPS = 0.01;
const KL0 = 1;
const log = makeLog();

/** KL(N(m, v I_d) ‖ N(0, I_d)). */
const kl = (d, m, v) => (d / 2) * (v + m * m - 1 - Math.log(v));

/** Steps until KL ≤ eps with step eta (Infinity if never). */
function stepsToEps(d, eta) {
  let m = Math.sqrt((2 * KL0) / d);
  let v = 1;
  for (let k = 0; k <= 1e7; k++) {
    if (kl(d, m, v) <= EPS) return k;
    m *= 1 - eta;
    v = (1 - eta) ** 2 * v + 2 * eta;
  }
  return Infinity;
}

/** Largest eta whose stationary law is within eps/2 of N(0, I_d) (the theorem's split), by bisection. */
function largestStep(d) {
  let lo = 0;
  let hi = 1.999;
  for (let i = 0; i < 100; i++) {
    const eta = (lo + hi) / 2;
    if (kl(d, 0, 1 / (1 - eta / 2)) <= EPS / 2) lo = eta;
    else hi = eta;
  }
  return lo;
}

const rows = [];
for (const d of [1, 10, 100, 1000]) {
  const args = ['bound', '--L', '1', '--alpha', '1', '--dim', String(d), '--eps', String(EPS), '--kl0', String(KL0)];
  log(`$ langevin ${args.join(' ')}`);
  log(langevin(args).trimEnd());
  const bound = langevin([...args, '--json']);
  const eta = largestStep(d);
  const row = {
    dim: d,
    bound_step_size: bound.stepSize,
    bound_iterations: bound.iterations,
    exact_iterations_at_bound_step: stepsToEps(d, bound.stepSize),
    exact_largest_step: eta,
    exact_iterations_at_largest_step: stepsToEps(d, eta),
  };
  rows.push(row);
  log(
    `  exact ULA on N(0, I_${d}): at the bound's step KL <= ${EPS} after ${row.exact_iterations_at_bound_step} steps; ` +
      `the largest step with bias <= eps/2 is ${eta.toPrecision(3)} (${(eta / bound.stepSize).toFixed(0)}x the bound's), ` +
      `reaching KL <= ${EPS} after ${row.exact_iterations_at_largest_step} steps`,
  );
  log('');
}
saveJson('bound.json', { eps: EPS, kl0: KL0, L: 1, alpha: 1, rows });
log.save('bound.txt');
