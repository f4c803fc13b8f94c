#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (npm install builds it).
import { main } from '../dist/src/cli/main.js';

// `langevin check m.stan | head -1` closes our stdout early: that ends the output, it is not a crash.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stderr.isTTY),
});
