// The tests `npm run mutation` (Stryker) runs for every mutant: fast unit tests of the core's logic
// only. No globalSetup (no keyring, PostgreSQL or Neo4j), so nothing here may call inject('services').
// Tests are chosen here, not with Stryker's `testFiles`: with vitest 4 that option leaves static
// mutants switched off (stryker-js #6144).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/common/**/*.test.ts',
      'test/core/probes/classify*.test.ts',
      'test/core/probes/redact*.test.ts',
      'test/core/probes/hints*.test.ts',
      'test/core/probes/result*.test.ts',
      'test/core/probes/abortable*.test.ts',
      'test/core/probes/gatewayNote.test.ts',
      'test/core/probes/neo4jDatabases.test.ts',
      'test/core/probes/withoutStackCapture.test.ts',
      // loopback HTTP servers of its own, like guardedFetch.test.ts
      'test/core/probes/supabaseManagement.test.ts',
      // loopback HTTP servers of its own (test/support/hostileHttp.ts), no globalSetup: milliseconds
      'test/core/probes/guardedFetch.test.ts',
      // the probe of each registry kind against loopback servers of its own; constructs, never reaches a real database
      'test/core/probes/probeFactories.test.ts',
      'test/core/monitor/History*.test.ts',
      'test/core/monitor/snapshot*.test.ts',
      // the scheduler on the fake clock; HealthMonitor.test.ts checks the same on the real clock
      // (hundreds of ms per test, seconds per mutant) and stays in npm test only
      'test/core/monitor/HealthMonitor.*.test.ts',
      'test/core/credentials/envImport*.test.ts',
      // not SecretCache.test.ts: it reads and writes the real keyring
      'test/core/credentials/Secret.*.test.ts',
      // an in-memory vault (test/support/memoryVault.ts); the real keyring is in migrateToEnvironments.real.test.ts
      'test/core/credentials/legacyAccounts*.test.ts',
      'test/core/settings/**/*.test.ts',
      'test/core/contractCalls.test.ts',
      'test/headless/envConfig.test.ts',
    ],
    // real servers: seconds per mutant, and they need the globalSetup
    exclude: ['**/*.real.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    // every test here takes milliseconds: a mutant that makes one hang should fail it fast
    testTimeout: 3_000,
    hookTimeout: 3_000,
  },
});
