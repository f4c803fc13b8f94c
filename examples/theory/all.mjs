// Run every theory experiment, in the order of docs/theory.md, into
// out/theory/; with --write, also over the committed outputs here
// (examples/theory/*.txt, *.json, *.html). After `npm run build`:
//   node examples/theory/all.mjs --write
import { spawnSync } from 'node:child_process';
import { HERE, WRITE } from './cli.mjs';

const SCRIPTS = ['ula-bias.mjs', 'bound.mjs', 'metastability.mjs', 'annealing.mjs'];
for (const script of SCRIPTS) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [`${HERE}${script}`, ...(WRITE ? ['--write'] : [])], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`${script} failed (exit ${run.status})`);
    process.exit(1);
  }
  console.error(`${script}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
console.error(
  WRITE ? 'wrote out/theory/ and examples/theory/' : 'wrote out/theory/ (--write to update examples/theory/)',
);
