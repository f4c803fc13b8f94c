/**
 * The in-suite part of the fuzzer: a few seconds of mutants (FUZZ_MINUTES
 * from `npm run fuzz -- --minutes N` runs it for longer and reports counts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzCase, runCase } from './fuzz.js';

const minutes = Number(process.env.FUZZ_MINUTES ?? 0);
const budgetMs = minutes > 0 ? minutes * 60_000 : 3_000;

describe('fuzzing models and data', () => {
  it(
    'every mutant compiles or fails with coded, located diagnostics, in bounded time',
    () => {
      const started = Date.now();
      let tried = 0;
      let accepted = 0;
      fc.assert(
        fc.property(fuzzCase, (c) => {
          // generous: the bound catches hangs, not a slow shared machine
          const outcome = runCase(c, 60_000);
          tried++;
          if (outcome.ok) accepted++;
        }),
        {
          seed: minutes > 0 ? Date.now() % 2 ** 31 : 20261203,
          // in the suite: a fixed seed and 30 mutants (seconds); npm run fuzz: random seeds until the time is up
          numRuns: minutes > 0 ? 10_000_000 : 30,
          interruptAfterTimeLimit: budgetMs,
          markInterruptAsFailure: false,
        },
      );
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `fuzz: ${tried} inputs in ${seconds.toFixed(1)} s, ${accepted} compiled, ${tried - accepted} rejected with diagnostics`,
      );
      expect(tried).toBeGreaterThan(10);
    },
    budgetMs + 120_000,
  );
});
