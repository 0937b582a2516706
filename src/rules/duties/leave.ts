// Leave (请假) against duties: is a day on leave, and how much of a period is left to work.
import { addDays } from '../../lib/shanghai.ts';
import type { WorkCalendar } from '../calendar/types.ts';
import type { DutyPerson } from './duty-org.ts';

export function leaveOn(person: DutyPerson, day: string): DutyPerson['leave'][number] | undefined {
  return person.leave.find((l) => l.from <= day && day <= l.to);
}

export function leaveNote(l: DutyPerson['leave'][number]): string {
  return `请假 ${l.from}—${l.to}${l.reason ? `（${l.reason}）` : ''}`;
}

/**
 * Of the workdays of [periodFrom, periodTo]: the share when the post was held, and the share held and not on leave.
 * A period without a workday (a week of Spring Festival) has a share of 0: nothing is owed for it. `fullWorkdays` is
 * what a full period has (5 for a week): a period with fewer workdays owes only their share of it.
 */
export function presentShare(
  calendar: WorkCalendar,
  person: DutyPerson,
  periodFrom: string,
  periodTo: string,
  from: string,
  to: string,
  fullWorkdays = 0,
): { held: number; present: number } {
  const all = calendar.workdaysIn(periodFrom, periodTo);
  if (all.length === 0) return { held: 0, present: 0 };
  const whole = Math.max(all.length, fullWorkdays);
  const held = all.filter((d) => d >= from && d <= to);
  const present = held.filter((d) => !leaveOn(person, d));
  return { held: held.length / whole, present: present.length / whole };
}

/**
 * Like presentShare, but every day of [periodFrom, periodTo] counts, workday or not: for a period that runs whatever
 * the calendar (a new manager's first seven days), so only the days not held and the days on leave shrink it.
 */
export function presentDayShare(
  person: DutyPerson,
  periodFrom: string,
  periodTo: string,
  from: string,
  to: string,
): { held: number; present: number } {
  const all: string[] = [];
  for (let day = periodFrom; day <= periodTo; day = addDays(day, 1)) all.push(day);
  const held = all.filter((d) => d >= from && d <= to);
  const present = held.filter((d) => !leaveOn(person, d));
  return { held: held.length / all.length, present: present.length / all.length };
}
