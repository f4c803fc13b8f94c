#!/usr/bin/env node
// npm run fuzz -- --minutes N: the fast-check mutation fuzzer of
// test/reliability/fuzz.test.ts for N minutes (default 5); prints the inputs tried.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const i = args.indexOf('--minutes');
const minutes = i >= 0 ? Number(args[i + 1]) : 5;
if (!(minutes > 0)) {
  console.error('usage: npm run fuzz -- --minutes N');
  process.exit(1);
}
const result = spawnSync('npx', ['vitest', 'run', 'test/reliability/fuzz.test.ts', '--silent=false'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_MINUTES: String(minutes) },
});
process.exit(result.status ?? 1);
