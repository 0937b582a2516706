// vitest configuration for the resilience suite (tests/resilience): fuzzing, two instances, kills, faults; slow, so run apart.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/resilience/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
