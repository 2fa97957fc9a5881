// One config for every test (npm test = all of them). Tests run against real servers that the
// globalSetup starts once per run, so timeouts are generous and workers are forked processes.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/globalSetup.ts'],
    pool: 'forks',
    testTimeout: 120_000, // outage tests stop and restart a real server inside one test; CI machines can be slow
    hookTimeout: 240_000,
    teardownTimeout: 60_000,
    // two cores here: more workers only make the real servers slower
    maxWorkers: 2,
  },
});
