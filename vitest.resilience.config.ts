// vitest configuration for the resilience suite (tests/resilience): fuzzing, two instances, kills, faults; run apart,
// with the settings of vitest.config.ts.
import { defineConfig } from 'vitest/config';
import { shared } from './vitest.config.ts';

export default defineConfig({ test: { ...shared, include: ['tests/resilience/**/*.test.ts'] } });
