// The rules in force for a running service: the rulebook (defaults + RULEBOOK_FILE) and the work calendar (+ CALENDAR_FILE).
import { createHash } from 'node:crypto';
import type { Config } from '../config.ts';
import { loadWorkCalendar } from './calendar/index.ts';
import type { WorkCalendar } from './calendar/types.ts';
import { loadRulebook } from './rulebook/load-rulebook.ts';
import type { Rulebook } from './rulebook/schema.ts';

export interface RulesContext {
  book: Rulebook;
  calendar: WorkCalendar;
  /** changes when the rulebook changes, so duties are materialised again */
  version: string;
}

export async function loadRulesContext(config: Pick<Config, 'RULEBOOK_FILE' | 'CALENDAR_FILE'>): Promise<RulesContext> {
  const book = loadRulebook(config.RULEBOOK_FILE);
  const calendar = await loadWorkCalendar(config.CALENDAR_FILE);
  return { book, calendar, version: createHash('sha256').update(JSON.stringify(book)).digest('hex').slice(0, 16) };
}
