#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled library (npm install builds it).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stderr.isTTY),
});
