import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A test that runs no expect() fails: a loop over no cases, or checks
    // behind a condition that is never true, cannot pass silently.
    expect: { requireAssertions: true },
  },
});
