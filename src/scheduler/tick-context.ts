// What one batch of a scheduler pass works with: the transaction, "now", the rules, the org, the batch, and the mailer.
import type { Db } from '../db/client.ts';
import type { Logger } from '../lib/logger.ts';
import type { DutyOrg } from '../rules/duties/duty-org.ts';
import type { RulesContext } from '../rules/rules-context.ts';
import type { TickMailer } from './mailer.ts';

export interface TickContext {
  tx: Db;
  now: Date;
  /** the Shanghai day of now */
  today: string;
  rules: RulesContext;
  org: DutyOrg;
  /** department → member ids (quality_center, admin, customer_service) */
  departments: Map<string, string[]>;
  mail: TickMailer;
  log: Logger;
  /** the batch: its centers (undefined: all, as in the global batch) and the people whose personal cards it sends */
  batch?: { no: number; centers?: string[]; people?: Set<string> };
}
