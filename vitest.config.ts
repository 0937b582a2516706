// vitest configuration: every test under tests/ but the resilience suite, files in parallel workers, each starting
// from the run's migrated template databases (tests/setup/global-setup.ts); timeouts only guard hangs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/resilience/**', 'node_modules/**'],
    globalSetup: ['tests/setup/global-setup.ts'],
    // a timeout says a test hangs, never that the machine is slow: ten minutes, for every test and hook alike
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: Number(process.env.STEWARD_TEST_WORKERS ?? 3),
  },
});
