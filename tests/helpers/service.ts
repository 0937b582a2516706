// Builds the real service for tests from a test database and a config (no port unless asked).
import { readConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { FixedClock, type Clock } from '../../src/lib/clock.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { createService, type ServiceOptions } from '../../src/service.ts';

export async function testService(
  database: Database,
  env: NodeJS.ProcessEnv = {},
  extra: Partial<ServiceOptions> & { clock?: Clock } = {},
) {
  return createService({
    config: readConfig(env),
    database,
    clock: extra.clock ?? new FixedClock('2026-11-27T00:00:00Z'),
    log: silentLogger,
    ...extra,
  });
}
