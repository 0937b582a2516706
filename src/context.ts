// What every part of the service is handed: config, database, clock, logger, the Lark client (no globals).
import type { Config } from './config.ts';
import type { Database, Db } from './db/client.ts';
import type { LarkClient } from './lark/lark-client.ts';
import type { Clock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import type { Metrics } from './metrics/registry.ts';
import type { RulesContext } from './rules/rules-context.ts';

export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  log: Logger;
  /** The Lark client, when the app is configured (LARK_APP_ID). */
  lark: LarkClient | null;
  /** The rulebook and the work calendar in force. */
  rules: RulesContext;
  /** Tells the outbox sender that rows were enqueued (after the transaction committed). */
  kickOutbox: () => void;
  /** This instance's metrics registry (GET /metrics). */
  metrics: Metrics;
  /** The long connection to Lark, in LARK_CONNECTION=socket mode (its state shows in /healthz). */
  larkSocket?: { state(): string };
}
