// A year without holiday data (2027 on): the statutory holidays fixed by law rest, with a weekday off for each on a weekend
// (第六条 补假, inferred); make-up workdays stay unknown; the company file wins.
import { Solar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { createCalendar, statutoryHolidays } from '../../../src/rules/calendar/index.ts';
import { statutoryDaysInLieu } from '../../../src/rules/calendar/statutory.ts';

const calendar = createCalendar();

/** Every day of [from, to] with its answer: "2027-02-05 rest 春节". */
function days(cal: ReturnType<typeof createCalendar>, from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    out.push(`${day} ${cal.isWorkday(day) ? 'work' : 'rest'}${cal.dayName(day) ? ` ${cal.dayName(day)}` : ''}`);
  }
  return out;
}

describe('the statutory fallback for a year without data', () => {
  it('除夕 2027 is 2027-02-05 by the lunar calendar: the 29th of a short twelfth month, the day before 正月初一', () => {
    const eve = Solar.fromYmd(2027, 2, 5).getLunar();
    const first = Solar.fromYmd(2027, 2, 6).getLunar();
    expect([eve.getMonth(), eve.getDay()]).toEqual([12, 29]);
    expect([first.getMonth(), first.getDay()]).toEqual([1, 1]);
  });

  it('2027-01-01 (a Friday) is 元旦, a rest day; Monday 2027-01-04 is the first workday of 2027', () => {
    expect(calendar.hasData(2027)).toBe(false);
    expect(days(calendar, '2027-01-01', '2027-01-04')).toEqual([
      '2027-01-01 rest 元旦',
      '2027-01-02 rest',
      '2027-01-03 rest',
      '2027-01-04 work',
    ]);
    expect(calendar.shift('2027-01-01', 'next-workday')).toBe('2027-01-04');
  });

  it('Spring Festival 2027 rests from 除夕 to 初三 (02-05 to 02-08), and 02-09 and 02-10 for 初一 and 初二 on the weekend; no make-up workday is assumed', () => {
    expect(days(calendar, '2027-02-05', '2027-02-12')).toEqual([
      '2027-02-05 rest 春节',
      '2027-02-06 rest 春节',
      '2027-02-07 rest 春节',
      '2027-02-08 rest 春节',
      '2027-02-09 rest 春节补假',
      '2027-02-10 rest 春节补假',
      '2027-02-11 work',
      '2027-02-12 work',
    ]);
    // make-up workdays cannot be known: the Saturdays around it stay rest days
    expect(calendar.isWorkday('2027-01-30')).toBe(false);
    expect(calendar.isWorkday('2027-02-20')).toBe(false);
    expect(calendar.workdaysIn('2027-02-01', '2027-02-14')).toEqual([
      '2027-02-01',
      '2027-02-02',
      '2027-02-03',
      '2027-02-04',
      '2027-02-11',
      '2027-02-12',
    ]);
  });

  it('the other statutory days of 2027: 清明 04-05, 劳动节 05-01–05-02, 端午 06-09, 中秋 09-15, 国庆 10-01–10-03', () => {
    const rest = [...statutoryHolidays(2027)].map(([day, name]) => `${day} ${name}`);
    expect(rest).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
    for (const day of ['2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) expect(calendar.isWorkday(day), day).toBe(false);
    // 10-02 and 10-03 are a Saturday and a Sunday: made up on Monday and Tuesday; the rest of the week is unknown
    expect(days(calendar, '2027-10-01', '2027-10-06')).toEqual([
      '2027-10-01 rest 国庆节',
      '2027-10-02 rest 国庆节',
      '2027-10-03 rest 国庆节',
      '2027-10-04 rest 国庆节补假',
      '2027-10-05 rest 国庆节补假',
      '2027-10-06 work',
    ]);
  });

  it('each statutory day of 2027 on a Saturday or Sunday gets a weekday off on the first workdays after its holiday: 02-09–02-10, 05-03–05-04, 10-04–10-05', () => {
    expect([...statutoryDaysInLieu(2027)].map(([day, name]) => `${day} ${name}`)).toEqual([
      '2027-02-09 春节补假',
      '2027-02-10 春节补假',
      '2027-05-03 劳动节补假',
      '2027-05-04 劳动节补假',
      '2027-10-04 国庆节补假',
      '2027-10-05 国庆节补假',
    ]);
    // 元旦 (Friday), 清明 (Monday 04-05), 端午 (Wednesday 06-09) and 中秋 (Wednesday 09-15) are weekdays: nothing to make up
    expect(days(calendar, '2027-04-30', '2027-05-05')).toEqual([
      '2027-04-30 work',
      '2027-05-01 rest 劳动节',
      '2027-05-02 rest 劳动节',
      '2027-05-03 rest 劳动节补假',
      '2027-05-04 rest 劳动节补假',
      '2027-05-05 work',
    ]);
    expect(calendar.shift('2027-02-05', 'next-workday')).toBe('2027-02-11');
  });

  it('2028: 元旦 on a Saturday is made up on Monday 01-03; a holiday on a weekday after the weekend is skipped (端午 Sunday 05-28 → Monday 05-29)', () => {
    expect([...statutoryDaysInLieu(2028)].map(([day, name]) => `${day} ${name}`)).toEqual([
      '2028-01-03 元旦补假',
      '2028-05-29 端午节补假',
      '2028-10-04 国庆节补假', // 10-01 is a Sunday; 中秋 10-03 inside 国庆 is one day, not two
    ]);
    expect(calendar.isWorkday('2028-01-03')).toBe(false);
    expect(calendar.isWorkday('2028-10-05')).toBe(true);
  });

  it('when two holidays meet (中秋 2028-10-03 inside 国庆) the day carries both names', () => {
    expect(calendar.dayName('2028-10-03')).toBe('中秋节、国庆节'); // in the law's order
    expect(calendar.dayName('2028-01-25')).toBe('春节'); // 除夕 2028
  });

  it('a year of official data is untouched: 2026 keeps its make-up Saturday 02-14 and its nine days of Spring Festival', () => {
    expect(calendar.isWorkday('2026-02-14')).toBe(true);
    expect(calendar.workdaysIn('2026-02-15', '2026-02-23')).toEqual([]);
  });

  it('the company calendar file still wins: its 2027 replaces the fallback, and its days off apply on top of it', () => {
    const company = createCalendar({
      overrides: { years: { 2027: { holidays: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'], workdays: ['2027-02-20'] } } },
    });
    expect(company.hasData(2027)).toBe(true);
    expect(company.isWorkday('2027-01-01')).toBe(true); // the file does not list it
    expect(company.isWorkday('2027-02-09')).toBe(false);
    expect(company.isWorkday('2027-02-20')).toBe(true);
    // nothing is inferred for a company year: its Labour Day days off are the file's (none listed here)
    expect(company.isWorkday('2027-05-03')).toBe(true);
    expect(company.isWorkday('2027-10-04')).toBe(true);
    const dayOff = createCalendar({ overrides: { daysOff: ['2027-02-11'], extraWorkdays: ['2027-02-06', '2027-02-10'] } });
    expect(dayOff.hasData(2027)).toBe(false);
    expect(dayOff.dayName('2027-02-11')).toBe('公司休息日');
    expect(dayOff.dayName('2027-02-10')).toBe('公司安排上班'); // the company works an inferred day off
    expect(dayOff.isWorkday('2027-02-06')).toBe(true);
    expect(dayOff.dayName('2027-02-05')).toBe('春节');
  });
});
