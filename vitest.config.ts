// vitest configuration: every test under tests/ but the resilience suite, files in parallel workers, each starting
// from the run's migrated template databases (tests/setup/global-setup.ts); timeouts only guard hangs.
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/** STEWARD_TEST_WORKERS: how many test files run at once (default 3, for 2 cores: files wait on I/O too). */
function workers(): number {
  const given = process.env.STEWARD_TEST_WORKERS;
  if (given === undefined || given === '') return 3;
  if (!/^[1-9][0-9]?$/.test(given)) throw new Error(`STEWARD_TEST_WORKERS=${given}: give a whole number from 1 to 99`);
  return Number(given);
}

/** What both suites share (the resilience suite's config adds only which files). */
export const shared: ViteUserConfig['test'] = {
  globalSetup: ['tests/setup/global-setup.ts'],
  // a timeout says a test hangs, never that the machine is slow: ten minutes, for every test and hook alike
  testTimeout: 600_000,
  hookTimeout: 600_000,
  pool: 'forks',
  maxWorkers: workers(),
};

export default defineConfig({
  test: { ...shared, include: ['tests/**/*.test.ts'], exclude: ['tests/resilience/**', 'node_modules/**'] },
});
