// The pure heart of Steward: (rulebook, org, calendar, window) → the duties each person owes, each with its period and due time.
import { addDays } from '../../lib/shanghai.ts';
import type { WorkCalendar } from '../calendar/types.ts';
import { anchoredDuties } from '../kinds/anchored.ts';
import { deadlineDuties } from '../kinds/deadline.ts';
import { quotaDuties } from '../kinds/quota.ts';
import type { Rulebook } from '../rulebook/schema.ts';
import type { DutyOrg } from './duty-org.ts';
import type { DutySpec, Holding, KindContext } from './types.ts';

const maxDay = (a: string, b: string) => (a > b ? a : b);
const FOREVER = '9999-12-31';

/** Every post held during [from, to]: who, where, and on which days (from the later of `since` and the assignment's start). */
export function holdings(org: DutyOrg, role: string, from: string, to: string): Holding[] {
  const out: Holding[] = [];
  const supervisorsOf = new Map<string, DutyOrg['assignments']>();
  for (const s of org.assignments)
    if (s.role === 'supervisor') supervisorsOf.set(s.centerCode, [...(supervisorsOf.get(s.centerCode) ?? []), s]);
  for (const a of org.assignments) {
    if (a.role !== role) continue;
    const person = org.people.get(a.personId);
    const center = org.centers.get(a.centerCode);
    if (!person || !center) continue;
    const start = maxDay(a.validFrom, person.since);
    const end = a.validTo ? addDays(a.validTo, -1) : FOREVER;
    if (start > end || start > to || end < from) continue;
    const directReports = (supervisorsOf.get(a.centerCode) ?? []).filter(
      (s) => s.validFrom <= end && (s.validTo === null || s.validTo > start),
    ).length;
    out.push({ person, center, from: start, to: end, directReports });
  }
  return out;
}

/** Duties due in [from, to] (deadlines by due day, quotas by the end of their period). Measures, deductions and follow-ups have none. */
export function generateDuties(book: Rulebook, org: DutyOrg, calendar: WorkCalendar, from: string, to: string): DutySpec[] {
  const ctx: KindContext = { calendar, settings: book.settings, from, to };
  const byRole = new Map<string, Holding[]>();
  const out: DutySpec[] = [];
  for (const rule of book.rules) {
    if (!rule.enabled) continue;
    if (rule.kind !== 'deadline' && rule.kind !== 'quota' && rule.kind !== 'anchored') continue;
    const role = rule.owner;
    if (!byRole.has(role)) byRole.set(role, holdings(org, role, from, to));
    for (const h of byRole.get(role)!) {
      if (rule.kind === 'deadline') out.push(...deadlineDuties(rule, h, ctx));
      else if (rule.kind === 'quota') out.push(...quotaDuties(rule, h, ctx));
      else out.push(...anchoredDuties(rule, h, ctx));
    }
  }
  return out;
}

/** Deadlines on a month or longer: stored further ahead, so a report whose period is running can be filed before it is due. */
export const isLongDeadline = (r: Rulebook['rules'][number]) =>
  r.kind === 'deadline' && ['month', 'quarter', 'half', 'year'].includes(r.cadence.every);

/**
 * What the scheduler stores: duties due in [from, to], and long-period deadlines due in [longFrom, longTo] (the rest of a
 * long window is computed on demand by `steward plan`, never written).
 */
export function dutiesToStore(
  book: Rulebook,
  org: DutyOrg,
  calendar: WorkCalendar,
  from: string,
  to: string,
  longTo: string,
  longFrom = from,
): DutySpec[] {
  const long = book.rules.filter(isLongDeadline);
  const short = book.rules.filter((r) => !isLongDeadline(r));
  return [
    ...generateDuties({ ...book, rules: short }, org, calendar, from, to),
    ...generateDuties({ ...book, rules: long }, org, calendar, longFrom, longTo),
  ];
}
