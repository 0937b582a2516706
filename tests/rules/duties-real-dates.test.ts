// Duties on the real dates of issues 17 and 25: Spring Festival 2026 (a week without workdays), 2027 without holiday data,
// and managers appointed around National Day and Spring Festival 2026 (a first week owed in full whatever the calendar).
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/rules/calendar/index.ts';
import type { DutyOrg, DutyPerson } from '../../src/rules/duties/duty-org.ts';
import { presentShare } from '../../src/rules/duties/leave.ts';
import { generateDuties } from '../../src/rules/duties/generate-duties.ts';
import type { DutySpec } from '../../src/rules/duties/types.ts';
import { defaultRulebook } from '../../src/rules/rulebook/load-rulebook.ts';

const book = defaultRulebook();
const calendar = createCalendar();
const WEEKLY_REPORTS = ['admin.weekly_plan_progress', 'admin.weekly_company_progress', 'finance.weekly_collection'];

function person(id: string, roles: string[], since: string, appointed: string | null = null): DutyPerson {
  return { id, name: id, openId: `ou_${id}`, roles, since, appointed, active: true, leave: [] };
}

/** One center of 820 households with its manager (appointed or not) and a supervisor, in place since 2025. */
function org(manager: DutyPerson = person('m1', ['manager'], '2025-01-01')): DutyOrg {
  return {
    people: new Map([
      ['m1', manager],
      ['v1', person('v1', ['supervisor'], '2025-01-01')],
    ]),
    centers: new Map([['C001', { code: 'C001', name: '阳光花园', households: 820, headcount: 35, posts: ['大门岗'], active: true }]]),
    assignments: [
      { centerCode: 'C001', role: 'manager', personId: 'm1', validFrom: '2025-01-01', validTo: null },
      { centerCode: 'C001', role: 'supervisor', personId: 'v1', validFrom: '2025-01-01', validTo: null },
    ],
  };
}

const of = (specs: DutySpec[], ruleId: string) => specs.filter((d) => d.ruleId === ruleId);
const dueDays = (specs: DutySpec[], ruleId: string) => of(specs, ruleId).map((d) => d.dueDay);
const week = (specs: DutySpec[], ruleId: string) =>
  of(specs, ruleId).map((d) => `${d.periodStart}..${d.periodEnd} ${d.target} due ${d.dueDay}`);
const periods = (specs: DutySpec[], ruleId: string) => of(specs, ruleId).map((d) => `${d.periodKey} ${d.dueDay}`);

describe('2026 week 8: Spring Festival (02-16 to 02-22) has no workday, so it owes nothing weekly', () => {
  const specs = generateDuties(book, org(), calendar, '2026-02-09', '2026-03-01');

  it('the Thursday reports and the Friday collection report are owed for weeks 7 and 9, none for week 8 (not on the make-up Saturday 02-14)', () => {
    expect(periods(specs, 'admin.weekly_plan_progress')).toEqual(['2026-W07 2026-02-12', '2026-W09 2026-02-26']);
    expect(periods(specs, 'admin.weekly_company_progress')).toEqual(['2026-W07 2026-02-12', '2026-W09 2026-02-26']);
    expect(periods(specs, 'finance.weekly_collection')).toEqual(['2026-W07 2026-02-13', '2026-W09 2026-02-27']);
    expect(specs.filter((d) => WEEKLY_REPORTS.includes(d.ruleId) && d.dueDay === '2026-02-14')).toEqual([]);
  });

  it('no staff talk is owed for week 8; weeks 7 and 9 owe one each', () => {
    expect(of(specs, 'hr.staff_talk').map((d) => `${d.periodKey} ${d.target}`)).toEqual(['2026-W07 1', '2026-W09 1']);
  });

  it('the make-up Saturday 02-14 still owes its daily report and patrols; the holiday days none', () => {
    expect(dueDays(specs, 'admin.daily_report')).toContain('2026-02-14');
    expect(dueDays(specs, 'quality.day_patrol')).toContain('2026-02-14');
    expect(dueDays(specs, 'admin.daily_report').filter((d) => d >= '2026-02-15' && d <= '2026-02-23')).toEqual([]);
  });

  it('presentShare of week 8 is 0, of week 7 (six workdays with the make-up Saturday) 1', () => {
    const m1 = person('m1', ['manager'], '2025-01-01');
    expect(presentShare(calendar, m1, '2026-02-16', '2026-02-22', '2025-01-01', '9999-12-31')).toEqual({ held: 0, present: 0 });
    expect(presentShare(calendar, m1, '2026-02-09', '2026-02-15', '2025-01-01', '9999-12-31', 5)).toEqual({ held: 1, present: 1 });
  });
});

describe('2027 has no holiday data: its statutory holidays rest', () => {
  it('2027-01-01 owes no daily report or patrol; the Friday collection report of that week moves to Thursday 2026-12-31', () => {
    const specs = generateDuties(book, org(), calendar, '2026-12-28', '2027-01-08');
    expect(dueDays(specs, 'admin.daily_report')).not.toContain('2027-01-01');
    expect(dueDays(specs, 'quality.day_patrol')).not.toContain('2027-01-01');
    expect(dueDays(specs, 'admin.daily_report').filter((d) => d >= '2027-01-01')).toEqual([
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
      '2027-01-07',
      '2027-01-08',
    ]);
    expect(periods(specs, 'finance.weekly_collection')).toEqual(['2026-W53 2026-12-31', '2027-W01 2027-01-08']);
    // the self-review due on Saturday 2027-01-02 moves to the next workday, past 元旦 and the weekend
    expect(of(specs, 'admin.monthly_self_review').map((d) => `${d.periodKey} ${d.dueDay}`)).toEqual(['2026-12 2027-01-04']);
  });

  it('Spring Festival 2027 (除夕 02-05 to 初三 02-08, with 初一 and 初二 on a weekend made up on 02-09 and 02-10): daily duties only on 02-11 and 02-12', () => {
    const specs = generateDuties(book, org(), calendar, '2027-02-05', '2027-02-12');
    expect(dueDays(specs, 'admin.daily_report')).toEqual(['2027-02-11', '2027-02-12']);
    expect(dueDays(specs, 'quality.day_patrol')).toEqual(['2027-02-11', '2027-02-12']);
    expect(dueDays(specs, 'brand.morning_reading')).toEqual(['2027-02-11', '2027-02-12']);
    expect(periods(specs, 'admin.weekly_plan_progress')).toEqual(['2027-W06 2027-02-11']);
    // the collection report of week 5 falls on 除夕 (Friday 02-05): it moves to Thursday 02-04, before this window
    const week5 = generateDuties(book, org(), calendar, '2027-02-01', '2027-02-07');
    expect(periods(week5, 'finance.weekly_collection')).toEqual(['2027-W05 2027-02-04']);
  });
});

describe('a weekly report stays inside its week', () => {
  it('Thursday a holiday and Monday to Thursday all rest: the report is due on the Friday, not in the week before', () => {
    const company = createCalendar({
      overrides: { years: { 2027: { holidays: ['2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'] } } },
    });
    const specs = generateDuties(book, org(), company, '2027-09-27', '2027-10-10');
    expect(periods(specs, 'admin.weekly_plan_progress')).toEqual(['2027-W39 2027-09-30', '2027-W40 2027-10-08']);
  });
});

describe('a manager appointed on 2026-09-28, three workdays before National Day', () => {
  const specs = generateDuties(book, org(person('m1', ['manager'], '2026-09-28', '2026-09-28')), calendar, '2026-09-28', '2026-10-31');

  it('the first week (09-28 to 10-04) owes all of it though only 3 of its days are workdays: 14 visits, 5 owners known, all 820 owners', () => {
    expect(week(specs, 'customer.onboarding_week')).toEqual(['2026-09-28..2026-10-04 14 due 2026-10-04']);
    expect(week(specs, 'customer.onboarding_week_known')).toEqual(['2026-09-28..2026-10-04 5 due 2026-10-04']);
    expect(week(specs, 'customer.onboarding_week_info')).toEqual(['2026-09-28..2026-10-04 820 due 2026-10-04']);
  });

  it("every workday of the first month owes 2 visits and 15 households' information, none during National Day, one on the make-up Saturday 10-10", () => {
    const workdays = calendar.workdaysIn('2026-09-28', '2026-10-27');
    expect(workdays).toContain('2026-10-10');
    expect(workdays.filter((d) => d >= '2026-10-01' && d <= '2026-10-07')).toEqual([]);
    expect(of(specs, 'customer.onboarding_daily').map((d) => `${d.dueDay} ${d.target}`)).toEqual(workdays.map((d) => `${d} 2`));
    expect(of(specs, 'customer.onboarding_daily_info').map((d) => `${d.dueDay} ${d.target}`)).toEqual(workdays.map((d) => `${d} 15`));
  });

  it('every owner known (820 households) by the end of the first month, 2026-10-27', () => {
    expect(of(specs, 'customer.know_all_owners').map((d) => `${d.periodKey} ${d.periodEnd} ${d.target}`)).toEqual([
      'onboarding-month:2026-09-28 2026-10-27 820',
    ]);
  });

  it("the Thursday reports of the first week move from 10-01 to Wednesday 09-30; the week's staff talk is owed", () => {
    expect(periods(specs, 'admin.weekly_plan_progress')[0]).toBe('2026-W40 2026-09-30');
    expect(of(specs, 'hr.staff_talk')[0]).toMatchObject({ periodKey: '2026-W40', target: 1 });
  });
});

describe('a first week runs seven days from the appointment, whatever the calendar', () => {
  const appointed = (day: string, leave: DutyPerson['leave'] = []) => ({ ...person('m1', ['manager'], day, day), leave });
  const firstWeek = (m: DutyPerson, to: string) => {
    const specs = generateDuties(book, org(m), calendar, m.appointed!, to);
    return ['customer.onboarding_week', 'customer.onboarding_week_known', 'customer.onboarding_week_info'].flatMap((id) => week(specs, id));
  };

  it('appointed on National Day 2026-10-01 (all seven days a holiday): 14 visits, 5 owners known and all 820 owners by 2026-10-07', () => {
    expect(calendar.workdaysIn('2026-10-01', '2026-10-07')).toEqual([]);
    expect(firstWeek(appointed('2026-10-01'), '2026-10-31')).toEqual([
      '2026-10-01..2026-10-07 14 due 2026-10-07',
      '2026-10-01..2026-10-07 5 due 2026-10-07',
      '2026-10-01..2026-10-07 820 due 2026-10-07',
    ]);
  });

  it('appointed on Thursday 2026-02-12 (Spring Festival from 02-15): 14 visits and 5 owners known by 2026-02-18, not 9 and 3', () => {
    expect(firstWeek(appointed('2026-02-12'), '2026-03-20')).toEqual([
      '2026-02-12..2026-02-18 14 due 2026-02-18',
      '2026-02-12..2026-02-18 5 due 2026-02-18',
      '2026-02-12..2026-02-18 820 due 2026-02-18',
    ]);
  });

  it('appointed on 2026-02-16, the first day of a week without workdays: the whole first week is owed by 2026-02-22', () => {
    const specs = generateDuties(book, org(appointed('2026-02-16')), calendar, '2026-02-16', '2026-03-20');
    expect(week(specs, 'customer.onboarding_week')).toEqual(['2026-02-16..2026-02-22 14 due 2026-02-22']);
    expect(week(specs, 'customer.onboarding_week_known')).toEqual(['2026-02-16..2026-02-22 5 due 2026-02-22']);
    expect(of(specs, 'customer.know_all_owners')).toHaveLength(1);
  });

  it('leave inside the first week shrinks it by the days on leave: 2 of 7 days (10-06 to 10-07) leave ⌈14 × 5/7⌉ = 10 visits, 4 owners known', () => {
    const leave = [{ from: '2026-10-06', to: '2026-10-07', reason: '病假' }];
    expect(firstWeek(appointed('2026-10-01', leave), '2026-10-31')).toEqual([
      '2026-10-01..2026-10-07 10 due 2026-10-07',
      '2026-10-01..2026-10-07 4 due 2026-10-07',
      '2026-10-01..2026-10-07 586 due 2026-10-07',
    ]);
  });

  it('leave over the whole first week suspends it, naming the leave', () => {
    const leave = [{ from: '2026-09-30', to: '2026-10-08', reason: null }];
    const specs = generateDuties(book, org(appointed('2026-10-01', leave)), calendar, '2026-10-01', '2026-10-31');
    expect(of(specs, 'customer.onboarding_week').map((d) => `${d.status} ${d.statusNote}`)).toEqual([
      'suspended 请假 2026-09-30—2026-10-08',
    ]);
  });
});
