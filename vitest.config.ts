import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // most suites wait on child processes and scaled clocks, not the CPU: vitest's default of
    // cores - 1 would run them one file at a time on a 2-core machine
    maxWorkers: 2,
  },
});
