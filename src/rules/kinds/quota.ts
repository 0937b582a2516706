// The quota kind: at least N records in a period (a workday, a week, a month, …, or a newly appointed manager's first days).
import { addDays, shanghaiInstant } from '../../lib/shanghai.ts';
import { periodOf, periodsBetween, type Period } from '../../lib/periods.ts';
import { leaveNote, leaveOn, presentDayShare, presentShare } from '../duties/leave.ts';
import { activeSpan, dutySpec, type DutySpec, type Holding, type KindContext } from '../duties/types.ts';
import type { Quota } from '../rulebook/schema.ts';

type PeriodKind = Quota['period'] | NonNullable<Quota['large_estate']>['period'];

/** The workdays of a full week: a calendar week with fewer owes only their share of its target. */
const WEEK_WORKDAYS = 5;

/** The quota's period for this center: the rule's, or the longer one of a large estate. */
function periodKind(rule: Quota, h: Holding): PeriodKind {
  return rule.large_estate && h.center.households > rule.large_estate.households_over ? rule.large_estate.period : rule.period;
}

/** A quota's periods for one holding: calendar periods, or windows counted from the day a manager was appointed. */
function periods(rule: Quota, h: Holding, ctx: KindContext): Period[] {
  const span = activeSpan(h, ctx);
  if (span.from > span.to) return [];
  const appointed = h.person.appointed;
  const onboarding = (days: number, label: string): Period[] =>
    appointed ? [{ unit: 'day', key: `${label}:${appointed}`, start: appointed, end: addDays(appointed, days - 1) }] : [];
  switch (periodKind(rule, h)) {
    case 'workday':
      return ctx.calendar.workdaysIn(span.from, span.to).map((d) => periodOf('day', d));
    case 'week':
      return periodsBetween('week', span.from, span.to);
    case 'month':
      return periodsBetween('month', span.from, span.to);
    case 'quarter':
      return periodsBetween('quarter', span.from, span.to);
    case 'year':
      return periodsBetween('year', span.from, span.to);
    case 'onboarding_days': {
      if (!appointed) return [];
      const end = addDays(appointed, ctx.settings.onboarding_days - 1);
      return ctx.calendar.workdaysIn(appointed, end).map((d) => periodOf('day', d));
    }
    case 'onboarding_week':
      return onboarding(7, 'onboarding-week');
    case 'onboarding_month':
      return onboarding(ctx.settings.onboarding_days, 'onboarding-month');
    case 'onboarding_year':
      return onboarding(365, 'onboarding-year');
  }
}

export function quotaDuties(rule: Quota, h: Holding, ctx: KindContext): DutySpec[] {
  if (rule.onboarding && !h.person.appointed) return [];
  const base =
    rule.target === 'households' ? h.center.households : rule.target === 'per_direct_report' ? Math.max(1, h.directReports) : rule.target;
  // a calendar week with fewer workdays than a full one (a holiday week) owes its share of a number; "every household"
  // stays every household. A new manager's first week runs seven days from the appointment whatever the calendar:
  // only the days not held and the days on leave shrink it (appointed 2026-10-01, all 14 visits by 10-07).
  const kind = periodKind(rule, h);
  const fullWorkdays = kind === 'week' && typeof rule.target === 'number' ? WEEK_WORKDAYS : 0;
  const out: DutySpec[] = [];
  for (const p of periods(rule, h, ctx)) {
    // the period must overlap the window and the days the post is held
    if (p.end < ctx.from || p.start > ctx.to || p.end < h.from || p.start > h.to) continue;
    let status: DutySpec['status'] = 'open';
    let note: string | null = null;
    let target = base;
    if (p.start === p.end) {
      const leave = leaveOn(h.person, p.start);
      if (leave) [status, note] = ['suspended', leaveNote(leave)];
    } else {
      // joined mid-period, on leave part of it, or a short week: the target shrinks with the workdays present
      const share =
        kind === 'onboarding_week'
          ? presentDayShare(h.person, p.start, p.end, h.from, h.to)
          : presentShare(ctx.calendar, h.person, p.start, p.end, h.from, h.to, fullWorkdays);
      if (share.held === 0) continue; // not theirs (no day of it held), or no workday at all (a week of Spring Festival)
      if (share.present === 0) {
        const leave = h.person.leave.find((l) => l.from <= p.end && l.to >= p.start);
        [status, note] = ['suspended', leave ? leaveNote(leave) : '请假'];
      } else if (share.present < 1) target = Math.max(1, Math.ceil(base * share.present - 1e-9)); // 10 × 0.7 is 7.000000000000001
    }
    // a share of a period ends with the post (a handover): judged on the last day held, nothing left open behind
    const last = h.to < p.end ? h.to : p.end;
    const dueAt = shanghaiInstant(last, '23:59');
    out.push(dutySpec(rule, h, p, { day: last, at: dueAt, closesAt: dueAt }, target, status === 'suspended' ? note : null));
  }
  return out;
}
