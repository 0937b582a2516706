// The duty generator on real dates: rest-day shifts, festivals, onboarding, leave and people who join mid-period.
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/rules/calendar/index.ts';
import type { DutyOrg, DutyPerson } from '../../src/rules/duties/duty-org.ts';
import { generateDuties } from '../../src/rules/duties/generate-duties.ts';
import { defaultRulebook } from '../../src/rules/rulebook/load-rulebook.ts';

const book = defaultRulebook();
const calendar = createCalendar();

function org(
  opts: { since?: string; appointed?: string | null; households?: number; leave?: DutyPerson['leave']; supervisorSince?: string } = {},
): DutyOrg {
  const person = (id: string, roles: string[], since: string): DutyPerson => ({
    id,
    name: id,
    openId: `ou_${id}`,
    roles,
    since,
    appointed: id === 'm1' ? (opts.appointed ?? null) : null,
    active: true,
    leave: id === 'm1' ? (opts.leave ?? []) : [],
  });
  return {
    people: new Map([
      ['m1', person('m1', ['manager'], opts.since ?? '2025-01-01')],
      ['v1', person('v1', ['supervisor'], opts.supervisorSince ?? '2025-01-01')],
    ]),
    centers: new Map([
      ['C001', { code: 'C001', name: '阳光花园', households: opts.households ?? 820, headcount: 35, posts: ['大门岗'], active: true }],
    ]),
    assignments: [
      { centerCode: 'C001', role: 'manager', personId: 'm1', validFrom: '2025-01-01', validTo: null },
      { centerCode: 'C001', role: 'supervisor', personId: 'v1', validFrom: '2025-01-01', validTo: null },
    ],
  };
}

const dues = (o: DutyOrg, ruleId: string, from: string, to: string) =>
  generateDuties(book, o, calendar, from, to)
    .filter((d) => d.ruleId === ruleId)
    .map((d) => d.dueDay);

describe('duties on real dates', () => {
  it('the make-up Saturdays 2026-02-14 and 2026-02-28 and Sunday 2026-01-04 owe a daily report; Spring Festival 2026-02-16 does not', () => {
    const days = dues(org(), 'admin.daily_report', '2026-01-01', '2026-02-28');
    expect(days).toEqual(expect.arrayContaining(['2026-01-04', '2026-02-14', '2026-02-28']));
    expect(days).not.toContain('2026-02-16');
    expect(days).not.toContain('2026-01-01');
  });

  it('Thursday 2026-10-01 (National Day) moves both Thursday reports to Wednesday 2026-09-30', () => {
    expect(dues(org(), 'admin.weekly_plan_progress', '2026-09-28', '2026-10-04')).toEqual(['2026-09-30']);
    expect(dues(org(), 'admin.weekly_company_progress', '2026-09-28', '2026-10-04')).toEqual(['2026-09-30']);
  });

  it('the self-review due on 2026-01-02 (New Year holiday) moves to 2026-01-04', () => {
    const [review] = generateDuties(book, org(), calendar, '2026-01-01', '2026-01-10').filter(
      (d) => d.ruleId === 'admin.monthly_self_review',
    );
    expect(review).toMatchObject({ dueDay: '2026-01-04', periodKey: '2025-12' });
  });

  it('the plan due on Saturday 2026-11-28 moves to Friday 2026-11-27', () => {
    expect(dues(org(), 'admin.monthly_plan', '2026-11-01', '2026-11-30')).toEqual(['2026-11-27']);
  });

  it('festival decoration: the plan 15 days and the decoration 1 day before Spring Festival 2026-02-17 and Mid-Autumn 2026-09-25', () => {
    const plans = generateDuties(book, org(), calendar, '2026-01-20', '2026-09-30').filter((d) => d.ruleId === 'brand.festival_plan');
    const deco = generateDuties(book, org(), calendar, '2026-01-20', '2026-09-30').filter((d) => d.ruleId === 'brand.festival_decoration');
    const at = (list: typeof plans, key: string) => list.find((d) => d.periodKey === key)?.dueDay;
    expect(at(plans, '2026-spring_festival')).toBe('2026-02-02');
    expect(at(deco, '2026-spring_festival')).toBe('2026-02-16');
    expect(at(plans, '2026-mid_autumn')).toBe('2026-09-10');
    expect(at(deco, '2026-mid_autumn')).toBe('2026-09-24');
  });

  it('the character star is nominated 10 days before the quarter ends', () => {
    expect(dues(org(), 'brand.character_star', '2026-12-01', '2026-12-31')).toEqual(['2026-12-21']);
  });

  it('a newly appointed manager owes the onboarding quotas: 2 visits each workday, 14 in the first week, every owner in the first month', () => {
    const o = org({ appointed: '2026-11-02', since: '2026-11-02' });
    const specs = generateDuties(book, o, calendar, '2026-11-01', '2026-12-31');
    const daily = specs.filter((d) => d.ruleId === 'customer.onboarding_daily');
    expect(daily[0]).toMatchObject({ dueDay: '2026-11-02', target: 2 });
    expect(daily.every((d) => d.dueDay <= '2026-12-01')).toBe(true);
    expect(specs.filter((d) => d.ruleId === 'customer.onboarding_week')).toEqual([
      expect.objectContaining({ periodStart: '2026-11-02', periodEnd: '2026-11-08', target: 14 }),
    ]);
    expect(specs.find((d) => d.ruleId === 'customer.know_all_owners')).toMatchObject({ target: 820, periodEnd: '2026-12-01' });
    const large = generateDuties(
      book,
      org({ appointed: '2026-11-02', since: '2026-11-02', households: 1500 }),
      calendar,
      '2026-11-01',
      '2027-12-31',
    );
    expect(large.find((d) => d.ruleId === 'customer.know_all_owners')).toMatchObject({ target: 1500, periodEnd: '2027-11-01' });
    // a manager who was not newly appointed owes none of it
    expect(
      generateDuties(book, org(), calendar, '2026-11-01', '2026-11-30').filter((d) => d.ruleId.startsWith('customer.onboarding')),
    ).toEqual([]);
  });

  it('leave suspends the daily duties in it and shrinks a monthly quota to the workdays present', () => {
    const o = org({ leave: [{ from: '2026-11-09', to: '2026-11-27', reason: '病假' }] });
    const specs = generateDuties(book, o, calendar, '2026-11-01', '2026-11-30');
    const reports = specs.filter((d) => d.ruleId === 'admin.daily_report');
    expect(reports.filter((d) => d.status === 'suspended')).toHaveLength(15);
    expect(reports.find((d) => d.dueDay === '2026-11-16')!.statusNote).toBe('请假 2026-11-09—2026-11-27（病假）');
    // 6 of 21 workdays present: night checks ceil(2 × 6/21) = 1
    expect(specs.find((d) => d.ruleId === 'quality.night_check')!.target).toBe(1);
    const away = generateDuties(
      book,
      org({ leave: [{ from: '2026-11-01', to: '2026-11-30', reason: null }] }),
      calendar,
      '2026-11-01',
      '2026-11-30',
    );
    expect(away.find((d) => d.ruleId === 'quality.night_check')).toMatchObject({ status: 'suspended' });
  });

  it('a supervisor who starts on the 20th owes a share of the month: one night check, not two', () => {
    const specs = generateDuties(book, org({ supervisorSince: '2026-11-20' }), calendar, '2026-11-01', '2026-11-30');
    expect(specs.find((d) => d.ruleId === 'quality.supervisor_night_check')!.target).toBe(1);
  });

  it('a manager handed over on Monday 2026-11-16 owes a share of November due on Sunday the 15th; the successor owes the rest, due on the 30th', () => {
    const o = org();
    o.people.set('m2', { ...o.people.get('m1')!, id: 'm2', name: 'm2', openId: 'ou_m2', since: '2026-11-16' });
    o.assignments = [
      { centerCode: 'C001', role: 'manager', personId: 'm1', validFrom: '2025-01-01', validTo: '2026-11-16' },
      { centerCode: 'C001', role: 'manager', personId: 'm2', validFrom: '2026-11-16', validTo: null },
    ];
    const nightChecks = generateDuties(book, o, calendar, '2026-11-01', '2026-11-30')
      .filter((d) => d.ruleId === 'quality.night_check')
      .map((d) => [d.personId, d.periodKey, d.dueDay, d.dueAt.toISOString()]);
    expect(nightChecks).toEqual([
      ['m1', '2026-11', '2026-11-15', '2026-11-15T15:59:00.000Z'],
      ['m2', '2026-11', '2026-11-30', '2026-11-30T15:59:00.000Z'],
    ]);
  });

  it('the duties are the same whatever the window they are computed in (keys are stable)', () => {
    const wide = generateDuties(book, org(), calendar, '2026-10-01', '2026-12-31').filter(
      (d) => d.dueDay >= '2026-11-01' && d.dueDay <= '2026-11-30',
    );
    const narrow = generateDuties(book, org(), calendar, '2026-11-01', '2026-11-30').filter(
      (d) => d.dueDay >= '2026-11-01' && d.dueDay <= '2026-11-30',
    );
    expect(new Set(narrow.map((d) => d.key))).toEqual(new Set(wide.map((d) => d.key)));
  });
});
