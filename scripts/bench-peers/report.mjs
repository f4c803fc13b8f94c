/**
 * Combine the peers' JSON lines (from bench-peers.sh) into a table and
 * bench/peers-results.json: ESS bulk per second, sampling only and end to
 * end (compile + warm-up + sampling), for langevin mala, Stan NUTS and
 * WebPPL HMC on M2 and M4.
 * Usage: node report.mjs RESULTS_DIR
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = process.argv[2];
const read = (name) => {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]);
  } catch {
    return null;
  }
};
const rows = [];
for (const model of ['M2', 'M4']) {
  const ours = read(`ours-${model}`);
  if (ours) {
    rows.push({
      model,
      system: `langevin mala (${ours.backend})`,
      min_ess_bulk: ours.min_ess_bulk,
      warmup_plus_sampling_seconds: ours.warmup_seconds + ours.sampling_seconds,
      compile_seconds: ours.compile_seconds,
      ess_per_second_sampling: ours.ess_bulk_per_second_sampling,
      ess_per_second_end_to_end: ours.ess_bulk_per_second_end_to_end,
    });
  }
  const nuts = read(`ours-nuts-${model}`);
  if (nuts) {
    rows.push({
      model,
      system: `langevin nuts (${nuts.backend})`,
      min_ess_bulk: nuts.min_ess_bulk,
      warmup_plus_sampling_seconds: nuts.warmup_seconds + nuts.sampling_seconds,
      compile_seconds: nuts.compile_seconds,
      ess_per_second_sampling: nuts.ess_bulk_per_second_sampling,
      ess_per_second_end_to_end: nuts.ess_bulk_per_second_end_to_end,
      gradient_evaluations: nuts.gradient_evaluations,
    });
  }
  const stan = read(`stan-${model}`);
  if (stan) {
    rows.push({
      model,
      system: 'Stan NUTS (rstan 2.21)',
      min_ess_bulk: stan.min_ess_bulk,
      warmup_plus_sampling_seconds: stan.warmup_seconds + stan.sampling_seconds,
      compile_seconds: stan.compile_seconds,
      ess_per_second_sampling: stan.min_ess_bulk / stan.sampling_seconds,
      ess_per_second_end_to_end:
        stan.min_ess_bulk / (stan.compile_seconds + stan.warmup_seconds + stan.sampling_seconds),
      gradient_evaluations: stan.gradient_evaluations,
    });
  }
  const wppl = read(`webppl-${model}`);
  if (wppl) {
    rows.push({
      model,
      system: `WebPPL HMC (${wppl.steps} steps of ${wppl.step_size})`,
      min_ess_bulk: wppl.min_ess_bulk,
      warmup_plus_sampling_seconds: wppl.seconds_end_to_end,
      compile_seconds: 0,
      ess_per_second_sampling: null,
      ess_per_second_end_to_end: wppl.min_ess_bulk / wppl.seconds_end_to_end,
      gradient_evaluations: wppl.gradient_evaluations,
    });
  }
}
const f = (v, d = 1) => (v === null || v === undefined ? '—' : Number(v).toFixed(d));
// ESS per 1000 gradients (warm-up included): nuts beside Stan's NUTS is the honest-baseline check
for (const r of rows)
  r.ess_per_1000_gradients = r.gradient_evaluations ? (1000 * r.min_ess_bulk) / r.gradient_evaluations : null;
console.log(
  'model  system                              min ESS  compile s  run s   ESS/s sampling  ESS/s end-to-end  ESS/1k grads',
);
for (const r of rows) {
  console.log(
    `${r.model.padEnd(6)} ${r.system.padEnd(35)} ${f(r.min_ess_bulk, 0).padStart(7)} ${f(r.compile_seconds, 2).padStart(10)} ` +
      `${f(r.warmup_plus_sampling_seconds, 2).padStart(6)} ${f(r.ess_per_second_sampling).padStart(15)} ${f(r.ess_per_second_end_to_end).padStart(17)}` +
      ` ${f(r.ess_per_1000_gradients).padStart(13)}`,
  );
}
// Into out/ (ignored): the tracked bench/peers-results.json is the committed record.
mkdirSync(join(root, 'out', 'bench'), { recursive: true });
writeFileSync(
  join(root, 'out', 'bench', 'peers-results.json'),
  JSON.stringify({ rows, date: new Date().toISOString() }, null, 2) + '\n',
);
