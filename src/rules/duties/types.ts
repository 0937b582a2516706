// What the duty generator produces and works with: one spec per rule × person × center × period.
import type { DutyStatus } from '../../db/schema/duties.ts';
import type { WorkCalendar } from '../calendar/types.ts';
import type { Rule, RulebookSettings } from '../rulebook/schema.ts';
import type { DutyCenter, DutyPerson } from './duty-org.ts';

export interface DutySpec {
  key: string;
  ruleId: string;
  kind: Rule['kind'];
  personId: string;
  centerCode: string;
  periodKey: string;
  periodStart: string;
  periodEnd: string;
  dueDay: string;
  dueAt: Date;
  closesAt: Date;
  target: number | null;
  status: Extract<DutyStatus, 'open' | 'suspended'>;
  statusNote: string | null;
  terms: Rule;
}

/** One person holding one post (manager or supervisor) at one center, over the days they hold it (inclusive). */
export interface Holding {
  person: DutyPerson;
  center: DutyCenter;
  /** first and last day the duties of this post are theirs (not clipped to the window; '9999-12-31' = still held) */
  from: string;
  to: string;
  /** how many supervisors the center has (for "one per direct report") */
  directReports: number;
}

export interface KindContext {
  calendar: WorkCalendar;
  settings: RulebookSettings;
  /** the window asked for, inclusive */
  from: string;
  to: string;
}

export const dutyKey = (ruleId: string, personId: string, centerCode: string, periodKey: string) =>
  `${ruleId}|${personId}|${centerCode}|${periodKey}`;

/** The days of a holding inside the window asked for. */
export function activeSpan(h: Holding, ctx: KindContext): { from: string; to: string } {
  return { from: h.from > ctx.from ? h.from : ctx.from, to: h.to < ctx.to ? h.to : ctx.to };
}

/** One duty of a holding for one period: what every rule kind produces, built in one place. */
export function dutySpec(
  rule: Rule,
  h: Holding,
  period: { key: string; start: string; end: string },
  due: { day: string; at: Date; closesAt: Date },
  target: number | null,
  suspended: string | null,
): DutySpec {
  return {
    key: dutyKey(rule.id, h.person.id, h.center.code, period.key),
    ruleId: rule.id,
    kind: rule.kind,
    personId: h.person.id,
    centerCode: h.center.code,
    periodKey: period.key,
    periodStart: period.start,
    periodEnd: period.end,
    dueDay: due.day,
    dueAt: due.at,
    closesAt: due.closesAt,
    target,
    status: suspended ? 'suspended' : 'open',
    statusNote: suspended,
    terms: rule,
  };
}
