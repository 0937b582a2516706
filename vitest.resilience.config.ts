// vitest configuration for the resilience suite (tests/resilience): fuzzing, two instances, kills, faults; run apart.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/resilience/**/*.test.ts'],
    globalSetup: ['tests/setup/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    maxWorkers: Number(process.env.STEWARD_TEST_WORKERS ?? 3),
  },
});
