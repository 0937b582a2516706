// The deadline kind: a deliverable due at a time on a calendar (every workday, a weekday, a day of the month, …).
import { addDays, shanghaiInstant } from '../../lib/shanghai.ts';
import { lastDayOfMonth, periodOf, periodsBetween, type Period } from '../../lib/periods.ts';
import type { WorkCalendar } from '../calendar/types.ts';
import { leaveNote, leaveOn, presentShare } from '../duties/leave.ts';
import { activeSpan, dutySpec, type DutySpec, type Holding, type KindContext } from '../duties/types.ts';
import type { Deadline } from '../rulebook/schema.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The nominal due days of a cadence whose due day could fall in [from, to], with the period each is about. */
function occurrences(rule: Deadline, ctx: KindContext, from: string, to: string): { nominal: string; period: Period }[] {
  const c = rule.cadence;
  const out: { nominal: string; period: Period }[] = [];
  // look a little beyond the window: a rest-day shift can move a due day across its edge
  const lo = addDays(from, -40);
  const hi = addDays(to, 40);
  switch (c.every) {
    case 'workday':
      for (const day of ctx.calendar.workdaysIn(from, to)) out.push({ nominal: day, period: periodOf('day', day) });
      return out;
    case 'week':
      for (const week of periodsBetween('week', lo, hi)) out.push({ nominal: addDays(week.start, c.weekday - 1), period: week });
      return out;
    case 'month':
      for (const month of periodsBetween('month', lo, hi)) {
        const [y, m] = month.start.split('-').map(Number) as [number, number];
        const day = c.day === 'last' ? lastDayOfMonth(y, m) : Math.min(c.day, lastDayOfMonth(y, m));
        out.push({
          nominal: `${y}-${pad(m)}-${pad(day)}`,
          period: c.for === 'previous' ? periodOf('month', addDays(month.start, -1)) : month,
        });
      }
      return out;
    case 'quarter':
      for (const q of periodsBetween('quarter', lo, hi)) {
        const dueMonth = c.for === 'previous' ? addDays(q.end, 1) : `${q.start.slice(0, 8)}01`;
        const [y, m] = dueMonth.split('-').map(Number) as [number, number];
        out.push({ nominal: `${y}-${pad(m)}-${pad(Math.min(c.day, lastDayOfMonth(y, m)))}`, period: q });
      }
      return out;
    case 'half':
      for (const h of periodsBetween('half', lo, hi)) out.push({ nominal: h.end, period: h });
      return out;
    case 'year':
      for (const y of periodsBetween('year', lo, hi)) {
        const year = Number(y.key);
        out.push({ nominal: `${year}-${pad(c.month)}-${pad(Math.min(c.day, lastDayOfMonth(year, c.month)))}`, period: y });
      }
      return out;
    case 'scheduled':
      return out; // created by whoever schedules them (the quality center)
  }
}

/** How long after the deadline a deadline not met becomes missing rather than late. */
const GRACE_MS: Record<Deadline['cadence']['every'], number> = {
  workday: 24 * 3600_000,
  week: 7 * 24 * 3600_000,
  month: 7 * 24 * 3600_000,
  quarter: 7 * 24 * 3600_000,
  half: 7 * 24 * 3600_000,
  year: 7 * 24 * 3600_000,
  scheduled: 24 * 3600_000,
};

/**
 * The day a report is due: its nominal day moved off a rest day as the rule says. A weekly report stays inside its
 * week (a Thursday holiday never moves it into the week before); a week without a workday has none (null).
 */
function dueDayOf(rule: Deadline, calendar: WorkCalendar, nominal: string, period: Period): string | null {
  if (rule.cadence.every === 'workday') return nominal;
  const shifted = calendar.shift(nominal, rule.shift);
  if (rule.cadence.every !== 'week' || (shifted >= period.start && shifted <= period.end)) return shifted;
  const workdays = calendar.workdaysIn(period.start, period.end);
  if (workdays.length === 0) return null;
  return shifted < period.start ? workdays[0]! : workdays[workdays.length - 1]!;
}

export function deadlineDuties(rule: Deadline, h: Holding, ctx: KindContext): DutySpec[] {
  const out: DutySpec[] = [];
  const span = activeSpan(h, ctx);
  if (span.from > span.to) return out;
  for (const { nominal, period } of occurrences(rule, ctx, span.from, span.to)) {
    const dueDay = dueDayOf(rule, ctx.calendar, nominal, period);
    if (dueDay === null || dueDay < span.from || dueDay > span.to) continue;
    if (period.end < h.from) continue; // a report on a period before they held the post is not theirs
    // a period with no workday held (a week of Spring Festival) owes no report on it
    if (rule.cadence.every !== 'workday' && presentShare(ctx.calendar, h.person, period.start, period.end, h.from, h.to).held === 0)
      continue;
    const dueAt = shanghaiInstant(dueDay, rule.time);
    const leave = leaveOn(h.person, dueDay);
    const due = { day: dueDay, at: dueAt, closesAt: new Date(dueAt.getTime() + GRACE_MS[rule.cadence.every]) };
    out.push(dutySpec(rule, h, period, due, null, leave ? leaveNote(leave) : null));
  }
  return out;
}
